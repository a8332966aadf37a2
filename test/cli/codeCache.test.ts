/**
 * bin/tdcheck.js compiles the bundled command line from the V8 code cache `npm run build:cli`
 * leaves beside it, and only from a cache made of those very bundle bytes: a cache changes how fast
 * the command starts, never what it does. Each test lays out a package of its own (bin/ and
 * dist/cli/) in a temporary folder.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { workerEntry } from "../../src/cli/workerEntry";
import { binCall, CAN_CACHE, cliBundle, NO_LANGUAGE_ENV, ROOT, SAMPLE, tempDir } from "../helpers/cli";

interface Layout {
  bin: string;
  bundle: string;
  cache: string;
}

function layout(): Layout {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, "bin"));
  fs.mkdirSync(path.join(dir, "dist", "cli"), { recursive: true });
  const bin = path.join(dir, "bin", "tdcheck.js");
  const bundle = path.join(dir, "dist", "cli", "tdcheck.js");
  fs.copyFileSync(path.join(ROOT, "bin", "tdcheck.js"), bin);
  fs.copyFileSync(cliBundle(), bundle);
  return { bin, bundle, cache: path.join(dir, "dist", "cli", "tdcheck.cache") };
}

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: NO_LANGUAGE_ENV,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CHECK = ["check", SAMPLE, "--format", "json"];

describe("bin/tdcheck.js and the bundle's code cache", () => {
  test("the cache written for a bundle is the one V8 compiles it from, and the command answers as the bundle does", () => {
    const l = layout();
    expect(binCall(l.bin, "writeCodeCache")).toBe(String(CAN_CACHE));
    if (!CAN_CACHE) return;
    expect(fs.statSync(l.cache).size).toBeGreaterThan(8);
    expect(binCall(l.bin, "cacheStatus")).toBe("used");
    const viaBin = run(l.bin, CHECK);
    const direct = run(l.bundle, CHECK);
    expect([viaBin.status, viaBin.stderr]).toEqual([1, ""]);
    expect(viaBin.stdout).toBe(direct.stdout);
  });

  test("a cache made of other bundle bytes is not used: the bundle is compiled from its source alone, with the same answers", () => {
    const l = layout();
    if (!CAN_CACHE) return;
    binCall(l.bin, "writeCodeCache");
    // The same length, one byte changed: V8 alone (which checks only the length) would take the cache.
    const bytes = fs.readFileSync(l.bundle);
    const at = bytes.indexOf("// src/cli/main.ts");
    expect(at).toBeGreaterThan(0);
    bytes[at + 3] = "S".charCodeAt(0);
    fs.writeFileSync(l.bundle, bytes);
    expect(binCall(l.bin, "cacheStatus")).toBe("none");
    const r = run(l.bin, CHECK);
    expect([r.status, r.stderr]).toEqual([1, ""]);
    expect(r.stdout).toBe(run(l.bundle, CHECK).stdout);
  });

  test("a damaged cache is rejected by V8 and the command still runs; without a cache it runs too", () => {
    const l = layout();
    if (CAN_CACHE) {
      binCall(l.bin, "writeCodeCache");
      const cache = fs.readFileSync(l.cache);
      cache.fill(0x5a, 8 + 16);
      fs.writeFileSync(l.cache, cache);
      expect(binCall(l.bin, "cacheStatus")).toBe("rejected");
      const damaged = run(l.bin, CHECK);
      expect([damaged.status, damaged.stderr]).toEqual([1, ""]);
      expect(damaged.stdout).toBe(run(l.bundle, CHECK).stdout);
      fs.rmSync(l.cache);
    }
    expect(binCall(l.bin, "cacheStatus")).toBe("none");
    const none = run(l.bin, CHECK);
    expect([none.status, none.stderr]).toEqual([1, ""]);
  });

  test("a parallel batch from a cached start runs its workers through the launcher too; a bundle alone runs them itself", () => {
    const l = layout();
    binCall(l.bin, "writeCodeCache");
    // The launcher notes each worker thread it starts in (it is the same file otherwise).
    const marks = path.join(tempDir(), "workers.txt");
    const note = `if (!require("worker_threads").isMainThread) require("fs").appendFileSync(${JSON.stringify(marks)}, "worker\\n");\n`;
    fs.writeFileSync(
      l.bin,
      fs.readFileSync(l.bin, "utf8").replace('"use strict";\n', `"use strict";\n${note}`),
    );
    const csv = path.join(ROOT, "examples", "data");
    const one = run(l.bin, ["check", SAMPLE, csv, "--format", "json", "--jobs", "1"]);
    expect(fs.existsSync(marks)).toBe(false);
    const two = run(l.bin, ["check", SAMPLE, csv, "--format", "json", "--jobs", "2"]);
    expect([two.status, two.stderr]).toEqual([1, ""]);
    expect(two.stdout).toBe(one.stdout);
    expect(fs.readFileSync(marks, "utf8")).toBe("worker\n");
    expect(workerEntry(l.bundle)).toBe(l.bin);
    // A bundle of another name beside the same launcher: the launcher would load the other file.
    const renamed = path.join(path.dirname(l.bundle), "tdcheck-copy.js");
    expect(workerEntry(renamed)).toBe(renamed);
    // Without a launcher beside it, the bundle starts its workers from itself, with the same answers.
    fs.rmSync(l.bin);
    expect(workerEntry(l.bundle)).toBe(l.bundle);
    const alone = run(l.bundle, ["check", SAMPLE, csv, "--format", "json", "--jobs", "2"]);
    expect([alone.status, alone.stderr, alone.stdout]).toEqual([1, "", one.stdout]);
  });

  test("without the bundle, a clear message and exit 2", () => {
    const l = layout();
    fs.rmSync(l.bundle);
    const r = run(l.bin, ["check", SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the command line is not built .*npm run build:cli/);
  });
});
