/**
 * A detected table with its cells parsed once, in the context of each indicator's measure.
 * Rules read cells from here; positions are turned into A1 text only when a finding needs one.
 */
import { a1, type CellPosition } from "./address";
import type { CellValue, ParseContext } from "./cell";
import type { SheetView } from "./detect/view";
import type { IndicatorLine, ProgressionTable, Split, SplitTable, UnitLine } from "./model";
import { parseCell } from "./parse/cellText";

export interface ParsedRow {
  indicator: IndicatorLine;
  parent: CellValue;
  assignment?: CellValue;
  children: CellValue[];
}

/** One split of a table seen on its own: the table's facts with this split's parent and children. */
export type SplitMap = Omit<SplitTable, "splits"> & Split;

export interface ParsedLine {
  line: UnitLine;
  /** One cell per indicator, in table order. */
  cells: CellValue[];
}

export interface ParsedSplit {
  table: SplitTable;
  /** Position of this split in table.splits: table-wide rules run on the first only. */
  index: number;
  map: SplitMap;
  view: SheetView;
  rows: ParsedRow[];
  /** Every unit line of the table (all splits' parents and children, and the assignment), once. */
  lines: ParsedLine[];
}

export interface ParsedProgression {
  map: ProgressionTable;
  view: SheetView;
  /** cells[i][p]: indicator i, period p (in map.periods order). */
  cells: CellValue[][];
}

const CONTEXTS = new Map<string, ParseContext>();

export function parseAt(view: SheetView, row: number, line: number, measure: string): CellValue {
  const numberFormat = view.format(row, line);
  if (numberFormat !== undefined) return parseCell(view.raw(row, line), { measure, numberFormat });
  // Most cells have no format of their own: one shared context per measure spares an object per cell.
  let ctx = CONTEXTS.get(measure);
  if (!ctx) CONTEXTS.set(measure, (ctx = { measure }));
  return parseCell(view.raw(row, line), ctx);
}

/**
 * Parses every split of a table, each cell once: in a three-level table a city's line is a
 * child of the province and the parent of its districts.
 */
export function parseSplits(view: SheetView, table: SplitTable): ParsedSplit[] {
  const cache = new Map<number, CellValue[]>();
  const lineCells = (line: number): CellValue[] => {
    let cells = cache.get(line);
    if (!cells) {
      cells = table.indicators.map((ind) => parseAt(view, ind.line, line, ind.measure));
      cache.set(line, cells);
    }
    return cells;
  };
  const lines: ParsedLine[] = [];
  const seen = new Set<number>();
  for (const split of table.splits) {
    for (const line of [split.assignment, split.parent, ...split.children]) {
      if (!line || seen.has(line.line)) continue;
      seen.add(line.line);
      lines.push({ line, cells: lineCells(line.line) });
    }
  }
  return table.splits.map((split, index) => {
    const { splits: _splits, ...rest } = table;
    void _splits;
    const map: SplitMap = { ...rest, ...split };
    const parent = lineCells(split.parent.line);
    const assignment = split.assignment ? lineCells(split.assignment.line) : undefined;
    const children = split.children.map((c) => lineCells(c.line));
    const rows = table.indicators.map((indicator, i): ParsedRow => ({
      indicator,
      parent: parent[i],
      assignment: assignment?.[i],
      children: children.map((c) => c[i]),
    }));
    return { table, index, map, view, rows, lines };
  });
}

export function parseProgression(view: SheetView, map: ProgressionTable): ParsedProgression {
  const cells = map.indicators.map((ind) =>
    map.periods.map((p) => parseAt(view, ind.line, p.line, ind.measure)),
  );
  return { map, view, cells };
}

export function sheetPos(
  view: SheetView,
  indicator: IndicatorLine,
  unit: UnitLine | { line: number },
): CellPosition {
  return view.toSheet(indicator.line, unit.line);
}

export function address(
  view: SheetView,
  indicator: IndicatorLine,
  unit: UnitLine | { line: number },
): string {
  const p = view.toSheet(indicator.line, unit.line);
  return a1(p.row, p.col);
}

const RUNS = new WeakMap<readonly { line: number }[], [number, number][]>();

/**
 * The A1 ranges of some unit lines on one indicator row, e.g. "E7:Q7". The runs of adjacent
 * lines are worked out once per list of lines: this is on every row's path, and a 500-child
 * split would otherwise build and sort 500 positions per row.
 */
export function lineRanges(view: SheetView, row: number, units: readonly { line: number }[]): string[] {
  let runs = RUNS.get(units);
  if (!runs) {
    const sorted = units.map((u) => u.line).sort((a, b) => a - b);
    runs = [];
    for (const l of sorted) {
      const last = runs[runs.length - 1];
      if (last && l === last[1] + 1) last[1] = l;
      else if (!last || l > last[1]) runs.push([l, l]);
    }
    RUNS.set(units, runs);
  }
  return runs.map(([from, to]) => {
    const a = view.toSheet(row, from);
    const b = view.toSheet(row, to);
    return from === to ? a1(a.row, a.col) : `${a1(a.row, a.col)}:${a1(b.row, b.col)}`;
  });
}
