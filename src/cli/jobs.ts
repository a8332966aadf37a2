/**
 * How many files a batch checks at once (`--jobs`), and which of them the main thread may check
 * itself. One job is the main thread, each other one a worker thread; each holds one workbook at a
 * time, so memory grows with the jobs, never with the batch. By default as many jobs as the cores
 * can run side by side (CORES_PER_JOB), fewer when the largest files' expected memory would not fit
 * in what is free (docs/architecture.md, "Parallel batches").
 */

/**
 * What one worker is expected to need for a file of `bytes` bytes. Measured (bench, cli suite): the
 * 1 M-cell workbook, 6.5 MiB on disk, peaks at about 210 MiB in a process of its own, of which about
 * 45 MiB is Node itself; a CSV of the same cells is about 8 MiB. 30 bytes per byte on disk covers
 * both with room, 64 MiB the worker's own heap and code.
 */
export const WORKER_BASE_BYTES = 64 * 1024 * 1024;
export const BYTES_PER_FILE_BYTE = 30;

export function expectedWorkerBytes(fileBytes: number): number {
  return WORKER_BASE_BYTES + BYTES_PER_FILE_BYTE * fileBytes;
}

/**
 * The expected checking time of a file, from its size: about 1 ms for a small workbook, and about
 * 0.09 ms per KiB beyond (the 1 M-cell workbook, 6.5 MiB, takes about 0.6 s of CPU). Each further
 * job is a V8 isolate of its own that loads the command line and optimises the engine again: 0.9 to
 * 1.05 s of CPU over a batch, measured on a 2-core machine (one process: 1.83 s of CPU for 2,000
 * small workbooks and 2.76 s for 4,000, so about 0.9 s before the first file is paid for; two
 * processes of 2,000 each: 1.05 s more than one process of all 4,000). A batch expected to take less
 * than MIN_PARALLEL_WORK_MS in all is checked in one job: more would only be slower. That threshold
 * is the earlier one, not measured again: on a machine with cores to spare the further isolate's
 * start runs beside the first job rather than in its way.
 */
export function expectedCheckMs(fileBytes: number): number {
  return 1 + (0.09 * fileBytes) / 1024;
}
export const MIN_PARALLEL_WORK_MS = 1000;

/**
 * The cores one job keeps busy: its own thread, and beside it V8's optimising compiler and garbage
 * collector. Measured on a 2-core machine (bench, batch suite): CPU time ÷ wall time of one job is
 * 1.4–1.5, for 500 to 4,000 small workbooks and for four 1 M-cell workbooks alike. There a second
 * job found half a core free and every batch of small workbooks took longer (4,000: 2.3 s against
 * 1.85 s with one job); four 1 M-cell workbooks were 1.06 × faster, a gain the default gives up
 * there. So the default gives each job a core and a half; for machines of more cores that is
 * carried over from this measurement, not measured on them.
 */
export const CORES_PER_JOB = 1.5;

/**
 * Whether the main thread may check a file itself. A worker that runs out of JavaScript heap fails
 * only the file it was checking (those queued behind it go to a fresh worker); the main thread
 * running out would end the batch. So the main thread takes only files expected to need at most
 * half of its heap's limit, and a worker takes the rest (with one job too: one started for such
 * files). Memory beyond the heap, or a machine out of memory, still ends the process, as it would
 * any program.
 */
export function safeInMainThread(fileBytes: number, heapLimitBytes: number): boolean {
  return expectedWorkerBytes(fileBytes) <= heapLimitBytes / 2;
}

/**
 * The longest check the main thread takes on beside workers: while it checks, it cannot hand the
 * workers their next files, and each has only one more queued (a file of about 11 MB).
 */
export const MAIN_THREAD_MAX_MS = 1000;

/** Whether the main thread checks this file itself, with `workers` worker threads beside it. */
export function mainThreadTakes(fileBytes: number, heapLimitBytes: number, workers: number): boolean {
  if (!safeInMainThread(fileBytes, heapLimitBytes)) return false;
  return workers === 0 || expectedCheckMs(fileBytes) <= MAIN_THREAD_MAX_MS;
}

export interface JobsInput {
  /** --jobs as given; undefined for the default. */
  requested?: number;
  cores: number;
  freeBytes: number;
  /** The batch's file sizes (unknown ones as 0). */
  sizes: readonly number[];
}

/**
 * --jobs N is taken as asked (at most one per file). The default is the jobs the cores can run side
 * by side (cores ÷ CORES_PER_JOB), lowered until the largest files, one per job, are expected to fit
 * in the free memory together; at least 1, and 1 for a batch too small to repay starting workers.
 */
export function chooseJobs(input: JobsInput): number {
  const files = input.sizes.length;
  if (files <= 1) return 1;
  if (input.requested !== undefined) return Math.max(1, Math.min(input.requested, files));
  const work = input.sizes.reduce((ms, size) => ms + expectedCheckMs(size), 0);
  if (work < MIN_PARALLEL_WORK_MS) return 1;
  const most = Math.max(1, Math.min(Math.floor(input.cores / CORES_PER_JOB), files));
  const largest = [...input.sizes].sort((a, b) => b - a);
  let jobs = 1;
  let need = expectedWorkerBytes(largest[0]);
  while (jobs < most) {
    const more = need + expectedWorkerBytes(largest[jobs]);
    if (more > input.freeBytes) break;
    need = more;
    jobs++;
  }
  return jobs;
}

/** `--jobs` text → a count, or undefined when it is not a whole number ≥ 1. */
export function parseJobs(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}
