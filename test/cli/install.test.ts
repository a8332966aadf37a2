/**
 * The installable command line: `npm pack` gives a package whose one bundled file carries everything
 * (no runtime dependencies, no build tool), and installing it globally, offline, into a temporary
 * prefix gives a `tdcheck` that checks the sample, CSV included, in parallel too.
 */
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { binCall, CAN_CACHE, ROOT, SAMPLE, tempDir } from "../helpers/cli";

/** npm with nothing of an outer `npm test` in its environment, and a cache of its own. */
function npm(args: string[], cwd: string, cache: string) {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.npm_config_cache = cache;
  env.npm_config_update_notifier = "false";
  env.npm_config_fund = "false";
  env.npm_config_audit = "false";
  return spawnSync("npm", args, { cwd, env, encoding: "utf8" });
}

describe("npm pack + npm install -g --offline", () => {
  const work = tempDir();
  const cache = path.join(work, "cache");
  const prefix = path.join(work, "prefix");
  let tarball = "";

  beforeAll(() => {
    const pack = npm(["pack", "--pack-destination", work, "--json"], ROOT, cache);
    expect([pack.status, pack.stderr]).toEqual([0, expect.any(String)]);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, info.filename);
    // Only the launcher, the bundle (with its code cache, where this Node makes one), the manifest
    // and the README: no sources, no build tool.
    expect(info.files.map((f) => f.path).sort()).toEqual([
      "README.md",
      "bin/tdcheck.js",
      ...(CAN_CACHE ? ["dist/cli/tdcheck.cache"] : []),
      "dist/cli/tdcheck.js",
      "package.json",
    ]);
    const install = npm(["install", "-g", tarball, "--offline", "--prefix", prefix], work, cache);
    expect([install.status, install.stderr]).toEqual([0, expect.any(String)]);
  }, 120_000);

  const installed = () => path.join(prefix, "lib", "node_modules", "tdcheck");
  const tdcheck = (...args: string[]) =>
    spawnSync(path.join(prefix, "bin", "tdcheck"), args, { cwd: ROOT, encoding: "utf8" });

  test("the package declares no runtime dependencies and installs none", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(installed(), "package.json"), "utf8")) as Record<
      string,
      unknown
    >;
    for (const key of ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies"])
      expect([key, manifest[key]]).toEqual([key, undefined]);
    expect(fs.existsSync(path.join(installed(), "node_modules"))).toBe(false);
  });

  test("its bin never falls back to a build tool", () => {
    const bin = fs.readFileSync(path.join(installed(), "bin", "tdcheck.js"), "utf8");
    expect(bin).not.toMatch(/esbuild|child_process|execFile|spawn/);
  });

  test("the installed command starts from the bundle's code cache", () => {
    expect(binCall(path.join(installed(), "bin", "tdcheck.js"), "cacheStatus")).toBe(
      CAN_CACHE ? "used" : "none",
    );
  });

  test("`tdcheck check` of the sample finds the one error (exit 1)", () => {
    const r = tdcheck("check", SAMPLE);
    expect([r.status, r.stderr]).toEqual([1, ""]);
    expect(r.stdout).toContain("13 个区县合计 1999，与杭州市目标 2000 相差 -1");
  });

  test("a parallel batch of the sample and its CSV tables runs from the installed file (worker threads)", () => {
    const csv = path.join(ROOT, "examples", "data");
    const one = tdcheck("check", SAMPLE, csv, "--format", "json", "--jobs", "1");
    const two = tdcheck("check", SAMPLE, csv, "--format", "json", "--jobs", "2");
    expect([two.status, two.stderr]).toEqual([1, ""]);
    expect(two.stdout).toBe(one.stdout);
    const doc = JSON.parse(two.stdout) as { summary: { files: number; checked: number } };
    expect(doc.summary).toMatchObject({ files: 3, checked: 3 });
  });
});
