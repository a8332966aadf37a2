/** The command line's contact with the outside world, injectable so tests run in-process. */
import * as fs from "fs";

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
}

export function nodeIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
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
  };
}
