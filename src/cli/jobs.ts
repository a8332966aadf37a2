/**
 * How many files a batch checks at once (`--jobs`). Each job is a worker thread holding one
 * workbook at a time, so memory grows with the jobs, never with the batch: by default as many jobs
 * as cores, fewer when the largest files' expected memory would not fit in what is free.
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
 * 0.09 ms per KiB beyond (the 1 M-cell workbook, 6.5 MiB, takes about 0.6 s of CPU). Starting a
 * worker thread costs about 0.2 s (it loads the command line anew), so a batch expected to take less
 * than MIN_PARALLEL_WORK_MS in all is checked in one job: more would only be slower.
 */
export function expectedCheckMs(fileBytes: number): number {
  return 1 + (0.09 * fileBytes) / 1024;
}
export const MIN_PARALLEL_WORK_MS = 1000;

export interface JobsInput {
  /** --jobs as given; undefined for the default. */
  requested?: number;
  cores: number;
  freeBytes: number;
  /** The batch's file sizes (unknown ones as 0). */
  sizes: readonly number[];
}

/**
 * --jobs N is taken as asked (at most one per file). The default is the number of cores, lowered
 * until the largest files, one per job, are expected to fit in the free memory together; at least 1,
 * and 1 for a batch too small to repay starting workers.
 */
export function chooseJobs(input: JobsInput): number {
  const files = input.sizes.length;
  if (files <= 1) return 1;
  if (input.requested !== undefined) return Math.max(1, Math.min(input.requested, files));
  const work = input.sizes.reduce((ms, size) => ms + expectedCheckMs(size), 0);
  if (work < MIN_PARALLEL_WORK_MS) return 1;
  const most = Math.max(1, Math.min(input.cores, files));
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
