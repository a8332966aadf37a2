/**
 * The command line on a large file, side by side with openpyxl (issue 7).
 *
 * One generated workbook (bench/splitWorkbook.ts: 50,000 units × 20 indicators in rows under a
 * 合计 row, 1,000,020 value cells, 4 indicators whose 合计 is off) is written to a temp folder,
 * then, in rounds so that a change in the machine's load hits every contender alike:
 *
 *   - `node bin/tdcheck.js check FILE --format json > /dev/null`, a process of its own: the command
 *     as installed, which compiles dist/cli/tdcheck.js from its code cache;
 *   - `node dist/bench/readFile.js FILE`: the same reader (readXlsx) and nothing else;
 *   - `/usr/bin/python3 bench/openpyxl_check.py FILE`: the same sum checks with openpyxl;
 *   - `node bench/exceljsRead.js FILE`: exceljs's streaming reader visiting every cell (the reader
 *     not chosen, for the README's comparison).
 *
 * Wall time is measured here around each process (median over the rounds). Peak memory and CPU
 * time come from GNU time (`/usr/bin/time -v`, Debian's `time` package, installed if missing);
 * without it, from a preloaded hook that reports the process's own resourceUsage() at exit.
 * An untimed first run of each checks the answers: tdcheck must report exactly the deliberate
 * mismatches, and openpyxl must count as many.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildSplitWorkbook, PLAIN_UNITS } from "./splitWorkbook";
import type { BenchRow } from "./types";

const ROOT = path.join(__dirname, "..");
/** The command as installed (`tdcheck` runs bin/tdcheck.js, which compiles the bundle from its code cache). */
const CLI = path.join(ROOT, "bin", "tdcheck.js");
const BUNDLE = path.join(ROOT, "dist", "cli", "tdcheck.js");
const READER = path.join(ROOT, "dist", "bench", "readFile.js");
const PY_SCRIPT = path.join(ROOT, "bench", "openpyxl_check.py");
const EXCELJS = path.join(ROOT, "bench", "exceljsRead.js");
/** Debian's interpreter, where apt installs python3-openpyxl (the env override is to try the n/a path). */
const PYTHON = process.env.TDCHECK_BENCH_PYTHON || "/usr/bin/python3";
const GNU_TIME = "/usr/bin/time";

// Nine rounds: the check ÷ read ratio of one round moves by ±0.1 on a shared machine, and its median
// over five still moved by ±0.05 from run to run.
const ROUNDS = Number(process.env.TDCHECK_BENCH_ROUNDS || 9);
const PY_ROUNDS = Math.min(ROUNDS, Number(process.env.TDCHECK_BENCH_PY_ROUNDS || 3));

