/** The command line's contact with the outside world, injectable so tests run in-process. */
import * as fs from "fs";
import { Files, type FileFault, type FsOps, type PathKind } from "./files";

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
}

/** The real file system; `fs` replaces some of its calls in tests (a write that fails as on a full disk). */
export function nodeIo(options: { fs?: Partial<FsOps> } = {}): CliIo {
  const files = new Files(options.fs ? { ...fs, ...options.fs } : fs);
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: (p, limit) => files.readRegular(p, limit),
    writeFile: (p, b) => files.writeAtomically(p, b),
    inspect: (p) => files.inspect(p),
    outputProblem: (p) => files.outputProblem(p),
    exists: (p) => files.inspect(p).kind !== "missing",
    isDirectory: (p) => files.inspect(p).kind === "directory",
    listDirectory: (p) => files.listDirectory(p),
    makeDirectory: (p) => files.makeDirectory(p),
    sameFile: (a, b) => files.sameFile(a, b),
  };
}

/**
 * What a terminal may act on rather than show: C0 controls (ESC starts the sequences that move the
 * cursor, clear the screen, retitle the window; CR overwrites a line), DEL, the C1 controls, and the
 * bidirectional overrides that reorder what is displayed. A workbook's text is untrusted.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function shown(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
    : `\\u${code.toString(16).toUpperCase()}`;
}

/** Text for people: control characters shown as \xHH (\uHHHH); newlines and tabs kept. */
export function printable(text: string): string {
  return text.replace(TERMINAL_CONTROLS, shown);
}

/** One message: every control character shown as \xHH, newlines inside it too; a closing newline kept. */
export function oneLine(text: string): string {
  const end = text.endsWith("\n") ? "\n" : "";
  return text.slice(0, text.length - end.length).replace(LINE_CONTROLS, shown) + end;
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
