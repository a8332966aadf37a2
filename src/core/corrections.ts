/**
 * The user's corrections to what detection understood, as pure functions from one TableMap to the
 * next (docs/table-understanding.md: a reading "can be corrected by the user"). The pane shows the result and hands the maps to
 * the engine's `checkMaps`; the adapter saves them in the workbook. Nothing here decides a rule; it
 * lives in core (not in the pane) because what a correction makes of a table is the engine's decision.
 */
import type { Decimal } from "./decimal";
import { columnName, type RangeBox } from "./address";
import { detectSheet } from "./detect/detectTables";
import { classifyLabel } from "./detect/labels";
import { sheetView } from "./detect/view";
import type { RawValue, SheetGrid } from "./grid";
import type { IndicatorKind, Orientation, Policy, Reason, SplitTable, TableMap, UnitLine } from "./model";
import { lineLabels, type Declaration } from "./declare";
import { displayLabel, normalizeLabel } from "./text";

/** What a unit line (a column, or a row in units-in-rows tables) does in one split. */
export type UnitRole = "parent" | "assignment" | "child" | "none";

export const UNIT_ROLES: readonly UnitRole[] = ["parent", "assignment", "child", "none"];
export const INDICATOR_KINDS: readonly IndicatorKind[] = ["additive", "share", "ratio", "qualitative"];
export const POLICIES: readonly Policy[] = ["exact", "at-least"];

const BY_USER = (evidence: string): Reason => ({ by: "user", evidence });

/** A unit line of a table, with the role it has in one split. */
export interface UnitColumn {
  line: number;
  label: string;
  /** Where the line is on the sheet: a column letter (indicators in rows) or a row number. */
  where: string;
  role: UnitRole;
}

/** Where a unit line lies on the sheet: a column letter (indicators in rows) or a row number. */
export function lineAddress(orientation: Orientation, line: number): string {
  return orientation === "indicators-in-rows" ? columnName(line) : String(line + 1);
}

/** Whether unit lines are sheet columns ("column") or sheet rows ("row"). */
export function unitLineKind(orientation: Orientation): "column" | "row" {
  return orientation === "indicators-in-rows" ? "column" : "row";
}

/** Where an indicator line is on the sheet: a row number (indicators in rows) or a column letter. */
export function indicatorAddress(orientation: Orientation, line: number): string {
  return orientation === "indicators-in-rows" ? String(line + 1) : columnName(line);
}

function textOf(v: RawValue): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/** The box of a table in its oriented view: rows are indicators, columns are units. */
function viewBox(map: TableMap): RangeBox {
  const r = map.range;
  return map.orientation === "indicators-in-rows"
    ? r
    : { top: r.left, left: r.top, bottom: r.right, right: r.bottom };
}

/**
 * Every unit line of a split table's header, with its role in split `splitIndex`: the split's own
 * lines, and the other labelled header lines (other splits' units, ignored columns) as "none".
 */
export function unitColumns(grid: SheetGrid, map: SplitTable, splitIndex: number): UnitColumn[] {
  const split = map.splits[splitIndex];
  if (!split) return [];
  const roles = new Map<number, { role: UnitRole; label: string }>();
  roles.set(split.parent.line, { role: "parent", label: split.parent.label });
  if (split.assignment)
    roles.set(split.assignment.line, { role: "assignment", label: split.assignment.label });
  for (const c of split.children) roles.set(c.line, { role: "child", label: c.label });
  const skip = new Set<number>([map.nameLine, ...(map.indexLine === undefined ? [] : [map.indexLine])]);
  if (map.measureLine !== undefined) skip.add(map.measureLine);
  for (const n of map.noteLines) skip.add(n);
  const view = sheetView(grid, map.orientation);
  const box = viewBox(map);
  const columns: UnitColumn[] = [];
  for (let line = box.left; line <= box.right; line++) {
    const known = roles.get(line);
    if (known) {
      columns.push({ line, label: known.label, where: lineAddress(map.orientation, line), role: known.role });
      continue;
    }
    if (skip.has(line)) continue;
    const text = textOf(view.raw(map.headerLine, line));
    if (!normalizeLabel(text)) continue;
    columns.push({
      line,
      label: displayLabel(text),
      where: lineAddress(map.orientation, line),
      role: "none",
    });
  }
  return columns;
}

/** The unit a header label names, as detection reads it (杭州市目标 → 杭州市). */
function unitOf(label: string): string {
  const role = classifyLabel(normalizeLabel(label));
  return "unit" in role ? role.unit : label;
}

function unitLine(column: UnitColumn, existing?: UnitLine): UnitLine {
  return {
    line: column.line,
    label: existing?.label ?? column.label,
    unit: existing?.unit ?? unitOf(column.label),
    why: BY_USER(`role set by the user`),
  };
}

export type RoleChange = { ok: true; map: SplitTable } | { ok: false; reason: "needs-parent" };

/**
 * Gives a unit line a new role in one split. The old holder of a single role (parent, assignment)
 * takes the line's former role, so a split keeps exactly one parent; a split without a parent
 * cannot be checked, so the parent can only be replaced, never removed.
 */
