/**
 * The engine's view of one worksheet: raw cell values as a file or Excel gives them,
 * plus the facts detection and rules may use (formulas, number formats, hidden rows, outline).
 * Both doors (the .xlsx reader and the Office.js adapter) produce this; nothing here is parsed yet.
 */

/** An Excel error value such as `#REF!`. */
export interface ErrorValue {
  error: string;
}

export type RawValue = string | number | boolean | ErrorValue | null | undefined;

export interface SheetGrid {
  name: string;
  /** Row-major raw values; rows may be ragged or missing (undefined = empty). */
  values: RawValue[][];
  /** Formulas without the leading "=", same shape as values where present. */
  formulas?: (string | null | undefined)[][];
  /** Number format codes ("0.00", "0%", "General"), same shape where present. */
  numberFormats?: (string | null | undefined)[][];
  hiddenRows?: ReadonlySet<number>;
  hiddenColumns?: ReadonlySet<number>;
  /** Row outline (grouping) levels where the source exposes them (files do; Office.js does not). */
  outlineLevels?: ReadonlyMap<number, number>;
  /** Left indent levels of cells, keyed `row,col`, where the source exposes them. */
  indents?: ReadonlyMap<string, number>;
  /** Merged areas as A1 ranges. */
  merges?: string[];
  /** "visible" | "hidden" | "veryHidden" */
  visibility?: "visible" | "hidden" | "veryHidden";
  protected?: boolean;
}

export interface WorkbookGrid {
  /** File name or workbook title, for messages only. */
  name: string;
  sheets: SheetGrid[];
}

export function isErrorValue(v: RawValue): v is ErrorValue {
  return typeof v === "object" && v !== null && typeof (v as ErrorValue).error === "string";
}

export function rawAt(grid: SheetGrid, row: number, col: number): RawValue {
  const r = grid.values[row];
  return r === undefined ? undefined : r[col];
}

export function gridHeight(grid: SheetGrid): number {
  return grid.values.length;
}

export function gridWidth(grid: SheetGrid): number {
  let w = 0;
  for (const r of grid.values) if (r && r.length > w) w = r.length;
  return w;
}
