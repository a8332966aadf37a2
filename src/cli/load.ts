/**
 * Loads an input file as the engine's workbook, or says in one line why it cannot.
 * Only the .xlsx door lives here; the engine never sees a path or a byte.
 */
import { a1 } from "../core/address";
import { rawAt, type WorkbookGrid } from "../core/grid";
import type { TableMap } from "../core/model";
import type { Lang } from "../core/messages";
import { FileFault } from "./files";
import type { CliIo } from "./io";
import { readFaultWords } from "./messages";
import { problemMessage, readXlsx, type UnreadableSheet } from "./xlsx";

export type Loaded =
  | {
      ok: true;
      workbook: WorkbookGrid;
      bytes: Uint8Array;
      /** Worksheets that could not be read: the input is unusable (exit 2), the others still checked. */
      unreadable: UnreadableSheet[];
    }
  | { ok: false; message: string };

export interface LoadOptions {
  /** --max-cells: most cells with values or formulas one read takes. */
  maxCells?: number;
}

export function loadWorkbook(path: string, io: CliIo, lang: Lang, options: LoadOptions = {}): Loaded {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (e) {
    if (e instanceof FileFault) return { ok: false, message: readFaultWords(e)[lang] };
    const code = (e as NodeJS.ErrnoException).code ?? "";
    return { ok: false, message: readFaultWords(new FileFault("IO", path, { errno: code }))[lang] };
  }
  const read = readXlsx(bytes, {
    fileName: path.split(/[/\\]/).pop() ?? path,
    limits: options.maxCells !== undefined ? { maxCells: options.maxCells } : undefined,
  });
  if (!read.ok) return { ok: false, message: problemMessage(read.problem, path)[lang] };
  return { ok: true, workbook: read.workbook, bytes, unreadable: read.unreadable };
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

/** The one line saying so. */
export function uncalculatedMessage(file: string, cells: readonly string[], lang: Lang): string {
  const shown = cells.slice(0, 5).join(lang === "zh" ? "、" : ", ") + (cells.length > 5 ? "…" : "");
  return lang === "zh"
    ? `${file}：表中 ${cells.length} 个公式单元格没有计算结果（${shown}），文件可能由不计算公式的程序生成：请在 Excel 或 WPS 中打开并保存后再检查`
    : `${file}: ${cells.length} formula cell(s) in the table have no calculated result (${shown}); the file was probably written by a program that does not calculate formulas: open it in Excel or WPS, save it, and check again`;
}
