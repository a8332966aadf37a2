/**
 * Formulas that depend on cells a rebalance writes, and their new results where the engine can
 * compute them (issue 13, item 8).
 *
 * A copy keeps every formula's cached result, which is what a program shows until it recalculates:
 * Excel does on opening (the copy asks it to, with fullCalcOnLoad), LibreOffice under its default
 * settings does not. So each formula that reads a written cell, directly or through another formula,
 * gets its result recomputed here when it is in the subset `formulaExpr.ts` parses (SUM over cells
 * and ranges, +, −, references) and every cell it reads is a number or blank; the others are listed,
 * for the output to say that Excel will recalculate them. Cached results are never dropped: a copy
 * without them could no longer be checked.
 *
 * Reading cells as LibreOffice and Excel both do: a blank cell is 0; SUM skips text in its
 * references. Where the two programs differ (text or TRUE in + or −, TRUE inside SUM) or the value
 * is an error, the formula is left to Excel rather than guessed.
 */
import { a1, type RangeBox } from "./address";
import { Decimal } from "./decimal";
import { isErrorValue, rawAt, type RawValue, type SheetGrid, type WorkbookGrid } from "./grid";
import {
  exprReferences,
  formulaReferences,
  parseFormula,
  type FormulaExpr,
  type FormulaRef,
} from "./formulaExpr";

export interface WrittenValue {
  sheet: string;
  row: number;
  col: number;
  value: Decimal;
}

export interface RecalculatedFormula {
  sheet: string;
  cell: string;
  formula: string;
  /** The cached result the input held. */
  before: RawValue;
  /** The result with the written values. */
  after: Decimal;
}

export interface StaleFormula {
  sheet: string;
  cell: string;
  formula: string;
  /** Why the engine did not compute it: a function or form outside the subset, or a cell it cannot read as a number. */
  why: "outside-subset" | "unreadable-input" | "circular";
}

export interface Dependents {
  recalculated: RecalculatedFormula[];
  /** Depend (or may depend) on the written cells; Excel recalculates them when it opens the copy. */
  excelRecalculates: StaleFormula[];
}

interface FormulaCell {
  sheet: SheetGrid;
  row: number;
  col: number;
  text: string;
  expr: FormulaExpr | null;
  /** Resolved references: the sheet each reads (undefined: a sheet the workbook does not have). */
  refs: { grid: SheetGrid | undefined; box: RangeBox }[];
  /** Reads cells that cannot be known from its text (a name, INDIRECT, a structured reference). */
  unknown: boolean;
}

/** Excel's extent: row · 2^14 + col is a cell's key within a sheet. */
const COLS = 16384;
const key = (row: number, col: number): number => row * COLS + col;

function area(b: RangeBox): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

/** Cells of one sheet, by key, with the positions kept for scanning when a box is large. */
class CellSet {
  readonly keys = new Set<number>();
  readonly cells: { row: number; col: number }[] = [];
  add(row: number, col: number): void {
    const k = key(row, col);
    if (this.keys.has(k)) return;
    this.keys.add(k);
    this.cells.push({ row, col });
  }
  /** Whether any cell of the set lies in the box, at the cost of the smaller of the two. */
  meets(b: RangeBox): boolean {
    if (this.cells.length === 0) return false;
    if (area(b) <= this.cells.length) {
      for (let r = b.top; r <= b.bottom; r++)
        for (let c = b.left; c <= b.right; c++) if (this.keys.has(key(r, c))) return true;
      return false;
    }
    return this.cells.some((p) => p.row >= b.top && p.row <= b.bottom && p.col >= b.left && p.col <= b.right);
  }
}

function sheetLookup(
  workbook: WorkbookGrid,
): (name: string | undefined, own: SheetGrid) => SheetGrid | undefined {
  const byName = new Map<string, SheetGrid>();
  // Excel matches sheet names without regard to case.
  for (const s of workbook.sheets) byName.set(s.name.toLowerCase(), s);
  return (name, own) => (name === undefined ? own : byName.get(name.toLowerCase()));
}

