/**
 * One file's check for `tdcheck check`, shared by a single file and a batch: the options, loading
 * and checking a file with its stored acceptances, the tdcheck/1 document, and the few output
 * helpers both print with (checkCommand.ts: one file; checkBatch.ts: many).
 */
import { checkMaps, checkWorkbook, type CheckResult } from "../core/check";
import { contractDocument } from "../core/contract";
import type { WorkbookGrid } from "../core/grid";
import { lookedAtText, type Lang } from "../core/messages";
import { applyAcceptances, readAcceptances, type AcceptedCheckResult } from "../core/report/acceptance";
import { CHECK_TEXT } from "./checkText";
import { FileFault } from "./files";
import { INPUT_TEXT } from "./inputText";
import { pathsOf, type CliIo } from "./io";
import type { PreparedInput } from "./legacyInput";
import { chosenUnreadable, isConverted, loadWorkbook, uncalculatedFormulas, type InputSource } from "./load";
import { loadMap } from "./mapFile";
import { maxCellsOption, outputTooLargeWords, unreadableWords, writeFaultWords } from "./messages";
import { TABLE_TEXT } from "./tableText";
import type { UnreadableSheet } from "./xlsx";

export interface CheckOptions {
  sheet?: string;
  /** A corrected table map (tdcheck-map/1) to use instead of detection. */
  map?: string;
  format: "text" | "json" | "csv";
  /** One file: the annotated copy's path. Several files: a folder for one copy per file. */
  annotate?: string;
  /** One file: the report copy's path. Several files: a folder for one copy per file. */
  report?: string;
  preparer?: string;
  reviewer?: string;
  strict: boolean;
  lang: Lang;
  /** How many files of a batch to check at once (the main thread and worker threads); default: chooseJobs. */
  jobs?: string;
  /** --max-cells as typed; checked by runCheck. */
  maxCells?: string;
  /** --soffice: LibreOffice's program, for .xls/.et inputs. */
  soffice?: string;
}

export const EXIT = { clean: 0, errors: 1, unusable: 2 } as const;

function problemText(result: CheckResult, file: string, lang: Lang): string | null {
  const p = result.problems[0];
  if (!p) return null;
  const words = TABLE_TEXT[lang];
  switch (p.code) {
    case "EMPTY_WORKBOOK":
      return words.nothingToCheck(file);
    case "NO_SUCH_SHEET":
      return words.noSuchSheet(file, String(p.sheet), String(p.detail));
    case "NO_TABLE":
      return words.noTableToCheck(file, p.sheet, lookedAtText(result.rejected ?? [], lang));
  }
}

export interface Checked {
  file: string;
  /** The .xlsx that copies are made from (for a text table, a new workbook of its cells). */
  xlsx(): Uint8Array;
  source: InputSource;
  workbook: WorkbookGrid;
  result: AcceptedCheckResult;
  /** Worksheets that could not be read: the findings are those of the other sheets; exit 2. */
  unreadable: UnreadableSheet[];
}

/** A single file this large gets a progress line (rows read, then checking) on a terminal. */
export const LARGE_FILE_BYTES = 2 * 1024 * 1024;

type Outcome = { ok: true; checked: Checked } | { ok: false; message: string; code?: string };

/** --max-cells as a number (runCheck has refused a bad one before any file is read). */
function cellLimitOf(options: CheckOptions): number | undefined {
  const limit = maxCellsOption(options.maxCells, options.lang);
  return limit.ok ? limit.value : undefined;
}

