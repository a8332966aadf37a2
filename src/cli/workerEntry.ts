/**
 * What the worker threads of a parallel batch run. Beside an installed or built bundle
 * (dist/cli/tdcheck.js) stands its launcher (bin/tdcheck.js), which compiles the bundle from V8's
 * code cache: a worker started through it is ready sooner (docs/architecture.md, "The command
 * line"). Without the launcher (a bundle copied elsewhere), the bundle itself.
 */
import * as fs from "fs";
import * as path from "path";

export function workerEntry(bundleFile: string): string {
  const launcher = path.join(path.dirname(bundleFile), "..", "..", "bin", "tdcheck.js");
  return fs.existsSync(launcher) ? launcher : bundleFile;
}