function formulaCells(workbook: WorkbookGrid, written: Map<SheetGrid, CellSet>): FormulaCell[] {
  const find = sheetLookup(workbook);
  const out: FormulaCell[] = [];
  for (const sheet of workbook.sheets) {
    const rows = sheet.formulas;
    if (!rows) continue;
    const mine = written.get(sheet);
    for (let row = 0; row < rows.length; row++) {
      const line = rows[row];
      if (!line) continue;
      for (let col = 0; col < line.length; col++) {
        const text = line[col];
        // A written cell holds its new value now, whatever formula it had.
        if (typeof text !== "string" || mine?.keys.has(key(row, col))) continue;
        const expr = parseFormula(text);
        const scanned = expr ? { refs: exprReferences(expr), unknown: false } : formulaReferences(text);
        out.push({
          sheet,
          row,
          col,
          text,
          expr,
          refs: scanned.refs.map((r: FormulaRef) => ({ grid: find(r.sheet, sheet), box: r.box })),
          unknown: scanned.unknown,
        });
      }
    }
  }
  return out;
}

/**
 * The formulas of a workbook that read (directly or through other formulas) the written cells: each
 * with its new result, or listed as left to Excel. `writes` hold the stored values written.
 */
export function dependentFormulas(workbook: WorkbookGrid, writes: readonly WrittenValue[]): Dependents {
  const find = sheetLookup(workbook);
  const written = new Map<SheetGrid, CellSet>();
  const newValue = new Map<SheetGrid, Map<number, Decimal>>();
  for (const w of writes) {
    const grid = workbook.sheets.find((s) => s.name === w.sheet) ?? find(w.sheet, workbook.sheets[0]);
    if (!grid) continue;
    let set = written.get(grid);
    if (!set) written.set(grid, (set = new CellSet()));
    set.add(w.row, w.col);
    let values = newValue.get(grid);
    if (!values) newValue.set(grid, (values = new Map()));
    values.set(key(w.row, w.col), w.value);
  }
  if (written.size === 0) return { recalculated: [], excelRecalculates: [] };

  // Which formulas are stale: those reading a written cell, then those reading a stale formula,
  // round by round (a round per level of the chain).
  const formulas = formulaCells(workbook, written);
  const dirty = new Set<FormulaCell>();
  let frontier = written;
  while (frontier.size) {
    const next = new Map<SheetGrid, CellSet>();
    for (const f of formulas) {
      if (dirty.has(f)) continue;
      const reads =
        f.unknown || f.refs.some((r) => r.grid !== undefined && frontier.get(r.grid)?.meets(r.box));
      if (!reads) continue;
      dirty.add(f);
      let set = next.get(f.sheet);
      if (!set) next.set(f.sheet, (set = new CellSet()));
      set.add(f.row, f.col);
    }
    frontier = next;
  }
  if (dirty.size === 0) return { recalculated: [], excelRecalculates: [] };

  const dirtyAt = new Map<SheetGrid, Map<number, FormulaCell>>();
  for (const f of dirty) {
    let m = dirtyAt.get(f.sheet);
    if (!m) dirtyAt.set(f.sheet, (m = new Map()));
    m.set(key(f.row, f.col), f);
  }

  type Outcome = { value: Decimal } | { why: StaleFormula["why"] };
  const done = new Map<FormulaCell, Outcome>();
  const visiting = new Set<FormulaCell>();

  /** A cell as a number for + and −: its new value, a stale formula's new result, or what it holds. */
  function numberAt(grid: SheetGrid, row: number, col: number, inSum: boolean): Decimal | "skip" | Outcome {
    const w = newValue.get(grid)?.get(key(row, col));
    if (w) return w;
    const f = dirtyAt.get(grid)?.get(key(row, col));
    if (f) {
      // A stale formula the engine cannot compute leaves its readers to Excel too.
      const o = evaluate(f);
      return "value" in o ? o.value : o.why === "circular" ? o : { why: "unreadable-input" };
    }
    const v = rawAt(grid, row, col);
    if (v === undefined || v === null || v === "") return inSum ? "skip" : Decimal.ZERO;
    if (typeof v === "number")
      return Number.isFinite(v) ? Decimal.fromNumber(v) : { why: "unreadable-input" };
    if (typeof v === "string") return inSum ? "skip" : { why: "unreadable-input" };
    if (isErrorValue(v)) return { why: "unreadable-input" };
    return { why: "unreadable-input" }; // TRUE/FALSE: the two programs disagree
  }

  function value(e: FormulaExpr, own: SheetGrid): Outcome {
    switch (e.kind) {
      case "number":
        return { value: e.value };
      case "ref": {
        const grid = find(e.ref.sheet, own);
        if (!grid) return { why: "unreadable-input" };
        const v = numberAt(grid, e.ref.box.top, e.ref.box.left, false);
        return v instanceof Decimal ? { value: v } : v === "skip" ? { value: Decimal.ZERO } : v;
      }
      case "neg": {
        const v = value(e.arg, own);
        return "value" in v ? { value: v.value.neg() } : v;
      }
      case "add": {
        const l = value(e.left, own);
        if (!("value" in l)) return l;
        const r = value(e.right, own);
        if (!("value" in r)) return r;
        return { value: e.minus ? l.value.sub(r.value) : l.value.add(r.value) };
      }
      case "sum": {
        let total = Decimal.ZERO;
        for (const a of e.args) {
          if (a.kind !== "range") {
            const v = value(a, own);
            if (!("value" in v)) return v;
            total = total.add(v.value);
            continue;
          }
          const grid = find(a.ref.sheet, own);
          if (!grid) return { why: "unreadable-input" };
          const s = sumBox(grid, a.ref.box);
          if (!(s instanceof Decimal)) return s;
          total = total.add(s);
        }
        return { value: total };
      }
    }
  }

  /** SUM over a box: only the cells the sheet holds or that were written (a whole column is sparse). */
  function sumBox(grid: SheetGrid, b: RangeBox): Decimal | Outcome {
    let total = Decimal.ZERO;
    const bottom = Math.min(b.bottom, Math.max(grid.values.length, grid.formulas?.length ?? 0) - 1);
    for (let r = b.top; r <= bottom; r++) {
      const width = Math.max(grid.values[r]?.length ?? 0, grid.formulas?.[r]?.length ?? 0);
      for (let c = b.left; c <= Math.min(b.right, width - 1); c++) {
        if (newValue.get(grid)?.has(key(r, c))) continue; // added below
        const v = numberAt(grid, r, c, true);
        if (v === "skip") continue;
        if (!(v instanceof Decimal)) return v;
        total = total.add(v);
      }
    }
    for (const [k, v] of newValue.get(grid) ?? []) {
      const r = Math.floor(k / COLS);
      const c = k % COLS;
      if (r >= b.top && r <= b.bottom && c >= b.left && c <= b.right) total = total.add(v);
    }
    return total;
  }

  function evaluate(f: FormulaCell): Outcome {
    const known = done.get(f);
    if (known) return known;
    if (visiting.has(f)) return { why: "circular" };
    visiting.add(f);
    const own = f.expr ? value(f.expr, f.sheet) : { why: "outside-subset" as const };
    // A formula that reads its own cell (through a range) is circular, whatever it adds up.
    const outcome: Outcome =
      "value" in own &&
      f.refs.some(
        (r) =>
          r.grid === f.sheet &&
          r.box.top <= f.row &&
          f.row <= r.box.bottom &&
          r.box.left <= f.col &&
          f.col <= r.box.right,
      )
        ? { why: "circular" }
        : own;
    visiting.delete(f);
    done.set(f, outcome);
    return outcome;
  }

  const recalculated: RecalculatedFormula[] = [];
  const excelRecalculates: StaleFormula[] = [];
  const order = [...dirty].sort(
    (a, b) =>
      workbook.sheets.indexOf(a.sheet) - workbook.sheets.indexOf(b.sheet) || a.row - b.row || a.col - b.col,
  );
  for (const f of order) {
    const o = evaluate(f);
    const cell = a1(f.row, f.col);
    if ("value" in o)
      recalculated.push({
        sheet: f.sheet.name,
        cell,
        formula: f.text,
        before: rawAt(f.sheet, f.row, f.col),
        after: o.value,
      });
    else excelRecalculates.push({ sheet: f.sheet.name, cell, formula: f.text, why: o.why });
  }
  return { recalculated, excelRecalculates };
}
