/**
 * Loads an input file as the engine's workbook, or says in one line why it cannot. An .xlsx goes
 * through the .xlsx door; a text table (CSV, TSV, Excel's Unicode text) through core/csv; an old
 * .xls/.et through the .xlsx door too, once LibreOffice has converted it (legacyInput.ts, before
 * the command reads anything). Every input's bytes are read in one place, `readInput`, so what is
 * checked before reading applies to every kind of input. The engine never sees a path or a byte.
 */
import { a1 } from "../core/address";
import { DELIMITED_NAME, readDelimitedTable, type DelimitedSource } from "../core/csv";
import { rawAt, type WorkbookGrid } from "../core/grid";
import type { TableMap } from "../core/model";
import type { Lang } from "../core/messages";
import { FileFault, Files } from "./files";
import { INPUT_TEXT } from "./inputText";
import { pathsOf, type CliIo } from "./io";
import type { ConvertedSource, LegacyFormat, PreparedInput } from "./legacyInput";
import { readFaultWords } from "./messages";
import { DEFAULT_LIMITS, problemMessage, readXlsx, type UnreadableSheet } from "./xlsx";
import { newWorkbookXlsx } from "./xlsx/newWorkbook";

/** What the workbook was read from: an .xlsx as it is, a text table read as one sheet, or an .xls/.et LibreOffice converted. */
export type InputSource = { format: "xlsx" } | ({ format: "csv" } & DelimitedSource) | ConvertedSource;

/** The input went through LibreOffice: its copies are .xlsx workbooks of the converted file. */
export function isConverted(source: InputSource): source is ConvertedSource {
  return "convertedBy" in source;
}

export type Loaded =
  | {
      ok: true;
      workbook: WorkbookGrid;
      source: InputSource;
      /**
       * The .xlsx that output copies are made from: the input itself, a new workbook of a text
       * table's cells, or the workbook LibreOffice converted an .xls/.et to.
       */
      xlsx(): Uint8Array;
      /** Worksheets that could not be read: the input is unusable (exit 2), the others still checked. */
      unreadable: UnreadableSheet[];
    }
  | { ok: false; message: string };

export interface LoadOptions {
  /** Hears the rows read so far, now and then (a progress line). */
  onRows?: (rowsRead: number) => void;
  /** --max-cells: most cells with values or formulas one read takes (a text table: most cells). */
  maxCells?: number;
  /** An .xls/.et LibreOffice converted (or could not): what is read in place of the file itself. */
  prepared?: PreparedInput;
}

/** Windows reports a file another program holds open (Excel does, while a workbook is open) as busy or not permitted. */
const LOCKED = new Set(["EBUSY", "EPERM"]);

/** Excel's owner file beside an open workbook: `~$` and the workbook's name. */
export function ownerFileOf(file: string, io: CliIo): string {
  const paths = pathsOf(io);
  return paths.join(paths.dirname(file), `~$${paths.basename(file)}`);
}

/**
 * The file's bytes, or the one line saying why they cannot be read: only a regular file is read,
 * and none over the size limit (files.ts); a file Excel holds open is said as such.
 */
export function readInput(
  file: string,
  io: CliIo,
  lang: Lang,
): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  const text = INPUT_TEXT[lang];
  if (!io.exists(file)) return { ok: false, message: text.notFound(file) };
  if (io.isDirectory(file)) return { ok: false, message: text.isFolder(file) };
  try {
    return { ok: true, bytes: io.readFile(file) };
  } catch (e) {
    const fault =
      e instanceof FileFault
        ? e
        : new FileFault("IO", file, { errno: (e as NodeJS.ErrnoException)?.code ?? "EIO" });
    const errno = fault.extra.errno ?? "";
    if (fault.code === "IO" && LOCKED.has(errno)) return { ok: false, message: text.lockedByExcel(file) };
    return { ok: false, message: readFaultWords(fault)[lang] };
  }
}

function isWorkbookBytes(bytes: Uint8Array): boolean {
  // A zip (.xlsx misnamed .csv) or an OLE file (.xls): the .xlsx door says what it is.
  return (
    bytes.length >= 4 &&
    ((bytes[0] === 0x50 && bytes[1] === 0x4b) ||
      (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11))
  );
}

