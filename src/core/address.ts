/**
 * A1 addresses and sheet names in them, for the engine and both doors (one copy: the Excel adapter,
 * the fake Excel and the report all use these). Rows and columns are 0-based inside the engine,
 * 1-based only in A1 text.
 */

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD1048576). */
export const EXCEL_ROWS = 1048576;
export const EXCEL_COLS = 16384;

export function columnName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(name: string): number {
  let n = 0;
  for (let i = 0; i < name.length; i++) n = n * 26 + (name.charCodeAt(i) - 64);
  return n - 1;
}

export function a1(row: number, col: number): string {
  return columnName(col) + String(row + 1);
}

export interface CellPosition {
  row: number;
  col: number;
}

export interface RangeBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const A1_CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function parseA1(text: string): CellPosition | null {
  const m = A1_CELL.exec(text.trim());
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = columnIndex(m[1].toUpperCase());
  if (row < 0 || row >= EXCEL_ROWS || col < 0 || col >= EXCEL_COLS) return null;
  return { row, col };
}

export function parseRange(text: string): RangeBox | null {
  const [first, second] = text.split(":");
  const a = parseA1(first);
  if (!a) return null;
  const b = second === undefined ? a : parseA1(second);
  if (!b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

export function rangeA1(box: RangeBox): string {
  const tl = a1(box.top, box.left);
  if (box.top === box.bottom && box.left === box.right) return tl;
  return `${tl}:${a1(box.bottom, box.right)}`;
}

/**
 * Whether Excel writes the sheet name bare before `!` (分解表!A1): letters (CJK included), then
 * letters, digits, _ and . — and not a name that reads as a cell (A1, R1C1).
 */
export function isPlainSheetName(sheet: string): boolean {
  return (
    /^[A-Za-z_\u3400-\u9fff][A-Za-z0-9_.\u3400-\u9fff]*$/.test(sheet) &&
    !parseA1(sheet) &&
    !/^R\d*C\d*$/i.test(sheet)
  );
}

/** The sheet name in quotes, a quote doubled ('O''Brien'): valid in any formula, link or name. */
export function quotedSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** The sheet name as Excel writes it before `!`: bare when plain, else quoted. */
export function sheetInAddress(sheet: string): string {
  return isPlainSheetName(sheet) ? sheet : quotedSheet(sheet);
}

/** A sheet name as written before `!`, quotes taken off ('My sheet' → My sheet, 'O''Brien' → O'Brien). */
export function unquoteSheet(text: string): string {
  return text.length >= 2 && text.startsWith("'") && text.endsWith("'")
    ? text.slice(1, -1).replace(/''/g, "'")
    : text;
}

/** `Sheet!A1:B2` or `'My sheet'!A1` → the sheet (unquoted) and the rest; no `!`: no sheet. */
export function splitSheetRef(text: string): { sheet?: string; ref: string } {
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { ref: text };
  return { sheet: unquoteSheet(text.slice(0, bang)), ref: text.slice(bang + 1) };
}

/** Sheet-qualified address, quoting the sheet name the way Excel formulas do. */
export function qualified(sheet: string, address: string): string {
  return `${sheetInAddress(sheet)}!${address}`;
}

const COLUMN_ONLY = /^\$?([A-Za-z]{1,3})$/;
const ROW_ONLY = /^\$?(\d{1,7})$/;

/**
 * One area as Excel names it, `$` allowed: a cell (A1), a range (A1:B2), whole columns (A:C) or
 * whole rows (3:5); null for anything else or beyond the grid.
 */
export function parseArea(ref: string): RangeBox | null {
  const [p, q, extra] = ref.split(":");
  if (extra !== undefined || p === undefined) return null;
  if (parseA1(p)) return parseRange(ref);
  if (q === undefined) return null;
  const c1 = COLUMN_ONLY.exec(p);
  const c2 = COLUMN_ONLY.exec(q);
  if (c1 && c2) {
    const l = columnIndex(c1[1].toUpperCase());
    const r = columnIndex(c2[1].toUpperCase());
    if (l < 0 || r < 0 || l >= EXCEL_COLS || r >= EXCEL_COLS) return null;
    return { top: 0, bottom: EXCEL_ROWS - 1, left: Math.min(l, r), right: Math.max(l, r) };
  }
  const r1 = ROW_ONLY.exec(p);
  const r2 = ROW_ONLY.exec(q);
  if (r1 && r2) {
    const t = Number(r1[1]) - 1;
    const b = Number(r2[1]) - 1;
    if (t < 0 || b < 0 || t >= EXCEL_ROWS || b >= EXCEL_ROWS) return null;
    return { top: Math.min(t, b), bottom: Math.max(t, b), left: 0, right: EXCEL_COLS - 1 };
  }
  return null;
}

/**
 * Compresses cells into as few A1 ranges as possible: runs along rows, then stacks equal runs.
 * Used for `related` lists and for multi-area flag ranges.
 */
export function compressCells(cells: CellPosition[]): string[] {
  if (cells.length === 0) return [];
  const sorted = [...cells].sort((p, q) => p.row - q.row || p.col - q.col);
  const runs: RangeBox[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.top === c.row && last.right + 1 === c.col) last.right = c.col;
    else if (!(last && last.top === c.row && last.right >= c.col))
      runs.push({ top: c.row, bottom: c.row, left: c.col, right: c.col });
  }
  // Merge vertically stacked runs with identical column spans.
  const byColumns = new Map<string, RangeBox[]>();
  const merged: RangeBox[] = [];
  for (const r of runs) {
    const key = `${r.left}:${r.right}`;
    const list = byColumns.get(key) ?? [];
    const prev = list[list.length - 1];
    if (prev && prev.bottom + 1 === r.top) prev.bottom = r.top;
    else {
      list.push(r);
      merged.push(r);
      byColumns.set(key, list);
    }
  }
  merged.sort((p, q) => p.top - q.top || p.left - q.left);
  return merged.map(rangeA1);
}
