/**
 * The workbook fingerprint of an audit report: SHA-256 over one line per checked cell, so an
 * auditor can tell later whether the figures a report speaks about are still the figures in
 * the file. Only what the checks read goes in — the stored value and the number format (the
 * shown precision decides the tolerance) — never fonts, fills or borders. The exact byte
 * format is in docs/fingerprint.md; keep the two in step.
 *
 * Web Crypto (`globalThis.crypto.subtle`) is available in Node 20 and every browser the add-in
 * runs in, so the core stays free of Node APIs.
 */
import { a1, columnName, compressCells, parseRange, qualified, splitSheetRef } from "../address";
import { isErrorValue, rawAt, type RawValue, type SheetGrid, type WorkbookGrid } from "../grid";
import type { TableMap } from "../model";

/** A cell of a sheet, 0-based. */
export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

/**
 * The cells the checks read: every indicator line × every parent, assignment and child line of
 * every split (all levels), and every indicator × period of a progression.
 */
export function checkedCells(maps: TableMap[]): CellRef[] {
  const seen = new Map<string, CellSeen>();
  const cells: CellRef[] = [];
  for (const map of maps) {
    const lines = new Set<number>();
    if (map.type === "split") {
      for (const s of map.splits) {
        if (s.assignment) lines.add(s.assignment.line);
        lines.add(s.parent.line);
        for (const c of s.children) lines.add(c.line);
      }
    } else for (const p of map.periods) lines.add(p.line);
    let sheetSeen = seen.get(map.sheet);
    if (!sheetSeen) seen.set(map.sheet, (sheetSeen = new CellSeen()));
    for (const ind of map.indicators)
      for (const line of lines) {
        const [row, col] = map.orientation === "indicators-in-rows" ? [ind.line, line] : [line, ind.line];
        if (sheetSeen.add(row, col)) cells.push({ sheet: map.sheet, row, col });
      }
  }
  return cells;
}

/** Largest sheet extent, as Excel has it: cells within it get one number as their key. */
const ROWS = 2 ** 20;
const COLS = 2 ** 14;

/** Cells of one sheet seen so far: by a number (row · 2^14 + col) within Excel's extent, else by text. */
class CellSeen {
  private readonly numbers = new Set<number>();
  private readonly others = new Set<string>();
  /** False when the cell was seen before. */
  add(row: number, col: number): boolean {
    if (row >= 0 && row < ROWS && col >= 0 && col < COLS) {
      const key = row * COLS + col;
      if (this.numbers.has(key)) return false;
      this.numbers.add(key);
      return true;
    }
    const key = `${row}\u0000${col}`;
    if (this.others.has(key)) return false;
    this.others.add(key);
    return true;
  }
}

/** Backslash, tab, line feed and carriage return escaped, so one cell is one line of three fields. */
export function escapeField(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

/**
 * The stored value as text: a number as ECMAScript writes it (the shortest text that reads back
 * as the same double: 2000, 0.1, 1e-7), TRUE/FALSE, an error's code (#REF!), text as is; an
 * empty cell is the empty string.
 */
export function valueText(v: RawValue): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isErrorValue(v)) return v.error;
  return v;
}

/** The number format code; a cell without one (or with an empty one) is "General". */
export function formatText(grid: SheetGrid, row: number, col: number): string {
  const f = grid.numberFormats?.[row]?.[col];
  return f === undefined || f === null || f === "" ? "General" : f;
}

/** `Sheet!A1 TAB value TAB format LF`, the unit of the fingerprint and of acceptance keys. */
export function cellLine(grid: SheetGrid, row: number, col: number): string {
  return `${grid.name}!${a1(row, col)}\t${escapeField(valueText(rawAt(grid, row, col)))}\t${escapeField(formatText(grid, row, col))}\n`;
}

/** On a list orderCells made (frozen, so it stays in order): the workbook it is in order for. */
const IN_ORDER_FOR = Symbol("cells in order for");

/**
 * Cells in sheet order (as the workbook lists its sheets), then row, then column; duplicates once.
 * The list comes back frozen and knows it is in order: given back, it is returned as it is (the
 * report's header and its fingerprint order the same million cells, once).
 */
