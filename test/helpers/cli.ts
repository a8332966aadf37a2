import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
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

/**
 * Runs the command line in-process with real files and captured output, in a system locale that
 * names no language (the command line's default, Chinese, whatever the machine's locale is).
 */
export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv);
}

/** The same with these environment variables (LANG, LC_ALL, TDCHECK_LANG…) and nothing else. */
export async function cliIn(env: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  return cliWith({ env }, ...argv);
}

/** The same with any other io given (paths, file sizes, a progress line…). */
export async function cliWith(more: Partial<CliIo>, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = {
    ...nodeIo(),
    env: {},
    locale: () => undefined,
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

/** The command line bundled as `npm run build:cli` does it, built once per test file: what a parallel batch's workers run. */
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

/** An environment whose locale names no language (so the default, Chinese, does not depend on the machine). */
export const NO_LANGUAGE_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  LANG: "C.UTF-8",
  LC_ALL: "",
  LC_MESSAGES: "",
  LANGUAGE: "",
  TDCHECK_LANG: "",
};

/**
 * The real bundled command line, run as a separate process, in a locale that names no language.
 * `timeoutMs` kills it (code -1) rather than let a test wait forever on a command that hangs.
 */
export function spawnCli(args: string[], cwd = ROOT, timeoutMs?: number): CliRun {
  const r = spawnSync(process.execPath, [cliBundle(), ...args], {
    cwd,
    encoding: "utf8",
    env: NO_LANGUAGE_ENV,
    timeout: timeoutMs,
    killSignal: "SIGKILL",
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Whether this Node makes a code cache for the bundle (bin/tdcheck.js ties it by zlib.crc32). */
export const CAN_CACHE = typeof (zlib as { crc32?: unknown }).crc32 === "function";

/**
 * What a bin/tdcheck.js says of its code cache, or writes, asked in a process of its own (a cache
 * made or judged inside Jest's process would carry Jest's V8 flags).
 */
export function binCall(bin: string, call: "cacheStatus" | "writeCodeCache"): string {
  const r = spawnSync(
    process.execPath,
    ["-e", `process.stdout.write(String(require(${JSON.stringify(bin)}).${call}()))`],
    { encoding: "utf8" },
  );
  expect(r.stderr).toBe("");
  return r.stdout;
}
