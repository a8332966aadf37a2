/**
 * The one way this project starts LibreOffice: headless, with a private profile per run (so two runs,
 * or a user's own open LibreOffice, never share a lock or settings), a timeout, and the whole process
 * group killed on failure or timeout (`soffice` is a shell script that starts `oosplash`, which starts
 * `soffice.bin`: killing only the first would leave the others running). Many files go through one
 * start, which is what makes it affordable (a start costs 1–5 s; a small file converts in ~0.1 s).
 *
 * The tests use it as a judge (every output opened by a real spreadsheet program); the command line
 * uses it to read `.xls`/`.et` input by converting it to `.xlsx` first (legacyInput.ts; `inputFilter`
 * names the import filter, so bytes of another kind are refused rather than guessed at), and stops a
 * run on Ctrl-C through `signal`. Node only; nothing here decides anything about a workbook's cells.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";

/** Output formats, each with the export filter LibreOffice needs to name it without guessing. */
export const OFFICE_FORMATS = {
  xlsx: { extension: "xlsx", filter: "xlsx:Calc MS Excel 2007 XML" },
  /** Excel 97–2003 (BIFF8): the tests make old workbooks with it. */
  xls: { extension: "xls", filter: "xls:MS Excel 97" },
  ods: { extension: "ods", filter: "ods:calc8" },
  /** Each sheet as an HTML table, conditional formats applied as cell colours. */
  html: { extension: "html", filter: "html:HTML (StarCalc)" },
  /** The first sheet, UTF-8, comma-separated, quoted text. */
  csv: { extension: "csv", filter: "csv:Text - txt - csv (StarCalc):44,34,76,1" },
  pdf: { extension: "pdf", filter: "pdf:calc_pdf_Export" },
} as const;

export type OfficeFormat = keyof typeof OFFICE_FORMATS;

export interface ConvertRequest {
  /** One file or many: many are converted by one LibreOffice start. Their names (without extension) must differ. */
  input: string | readonly string[];
  /** Where the converted files go (`<name>.<format>`); created when missing; never an input's own folder. */
  outDir: string;
  format: OfficeFormat;
  /** The soffice program; found with findSoffice() when not given. */
  soffice?: string;
  /** The whole run, start included (default 120 s). */
  timeoutMs?: number;
  /** An import filter name, for input whose extension does not say what it is (e.g. "MS Excel 97"). */
  inputFilter?: string;
  /** Stops the run early (the user pressed Ctrl-C): the process group is killed, the answer is ABORTED. */
  signal?: AbortSignal;
}

export interface ConvertedFile {
  input: string;
  /** The converted file; absent when LibreOffice could not load or convert this input. */
  output?: string;
}

export type ConvertProblemCode =
  /** No soffice program was found. */
  | "NOT_FOUND"
  /** The request itself is unusable (duplicate names, output folder = an input's folder, nothing to convert). */
  | "BAD_REQUEST"
  /** The run took longer than timeoutMs: the process group was killed. */
  | "TIMEOUT"
  /** The request's signal stopped the run: the process group was killed. */
  | "ABORTED"
  /** soffice could not be started, or ended with a failure code or a signal. */
  | "FAILED"
  /** soffice ended normally, but some inputs have no output (it could not load them). */
  | "NO_OUTPUT";

export type ConvertResult =
  | { ok: true; files: ConvertedFile[]; ms: number; log: string }
  | {
      ok: false;
      code: ConvertProblemCode;
      /** One line, in English, for a test's failure message or a log. */
      detail: string;
      files: ConvertedFile[];
      ms: number;
      /** What soffice printed (stdout and stderr). */
      log: string;
    };

const DEFAULT_TIMEOUT_MS = 120_000;

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Places LibreOffice installs itself to, on Linux (Debian, the tarball in /opt), macOS and Windows. */
function knownLocations(): string[] {
  const out = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/usr/local/bin/soffice"];
  try {
    for (const name of fs.readdirSync("/opt").sort().reverse())
      if (/^libreoffice/i.test(name)) out.push(path.join("/opt", name, "program", "soffice"));
  } catch {
    // no /opt
  }
  out.push("/Applications/LibreOffice.app/Contents/MacOS/soffice");
  for (const base of [process.env.ProgramFiles, process.env["ProgramFiles(x86)"]])
    if (base) out.push(path.join(base, "LibreOffice", "program", "soffice.exe"));
  return out;
}

/**
 * The soffice program: the path given (only that one: a wrong explicit path is not silently
 * replaced), else $TDCHECK_SOFFICE, else soffice or libreoffice on PATH, else the usual install
 * locations. Null when there is none.
 */
export function findSoffice(explicitPath?: string): string | null {
  if (explicitPath !== undefined) return isExecutable(explicitPath) ? explicitPath : null;
  const fromEnv = process.env.TDCHECK_SOFFICE;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  const names = process.platform === "win32" ? ["soffice.exe", "soffice.com"] : ["soffice", "libreoffice"];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean))
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  return knownLocations().find(isExecutable) ?? null;
}

function stem(file: string): string {
  return path.basename(file, path.extname(file));
}

/** Kills the process group a detached child leads (soffice, oosplash and soffice.bin together). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === "win32") process.kill(pid, "SIGKILL");
    else process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(process.platform === "win32" ? pid : -pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (up to 5 s) until a killed group has gone, so its profile is not removed under it. */
async function groupGone(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  for (let waited = 0; waited < 5000 && groupAlive(pid); waited += 50)
    await new Promise((r) => setTimeout(r, 50));
}

