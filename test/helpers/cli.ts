import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { nodeIo, type CliIo } from "../../src/cli/io";
import { runCli } from "../../src/cli/run";

export const ROOT = path.join(__dirname, "..", "..");
export const SAMPLE = path.join(ROOT, "examples", "hangzhou-2024.xlsx");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process with real files and captured output (and any other io given). */
export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv);
}

export async function cliWith(more: Partial<CliIo>, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = {
    ...nodeIo(),
    stdout: (t: string) => (stdout += t),
    stderr: (t: string) => (stderr += t),
    ...more,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-"));
}

let bundle: string | undefined;

/** The real bundled command line, built once per test file, run as a separate process. */
export function spawnCli(args: string[], cwd = ROOT): CliRun {
  const r = spawnSync(process.execPath, [cliBundle(), ...args], { cwd, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The bundled command line's path (built once per test file): what a parallel batch's workers run. */
export function cliBundle(): string {
  if (!bundle) {
    bundle = path.join(tempDir(), "tdcheck.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as typeof import("esbuild");
    esbuild.buildSync({
      entryPoints: [path.join(ROOT, "src", "cli", "main.ts")],
      bundle: true,
      platform: "node",
      target: "node20",
      outfile: bundle,
      logLevel: "warning",
    });
  }
  return bundle;
}
