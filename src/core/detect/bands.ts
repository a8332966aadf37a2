/**
 * Where tables stand side by side (docs/table-understanding.md §1): the column ranges of a band of
 * rows, cut at two blank columns, or at one where what follows opens a table of its own.
 */
import { isTextCode, isValueCode } from "./cells";
import type { SheetCells } from "./sheetCells";

/** A run of this many blank rows (or columns) ends a table. */
export const GAP = 2;

/** Rows the label column is chosen on, at most. */
export const LABEL_SAMPLE = 2000;

export function evenSample(rows: number[], n: number): number[] {
  if (rows.length <= n) return rows;
  const step = rows.length / n;
  return Array.from({ length: n }, (_, k) => rows[Math.floor(k * step)]);
}

/**
 * Whether column c, after a single blank column, opens a table of its own: its cells are names (text,
 * not figures) on most rows where it has any, and a column of figures follows it before the next
 * blank column, while the column before the blank holds figures (the end of the table on the left).
 */
function tableOpeners(
  cells: SheetCells,
  rows: number[],
  width: number,
  used: Uint8Array,
): (c: number) => boolean {
  const sample = evenSample(rows, LABEL_SAMPLE);
  // Names and figures as every other scan of detection reads a cell (cells.ts shape codes).
  const kinds = (c: number) => {
    let text = 0;
    let figures = 0;
    for (const r of sample) {
      const code = cells.code(r, c);
      if (isValueCode(code)) figures++;
      else if (isTextCode(code)) text++;
    }
    return { text, figures };
  };
  return (c: number) => {
    if (c < 2 || used[c - 1] || !used[c - 2]) return false;
    const names = kinds(c);
    if (names.text < 3 || names.figures * 2 > names.text) return false;
    const before = kinds(c - 2);
    if (before.figures < 3 || before.text > before.figures) return false;
    for (let k = c + 1; k < width && used[k]; k++) if (kinds(k).figures >= 3) return true;
    return false;
  };
}

/** Column ranges separated by GAP or more blank columns (tables side by side). */
export function columnBands(cells: SheetCells, rows: number[], width: number): [number, number][] {
  if (width === 0) return [];
  const used = new Uint8Array(width);
  const mark = (r: number, c: number) => {
    const v = cells.raw(r, c);
    if (v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "")) used[c] = 1;
  };
  // Columns used somewhere in an even sample of the rows; only those it leaves blank are looked
  // for in every row (a dense table of 50,000 rows has none).
  for (const r of evenSample(rows, LABEL_SAMPLE)) {
    const n = cells.width(r);
    for (let c = 0; c < n; c++) if (!used[c]) mark(r, c);
  }
  const blank: number[] = [];
  for (let c = 0; c < width; c++) if (!used[c]) blank.push(c);
  if (blank.length && rows.length > LABEL_SAMPLE)
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      const n = cells.width(r);
      for (const c of blank) if (c < n && !used[c]) mark(r, c);
    }
  const bands: [number, number][] = [];
  let from = -1;
  let blanks = 0;
  const opensTable = tableOpeners(cells, rows, width, used);
  for (let c = 0; c < width; c++) {
    if (used[c]) {
      // One blank column is a gap too where what follows opens a table of its own: a column of
      // names, then figures (区县 | 新增企业 ‖ 部门 | 编制数).
      if (from >= 0 && blanks === 1 && opensTable(c)) {
        bands.push([from, c - 2]);
        from = -1;
      }
      if (from < 0) from = c;
      blanks = 0;
    } else if (from >= 0 && ++blanks >= GAP) {
      bands.push([from, c - blanks]);
      from = -1;
      blanks = 0;
    }
  }
  if (from >= 0) bands.push([from, width - 1 - blanks]);
  return bands;
}
