/**
 * A sheet's cells as detection reads them: raw values, shapes (cells.ts) told once per distinct
 * text, merged areas, and per-row summaries of labels and values in a band of columns.
 */
import { parseRange } from "../address";
import type { SheetGrid } from "../grid";
import { CellShapes, CODE, codeOf, isTextCode, type CellShape } from "./cells";

/** What a row holds in a band of columns. */
export interface RowSummary {
  labels: number;
  values: number;
  years: number;
  first: number;
  last: number;
  /** The first text cell's text. */
  firstText: string;
}

export class SheetCells {
  readonly shapes = new CellShapes();
  /** Rows with any non-blank cell, in order. */
  readonly present: number[];
  private readonly merged = new Map<string, { row: number; col: number }>();

  constructor(readonly grid: SheetGrid) {
    const present: number[] = [];
    grid.values.forEach((row, r) => {
      if (!row) return;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "")) {
          present.push(r);
          return;
        }
      }
    });
    this.present = present;
    for (const m of grid.merges ?? []) {
      const box = parseRange(m);
      if (!box || (box.bottom - box.top + 1) * (box.right - box.left + 1) > 10000) continue;
      for (let r = box.top; r <= box.bottom; r++)
        for (let c = box.left; c <= box.right; c++)
          if (r !== box.top || c !== box.left) this.merged.set(`${r},${c}`, { row: box.top, col: box.left });
    }
  }

  raw(r: number, c: number) {
    const row = this.grid.values[r];
    return row === undefined ? undefined : row[c];
  }

  shape(r: number, c: number): CellShape {
    return this.shapes.of(this.raw(r, c));
  }

  /** The top-left cell of the merged area (r, c) lies in, when it is not that cell itself. */
  mergeOrigin(r: number, c: number): { row: number; col: number } | undefined {
    return this.merged.size ? this.merged.get(`${r},${c}`) : undefined;
  }

  width(r: number): number {
    return this.grid.values[r]?.length ?? 0;
  }

  /** A cell's shape code (cells.ts CODE): numbers told at once, text through the shapes' memo. */
  code(r: number, c: number): number {
    const row = this.grid.values[r];
    const v = row === undefined ? undefined : row[c];
    if (v === undefined || v === null) return CODE.blank;
    if (typeof v === "number") return Number.isInteger(v) && v >= 1900 && v <= 2100 ? CODE.year : CODE.number;
    return codeOf(this.shapes.of(v));
  }

  /**
   * Whether the row holds a number other than a year in [from, to]. Looked for from the right: a
   * data row ends in numbers, so its names are never read for this.
   */
  hasPlainValue(r: number, from: number, to: number): boolean {
    const row = this.grid.values[r];
    if (!row) return false;
    const end = Math.min(to, row.length - 1);
    for (let c = end; c >= from; c--) {
      const code = this.code(r, c);
      if (code === CODE.number || code === CODE.dash || code === CODE.error) return true;
      if (code === CODE.glued && !this.shape(r, c).yearLike) return true;
    }
    return false;
  }

  /** Row summaries of the band last asked for (a band is read row by row more than once). */
  private summaries = { from: -1, to: -1, rows: new Map<number, RowSummary>() };

  summary(r: number, from: number, to: number): RowSummary {
    if (this.summaries.from !== from || this.summaries.to !== to)
      this.summaries = { from, to, rows: new Map() };
    let s = this.summaries.rows.get(r);
    if (!s) this.summaries.rows.set(r, (s = this.summarize(r, from, to)));
    return s;
  }

  private summarize(r: number, from: number, to: number): RowSummary {
    const s: RowSummary = { labels: 0, values: 0, years: 0, first: -1, last: -1, firstText: "" };
    const end = Math.min(to, this.width(r) - 1);
    for (let c = from; c <= end; c++) {
      const code = this.code(r, c);
      if (code === CODE.blank) continue;
      if (s.first < 0) s.first = c;
      s.last = c;
      if (isTextCode(code)) {
        s.labels++;
        if (!s.firstText) s.firstText = String(this.raw(r, c));
      } else {
        s.values++;
        if (code === CODE.year || (code === CODE.glued && this.shape(r, c).yearLike)) s.years++;
      }
    }
    return s;
  }
}
