/** The command line's contact with the outside world, injectable so tests run in-process. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { terminalProgress, type Progress, type TerminalStream } from "./progress";
import { oneLine, printable } from "./terminalText";

export { oneLine, printable };

/** The path arithmetic the command line uses: Node's own (path.win32 in tests of Windows habits). */
export type PathApi = Pick<typeof path, "basename" | "extname" | "join" | "resolve" | "dirname" | "sep">;
import { intlLocale } from "./cliLang";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Uint8Array;
  writeFile(path: string, bytes: Uint8Array | string): void;
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
  /** Cores the batch may use, and the memory free for it (bytes). */
  machine?(): { cores: number; freeBytes: number };
  /** The environment (the system locale decides the language: cliLang.ts); none: Chinese. */
  env?: Record<string, string | undefined>;
  /** The platform's locale where the environment names none (Windows). */
  locale?: () => string | undefined;
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
}

/** Free memory as the batch may use it: the machine's, within a container's limit when there is one. */
function freeBytes(): number {
  const free = os.freemem();
  const limit = typeof process.constrainedMemory === "function" ? process.constrainedMemory() : 0;
  if (!limit || limit >= Number.MAX_SAFE_INTEGER) return free;
  return Math.max(0, Math.min(free, limit - process.memoryUsage().rss));
}

export function nodeIo(options: NodeIoOptions = {}): CliIo {
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
    readFile: (p) => fs.readFileSync(p),
    writeFile: (p, b) => fs.writeFileSync(p, b),
    exists: (p) => fs.existsSync(p),
    isDirectory: (p) => fs.existsSync(p) && fs.statSync(p).isDirectory(),
    listDirectory: (p) => fs.readdirSync(p),
    makeDirectory: (p) => fs.mkdirSync(p, { recursive: true }),
    sameFile: (a, b) => {
      try {
        const sa = fs.statSync(a);
        const sb = fs.statSync(b);
        return sa.ino === sb.ino && sa.dev === sb.dev;
      } catch {
        return false;
      }
    },
    paths: path,
    fileSize: (p) => {
      try {
        return fs.statSync(p).size;
      } catch {
        return undefined;
      }
    },
    progress,
    workerScript: options.workerScript,
    machine: () => ({ cores: os.availableParallelism(), freeBytes: freeBytes() }),
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
