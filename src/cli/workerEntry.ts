/**
 * What the worker threads of a parallel batch run. Beside an installed or built bundle
 * (dist/cli/tdcheck.js) stands its launcher (bin/tdcheck.js), which compiles the bundle from V8's
 * code cache: a worker started through it is ready sooner (docs/architecture.md, "The command
 * line"). The launcher loads ../dist/cli/tdcheck.js from its own folder, so it is used only where
 * that is this very bundle; otherwise (a bundle copied or renamed) the bundle itself.
 */
import * as fs from "fs";
import * as path from "path";

export function workerEntry(bundleFile: string): string {
  const launcher = path.resolve(path.dirname(bundleFile), "..", "..", "bin", "tdcheck.js");
  const loads = path.resolve(path.dirname(launcher), "..", "dist", "cli", "tdcheck.js");
  return loads === path.resolve(bundleFile) && fs.existsSync(launcher) ? launcher : bundleFile;
}