export interface Measured {
  wallMs: number;
  /** user + system CPU time, ms (NaN when unknown) */
  cpuMs: number;
  /** peak resident set size, KiB (NaN when unknown) */
  maxRssKiB: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Whether bin/tdcheck.js compiles the bundle from its code cache ("used"), as it says itself. */
export function codeCacheStatus(): string {
  const r = spawnSync(
    process.execPath,
    ["-e", `process.stdout.write(require(${JSON.stringify(CLI)}).cacheStatus())`],
    {
      encoding: "utf8",
    },
  );
  return r.status === 0 ? r.stdout : `unknown (${r.stderr.trim().split("\n").pop()})`;
}

export function log(text: string): void {
  process.stderr.write(`  ${text}\n`);
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function runs(cmd: string, args: string[], opts: { timeout?: number } = {}): boolean {
  const r = spawnSync(cmd, args, { stdio: "ignore", timeout: opts.timeout ?? 120_000 });
  return r.status === 0;
}

/** Debian's GNU time; installed with apt-get when missing and possible. */
export function ensureGnuTime(): boolean {
  if (process.env.TDCHECK_BENCH_NO_GNU_TIME) return false; // to try the fallback
  if (fs.existsSync(GNU_TIME)) return true;
  log("/usr/bin/time is missing: trying `apt-get install -y time`…");
  const apt = ensureAptPackage("time");
  if (!apt || !fs.existsSync(GNU_TIME)) {
    log("GNU time unavailable; peak memory and CPU time come from a resourceUsage() hook instead");
    return false;
  }
  return true;
}

let aptUpdated = false;
function ensureAptPackage(name: string): boolean {
  if (!runs("sh", ["-c", "command -v apt-get"])) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    const u = spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore", env, timeout: 180_000 });
    aptUpdated = u.status === 0;
    if (!aptUpdated) return false;
  }
  const i = spawnSync("apt-get", ["install", "-y", "-qq", name], { stdio: "ignore", env, timeout: 300_000 });
  return i.status === 0;
}

/** Why openpyxl cannot run, or undefined when it can. */
function ensureOpenpyxl(): string | undefined {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = (): boolean => runs(PYTHON, ["-c", "import openpyxl"]);
  if (probe()) return undefined;
  log("openpyxl is missing for /usr/bin/python3: apt-get update && apt-get install -y python3-openpyxl…");
  if (!ensureAptPackage("python3-openpyxl"))
    return "python3-openpyxl could not be installed (apt-get failed or is unavailable; run as root with network)";
  return probe() ? undefined : "python3-openpyxl installed but `import openpyxl` still fails";
}

/** Writes process.resourceUsage() to the file named by TDCHECK_BENCH_USAGE at exit (node only). */
function usageHook(dir: string): string {
  const file = path.join(dir, "usage-hook.js");
  fs.writeFileSync(
    file,
    `"use strict";\nprocess.on("exit", () => {\n  const u = process.resourceUsage();\n` +
      `  require("fs").writeFileSync(process.env.TDCHECK_BENCH_USAGE, JSON.stringify({ maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 }));\n});\n`,
  );
  return file;
}

export class Runner {
  private readonly usageFile: string;
  private readonly hook: string;
  constructor(
    private readonly dir: string,
    private readonly gnuTime: boolean,
  ) {
    this.usageFile = path.join(dir, "usage.txt");
    this.hook = usageHook(dir);
  }

