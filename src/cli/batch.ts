/**
 * Checking many files at once (`tdcheck check a.xlsx b.xlsx folder/`): which files a folder
 * holds, the one summary table for people, and the one JSON document (`tdcheck-batch/1`) for
 * machines. The per-file work is checkCommand's; this file only gathers and presents.
 */
import { DELIMITED_NAME } from "../core/csv";
import type { AcceptedSummary } from "../core/report/acceptance";
import type { Lang } from "../core/messages";
import { CHECK_TEXT, type FileStatus } from "./checkText";
import { pathsOf, type CliIo } from "./io";
import { skippedWords } from "./messages";
import type { PackageKind } from "./xlsx";
import { displayWidth, padEnd, maxWidth } from "./width";

export const BATCH_SCHEMA = "tdcheck-batch/1";

/**
 * Files a folder contributes: .xlsx/.xlsm, text tables (.csv, .tsv) and old .xls/.et workbooks (read
 * through LibreOffice, or the user hears how to convert them). A folder's .txt files are mostly not
 * tables, so only a .txt named on the command line is read as one.
 */
const FOLDER_FILES = /\.(xlsx|xlsm|xls|et|ett|csv|tsv)$/i;

export interface Inputs {
  files: string[];
  /** A folder without a workbook in it. */
  emptyFolders: string[];
  /** Several inputs, or any folder: report as a batch. */
  batch: boolean;
}

/**
 * Expands folders to their workbooks (non-recursive, sorted by name); files are taken as given.
 * A name in a folder that looks like a workbook but is a folder, a FIFO or a device is skipped with
 * one line on stderr (and leaves the exit code alone): reading /dev/zero or a FIFO would never end.
 */
export function expandInputs(args: string[], io: CliIo, lang: Lang): Inputs {
  const paths = pathsOf(io);
  const files: string[] = [];
  const emptyFolders: string[] = [];
  let folders = 0;
  for (const arg of args) {
    if (!io.isDirectory(arg)) {
      files.push(arg);
      continue;
    }
    folders++;
    const names: string[] = [];
    for (const n of io.listDirectory(arg).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      // ~$name.xlsx is the lock file Excel keeps next to an open workbook.
      if (!FOLDER_FILES.test(n) || n.startsWith("~$")) continue;
      const p = paths.join(arg, n);
      const seen = io.inspect(p);
      if (seen.kind === "directory" || seen.kind === "special") {
        io.stderr(`tdcheck: ${skippedWords(p, seen)[lang]}\n`);
        continue;
      }
      names.push(p);
    }
    if (names.length === 0) emptyFolders.push(arg);
    files.push(...names);
  }
  return { files, emptyFolders, batch: args.length > 1 || folders > 0 };
}

/**
 * One file's outcome, as plain data (a worker thread sends it to the main thread as it is): the
 * summary, the tdcheck/1 document when the batch prints JSON, and its findings' CSV rows when it
 * prints CSV.
 */
export type FileEntry =
  | {
      file: string;
      ok: true;
      summary: AcceptedSummary;
      /**
       * The tdcheck/1 document as JSON text: a worker thread sends a string far faster than the
       * object (structured cloning a document cost more than checking a small workbook).
       */
      documentJson?: string;
      /** Its findings' rows, when the batch prints CSV. */
      csvRows?: string[][];
      /** The document or rows for this file could not be built (a long text repeated per finding). */
      outputTooLarge?: boolean;
      writeFailed?: boolean;
      /** The line saying which sheets could not be read (the file counts as unusable: exit 2). */
      unreadable?: string;
      /** Cells whose note an annotated copy left out: the user's own note was there. */
      skippedNotes?: string[];
      /** Read through LibreOffice (an .xls/.et converted to .xlsx). */
      converted?: boolean;
    }
  | { file: string; ok: false; error: string; code?: string };

/**
 * `OUTDIR/name.xlsx`, made unique within this batch (two inputs may share a name); a text table's
 * copy is an .xlsx. Names are made unique by their stem, so that the extension can still become the
 * one of the copy's kind once the file is read (`forKind`) without meeting another copy's name.
 */
