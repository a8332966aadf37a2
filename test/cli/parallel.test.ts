/**
 * Parallel batches (`--jobs`): results in input order whatever finishes first, output identical to
 * one job's, the default number of jobs fitted to cores and free memory, a dying worker costing only
 * its file.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import ExcelJS from "exceljs";
import {
  chooseJobs,
  expectedCheckMs,
  expectedWorkerBytes,
  CORES_PER_JOB,
  MIN_PARALLEL_WORK_MS,
  parseJobs,
  safeInMainThread,
} from "../../src/cli/jobs";
import { failedCheck } from "../../src/cli/checkBatch";
import { runInOrder, WorkerLanes, BATCH_WORKER } from "../../src/cli/parallel";
import { nodeIo, type CliIo } from "../../src/cli/io";
import { cli, cliBundle, cliWith, SAMPLE, spawnCli, tempDir } from "../helpers/cli";

describe("runInOrder", () => {
  test("results are emitted in task order however the tasks finish", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        async (delays, lanes) => {
          const emitted: number[] = [];
          const busy = new Set<number>();
          let most = 0;
          await runInOrder(
            delays,
            lanes,
            async (delay, i, lane) => {
              // A lane runs one task at a time, and no more lanes than asked for exist.
              expect(busy.has(lane)).toBe(false);
              busy.add(lane);
              most = Math.max(most, busy.size);
              await new Promise((r) => setTimeout(r, delay));
              busy.delete(lane);
              return i * 10;
            },
            (result, i) => {
              expect(result).toBe(i * 10);
              emitted.push(i);
            },
          );
          expect(emitted).toEqual(delays.map((_, i) => i));
          expect(most).toBeLessThanOrEqual(lanes);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("chooseJobs", () => {
  const MiB = 1024 * 1024;
  const MB = 1024 * 1024;
  test("the default is a job per core and a half, never more than the files", () => {
    const plenty = 64 * 1024 * MiB;
    const many = Array(500).fill(100_000);
    expect(chooseJobs({ cores: 8, freeBytes: plenty, sizes: [MB, 6 * MB, 7 * MB] })).toBe(3);
    expect(
      [1, 2, 3, 4, 6, 8, 16].map((cores) => chooseJobs({ cores, freeBytes: plenty, sizes: many })),
    ).toEqual([1, 1, 2, 2, 4, 5, 10]);
    for (const cores of [1, 2, 3, 4, 8, 16, 64])
      expect(chooseJobs({ cores, freeBytes: plenty, sizes: many })).toBe(
        Math.max(1, Math.floor(cores / CORES_PER_JOB)),
      );
    expect(chooseJobs({ cores: 8, freeBytes: 0, sizes: [5] })).toBe(1);
  });

  test("the main thread takes only files expected to need at most half its heap; workers take the rest", () => {
    const limit = 4096 * MiB;
    expect(safeInMainThread(6.5 * MB, limit)).toBe(true); // the 1 M-cell workbook: about 260 MiB
    expect(safeInMainThread(100 * MB, limit)).toBe(false); // about 3 GiB
    expect(safeInMainThread(0, 0)).toBe(false); // a heap limit not known: nothing in the main thread
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(2 ** 40), (bytes, heap) => {
        expect(safeInMainThread(bytes, heap)).toBe(2 * expectedWorkerBytes(bytes) <= heap);
      }),
    );
  });

  test("a batch expected to take under a second is one job: starting workers would cost more", () => {
    const small = Array(500).fill(3000); // 500 small workbooks: about 0.6 s in all
    expect(500 * expectedCheckMs(3000)).toBeLessThan(MIN_PARALLEL_WORK_MS);
    expect(chooseJobs({ cores: 8, freeBytes: 64 * 1024 * MiB, sizes: small })).toBe(1);
    expect(chooseJobs({ requested: 2, cores: 8, freeBytes: 0, sizes: small })).toBe(2);
    expect(chooseJobs({ cores: 8, freeBytes: 64 * 1024 * MiB, sizes: Array(2000).fill(3000) })).toBe(5);
  });

  test("fewer jobs when the largest files, one per job, would not fit in free memory", () => {
    const big = 100 * MiB; // expected ≈ 3 GiB per worker
    const sizes = [big, big, big, 1000, 1000];
    const free = 2 * expectedWorkerBytes(big) + MiB;
    expect(chooseJobs({ cores: 6, freeBytes: free, sizes })).toBe(2);
    expect(chooseJobs({ cores: 6, freeBytes: 0, sizes })).toBe(1);
    // Files of a few MiB on a machine with memory to spare: memory never limits.
    const some = [4 * MB, 4 * MB, 4 * MB, 4 * MB];
    expect(chooseJobs({ cores: 6, freeBytes: 4 * expectedWorkerBytes(4 * MB), sizes: some })).toBe(4);
  });

  test("--jobs N is taken as asked, at most one per file", () => {
    expect(chooseJobs({ requested: 3, cores: 1, freeBytes: 0, sizes: [1, 2, 3, 4] })).toBe(3);
    expect(chooseJobs({ requested: 16, cores: 1, freeBytes: 0, sizes: [1, 2] })).toBe(2);
  });

  test("parseJobs: whole numbers of at least 1", () => {
    expect(["1", "2", " 8 "].map(parseJobs)).toEqual([1, 2, 8]);
    expect(["0", "-1", "1.5", "two", "", "1e3"].map(parseJobs)).toEqual(Array(6).fill(undefined));
  });
});

describe("WorkerLanes", () => {
  test("leastBusy: the lane with the fewest tasks given and not yet answered (a lane not started has none)", async () => {
    const script = path.join(tempDir(), "hold.js");
    fs.writeFileSync(
      script,
      `const { parentPort } = require("worker_threads");
       const held = [];
       parentPort.on("message", (n) => { if (n === "go") for (const h of held.splice(0)) parentPort.postMessage(h); else held.push(n); });`,
    );
    const lanes = new WorkerLanes<string | number, number>(script, {});
    try {
      expect(lanes.leastBusy(3)).toBe(0);
      const a = [lanes.run(0, 1), lanes.run(0, 2), lanes.run(1, 3)];
      expect(lanes.leastBusy(2)).toBe(1);
      expect(lanes.leastBusy(3)).toBe(2);
      const b = lanes.run(1, 4);
      expect(lanes.leastBusy(2)).toBe(0); // a tie goes to the first
      void lanes.run(0, "go");
      void lanes.run(1, "go");
      expect(await Promise.all([...a, b])).toEqual([1, 2, 3, 4]);
    } finally {
      await lanes.close();
    }
  });

  test("a worker that dies fails only the task it was on; tasks queued behind it go to a fresh worker", async () => {
    const script = path.join(tempDir(), "worker.js");
    fs.writeFileSync(
      script,
      `const { parentPort, workerData } = require("worker_threads");
       if (workerData.role !== ${JSON.stringify(BATCH_WORKER)}) throw new Error("role");
       parentPort.on("message", (n) => { if (n === 13) process.exit(3); parentPort.postMessage(n * workerData.data.k); });`,
    );
    const lanes = new WorkerLanes<number, number>(script, { k: 2 });
    try {
      expect(await lanes.run(0, 4)).toBe(8);
      await expect(lanes.run(0, 13)).rejects.toThrow("exit 3");
      expect(await lanes.run(0, 5)).toBe(10);
      expect(await lanes.run(1, 6)).toBe(12);
      // Queued behind the task that kills its worker: 7 and 8 had not begun, and are answered.
      const batch = [lanes.run(0, 13), lanes.run(0, 7), lanes.run(0, 8)];
      await expect(batch[0]).rejects.toThrow("exit 3");
      expect(await Promise.all(batch.slice(1))).toEqual([14, 16]);
      // Two deadly tasks in a row: each fails on its own worker, and what follows is answered.
      const deadly = [lanes.run(1, 13), lanes.run(1, 13), lanes.run(1, 9)];
      const settled = await Promise.allSettled(deadly);
      expect(settled.map((r) => r.status)).toEqual(["rejected", "rejected", "fulfilled"]);
      expect((settled[2] as PromiseFulfilledResult<number>).value).toBe(18);
    } finally {
      await lanes.close();
    }
  });
});

/** A folder of generated workbooks: clean ones, broken sums, a damaged file, CSVs; names sorted. */
async function batchFolder(n: number): Promise<string> {
  const dir = tempDir();
  for (let i = 0; i < n; i++) {
    const name = `f${String(i).padStart(3, "0")}`;
    if (i % 7 === 3) {
      fs.writeFileSync(path.join(dir, `${name}.xlsx`), fs.readFileSync(SAMPLE).subarray(0, 3000));
      continue;
    }
    const a = 10 + i;
    const b = 20 + ((i * 7) % 13);
    const total = a + b + (i % 3 === 0 ? 1 : 0); // every third split is off by one
    if (i % 5 === 1) {
      fs.writeFileSync(
        path.join(dir, `${name}.csv`),
        `指标,全市,甲区,乙区\n新增企业数(家),${total},${a},${b}\n`,
      );
      continue;
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("分解表");
    ws.addRow(["指标", "全市", "甲区", "乙区"]);
    ws.addRow(["新增企业数(家)", total, a, b]);
    ws.addRow(["投资额(亿元)", 12.5, 5.2, 7.3]);
    await wb.xlsx.writeFile(path.join(dir, `${name}.xlsx`));
  }
  return dir;
}

describe("tdcheck check --jobs", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await batchFolder(24);
  });
  /** `check` of the folder as JSON in-process, with the bundle to run as workers and `more` of the io. */
  const checkJson = (more: Partial<CliIo>, ...args: string[]) =>
    cliWith({ workerScript: cliBundle(), ...more }, "check", dir, "--format", "json", ...args);

  test("text, JSON and CSV output, exit code and stderr are byte-identical with 1, 2 and 3 jobs (worker threads)", () => {
    for (const format of ["text", "json", "csv"]) {
      const one = spawnCli(["check", dir, "--format", format, "--jobs", "1"]);
      expect(one.code).toBe(2); // the damaged files
      for (const jobs of ["2", "3"]) {
        const many = spawnCli(["check", dir, "--format", format, "--jobs", jobs]);
        expect([format, jobs, many.code, many.stdout, many.stderr]).toEqual([
          format,
          jobs,
          one.code,
          one.stdout,
          one.stderr,
        ]);
      }
    }
  });

  test("the default (cores, memory permitting) gives the same as one job; so does the in-process path", async () => {
    const one = spawnCli(["check", dir, "--format", "json", "--jobs", "1"]);
    const auto = spawnCli(["check", dir, "--format", "json"]);
    expect(auto.stdout).toBe(one.stdout);
    const inProcess = await cli("check", dir, "--format", "json", "--jobs", "2");
    expect(inProcess.stdout).toBe(one.stdout);
    expect(inProcess.stderr).toBe(one.stderr);
  });

  test("with the bundle to run, the default checks files in the main thread and in worker threads", async () => {
    const run = jest.spyOn(WorkerLanes.prototype, "run");
    // Files as large as a 1 M-cell workbook, as far as the choice of jobs can tell: worth more jobs.
    const fileSize = () => 6 * 1024 * 1024;
    const heapLimitBytes = 4096 * 1024 * 1024;
    const one = spawnCli(["check", dir, "--format", "json", "--jobs", "1"]);
    const workerLanes = () => [...new Set(run.mock.calls.map(([lane]) => lane))].sort();
    try {
      // Five cores: three jobs, the main thread and two workers, each worker given files.
      const machine = () => ({ cores: 5, freeBytes: 2 ** 40, heapLimitBytes });
      const r = await checkJson({ machine, fileSize });
      expect(r.stdout).toBe(one.stdout);
      expect(run.mock.calls.length).toBeGreaterThan(0);
      expect(run.mock.calls.length).toBeLessThan(24); // the main thread checked the others
      expect(workerLanes()).toEqual([0, 1]);
      // A main thread whose heap could not hold such a file sends every file to the workers.
      run.mockClear();
      const smallHeap = () => ({ cores: 5, freeBytes: 2 ** 40, heapLimitBytes: 256 * 1024 * 1024 });
      const safe = await checkJson({ machine: smallHeap, fileSize });
      expect(safe.stdout).toBe(one.stdout);
      expect(run).toHaveBeenCalledTimes(24);
      expect(workerLanes()).toEqual([0, 1]);
      // Two cores: one job, as one job already keeps more than a core busy; no worker at all.
      run.mockClear();
      const two = () => ({ cores: 2, freeBytes: 2 ** 40, heapLimitBytes });
      await cliWith({ workerScript: cliBundle(), machine: two, fileSize }, "check", dir);
      expect(run).not.toHaveBeenCalled();
      // Memory short of a second job: one job, in-process.
      const short = () => ({ cores: 5, freeBytes: 0, heapLimitBytes });
      await cliWith({ workerScript: cliBundle(), machine: short, fileSize }, "check", dir);
      expect(run).not.toHaveBeenCalled();
      // The real, small files: not worth starting workers.
      await cliWith({ workerScript: cliBundle(), machine }, "check", dir);
      expect(run).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
    }
  });

  test("a file whose check throws is reported unusable (CHECK_FAILED) and the batch goes on, with 1 job and in the main thread beside a worker", async () => {
    const real = nodeIo();
    const first = path.join(dir, fs.readdirSync(dir).sort()[0]);
    // A bug in the check of the first file (which the main thread takes first): here, an io that throws.
    const exists = (p: string) => {
      if (p === first) throw new TypeError("boom");
      return real.exists(p);
    };
    const machine = () => ({ cores: 2, freeBytes: 2 ** 40, heapLimitBytes: 4096 * 1024 * 1024 });
    const one = spawnCli(["check", dir, "--format", "json", "--jobs", "1", "--lang", "en"]);
    for (const jobs of ["1", "2"]) {
      const r = await checkJson({ exists, machine }, "--jobs", jobs, "--lang", "en");
      expect(r.code).toBe(2);
      const files = (JSON.parse(r.stdout) as { files: { file: string; code?: string; error?: string }[] })
        .files;
      const reason = `${first}: an internal error stopped its check (boom); the file was not checked`;
      expect(files[0]).toEqual({ file: first, error: reason, code: "CHECK_FAILED" });
      expect(r.stderr.split("\n")).toContain(`tdcheck: ${reason}`);
      // Every other file as one job checks it.
      const others = (JSON.parse(one.stdout) as { files: unknown[] }).files.slice(1);
      expect(files.slice(1)).toEqual(others);
    }
    const zh = failedCheck("a.xlsx", "x", { lang: "zh", format: "text" });
    expect(zh).toEqual({
      entry: {
        file: "a.xlsx",
        ok: false,
        error: "a.xlsx：校核时出现内部错误（x），该文件未能校核",
        code: "CHECK_FAILED",
      },
      stderr: [],
    });
  });

  test("files the main thread should not hold go to the least busy worker, with one job too; the others it checks itself", async () => {
    const run = jest.spyOn(WorkerLanes.prototype, "run");
    const names = fs.readdirSync(dir).sort();
    // Every third file as large as the main thread's heap allows no more of (sizes by name, so a
    // size looked up for the wrong file would send another file).
    const large = new Set(names.filter((_, i) => i % 3 === 1).map((n) => path.join(dir, n)));
    const fileSize = (p: string) => (large.has(p) ? 200 * 1024 * 1024 : 4000);
    const heapLimitBytes = 2 * (64 + 30 * 200) * 1024 * 1024 - 1; // just short of a large file
    const one = spawnCli(["check", dir, "--format", "json", "--jobs", "1"]);
    const sent = () => new Set(run.mock.calls.map(([, task]) => (task as { file: string }).file));
    try {
      for (const cores of [2, 5]) {
        run.mockClear();
        const machine = () => ({ cores, freeBytes: 2 ** 45, heapLimitBytes });
        const r = await checkJson({ machine, fileSize }, "--jobs", cores === 2 ? "1" : "3");
        expect(r.stdout).toBe(one.stdout);
        if (cores === 2) {
          // One job: exactly the large files went to a worker, one at a time.
          expect([...sent()].sort()).toEqual([...large].sort());
          expect(new Set(run.mock.calls.map(([lane]) => lane))).toEqual(new Set([0]));
        } else {
          for (const f of large) expect(sent().has(f)).toBe(true);
          expect(sent().size).toBeLessThan(names.length);
          expect(new Set(run.mock.calls.map(([lane]) => lane))).toEqual(new Set([0, 1]));
        }
      }
    } finally {
      run.mockRestore();
    }
  });

  test("between its files the main thread lets a worker's answers in, so the worker keeps getting files", async () => {
    const run = jest.spyOn(WorkerLanes.prototype, "run");
    // A worker that answers at once, and a main thread slowed to 30 ms a file: 60 files give the
    // worker nearly two seconds to start, even on a busy machine.
    const script = path.join(tempDir(), "quick.js");
    fs.writeFileSync(
      script,
      `const { parentPort } = require("worker_threads");
       parentPort.on("message", (t) => parentPort.postMessage({ entry: { file: t.file, ok: false, error: "quick" }, stderr: [] }));`,
    );
    const real = nodeIo();
    const exists = (p: string) => {
      const until = Date.now() + 30;
      while (Date.now() < until);
      return real.exists(p);
    };
    const many = tempDir();
    for (let i = 0; i < 60; i++)
      fs.writeFileSync(
        path.join(many, `f${String(i).padStart(2, "0")}.csv`),
        `指标,全市,甲区,乙区\n新增企业数(家),3,1,2\n`,
      );
    const machine = () => ({ cores: 2, freeBytes: 2 ** 40, heapLimitBytes: 4096 * 1024 * 1024 });
    try {
      await cliWith({ workerScript: script, machine, exists }, "check", many, "--jobs", "2");
      // Without the main thread's pause between files, the worker would get only its first two.
      expect(run.mock.calls.length).toBeGreaterThan(4);
    } finally {
      run.mockRestore();
    }
  });

  test("annotated copies written by two jobs are byte-identical to one job's", () => {
    const out1 = path.join(tempDir(), "one");
    const out2 = path.join(tempDir(), "two");
    const a = spawnCli(["check", dir, "--annotate", out1, "--jobs", "1"]);
    const b = spawnCli(["check", dir, "--annotate", out2, "--jobs", "2"]);
    expect(b.stdout.replace(out2, "OUT")).toBe(a.stdout.replace(out1, "OUT"));
    const names = fs.readdirSync(out1).sort();
    expect(fs.readdirSync(out2).sort()).toEqual(names);
    expect(names.length).toBeGreaterThan(15);
    for (const n of names)
      expect([n, fs.readFileSync(path.join(out2, n)).equals(fs.readFileSync(path.join(out1, n)))]).toEqual([
        n,
        true,
      ]);
  });

  test("a bad --jobs value is one line and exit 2", async () => {
    for (const v of ["0", "x", "1.5"]) {
      const r = await cli("check", SAMPLE, dir, "--jobs", v, "--lang", "en");
      expect([r.code, r.stdout, r.stderr]).toEqual([
        2,
        "",
        `tdcheck: --jobs ${v}: expected a whole number of at least 1\n`,
      ]);
    }
  });
});