export function setUnitRole(
  grid: SheetGrid,
  map: SplitTable,
  splitIndex: number,
  line: number,
  role: UnitRole,
): RoleChange {
  const split = map.splits[splitIndex];
  const columns = unitColumns(grid, map, splitIndex);
  const column = columns.find((c) => c.line === line);
  if (!split || !column) return { ok: true, map };
  if (column.role === role) return { ok: true, map };
  if (column.role === "parent") return { ok: false, reason: "needs-parent" };

  const existingOf = (l: number): UnitLine | undefined =>
    [split.parent, split.assignment, ...split.children].find((u) => u?.line === l);
  const byLine = new Map<number, UnitRole>(columns.map((c) => [c.line, c.role]));
  const previous = column.role;
  if (role === "parent") byLine.set(split.parent.line, previous);
  if (role === "assignment" && split.assignment) byLine.set(split.assignment.line, previous);
  byLine.set(line, role);

  const pick = (r: UnitRole) =>
    columns.filter((c) => byLine.get(c.line) === r).map((c) => unitLine(c, existingOf(c.line)));
  const parent = pick("parent")[0];
  if (!parent) return { ok: false, reason: "needs-parent" };
  const assignment = pick("assignment")[0];
  const next = {
    ...split,
    parent,
    assignment,
    children: pick("child"),
    why: BY_USER("roles set by the user"),
  };
  return { ok: true, map: { ...map, splits: map.splits.map((s, i) => (i === splitIndex ? next : s)) } };
}

/** Changes one indicator's kind (additive, share, ratio, qualitative); the reason records the user. */
export function setIndicatorKind(map: TableMap, line: number, kind: IndicatorKind): TableMap {
  return {
    ...map,
    indicators: map.indicators.map((i) =>
      i.line === line && i.kind !== kind ? { ...i, kind, why: [...i.why, BY_USER(`kind: ${kind}`)] } : i,
    ),
  };
}

/**
 * Sets (or, with undefined, clears) one indicator's own tolerance for its sums: 0 compares
 * exactly; clearing returns it to the rounding tolerance of the values' shown precision.
 */
export function setIndicatorTolerance(map: TableMap, line: number, tolerance: Decimal | undefined): TableMap {
  return {
    ...map,
    indicators: map.indicators.map((i) => {
      if (i.line !== line) return i;
      if (tolerance === undefined ? i.tolerance === undefined : i.tolerance?.eq(tolerance)) return i;
      const { tolerance: _old, ...rest } = i;
      void _old;
      const why = [...i.why, BY_USER(`tolerance: ${tolerance?.toString() ?? "rounding"}`)];
      return tolerance === undefined ? { ...rest, why } : { ...rest, tolerance, why };
    }),
  };
}

/** Exact (children add up to the parent) or at-least (层层加码: children may add up to more). */
export function setPolicy(map: TableMap, policy: Policy): TableMap {
  return map.type === "split" ? { ...map, policy } : map;
}

/** The sheet's cells inside `box` only: what detection sees when the user says "this is the table". */
export function cropGrid(grid: SheetGrid, box: RangeBox): SheetGrid {
  const inside = <T>(rows: (T | null | undefined)[][] | undefined): (T | undefined)[][] | undefined =>
    rows?.map((row, r) =>
      r < box.top || r > box.bottom || !row
        ? []
        : row.map((v, c) => (c < box.left || c > box.right || v === null ? undefined : v)),
    );
  return {
    ...grid,
    values: inside(grid.values) ?? [],
    formulas: inside(grid.formulas),
    numberFormats: inside(grid.numberFormats),
  };
}

export function overlaps(a: RangeBox, b: RangeBox): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export type SelectionTables = { ok: true; maps: TableMap[] } | { ok: false; reason: "no-table" };

/**
 * "Use the selection as the table": detection run on the selected cells alone. The tables found
 * replace every table of the sheet they overlap; the others stay as they were.
 */
export function tablesFromSelection(grid: SheetGrid, box: RangeBox, current: TableMap[]): SelectionTables {
  // The user said this is a table: read without the confidence gate (docs/table-understanding.md §2).
  const found = detectSheet(cropGrid(grid, box), { declared: true }).tables.map((m) => ({
    ...m,
    sheet: grid.name,
  }));
  if (found.length === 0) return { ok: false, reason: "no-table" };
  const kept = current.filter((m) => m.sheet !== grid.name || !overlaps(m.range, box));
  return { ok: true, maps: [...kept, ...found] };
}

/**
 * What to propose when the user declares a selection as a table: what detection reads in the
 * selection alone, if anything; else units across, named on the first row with two labels, and
 * the first line whose label names a total or a unit's own target (合计, 杭州市目标) as the parent,
 * failing that the second labelled line (the first usually names the indicators).
 */
export function guessDeclaration(grid: SheetGrid, box: RangeBox): Declaration {
  const found = detectSheet(cropGrid(grid, box)).tables.find((m): m is SplitTable => m.type === "split");
  if (found?.splits[0])
    return {
      orientation: found.orientation,
      unitLine: found.headerLine,
      parentLine: found.splits[0].parent.line,
    };
  for (let row = box.top; row <= box.bottom; row++) {
    const labels = lineLabels(grid, box, "indicators-in-rows", row);
    if (labels.length < 2) continue;
    const total = labels.find((l) => {
      const role = classifyLabel(normalizeLabel(l.label)).role;
      return role === "total" || role === "target";
    });
    return { orientation: "indicators-in-rows", unitLine: row, parentLine: (total ?? labels[1]).line };
  }
  return { orientation: "indicators-in-rows", unitLine: box.top, parentLine: box.left };
}