/**
 * The workbook LibreOffice converted, read from the private folder (a batch's worker) or already in
 * memory; the folder is this run's own, so a failure here is a fault, said as a failed conversion.
 */
export function readConverted(
  xlsx: string | Uint8Array,
  file: string,
  format: LegacyFormat,
  lang: Lang,
): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  if (typeof xlsx !== "string") return { ok: true, bytes: xlsx };
  try {
    return { ok: true, bytes: new Files().readRegular(xlsx) };
  } catch {
    return { ok: false, message: INPUT_TEXT[lang].notConverted(file, format) };
  }
}

export function loadWorkbook(file: string, io: CliIo, lang: Lang, options: LoadOptions = {}): Loaded {
  const prepared = options.prepared;
  if (prepared?.kind === "refused") return { ok: false, message: prepared.message };
  const read = prepared
    ? readConverted(prepared.xlsx, file, prepared.source.format, lang)
    : readInput(file, io, lang);
  if (!read.ok) return read;
  const bytes = read.bytes;
  const fileName = pathsOf(io).basename(file);
  const owner = ownerFileOf(file, io);
  if (io.exists(owner))
    io.stderr(`tdcheck: ${INPUT_TEXT[lang].openInExcel(file, pathsOf(io).basename(owner))}\n`);
  if (!prepared && DELIMITED_NAME.test(fileName) && !isWorkbookBytes(bytes)) {
    const table = readDelimitedTable(bytes, {
      fileName,
      maxCells: options.maxCells ?? DEFAULT_LIMITS.maxCells,
    });
    if (!table.ok) return { ok: false, message: INPUT_TEXT[lang].delimitedProblem(file, table.problem) };
    options.onRows?.(table.source.rows);
    let made: Uint8Array | undefined;
    return {
      ok: true,
      workbook: table.workbook,
      source: { format: "csv", ...table.source },
      xlsx: () => (made ??= newWorkbookXlsx(table.workbook)),
      unreadable: [],
    };
  }
  const xlsx = readXlsx(bytes, {
    fileName,
    onRows: options.onRows,
    limits: options.maxCells !== undefined ? { maxCells: options.maxCells } : undefined,
  });
  if (!xlsx.ok) return { ok: false, message: problemMessage(xlsx.problem, file)[lang] };
  return {
    ok: true,
    workbook: xlsx.workbook,
    source: prepared ? prepared.source : { format: "xlsx" },
    xlsx: () => bytes,
    unreadable: xlsx.unreadable,
  };
}

/**
 * The unreadable sheets that matter: all of them, or with --sheet only that one (as the engine
 * matches a sheet name: exactly, else ignoring case and surrounding spaces).
 */
export function chosenUnreadable(
  unreadable: UnreadableSheet[],
  sheet: string | undefined,
): UnreadableSheet[] {
  if (sheet === undefined) return unreadable;
  const norm = (s: string): string => s.trim().toLowerCase();
  return unreadable.filter((u) => u.name === sheet || norm(u.name) === norm(sheet));
}

/**
 * Cells inside the detected tables that hold a formula but no calculated result: a file written by
 * a program that does not calculate (openpyxl, exceljs, some exports). Read as blank, such a cell
 * would make a wrong sum look right (or a right one wrong), so the command refuses the file instead.
 * Excel and WPS always store the result; opening and saving the file there fixes it.
 */
export function uncalculatedFormulas(workbook: WorkbookGrid, maps: readonly TableMap[]): string[] {
  const cells: string[] = [];
  const seen = new Set<string>();
  for (const m of maps) {
    const grid = workbook.sheets.find((s) => s.name === m.sheet);
    if (!grid?.formulas) continue;
    const { top, bottom, left, right } = m.range;
    for (let r = top; r <= bottom; r++) {
      const f = grid.formulas[r];
      if (!f) continue;
      for (let c = left; c <= right && c < f.length; c++)
        if (typeof f[c] === "string" && rawAt(grid, r, c) === undefined) {
          const cell = `${m.sheet}!${a1(r, c)}`;
          if (!seen.has(cell)) {
            seen.add(cell);
            cells.push(cell);
          }
        }
    }
  }
  return cells;
}
