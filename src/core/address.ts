/** A1 addresses. Rows and columns are 0-based inside the engine, 1-based only in A1 text. */

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
  if (row < 0 || row >= 1048576 || col < 0 || col >= 16384) return null;
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

/** Sheet-qualified address, quoting the sheet name the way Excel formulas do. */
export function qualified(sheet: string, address: string): string {
  // Excel leaves letters (CJK included), digits after the first character, _ and . unquoted.
  const plain =
    /^[A-Za-z_\u3400-\u9fff][A-Za-z0-9_.\u3400-\u9fff]*$/.test(sheet) &&
    !parseA1(sheet) &&
    !/^R\d*C\d*$/i.test(sheet);
  const name = plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${address}`;
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
