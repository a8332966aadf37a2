/** What the builds ship: the packages whose code the command line's, the pane's and the playground's bundles contain. */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";

const ROOT = join(__dirname, "..", "..");

/** The packages (by their top-level name) whose code a bundle of `entries` contains. */
export function bundledPackages(
  entries: string[],
  platform: "node" | "browser",
  alias?: Record<string, string>,
): Set<string> {
  const r = esbuild.buildSync({
    alias,
    entryPoints: entries.map((e) => join(ROOT, e)),
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    outdir: join(tmpdir(), "tdcheck-bundled"),
    platform,
    logLevel: "silent",
  });
  const names = new Set<string>();
  for (const file of Object.keys(r.metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (m) names.add(m[1]);
  }
  return names;
}

/**
 * What the builds ship that package.json names: the command line's bundle, the pane's, and the
 * playground's (whose .xlsx reader inflates with fflate instead of Node's zlib, scripts/playground.js).
 */
export function shippedPackages(): string[] {
  const shim = join(ROOT, "src", "playground", "shims", "zlib.ts");
  const all = new Set([
    ...bundledPackages(["src/cli/main.ts"], "node"),
    ...bundledPackages(["src/taskpane/index.tsx", "src/commands/commands.ts"], "browser"),
    ...bundledPackages(["src/playground/main.ts"], "browser", { "node:zlib": shim, zlib: shim }),
  ]);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  return [...all].filter((n) => n in pkg.devDependencies).sort();
}
