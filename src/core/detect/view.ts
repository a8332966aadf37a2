/**
 * An oriented view of a sheet: indicators are rows and units columns, whatever the sheet does.
 * Detection and rules work on views; `toSheet` turns a view position back into a sheet cell.
 */
import type { CellPosition } from "../address";
import { rawAt, type RawValue, type SheetGrid } from "../grid";
import type { Orientation } from "../model";

export interface SheetView {
  grid: SheetGrid;
  orientation: Orientation;
  rows: number;
  cols: number;
  raw(row: number, col: number): RawValue;
  format(row: number, col: number): string | undefined;
  formula(row: number, col: number): string | undefined;
  toSheet(row: number, col: number): CellPosition;
  /** A view row that is hidden on the sheet (hidden rows still count, as SUM counts them). */
}

function at<T>(m: (T | null | undefined)[][] | undefined, r: number, c: number): T | undefined {
  if (!m) return undefined;
  const row = m[r];
  const v = row === undefined ? undefined : row[c];
  return v === null ? undefined : v;
}

export function sheetView(grid: SheetGrid, orientation: Orientation): SheetView {
  const height = grid.values.length;
  let width = 0;
  // Indexed, not for…of: run once per sheet on first use, before the loop is optimised, an
  // iterator would make an object per row.
  for (let i = 0; i < grid.values.length; i++) {
    const r = grid.values[i];
    if (r && r.length > width) width = r.length;
  }
  if (orientation === "indicators-in-rows") {
    return {
      grid,
      orientation,
      rows: height,
      cols: width,
      raw: (r, c) => rawAt(grid, r, c),
      format: (r, c) => at(grid.numberFormats, r, c),
      formula: (r, c) => at(grid.formulas, r, c),
      toSheet: (r, c) => ({ row: r, col: c }),
    };
  }
  return {
    grid,
    orientation,
    rows: width,
    cols: height,
    raw: (r, c) => rawAt(grid, c, r),
    format: (r, c) => at(grid.numberFormats, c, r),
    formula: (r, c) => at(grid.formulas, c, r),
    toSheet: (r, c) => ({ row: c, col: r }),
  };
}