/**
 * Converts the input files with one LibreOffice start. Resolves (never rejects) with every input's
 * output, or a problem saying what went wrong; the private profile is removed afterwards, and on a
 * timeout or failure no LibreOffice process of this run is left behind.
 */
export async function convertWithLibreOffice(request: ConvertRequest): Promise<ConvertResult> {
  const started = Date.now();
  const inputs = (typeof request.input === "string" ? [request.input] : [...request.input]).map((f) =>
    path.resolve(f),
  );
  const outDir = path.resolve(request.outDir);
  const format = OFFICE_FORMATS[request.format];
  const planned: ConvertedFile[] = inputs.map((input) => ({ input }));
  const fail = (code: ConvertProblemCode, detail: string, log = "", files = planned): ConvertResult => ({
    ok: false,
    code,
    detail,
    files,
    ms: Date.now() - started,
    log,
  });

  if (!format) return fail("BAD_REQUEST", `unknown format ${String(request.format)}`);
  if (inputs.length === 0) return fail("BAD_REQUEST", "no input file");
  const stems = new Map<string, string>();
  for (const input of inputs) {
    // LibreOffice names each output after its input: two inputs of one name would overwrite each other.
    const key = stem(input).toLowerCase();
    const other = stems.get(key);
    if (other) return fail("BAD_REQUEST", `${other} and ${input} would both convert to ${stem(input)}`);
    stems.set(key, input);
    // Converting into the input's own folder could overwrite the input (a.xlsx → a.xlsx).
    if (path.dirname(input) === outDir)
      return fail("BAD_REQUEST", `the output folder is the folder of ${input}`);
    if (!fs.existsSync(input)) return fail("BAD_REQUEST", `no such file: ${input}`);
  }
  const soffice = request.soffice !== undefined ? findSoffice(request.soffice) : findSoffice();
  if (!soffice)
    return fail(
      "NOT_FOUND",
      request.soffice !== undefined
        ? `${request.soffice} is not an executable file`
        : "LibreOffice (soffice) was not found: install it (Debian: apt-get install libreoffice-calc-nogui) or set TDCHECK_SOFFICE",
    );

  const expected = inputs.map((input) => path.join(outDir, `${stem(input)}.${format.extension}`));
  let profile: string;
  try {
    fs.mkdirSync(outDir, { recursive: true });
    // A stale file of the expected name would pass for this run's output.
    for (const file of expected) fs.rmSync(file, { force: true });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-soffice-"));
  } catch (e) {
    // A full or read-only temporary folder: said like any failure, never thrown.
    return fail("FAILED", `cannot prepare the run's folders: ${(e as Error).message}`);
  }
  const args = [
    "--headless",
    "--invisible",
    "--nologo",
    "--norestore",
    "--nolockcheck",
    "--nodefault",
    "--nofirststartwizard",
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    ...(request.inputFilter ? [`--infilter=${request.inputFilter}`] : []),
    "--convert-to",
    format.filter,
    "--outdir",
    outDir,
    ...inputs,
  ];
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let log = "";
  let pid: number | undefined;
  const outcome = await new Promise<{
    code: number | null;
    signal: string | null;
    timedOut: boolean;
    aborted: boolean;
    error?: string;
  }>((resolve) => {
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const child = spawn(soffice, args, {
      detached: process.platform !== "win32",
      stdio: ["ignore", "pipe", "pipe"],
      // A home of its own: some builds write caches under $HOME whatever the profile says.
      env: { ...process.env, HOME: profile, SAL_USE_VCLPLUGIN: "svp" },
    });
    pid = child.pid;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    const abort = (): void => {
      aborted = true;
      killGroup(child.pid);
    };
    if (request.signal?.aborted) abort();
    else request.signal?.addEventListener("abort", abort, { once: true });
    child.stdout?.on("data", (d: Buffer) => (log += d.toString("utf8")));
    child.stderr?.on("data", (d: Buffer) => (log += d.toString("utf8")));
    const finish = (value: { code: number | null; signal: string | null; error?: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", abort);
      // Whatever the outcome, nothing of this run stays behind (oosplash may outlive soffice).
      killGroup(child.pid);
      resolve({ ...value, timedOut, aborted });
    };
    child.on("error", (e) => finish({ code: null, signal: null, error: e.message }));
    child.on("close", (code, signal) => finish({ code, signal }));
  });
  await groupGone(pid);
  fs.rmSync(profile, { recursive: true, force: true });

  const files: ConvertedFile[] = inputs.map((input, i) =>
    fs.existsSync(expected[i]) ? { input, output: expected[i] } : { input },
  );
  if (outcome.aborted)
    return fail("ABORTED", "stopped before LibreOffice finished; its processes were killed", log, files);
  if (outcome.timedOut)
    return fail(
      "TIMEOUT",
      `LibreOffice did not finish within ${timeoutMs} ms; its processes were killed`,
      log,
      files,
    );
  if (outcome.error) return fail("FAILED", `${soffice} could not be started: ${outcome.error}`, log, files);
  if (outcome.code !== 0)
    return fail(
      "FAILED",
      `${soffice} ended with ${outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.code}`}`,
      log,
      files,
    );
  const missing = files.filter((f) => !f.output);
  if (missing.length)
    return fail(
      "NO_OUTPUT",
      `LibreOffice could not convert ${missing.length} of ${files.length} file(s): ${missing.map((f) => path.basename(f.input)).join(", ")}`,
      log,
      files,
    );
  return { ok: true, files, ms: Date.now() - started, log };
}
