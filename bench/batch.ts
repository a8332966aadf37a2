/**
 * Parallel batches (issue 16): `tdcheck check FOLDER --jobs N` with 1 and 2 jobs, each run a process
 * of its own (the bundled command line, dist/cli/tdcheck.js), peak memory from GNU time like the cli
 * suite (worker threads are threads of that process, so its peak covers them all).
 *
 *   - 500 small workbooks (a 13-district × 6-indicator split each, generated, one in ten off by one):
 *     files per second at 1 and 2 jobs, and the speed-up. Against it, what two V8 isolates can give
 *     this batch on this machine at best: two processes, each checking half of the files, at once
 *     (each pays its own start and its own warm-up of the engine, as any second job must). The budget
 *     is on 2 jobs against that pair; against two threads of pure arithmetic it is shown for
 *     comparison only, since one job already keeps about 1.45 cores busy (src/cli/jobs.ts,
 *     CORES_PER_JOB);
 *   - 4 copies of the cli suite's 1 M-cell workbook: files per second at 1 and 2 jobs, and peak
 *     memory against one file's check, which shows memory bounded by the jobs (one workbook per
 *     worker), not by the batch. The command's own choice of jobs, against 1 job: a batch large
 *     enough that the default may run it in parallel (the small one is 1 job on any machine), which
 *     must never be slower.
 *
 * An untimed first run of each batch checks that 2 jobs print exactly what 1 job prints.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { Worker } from "node:worker_threads";
import { delimitedSheet } from "../src/core/csv";
import { nodeIo } from "../src/cli/io";
import { chooseJobs } from "../src/cli/jobs";
import { newWorkbookXlsx } from "../src/cli/xlsx/newWorkbook";
import { ensureGnuTime, log, median, Runner, type Measured } from "./cliLarge";
import { buildSplitWorkbook } from "./splitWorkbook";
import type { BenchRow } from "./types";

const ROOT = path.join(__dirname, "..");
/** The command as installed (bin/tdcheck.js, which loads dist/cli/tdcheck.js). */
const CLI = path.join(ROOT, "bin", "tdcheck.js");
const BUNDLE = path.join(ROOT, "dist", "cli", "tdcheck.js");
const SMALL_FILES = 500;
const LARGE_FILES = 4;
const ROUNDS = Math.max(1, Math.min(3, Number(process.env.TDCHECK_BENCH_ROUNDS || 3)));

const DISTRICTS = [
  "上城区",
  "拱墅区",
  "西湖区",
  "滨江区",
  "萧山区",
  "余杭区",
  "临平区",
  "钱塘区",
  "富阳区",
  "临安区",
  "桐庐县",
  "淳安县",
  "建德市",
];
const INDICATORS = [
  "新增企业数(家)",
  "新增项目数(个)",
  "投资额(亿元)",
  "新增就业(人)",
  "技术合同(项)",
  "新增基站(个)",
];

/** One small workbook: deterministic values from `seed`, every tenth with one sum off by one. */
function smallWorkbook(seed: number): Uint8Array {
  let s = seed * 2654435761;
  const next = (n: number) => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const rows = [["指标", "全市", ...DISTRICTS]];
  INDICATORS.forEach((name, k) => {
    const decimals = name.includes("亿元") ? 1 : 0;
    const units = DISTRICTS.map(() => 10 + next(900));
    let total = units.reduce((a, b) => a + b, 0);
    if (seed % 10 === 0 && k === 0) total += 1;
    const show = (u: number) => (decimals ? (u / 10).toFixed(1) : String(u));
    rows.push([name, show(total), ...units.map(show)]);
  });
  return newWorkbookXlsx({ name: "plan", sheets: [delimitedSheet(rows, "分解表")] });
}

/**
 * What the machine itself gives two threads, measured in the same rounds as the batches: the wall
 * time of two one-thread runs of pure arithmetic ÷ that of two such threads at once (2 on two idle
 * cores, 1 when other work leaves one core's worth). On a shared machine it is the batch's ceiling.
 */