export function orderCells(workbook: WorkbookGrid, cells: readonly CellRef[]): readonly CellRef[] {
  if ((cells as { [IN_ORDER_FOR]?: WorkbookGrid })[IN_ORDER_FOR] === workbook) return cells;
  const order = new Map(workbook.sheets.map((s, i) => [s.name, i]));
  const within = cells.every((c) => c.row >= 0 && c.row < ROWS && c.col >= 0 && c.col < COLS);
  let out: CellRef[];
  if (within && workbook.sheets.length < 2 ** 18) {
    // One number per cell (sheet, row, column in that order of significance, exact in a double):
    // a typed-array sort of a million numbers instead of a million comparator calls.
    const keys = new Float64Array(cells.length);
    let n = 0;
    for (const c of cells) {
      const sheet = order.get(c.sheet);
      if (sheet !== undefined) keys[n++] = (sheet * ROWS + c.row) * COLS + c.col;
    }
    const sorted = keys.subarray(0, n).sort();
    out = [];
    const names = workbook.sheets.map((s) => s.name);
    for (let i = 0; i < n; i++) {
      const k = sorted[i];
      if (i > 0 && k === sorted[i - 1]) continue;
      const col = k % COLS;
      const rest = (k - col) / COLS;
      const row = rest % ROWS;
      out.push({ sheet: names[(rest - row) / ROWS], row, col });
    }
  } else {
    const seen = new Set<string>();
    out = [];
    for (const c of cells) {
      if (!order.has(c.sheet)) continue;
      const key = `${c.sheet}\u0000${c.row}\u0000${c.col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(c);
    }
    out.sort((p, q) => order.get(p.sheet)! - order.get(q.sheet)! || p.row - q.row || p.col - q.col);
  }
  Object.defineProperty(out, IN_ORDER_FOR, { value: workbook });
  return Object.freeze(out);
}

/** The exact text that is hashed (UTF-8) for these cells. */
export function fingerprintText(workbook: WorkbookGrid, cells: readonly CellRef[]): string {
  const grids = new Map(workbook.sheets.map((s) => [s.name, s]));
  // cellLine, with what repeats worked out once: column letters, a format's escaped text, and
  // numbers (whose text never needs escaping).
  const letters: string[] = [];
  const formats = new Map<string, string>();
  const lines: string[] = [];
  for (const c of orderCells(workbook, cells)) {
    const grid = grids.get(c.sheet)!;
    const v = rawAt(grid, c.row, c.col);
    const value = typeof v === "number" ? String(v) : escapeField(valueText(v));
    const f = formatText(grid, c.row, c.col);
    let format = formats.get(f);
    if (format === undefined) formats.set(f, (format = escapeField(f)));
    const column = (letters[c.col] ??= columnName(c.col));
    lines.push(`${grid.name}!${column}${c.row + 1}\t${value}\t${format}\n`);
  }
  return lines.join("");
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let hex = "";
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** SHA-256 (lowercase hex) of the checked cells' lines. */
export function fingerprint(workbook: WorkbookGrid, cells: readonly CellRef[]): Promise<string> {
  return sha256Hex(fingerprintText(workbook, cells));
}

/** The checked cells as few sheet-qualified ranges (`分解表!C4:Q8`), for the report header. */
export function cellRanges(workbook: WorkbookGrid, cells: readonly CellRef[]): string[] {
  const ordered = orderCells(workbook, cells);
  const out: string[] = [];
  for (const sheet of workbook.sheets) {
    const mine = ordered.filter((c) => c.sheet === sheet.name);
    if (mine.length) out.push(...compressCells(mine).map((r) => qualified(sheet.name, r)));
  }
  return out;
}

/** Splits `Sheet!A1:B2` or `'My sheet'!A1` into sheet and range; a bare range belongs to `sheet`. */
export function splitQualified(text: string, sheet: string): { sheet: string; range: string } {
  const { sheet: named = sheet, ref } = splitSheetRef(text);
  return { sheet: named, range: ref };
}

/** Most cells one finding may cover before the rest are left out of its key (a guard, not a rule). */
const MAX_COVERED = 100000;

/** The cells a finding covers: its own cell and every cell of its related ranges. */
export function coveredCells(finding: { sheet: string; cell: string; related: string[] }): CellRef[] {
  const cells: CellRef[] = [];
  for (const ref of [finding.cell, ...finding.related]) {
    const { sheet, range } = splitQualified(ref, finding.sheet);
    const box = parseRange(range.replace(/\$/g, ""));
    if (!box) continue;
    for (let row = box.top; row <= box.bottom; row++)
      for (let col = box.left; col <= box.right && cells.length < MAX_COVERED; col++)
        cells.push({ sheet, row, col });
  }
  return cells;
}
