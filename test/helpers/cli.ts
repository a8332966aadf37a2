import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { nodeIo } from "../../src/cli/io";
import { runCli } from "../../src/cli/run";

export const ROOT = path.join(__dirname, "..", "..");
export const SAMPLE = path.join(ROOT, "examples", "hangzhou-2024.xlsx");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process with real files and captured output. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = { ...nodeIo(), stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-"));
}

let bundle: string | undefined;

/** The command line bundled as `npm run build:cli` does it, built once per test file. */
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

/**
 * The real bundled command line, run as a separate process. `timeoutMs` kills it (code -1) rather
 * than let a test wait forever on a command that hangs.
 */
export function spawnCli(args: string[], cwd = ROOT, timeoutMs?: number): CliRun {
  const r = spawnSync(process.execPath, [cliBundle(), ...args], {
    cwd,
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
