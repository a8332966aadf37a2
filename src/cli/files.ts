/**
 * The file system as the command line needs it, safe under faults:
 *
 * - **Reads are bounded.** Only regular files are read (links followed to one); a FIFO, a device
 *   (`/dev/zero` would grow memory without end, a FIFO with no writer blocks forever) or a socket is
 *   refused from `stat`, before anything is opened, and a file over the size limit is refused before
 *   a byte is read. The file is opened non-blocking and checked again with `fstat`, so a path that
 *   changed between the two looks cannot slip a FIFO in.
 * - **Writes are atomic.** An output goes to a temporary file in the target's folder, is flushed to
 *   disk, then renamed over the target: on any failure (a full disk, a quota, an I/O error) the
 *   target is untouched and the temporary file removed. A target that exists and is read-only, a
 *   folder, or not a regular file is refused.
 * - **Names that are not UTF-8.** Node decodes such a command-line argument with U+FFFD in place of
 *   the bytes it cannot read, so the name no longer exists; each such component is matched against
 *   the folder's raw (byte) names, and used when exactly one matches.
 *
 * Every fs call goes through an `FsOps` object, so tests can inject a failing write (a full disk).
 */
import * as fs from "fs";
import * as path from "path";

/** The fs functions used here; tests replace some (writeSync throwing ENOSPC, …). */
export type FsOps = Pick<
  typeof fs,
  | "statSync"
  | "lstatSync"
  | "fstatSync"
  | "openSync"
  | "readSync"
  | "writeSync"
  | "fsyncSync"
  | "closeSync"
  | "renameSync"
  | "unlinkSync"
  | "chmodSync"
  | "readdirSync"
  | "mkdirSync"
  | "realpathSync"
  | "accessSync"
>;

/** Largest input read (issue 13): a bigger file on disk is refused before reading. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024 * 1024;

export type SpecialKind = "fifo" | "character-device" | "block-device" | "socket" | "other";

export type PathKind =
  | { kind: "missing" }
  | { kind: "file"; size: number }
  | { kind: "directory" }
  | { kind: "special"; special: SpecialKind }
  /** stat itself failed (permission, a loop of links…): errno code. */
  | { kind: "unreachable"; errno: string };

export type FileFaultCode =
  | "NOT_FOUND"
  | "IS_DIRECTORY"
  | "NOT_REGULAR"
  | "TOO_BIG"
  | "READ_ONLY"
  | "NO_FOLDER"
  /** A name that is not valid UTF-8 matches several files of the folder. */
  | "AMBIGUOUS_NAME"
  /** Any other failure of the system call: `errno` says which (ENOSPC, EACCES, EIO, …). */
  | "IO";

/** A file-system failure as a value the commands turn into one line. */
export class FileFault extends Error {
  constructor(
    readonly code: FileFaultCode,
    readonly path: string,
    readonly extra: { errno?: string; special?: SpecialKind; size?: number; limit?: number } = {},
  ) {
    super(`${code}${extra.errno ? ` (${extra.errno})` : ""}: ${path}`);
  }
}

function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? "EIO";
}

function specialKind(st: fs.Stats): SpecialKind {
  if (st.isFIFO()) return "fifo";
  if (st.isCharacterDevice()) return "character-device";
  if (st.isBlockDevice()) return "block-device";
  if (st.isSocket()) return "socket";
  return "other";
}

function kindOf(st: fs.Stats): PathKind {
  if (st.isFile()) return { kind: "file", size: st.size };
  if (st.isDirectory()) return { kind: "directory" };
  return { kind: "special", special: specialKind(st) };
}

export class Files {
  constructor(readonly ops: FsOps = fs) {}

