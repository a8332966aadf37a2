/** The command line's contact with the outside world, injectable so tests run in-process. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as v8 from "v8";
import { intlLocale } from "./cliLang";
import { Files, type FileFault, type FsOps, type PathKind } from "./files";
import { findSoffice } from "./libreoffice";
import { terminalProgress, type Progress, type TerminalStream } from "./progress";
import { oneLine, printable } from "./terminalText";

export { oneLine, printable };

/** The path arithmetic the command line uses: Node's own (path.win32 in tests of Windows habits). */
export type PathApi = Pick<typeof path, "basename" | "extname" | "join" | "resolve" | "dirname" | "sep">;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A regular file's bytes (at most `limit`, default 2 GiB); throws a FileFault otherwise. */
  readFile(path: string, limit?: number): Uint8Array;
  /** Writes an output atomically (temporary file, flush, rename); throws a FileFault on failure. */
  writeFile(path: string, bytes: Uint8Array | string): void;
  /** What is at a path (links followed): missing, a regular file, a folder, a FIFO or device. */
  inspect(path: string): PathKind;
  /** Why an output cannot be written to this path (a folder, read-only, no such folder), or null. */
  outputProblem(path: string): FileFault | null;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  listDirectory(path: string): string[];
  /** Creates a folder (and its parents) for a batch's output copies. */
  makeDirectory(path: string): void;
  /** Same file on disk (to refuse overwriting an input). */
  sameFile(a: string, b: string): boolean;
  /** Path arithmetic; Node's `path` when absent. */
  paths?: PathApi;
  /** A file's size in bytes, when it can be known without reading it (sizes the parallel batch). */
  fileSize?(path: string): number | undefined;
  /** A progress line on stderr; present only when stderr is a terminal. */
  progress?: Progress;
  /** The bundled command line itself, which a batch runs in worker threads; absent in-process. */
  workerScript?: string;
  /** Cores the batch may use, the memory free for it, and the main thread's heap limit (bytes). */
  machine?(): Machine;
  /**
   * Where LibreOffice's soffice program is: the path given (--soffice) if it runs, else found as
   * libreoffice.ts finds it; null when there is none. Absent: LibreOffice is not used (a fake disk).
   */
  findSoffice?(explicit?: string): string | null;
  /** The environment (the system locale decides the language: cliLang.ts); none: Chinese. */
  env?: Record<string, string | undefined>;
  /** The platform's locale where the environment names none (Windows). */
  locale?: () => string | undefined;
}

export interface Machine {
  cores: number;
  freeBytes: number;
  /** The most the main thread's JavaScript heap may hold; absent: unknown. */
  heapLimitBytes?: number;
}

export function pathsOf(io: CliIo): PathApi {
  return io.paths ?? path;
}

export interface NodeIoOptions {
  stdout?: TerminalStream;
  stderr?: TerminalStream;
  /** The clock that paces the progress line. */
  now?: () => number;
  workerScript?: string;
  /** Replaces some fs calls (tests: a write that fails as on a full disk). */
  fs?: Partial<FsOps>;
}

/** Free memory as the batch may use it: the machine's, within a container's limit when there is one. */
function freeBytes(): number {
  const free = os.freemem();
  const limit = typeof process.constrainedMemory === "function" ? process.constrainedMemory() : 0;
  if (!limit || limit >= Number.MAX_SAFE_INTEGER) return free;
  return Math.max(0, Math.min(free, limit - process.memoryUsage().rss));
}

/** The real file system: regular files read within a limit, outputs written atomically (files.ts). */
export function nodeIo(options: NodeIoOptions = {}): CliIo {
  const files = new Files(options.fs ? { ...fs, ...options.fs } : fs);
  const out = options.stdout ?? process.stdout;
  const err = options.stderr ?? process.stderr;
  const progress = terminalProgress(err, options.now);
  return {
    env: process.env,
    locale: intlLocale,
    // Whatever is written while a progress line shows replaces it, on stdout (the same terminal) too.
    stdout: (t) => {
      progress?.clear();
      out.write(t);
    },
    stderr: (t) => {
      progress?.clear();
      err.write(t);
    },
    readFile: (p, limit) => files.readRegular(p, limit),
    writeFile: (p, b) => files.writeAtomically(p, b),
    inspect: (p) => files.inspect(p),
    outputProblem: (p) => files.outputProblem(p),
    exists: (p) => files.inspect(p).kind !== "missing",
    isDirectory: (p) => files.inspect(p).kind === "directory",
    listDirectory: (p) => files.listDirectory(p),
    makeDirectory: (p) => files.makeDirectory(p),
    sameFile: (a, b) => files.sameFile(a, b),
    paths: path,
    fileSize: (p) => {
      const seen = files.inspect(p);
      return seen.kind === "file" ? seen.size : undefined;
    },
    progress,
    workerScript: options.workerScript,
    machine: () => ({
      cores: os.availableParallelism(),
      freeBytes: freeBytes(),
      heapLimitBytes: v8.getHeapStatistics().heap_size_limit,
    }),
    findSoffice: (explicit) => (explicit === undefined ? findSoffice() : findSoffice(explicit)),
  };
}

/**
 * The commands' view of the outside world: every stderr message on one line whatever the workbook's
 * names hold; stdout for people (text) with control characters made visible. JSON and CSV go out as
 * they are (JSON escapes C0 itself; CSV is data for Excel).
 */
export function forPeople(io: CliIo, format: string | undefined): CliIo {
  const raw = format === "json" || format === "csv";
  return {
    ...io,
    stdout: raw ? (t) => io.stdout(t) : (t) => io.stdout(printable(t)),
    stderr: (t) => io.stderr(oneLine(t)),
  };
}