/** Wall time of `threads` threads of pure arithmetic run at once, ms. */
function arithmeticWall(threads: number): number {
  const t0 = performance.now();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const body =
    `const f = new Int32Array(require("worker_threads").workerData); let x = 0;` +
    `for (let i = 0; i < 2e8; i++) x += i % 7; Atomics.add(f, 0, x > 0 ? 1 : 1); Atomics.notify(f, 0);`;
  for (let k = 0; k < threads; k++) new Worker(body, { eval: true, workerData: flag.buffer }).unref();
  while (Atomics.load(flag, 0) < threads) Atomics.wait(flag, 0, Atomics.load(flag, 0), 1000);
  return performance.now() - t0;
}

interface BatchFigures {
  wallMs: number;
  cpuMs: number;
  rssMiB: number;
}

function figures(runs: Measured[]): BatchFigures {
  return {
    wallMs: median(runs.map((m) => m.wallMs)),
    cpuMs: median(runs.map((m) => m.cpuMs)),
    rssMiB: Math.max(...runs.map((m) => m.maxRssKiB)) / 1024,
  };
}

/** `jobs`: --jobs N, or "default" for the command's own choice. */
function runBatch(
  runner: Runner,
  dir: string,
  jobs: number | "default",
  rounds: number,
  out: string,
): Measured[] {
  const runs: Measured[] = [];
  const jobsArgs = jobs === "default" ? [] : ["--jobs", String(jobs)];
  for (let k = 0; k < rounds; k++) {
    const m = runner.run(process.execPath, [CLI, "check", dir, "--format", "json", ...jobsArgs], out);
    if (m.status !== 1) throw new Error(`batch bench: check --jobs ${jobs} exited ${m.status}\n${m.stderr}`);
    runs.push(m);
    log(
      `${path.basename(dir)}, ${jobs} job(s), round ${k + 1}/${rounds}: ${m.wallMs.toFixed(0)} ms, peak ${(m.maxRssKiB / 1024).toFixed(0)} MiB`,
    );
  }
  return runs;
}

/**
 * Wall time of two processes of one job each, one per folder, started at once: what two isolates
 * give the batch when nothing is shared between them, ms.
 */
function pairWall(halves: [string, string]): number {
  const command = (dir: string) =>
    [process.execPath, CLI, "check", dir, "--format", "json", "--jobs", "1"]
      .map((a) => JSON.stringify(a))
      .join(" ");
  const script = `${command(halves[0])} >/dev/null & a=$!; ${command(halves[1])} >/dev/null; b=$?; wait $a; exit $(( $? * 16 + b ))`;
  const t0 = performance.now();
  const r = spawnSync("sh", ["-c", script], { stdio: ["ignore", "ignore", "pipe"], timeout: 120_000 });
  const wallMs = performance.now() - t0;
  // Each half holds sums that are off (one workbook in ten): each process exits 1.
  if (r.status !== 17) throw new Error(`batch bench: the pair of processes exited ${r.status}\n${r.stderr}`);
  log(`two processes on halves: ${wallMs.toFixed(0)} ms`);
  return wallMs;
}

/** Untimed: 1 and 2 jobs must print the same document. */
function sameOutput(runner: Runner, dir: string, work: string): void {
  const a = path.join(work, "one.json");
  const b = path.join(work, "two.json");
  runBatch(runner, dir, 1, 1, a);
  runBatch(runner, dir, 2, 1, b);
  if (!fs.readFileSync(a).equals(fs.readFileSync(b)))
    throw new Error(`batch bench: ${path.basename(dir)}: 2 jobs printed something else than 1 job`);
}