  /**
   * The path to hand to fs: the name itself, or, where a component holds U+FFFD (bytes that were
   * not UTF-8) and does not exist as written, the folder's one raw name that decodes to it.
   */
  raw(p: string): string | Buffer {
    if (!p.includes("\uFFFD")) return p;
    try {
      this.ops.lstatSync(p);
      return p;
    } catch {
      // resolved below
    }
    const absolute = path.resolve(p);
    const parts = absolute.split(path.sep);
    let current: Buffer = Buffer.from(parts[0] + path.sep);
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i];
      if (part === "") continue;
      let next: Buffer | undefined;
      if (part.includes("\uFFFD")) {
        let names: Buffer[];
        try {
          names = this.ops.readdirSync(current, { encoding: "buffer" });
        } catch {
          return p;
        }
        const matches = names.filter((n) => n.toString("utf8") === part);
        if (matches.length > 1) throw new FileFault("AMBIGUOUS_NAME", p);
        if (matches.length === 0) return p;
        next = matches[0];
      } else next = Buffer.from(part, "utf8");
      const sep =
        current[current.length - 1] === path.sep.charCodeAt(0) ? Buffer.alloc(0) : Buffer.from(path.sep);
      current = Buffer.concat([current, sep, next]);
    }
    return current;
  }

  /** What is at a path, links followed. Never throws (an ambiguous raw name is "unreachable"). */
  inspect(p: string): PathKind {
    try {
      return kindOf(this.ops.statSync(this.raw(p)));
    } catch (e) {
      if (e instanceof FileFault) return { kind: "unreachable", errno: "EAMBIGUOUS" };
      const errno = errnoOf(e);
      return errno === "ENOENT" || errno === "ENOTDIR" ? { kind: "missing" } : { kind: "unreachable", errno };
    }
  }

  /** A regular file's bytes, or a FileFault; never opens anything else, never reads past `limit`. */
  readRegular(p: string, limit = MAX_INPUT_BYTES): Uint8Array {
    const raw = this.raw(p);
    const seen = this.inspect(p);
    if (seen.kind === "missing") throw new FileFault("NOT_FOUND", p);
    if (seen.kind === "directory") throw new FileFault("IS_DIRECTORY", p);
    if (seen.kind === "special") throw new FileFault("NOT_REGULAR", p, { special: seen.special });
    if (seen.kind === "unreachable")
      throw new FileFault(seen.errno === "EAMBIGUOUS" ? "AMBIGUOUS_NAME" : "IO", p, { errno: seen.errno });
    if (seen.size > limit) throw new FileFault("TOO_BIG", p, { size: seen.size, limit });
    let fd: number;
    try {
      // Non-blocking: should the path have become a FIFO since the stat, open must not wait for a writer.
      fd = this.ops.openSync(raw, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (e) {
      throw new FileFault("IO", p, { errno: errnoOf(e) });
    }
    try {
      const st = this.ops.fstatSync(fd);
      if (!st.isFile()) throw new FileFault("NOT_REGULAR", p, { special: specialKind(st) });
      if (st.size > limit) throw new FileFault("TOO_BIG", p, { size: st.size, limit });
      const bytes = Buffer.allocUnsafe(st.size);
      let at = 0;
      while (at < bytes.length) {
        const n = this.ops.readSync(fd, bytes, at, bytes.length - at, at);
        if (n === 0) break; // the file shrank while being read: what is there is what we read
        at += n;
      }
      return at === bytes.length ? bytes : bytes.subarray(0, at);
    } catch (e) {
      if (e instanceof FileFault) throw e;
      throw new FileFault("IO", p, { errno: errnoOf(e) });
    } finally {
      try {
        this.ops.closeSync(fd);
      } catch {
        // nothing was written through it
      }
    }
  }

  /**
   * Why an output cannot go to this path, or null: a folder, a device or FIFO (renaming over
   * /dev/null would replace the device), an existing file that is read-only, a folder that does
   * not exist.
   */
  outputProblem(p: string): FileFault | null {
    let target: string | Buffer;
    try {
      target = this.raw(p);
    } catch (e) {
      return e as FileFault;
    }
    const seen = this.inspect(p);
    if (seen.kind === "directory") return new FileFault("IS_DIRECTORY", p);
    if (seen.kind === "special") return new FileFault("NOT_REGULAR", p, { special: seen.special });
    if (seen.kind === "file") {
      const st = this.ops.statSync(target);
      // Root may write anywhere, so the permission bits themselves say whether the user meant it read-only.
      if ((st.mode & 0o222) === 0) return new FileFault("READ_ONLY", p);
      try {
        this.ops.accessSync(target, fs.constants.W_OK);
      } catch {
        return new FileFault("READ_ONLY", p);
      }
      return null;
    }
    const folder = path.dirname(path.resolve(p));
    const dir = this.inspect(folder);
    if (dir.kind !== "directory") return new FileFault("NO_FOLDER", p);
    return null;
  }

  /**
   * Writes an output atomically: a temporary file beside the target, every byte written and
   * flushed, then renamed over the target (which keeps its permissions). On failure the target is
   * as it was, the temporary file is gone, and a FileFault says why.
   */
  writeAtomically(p: string, data: Uint8Array | string): void {
    const problem = this.outputProblem(p);
    if (problem) throw problem;
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    // Through a link, the file it points at is replaced (as writing through it would), not the link.
    let target: string | Buffer = this.raw(p);
    let mode: number | undefined;
    try {
      target = Buffer.isBuffer(target)
        ? this.ops.realpathSync(target, { encoding: "buffer" })
        : this.ops.realpathSync(target);
      mode = this.ops.statSync(target).mode & 0o7777;
    } catch {
      // a new file
    }
    const folder = Buffer.isBuffer(target)
      ? Buffer.from(path.dirname(target.toString("latin1")), "latin1")
      : path.dirname(path.resolve(target));
    const base = Buffer.isBuffer(target) ? "output" : path.basename(target);
    const tempName = `.${base}.tdcheck-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
    const temp = Buffer.isBuffer(folder)
      ? Buffer.concat([folder, Buffer.from(path.sep + tempName, "utf8")])
      : path.join(folder, tempName);
    let fd: number | undefined;
    try {
      fd = this.ops.openSync(temp, "wx", 0o666);
      let at = 0;
      while (at < bytes.length) at += this.ops.writeSync(fd, bytes, at, bytes.length - at, at);
      this.ops.fsyncSync(fd);
      this.ops.closeSync(fd);
      fd = undefined;
      if (mode !== undefined) this.ops.chmodSync(temp, mode);
      this.ops.renameSync(temp, target);
    } catch (e) {
      if (fd !== undefined)
        try {
          this.ops.closeSync(fd);
        } catch {
          // the write already failed
        }
      try {
        this.ops.unlinkSync(temp);
      } catch {
        // never created, or already gone
      }
      throw e instanceof FileFault ? e : new FileFault("IO", p, { errno: errnoOf(e) });
    }
    this.syncFolder(folder);
  }

  /** Makes the rename itself durable; a file system that cannot fsync a folder is left as it is. */
  private syncFolder(folder: string | Buffer): void {
    let fd: number | undefined;
    try {
      fd = this.ops.openSync(folder, fs.constants.O_RDONLY);
      this.ops.fsyncSync(fd);
    } catch {
      // not supported here
    } finally {
      if (fd !== undefined)
        try {
          this.ops.closeSync(fd);
        } catch {
          // ignore
        }
    }
  }

  listDirectory(p: string): string[] {
    return this.ops.readdirSync(this.raw(p)).map(String);
  }

  makeDirectory(p: string): void {
    this.ops.mkdirSync(this.raw(p), { recursive: true });
  }

  /** Same file on disk (to refuse overwriting an input), links followed. */
  sameFile(a: string, b: string): boolean {
    try {
      const sa = this.ops.statSync(this.raw(a));
      const sb = this.ops.statSync(this.raw(b));
      return sa.ino === sb.ino && sa.dev === sb.dev;
    } catch {
      return false;
    }
  }
}
