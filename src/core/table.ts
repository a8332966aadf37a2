/**
 * A detected table with its cells parsed once, in the context of each indicator's measure.
 * Rules read cells from here; positions are turned into A1 text only when a finding needs one.
 */
import { a1, type CellPosition } from "./address";
import type { CellValue } from "./cell";
import type { SheetView } from "./detect/view";
import type { IndicatorLine, ProgressionTable, SplitTable, UnitLine } from "./model";
import { parseCell } from "./parse/cellText";

export interface ParsedRow {
  indicator: IndicatorLine;
  parent: CellValue;
  assignment?: CellValue;
  children: CellValue[];
}

export interface ParsedSplit {
  map: SplitTable;
  view: SheetView;
  rows: ParsedRow[];
}

export interface ParsedProgression {
  map: ProgressionTable;
  view: SheetView;
  /** cells[i][p]: indicator i, period p (in map.periods order). */
  cells: CellValue[][];
}

export function parseAt(view: SheetView, row: number, line: number, measure: string): CellValue {
  return parseCell(view.raw(row, line), { measure, numberFormat: view.format(row, line) });
}

export function parseSplit(view: SheetView, map: SplitTable): ParsedSplit {
  const rows = map.indicators.map((indicator): ParsedRow => {
    const m = indicator.measure;
    return {
      indicator,
      parent: parseAt(view, indicator.line, map.parent.line, m),
      assignment: map.assignment ? parseAt(view, indicator.line, map.assignment.line, m) : undefined,
      children: map.children.map((c) => parseAt(view, indicator.line, c.line, m)),
    };
  });
  return { map, view, rows };
}

export function parseProgression(view: SheetView, map: ProgressionTable): ParsedProgression {
  const cells = map.indicators.map((ind) => map.periods.map((p) => parseAt(view, ind.line, p.line, ind.measure)));
  return { map, view, cells };
}

export function sheetPos(view: SheetView, indicator: IndicatorLine, unit: UnitLine | { line: number }): CellPosition {
  return view.toSheet(indicator.line, unit.line);
}

export function address(view: SheetView, indicator: IndicatorLine, unit: UnitLine | { line: number }): string {
  const p = view.toSheet(indicator.line, unit.line);
  return a1(p.row, p.col);
}