  /** Runs one process; stdout goes to `stdoutTo` (a path, "/dev/null", or "pipe" to capture). */
  run(cmd: string, args: string[], stdoutTo: string): Measured {
    const isNode = cmd === process.execPath;
    let command = cmd;
    let argv = args;
    const env = { ...process.env, TDCHECK_BENCH_USAGE: this.usageFile };
    if (this.gnuTime) {
      command = GNU_TIME;
      argv = ["-v", "-o", this.usageFile, cmd, ...args];
    } else if (isNode) argv = ["--require", this.hook, ...args];
    fs.rmSync(this.usageFile, { force: true });
    const out = stdoutTo === "pipe" ? "pipe" : fs.openSync(stdoutTo, "w");
    const t0 = performance.now();
    const r = spawnSync(command, argv, {
      stdio: ["ignore", out, "pipe"],
      env,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    const wallMs = performance.now() - t0;
    if (typeof out === "number") fs.closeSync(out);
    let cpuMs = NaN;
    let maxRssKiB = NaN;
    if (fs.existsSync(this.usageFile)) {
      const text = fs.readFileSync(this.usageFile, "utf8");
      if (this.gnuTime) {
        const num = (re: RegExp): number => Number(re.exec(text)?.[1] ?? NaN);
        cpuMs = (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000;
        maxRssKiB = num(/Maximum resident set size \(kbytes\): (\d+)/);
      } else if (isNode) {
        const u = JSON.parse(text) as { maxRSS: number; cpu: number };
        cpuMs = u.cpu;
        maxRssKiB = u.maxRSS;
      }
    }
    return {
      wallMs,
      cpuMs,
      maxRssKiB,
      status: r.status,
      stdout: r.stdout ? r.stdout.toString("utf8") : "",
      stderr: r.stderr ? r.stderr.toString("utf8") : "",
    };
  }
}

interface CliFigures {
  checkMs: number;
  checkCpuMs: number;
  checkRssMiB: number;
  readMs: number;
  readCpuMs: number;
  readRssMiB: number;
  pyMs: number;
  pyCpuMs: number;
  pyRssMiB: number;
  pyProblem?: string;
  /** Median over the rounds of each round's check ÷ read (both ran back to back, under one load). */
  checkOverRead: number;
  /** Likewise openpyxl ÷ check, over the rounds openpyxl ran in. */
  pyOverCheck: number;
  exceljsMs: number;
  exceljsCpuMs: number;
  exceljsRssMiB: number;
  pyMismatches: number;
  ourMismatches: number;
  expected: number;
  cells: number;
  fileMiB: number;
}

function measure(): CliFigures {
  for (const f of [BUNDLE, READER])
    if (!fs.existsSync(f))
      throw new Error(`cli bench: ${path.relative(ROOT, f)} is missing; run it through \`npm run bench\``);
  log(`code cache of ${path.relative(ROOT, BUNDLE)}: ${codeCacheStatus()}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-bench-"));
  try {
    const t0 = performance.now();
    const book = buildSplitWorkbook(50_000, 20);
    const file = path.join(dir, "large-split.xlsx");
    fs.writeFileSync(file, book.bytes);
    log(
      `generated ${book.units.toLocaleString("en-US")} units × ${book.indicators} indicators ` +
        `(${book.cells.toLocaleString("en-US")} value cells, ${(book.bytes.length / 1048576).toFixed(1)} MiB) in ${(performance.now() - t0).toFixed(0)} ms`,
    );
    const gnuTime = ensureGnuTime();
    const pyProblem = ensureOpenpyxl();
    if (pyProblem) log(`openpyxl row will be n/a: ${pyProblem}`);
    const runner = new Runner(dir, gnuTime);
    const node = process.execPath;
    const checkArgs = [CLI, "check", file, "--format", "json"];

    // Untimed first runs: the answers, and the file in the page cache for everyone.
    const jsonOut = path.join(dir, "check.json");
    const first = runner.run(node, checkArgs, jsonOut);
    if (first.status !== 1)
      throw new Error(
        `cli bench: tdcheck check exited ${first.status} (expected 1: errors)\n${first.stderr}`,
      );
    const doc = JSON.parse(fs.readFileSync(jsonOut, "utf8")) as {
      findings: { rule: string; severity: string }[];
    };
    const ourMismatches = doc.findings.filter((f) => f.rule === "sum-mismatch").length;
    if (ourMismatches !== book.mismatches || doc.findings.length !== book.mismatches)
      throw new Error(
        `cli bench: tdcheck found ${doc.findings.length} findings (${ourMismatches} sum-mismatch); the file has ${book.mismatches} deliberate mismatches`,
      );
    const firstRead = runner.run(node, [READER, file], "pipe");
    if (firstRead.status !== 0) throw new Error(`cli bench: readFile failed\n${firstRead.stderr}`);
    const firstExceljs = runner.run(node, [EXCELJS, file], "pipe");
    if (firstExceljs.status !== 0 || firstExceljs.stdout !== firstRead.stdout)
      throw new Error(
        `cli bench: exceljs read ${firstExceljs.stdout.trim()} cells, readXlsx ${firstRead.stdout.trim()}\n${firstExceljs.stderr}`,
      );
    let pyMismatches = NaN;
    if (!pyProblem) {
      const py = runner.run(PYTHON, [PY_SCRIPT, file], "pipe");
      if (py.status !== 0) throw new Error(`cli bench: openpyxl_check.py failed\n${py.stderr}`);
      pyMismatches = Number(py.stdout.split("\n")[0]);
    }

    const check: Measured[] = [];
    const read: Measured[] = [];
    const py: Measured[] = [];
    const exceljs: Measured[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const c = runner.run(node, checkArgs, "/dev/null");
      if (c.status !== 1) throw new Error(`cli bench: tdcheck check exited ${c.status}\n${c.stderr}`);
      check.push(c);
      read.push(runner.run(node, [READER, file], "/dev/null"));
      if (!pyProblem && k < PY_ROUNDS) py.push(runner.run(PYTHON, [PY_SCRIPT, file], "/dev/null"));
      if (k < PY_ROUNDS) exceljs.push(runner.run(node, [EXCELJS, file], "/dev/null"));
      log(
        `round ${k + 1}/${ROUNDS}: check ${check[k].wallMs.toFixed(0)} ms, read ${read[k].wallMs.toFixed(0)} ms` +
          (py[k] ? `, openpyxl ${py[k].wallMs.toFixed(0)} ms` : "") +
          (exceljs[k] ? `, exceljs read ${exceljs[k].wallMs.toFixed(0)} ms` : ""),
      );
    }
    const mib = (xs: Measured[]): number => Math.max(...xs.map((m) => m.maxRssKiB)) / 1024;
    return {
      checkMs: median(check.map((m) => m.wallMs)),
      checkCpuMs: median(check.map((m) => m.cpuMs)),
      checkRssMiB: mib(check),
      readMs: median(read.map((m) => m.wallMs)),
      readCpuMs: median(read.map((m) => m.cpuMs)),
      readRssMiB: mib(read),
      pyMs: py.length ? median(py.map((m) => m.wallMs)) : NaN,
      pyCpuMs: py.length ? median(py.map((m) => m.cpuMs)) : NaN,
      pyRssMiB: py.length ? mib(py) : NaN,
      pyProblem,
      checkOverRead: median(check.map((c, k) => c.wallMs / read[k].wallMs)),
      pyOverCheck: py.length ? median(py.map((p, k) => p.wallMs / check[k].wallMs)) : NaN,
      exceljsMs: median(exceljs.map((m) => m.wallMs)),
      exceljsCpuMs: median(exceljs.map((m) => m.cpuMs)),
      exceljsRssMiB: mib(exceljs),
      pyMismatches,
      ourMismatches,
      expected: book.mismatches,
      cells: book.cells,
      fileMiB: book.bytes.length / 1048576,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same 1 M cells with the units named 单位1…单位50000 under a 单位 header (which also heads
 * measure columns: detection must read its cells, not its word). Answers checked first, then
 * check and read in rounds as above.
 */
function measureUnitHeader(): { checkMs: number; readMs: number; ratio: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-bench-"));
  try {
    const book = buildSplitWorkbook(50_000, 20, PLAIN_UNITS);
    const file = path.join(dir, "units-header.xlsx");
    fs.writeFileSync(file, book.bytes);
    const runner = new Runner(dir, ensureGnuTime());
    const node = process.execPath;
    const checkArgs = [CLI, "check", file, "--format", "json"];
    const jsonOut = path.join(dir, "check.json");
    const first = runner.run(node, checkArgs, jsonOut);
    const doc = JSON.parse(fs.readFileSync(jsonOut, "utf8")) as {
      tables: { parent: string; children: string[] }[];
      findings: { rule: string }[];
    };
    if (
      first.status !== 1 ||
      doc.findings.length !== book.mismatches ||
      doc.tables[0]?.parent !== "合计" ||
      doc.tables[0]?.children.length !== 50_000
    )
      throw new Error(
        `cli bench: 单位 header: exit ${first.status}, ${doc.findings.length} findings, parent ${doc.tables[0]?.parent} (expected ${book.mismatches} findings under 合计 with 50,000 units)`,
      );
    const check: Measured[] = [];
    const read: Measured[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      check.push(runner.run(node, checkArgs, "/dev/null"));
      read.push(runner.run(node, [READER, file], "/dev/null"));
      log(
        `单位 header round ${k + 1}/${ROUNDS}: check ${check[k].wallMs.toFixed(0)} ms, read ${read[k].wallMs.toFixed(0)} ms`,
      );
    }
    return {
      checkMs: median(check.map((m) => m.wallMs)),
      readMs: median(read.map((m) => m.wallMs)),
      ratio: median(check.map((c, k) => c.wallMs / read[k].wallMs)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A figure for a note: "n/a" when unknown (no GNU time for a python process). */
function n0(x: number): string {
  return Number.isNaN(x) ? "n/a" : x.toFixed(0);
}

export function benchCliLarge(): BenchRow[] {
  const f = measure();
  const ratio = f.checkOverRead;
  const pyRatio = f.pyOverCheck;
  const sameAnswer = f.pyMismatches === f.ourMismatches;
  const what = "1 M cells (50,000 units × 20 indicators)";
  const rows: BenchRow[] = [
    {
      name: "cli: check 1 M cells, end to end (--format json)",
      value: f.checkMs,
      unit: "ms",
      budget: 1500,
      pass: f.checkMs < 1500,
      note: `${what}; median wall time of ${ROUNDS} runs, each a process of its own`,
    },
    {
      name: "cli: check, CPU time (user + sys)",
      value: f.checkCpuMs,
      unit: "ms",
      budget: NaN,
      pass: true,
      info: true,
    },
    {
      name: "cli: check, peak memory (max RSS)",
      value: f.checkRssMiB,
      unit: "MiB",
      budget: 1024,
      pass: f.checkRssMiB < 1024,
    },
    {
      name: "cli: read only (readXlsx, own process)",
      value: f.readMs,
      unit: "ms",
      budget: NaN,
      pass: true,
      info: true,
      note: `CPU ${f.readCpuMs.toFixed(0)} ms, peak ${f.readRssMiB.toFixed(0)} MiB`,
    },
    {
      name: "cli: exceljs streaming reader, same file (own process)",
      value: f.exceljsMs,
      unit: "ms",
      budget: NaN,
      pass: true,
      info: true,
      note: `median of ${Math.min(ROUNDS, PY_ROUNDS)} runs; CPU ${f.exceljsCpuMs.toFixed(0)} ms, peak ${f.exceljsRssMiB.toFixed(0)} MiB; ${(f.exceljsMs / f.readMs).toFixed(1)} × readXlsx's time (CPU ${(f.exceljsCpuMs / f.readCpuMs).toFixed(1)} ×)`,
    },
    {
      name: "cli: check ÷ read only",
      value: ratio,
      unit: "×",
      budget: 1.5,
      pass: ratio <= 1.5,
      note: `median of each round's ratio of wall times; by median CPU time ${(f.checkCpuMs / f.readCpuMs).toFixed(2)} ×`,
    },
  ];
  const u = measureUnitHeader();
  rows.push(
    {
      name: "cli: check 1 M cells, 单位1…单位50000 under 单位",
      value: u.checkMs,
      unit: "ms",
      budget: 1500,
      pass: u.checkMs < 1500,
      note: `the same cells, units named 单位1…单位50000 under a 单位 header, 合计 on top; median of ${ROUNDS} runs; read only ${u.readMs.toFixed(0)} ms`,
    },
    {
      name: "cli: check ÷ read only, 单位 header",
      value: u.ratio,
      unit: "×",
      budget: 1.5,
      pass: u.ratio <= 1.5,
    },
  );
  if (f.pyProblem) {
    rows.push(
      {
        name: "openpyxl: same sum checks, same file",
        value: NaN,
        unit: "ms",
        budget: NaN,
        pass: true,
        info: true,
        note: f.pyProblem,
      },
      {
        name: "openpyxl ÷ tdcheck check",
        value: NaN,
        unit: "×",
        budget: 4,
        pass: true,
        higherIsBetter: true,
        note: f.pyProblem,
      },
    );
  } else {
    rows.push(
      {
        name: "openpyxl: same sum checks, same file",
        value: f.pyMs,
        unit: "ms",
        budget: NaN,
        pass: true,
        info: true,
        note: `median of ${Math.min(ROUNDS, PY_ROUNDS)} runs; CPU ${n0(f.pyCpuMs)} ms, peak ${n0(f.pyRssMiB)} MiB; ${f.pyMismatches} mismatches found (tdcheck: ${f.ourMismatches})`,
      },
      {
        name: "openpyxl ÷ tdcheck check",
        value: pyRatio,
        unit: "×",
        budget: 4,
        pass: pyRatio >= 4 && sameAnswer,
        higherIsBetter: true,
        note: sameAnswer
          ? `median of each round's ratio of wall times; by median CPU time ${Number.isNaN(f.pyCpuMs) ? "n/a" : (f.pyCpuMs / f.checkCpuMs).toFixed(2)} ×`
          : `DIFFERENT ANSWERS: openpyxl found ${f.pyMismatches} mismatches, tdcheck ${f.ourMismatches}`,
      },
    );
  }
  return rows;
}