export function outputPath(dir: string, file: string, used: Set<string>, io: CliIo): string {
  const paths = pathsOf(io);
  const base = paths.basename(file);
  const ext = paths.extname(base);
  const stem = paths.basename(base, ext);
  const outExt = DELIMITED_NAME.test(base) ? ".xlsx" : ext || ".xlsx";
  let name = stem;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem}(${n})`;
  used.add(name.toLowerCase());
  return paths.join(dir, `${name}${outExt}`);
}

/**
 * A batch copy's path with the extension of its kind (a macro-enabled input gives name.xlsm,
 * whatever it was called): Excel opens a package only under the extension of its kind.
 */
export function forKind(out: string, kind: PackageKind, io: CliIo): string {
  const paths = pathsOf(io);
  const ext = paths.extname(out);
  return ext.toLowerCase() === `.${kind}` ? out : `${out.slice(0, out.length - ext.length)}.${kind}`;
}

export interface BatchSummary {
  files: number;
  checked: number;
  unusable: number;
  tables: number;
  progressions: number;
  errors: number;
  warnings: number;
  infos: number;
  accepted: number;
}

export function batchSummary(entries: FileEntry[]): BatchSummary {
  const ok = entries.filter((e): e is Extract<FileEntry, { ok: true }> => e.ok);
  const sum = (k: "tables" | "progressions" | "errors" | "warnings" | "infos" | "accepted"): number =>
    ok.reduce((n, e) => n + e.summary[k], 0);
  // A file with a sheet that could not be read is unusable (exit 2), though its other sheets' findings count.
  const whole = ok.filter((e) => !e.unreadable).length;
  return {
    files: entries.length,
    checked: whole,
    unusable: entries.length - whole,
    tables: sum("tables"),
    progressions: sum("progressions"),
    errors: sum("errors"),
    warnings: sum("warnings"),
    infos: sum("infos"),
    accepted: sum("accepted"),
  };
}

/** One document: a tdcheck/1 document per checked file, `{ file, error }` per unusable one. */
export function batchDocument(entries: FileEntry[]) {
  return {
    schema: BATCH_SCHEMA,
    files: entries.map((e) =>
      e.ok
        ? (JSON.parse(e.documentJson ?? "null") as unknown)
        : { file: e.file, error: e.error, ...(e.code ? { code: e.code } : {}) },
    ),
    summary: batchSummary(entries),
  };
}

function status(e: FileEntry, strict: boolean): FileStatus {
  if (!e.ok) return "unusable";
  if (e.unreadable) return "unreadable";
  if (e.writeFailed) return "copyNotWritten";
  const s = e.summary;
  if (s.errors) return "errors";
  if (s.warnings) return strict ? "strictWarnings" : "warnings";
  return "clean";
}

/** The summary table, one line per file, then a total line and the reasons files were unusable. */
export function batchText(entries: FileEntry[], strict: boolean, lang: Lang): string[] {
  const t = CHECK_TEXT[lang];
  const rows = entries.map((e) =>
    e.ok
      ? [
          e.file,
          String(e.summary.tables + e.summary.progressions),
          String(e.summary.errors),
          String(e.summary.warnings),
          t.status[status(e, strict)],
        ]
      : [e.file, "–", "–", "–", t.status[status(e, strict)]],
  );
  const table = [t.batchHeadings, ...rows];
  const widths = [0, 1, 2, 3].map((c) => maxWidth(table.map((r) => r[c])));
  const line = (r: string[]): string =>
    `  ${padEnd(r[0], widths[0])}  ${[1, 2, 3].map((c) => " ".repeat(widths[c] - displayWidth(r[c])) + r[c]).join("  ")}  ${r[4]}`;
  const out = table.map(line);
  out.push("", t.batchTotal(batchSummary(entries)));
  const reasons = entries.flatMap((e) => (!e.ok ? [e.error] : e.unreadable ? [e.unreadable] : []));
  if (reasons.length) out.push("", ...reasons.map((r) => `  ${r}`));
  return out;
}