/** Load, check, apply the stored acceptances: everything short of writing and printing. */
export async function checkFile(
  file: string,
  options: CheckOptions,
  io: CliIo,
  prepared: PreparedInput | undefined,
): Promise<Outcome> {
  const text = INPUT_TEXT[options.lang];
  const progress = io.progress && (io.fileSize?.(file) ?? 0) >= LARGE_FILE_BYTES ? io.progress : undefined;
  const name = pathsOf(io).basename(file);
  progress?.show(text.readingRows(name, 0));
  const loaded = loadWorkbook(file, io, options.lang, {
    onRows: progress && ((rows) => progress.show(text.readingRows(name, rows))),
    maxCells: cellLimitOf(options),
    prepared,
  });
  if (!loaded.ok) return { ok: false, message: loaded.message };
  if (progress) {
    const rows = loaded.workbook.sheets.reduce((n, s) => n + s.values.length, 0);
    progress.show(text.checkingRows(name, rows));
  }
  const copiesAsked = !!(options.annotate || options.report);
  const unreadableSheets = chosenUnreadable(loaded.unreadable, options.sheet);
  // A sheet that could not be read may hold what the others' problems are about: that is the line.
  const unreadable = unreadableSheets.length
    ? unreadableWords(file, unreadableSheets, copiesAsked)[options.lang]
    : undefined;
  let result: CheckResult;
  if (options.map) {
    const maps = loadMap(options.map, loaded.workbook, options.lang, io);
    if (!maps.ok) return { ok: false, message: maps.message, code: "BAD_MAP" };
    const chosen =
      options.sheet === undefined ? maps.maps : maps.maps.filter((m) => m.sheet === options.sheet);
    result = {
      ...checkMaps(loaded.workbook, chosen),
      problems: chosen.length ? [] : [{ code: "NO_TABLE", sheet: options.sheet }],
    };
  } else result = checkWorkbook(loaded.workbook, { sheet: options.sheet });
  const problem = problemText(result, file, options.lang);
  if (problem)
    return {
      ok: false,
      message: unreadable ?? problem,
      code: unreadable ? "UNREADABLE_SHEET" : result.problems[0].code,
    };
  const uncalculated = uncalculatedFormulas(loaded.workbook, result.maps);
  if (uncalculated.length)
    return {
      ok: false,
      message: unreadable ?? text.uncalculated(file, uncalculated),
      code: unreadable ? "UNREADABLE_SHEET" : "UNCALCULATED",
    };
  const stored = readAcceptances(loaded.workbook);
  if (stored.problem)
    io.stderr(`tdcheck: ${CHECK_TEXT[options.lang].acceptancesUnreadable(file, stored.problem.code)}\n`);
  const accepted = await applyAcceptances(result, stored.items, loaded.workbook);
  progress?.clear();
  return {
    ok: true,
    checked: {
      file,
      xlsx: loaded.xlsx,
      source: loaded.source,
      workbook: loaded.workbook,
      result: accepted,
      unreadable: unreadableSheets,
    },
  };
}

export function failing(summary: AcceptedCheckResult["summary"], strict: boolean): boolean {
  return summary.errors + (strict ? summary.warnings : 0) > 0;
}

/**
 * Writes a JSON or CSV document, or says in one line that it cannot be made: a long text that many
 * cells share is one string in the workbook but a copy per finding in the document, which can
 * pass the largest string a program can build.
 */
export function emit(io: CliIo, options: CheckOptions, render: () => string): boolean {
  let text: string;
  try {
    text = render();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    io.stderr(`tdcheck: ${outputTooLargeWords(options.format)[options.lang]}\n`);
    return false;
  }
  io.stdout(text);
  return true;
}

/**
 * The tdcheck/1 document of one file, with fields added (none renamed): how a text table was read,
 * or that LibreOffice converted the file (`input`); the sheets that could not be read; and the notes
 * an annotated copy left out because the cell has a note of the user's.
 */
export function fileDocument(c: Checked, lang: Lang, skippedNotes: string[] = []): unknown {
  const doc = contractDocument(c.file, c.result, lang);
  const input =
    c.source.format === "csv"
      ? {
          input: {
            format: c.source.format,
            encoding: c.source.encoding,
            delimiter: c.source.delimiter,
            rows: c.source.rows,
          },
        }
      : isConverted(c.source)
        ? { input: { format: c.source.format, convertedBy: c.source.convertedBy } }
        : {};
  return {
    ...doc,
    ...input,
    ...(c.unreadable.length
      ? { unreadableSheets: c.unreadable.map((u) => ({ sheet: u.name, part: u.part, detail: u.detail })) }
      : {}),
    ...(skippedNotes.length ? { skippedNotes } : {}),
  };
}

export function ensureFolder(dir: string, options: CheckOptions, io: CliIo): boolean {
  if (io.isDirectory(dir)) return true;
  if (io.exists(dir)) {
    io.stderr(`tdcheck: ${CHECK_TEXT[options.lang].folderNeeded(dir)}\n`);
    return false;
  }
  try {
    io.makeDirectory(dir);
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException)?.code ?? "EIO";
    io.stderr(`tdcheck: ${writeFaultWords(new FileFault("IO", dir, { errno }))[options.lang]}\n`);
    return false;
  }
  return true;
}