export function benchBatch(): BenchRow[] {
  if (!fs.existsSync(BUNDLE))
    throw new Error("batch bench: dist/cli/tdcheck.js is missing; run it through `npm run bench`");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-bench-batch-"));
  try {
    const small = path.join(work, "small");
    const large = path.join(work, "large");
    const halves: [string, string] = [path.join(work, "small-a"), path.join(work, "small-b")];
    for (const dir of [small, large, ...halves]) fs.mkdirSync(dir);
    for (let i = 0; i < SMALL_FILES; i++) {
      const name = `plan${String(i).padStart(3, "0")}.xlsx`;
      const bytes = smallWorkbook(i + 1);
      fs.writeFileSync(path.join(small, name), bytes);
      fs.writeFileSync(path.join(halves[i < SMALL_FILES / 2 ? 0 : 1], name), bytes);
    }
    const book = buildSplitWorkbook(50_000, 20);
    for (let i = 0; i < LARGE_FILES; i++) fs.writeFileSync(path.join(large, `large${i}.xlsx`), book.bytes);
    log(
      `generated ${SMALL_FILES} small workbooks and ${LARGE_FILES} copies of the 1 M-cell workbook (${(book.bytes.length / 1048576).toFixed(1)} MiB each)`,
    );

    const runner = new Runner(work, ensureGnuTime());
    sameOutput(runner, small, work);
    sameOutput(runner, large, work);
    const single = runner.run(
      process.execPath,
      [CLI, "check", path.join(large, "large0.xlsx"), "--format", "json"],
      "/dev/null",
    );
    const singleMiB = single.maxRssKiB / 1024;

    const nul = "/dev/null";
    const one: Measured[] = [];
    const two: Measured[] = [];
    const pairRounds: number[] = [];
    const machineRounds: number[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const a1 = arithmeticWall(1);
      one.push(...runBatch(runner, small, 1, 1, nul));
      two.push(...runBatch(runner, small, 2, 1, nul));
      pairRounds.push(pairWall(halves));
      // Two one-thread runs (one before, one after the batches) ÷ two threads at once.
      machineRounds.push((a1 + arithmeticWall(1)) / arithmeticWall(2));
    }
    const s1 = figures(one);
    const s2 = figures(two);
    const pair = median(pairRounds);
    const l2 = figures(runBatch(runner, large, 2, 1, nul));
    const largeOne: Measured[] = [];
    const largeDefault: Measured[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      largeOne.push(...runBatch(runner, large, 1, 1, nul));
      largeDefault.push(...runBatch(runner, large, "default", 1, nul));
    }
    const l1 = figures(largeOne);
    const lDefault = figures(largeDefault);
    // What the command chooses here, from the machine as the command sees it (src/cli/io.ts).
    const seen = nodeIo().machine!();
    const defaultJobs = chooseJobs({
      cores: seen.cores,
      freeBytes: seen.freeBytes,
      sizes: Array(LARGE_FILES).fill(book.bytes.length),
    });
    const perSecond = (files: number, f: BatchFigures) => files / (f.wallMs / 1000);
    const speedUp = s1.wallMs / s2.wallMs;
    const largeSpeedUp = l1.wallMs / l2.wallMs;
    const machine = median(machineRounds);
    // The machine's figure is 1 × (no parallelism to be had) to 2 ×, for work of one core per thread.
    const ofArithmetic = speedUp / Math.max(1, machine);
    // What two isolates give this batch at best, and how much of it 2 jobs get.
    const pairSpeedUp = s1.wallMs / pair;
    const ofPair = pair / s2.wallMs;
    const defaultRatio = l1.wallMs / lDefault.wallMs;
    const memoryRatio = l2.rssMiB / (2 * singleMiB);
    return [
      {
        name: `batch: ${SMALL_FILES} small workbooks, 1 job`,
        value: perSecond(SMALL_FILES, s1),
        unit: "files/s",
        budget: NaN,
        pass: true,
        info: true,
        note: `median wall time ${s1.wallMs.toFixed(0)} ms of ${ROUNDS}; CPU ${s1.cpuMs.toFixed(0)} ms; peak ${s1.rssMiB.toFixed(0)} MiB`,
      },
      {
        name: `batch: ${SMALL_FILES} small workbooks, 2 jobs`,
        value: perSecond(SMALL_FILES, s2),
        unit: "files/s",
        budget: NaN,
        pass: true,
        info: true,
        note: `median wall time ${s2.wallMs.toFixed(0)} ms of ${ROUNDS}; CPU ${s2.cpuMs.toFixed(0)} ms; peak ${s2.rssMiB.toFixed(0)} MiB`,
      },
      {
        name: "batch: speed-up with 2 jobs (small workbooks)",
        value: speedUp,
        unit: "×",
        budget: NaN,
        pass: true,
        info: true,
        note: `1 job's wall time ÷ 2 jobs'; the 1 M-cell files: ${largeSpeedUp.toFixed(2)} ×`,
      },
      {
        name: "machine: two threads of arithmetic vs one (what it gives now)",
        value: machine,
        unit: "×",
        budget: NaN,
        pass: true,
        info: true,
        note: `2 on two idle cores; ${os.cpus().length} CPUs, shared with whatever else runs (see the load average)`,
      },
      {
        name: "batch: speed-up with 2 jobs ÷ two threads of arithmetic's",
        value: ofArithmetic,
        unit: "×",
        budget: NaN,
        pass: true,
        info: true,
        note: "for comparison only: two threads of pure arithmetic keep one core each, while one job of the batch already keeps about 1.45 cores busy (V8's compiler and garbage collector beside it), so this is no ceiling the batch could reach",
      },
      {
        name: "batch: two processes on halves, speed-up (what two isolates give)",
        value: pairSpeedUp,
        unit: "×",
        budget: NaN,
        pass: true,
        info: true,
        note: `1 job's wall time ÷ that of two processes of 1 job each checking ${SMALL_FILES / 2} of the files at once (median ${pair.toFixed(0)} ms of ${ROUNDS}): each isolate starts and warms up the engine of its own`,
      },
      {
        name: "batch: speed-up with 2 jobs ÷ two processes'",
        value: ofPair,
        unit: "×",
        budget: 0.8,
        pass: ofPair >= 0.8,
        higherIsBetter: true,
        note: "how much of what two isolates can give this batch the 2 jobs get (the main thread as one job, a worker thread as the other; its start, the messages and the ordered output cost the rest)",
      },
      {
        name: `batch: ${LARGE_FILES} × 1 M-cell workbook, 1 job`,
        value: perSecond(LARGE_FILES, l1),
        unit: "files/s",
        budget: NaN,
        pass: true,
        info: true,
        note: `median wall ${l1.wallMs.toFixed(0)} ms of ${ROUNDS}; peak ${l1.rssMiB.toFixed(0)} MiB`,
      },
      {
        name: `batch: ${LARGE_FILES} × 1 M-cell workbook, 2 jobs`,
        value: perSecond(LARGE_FILES, l2),
        unit: "files/s",
        budget: NaN,
        pass: true,
        info: true,
        note: `wall ${l2.wallMs.toFixed(0)} ms; peak ${l2.rssMiB.toFixed(0)} MiB`,
      },
      {
        name: `batch: ${LARGE_FILES} × 1 M-cell, default jobs, speed-up against 1 job`,
        value: defaultRatio,
        unit: "×",
        budget: 0.9,
        pass: defaultRatio >= 0.9,
        higherIsBetter: true,
        note: `the command's own choice of jobs must not make a batch slower than 1 job: here ${defaultJobs} job(s) on ${os.availableParallelism()} cores (src/cli/jobs.ts), median wall ${lDefault.wallMs.toFixed(0)} ms against ${l1.wallMs.toFixed(0)} ms, ${ROUNDS} rounds each, interleaved`,
      },
      {
        name: `batch: ${LARGE_FILES} × 1 M-cell, 2 jobs, peak memory`,
        value: l2.rssMiB,
        unit: "MiB",
        budget: 1024,
        pass: l2.rssMiB < 1024,
      },
      {
        name: "batch: that peak ÷ (2 × one file checked alone)",
        value: memoryRatio,
        unit: "×",
        budget: 1.5,
        pass: memoryRatio <= 1.5,
        note: `one file alone peaks at ${singleMiB.toFixed(0)} MiB, the 4 files with 1 job at ${l1.rssMiB.toFixed(0)} MiB: memory follows the jobs (one workbook per worker), not the batch`,
      },
    ];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
