/**
 * Step 2 of the plan: the split's cells as the plan records them (where each is, what it holds,
 * its formula). A blank or `-` child is 0; a text, qualitative, bound (超500) or error child
 * cannot take part and is refused, naming the cell.
 */
import { a1 } from "../address";
import type { CellValue } from "../cell";
import { Decimal } from "../decimal";
import type { SheetView } from "../detect/view";
import type { IndicatorLine, Split, UnitLine } from "../model";
import { parseAt } from "../table";
import type { RowRole } from "./choices";
import type { PlanCell, PlanParent } from "./plan";
import { isProblem, type RequestProblem } from "./problems";

function cellText(c: CellValue): string {
  switch (c.kind) {
    case "number":
      return c.text ?? c.value.toString();
    case "dash":
    case "text":
      return c.text;
    case "error":
      return c.code;
    case "empty":
      return "";
  }
}

/** What a plan records of any cell it reads: where it is, what it holds, its formula. */
function cellFacts(view: SheetView, indicator: IndicatorLine, unit: UnitLine) {
  const pos = view.toSheet(indicator.line, unit.line);
  const parsed = parseAt(view, indicator.line, unit.line, indicator.measure);
  const base = {
    unit: unit.unit,
    label: unit.label,
    cell: a1(pos.row, pos.col),
    row: pos.row,
    col: pos.col,
    percentStored: parsed.kind === "number" && !!parsed.percentFormat,
  };
  return { parsed, base, formula: view.formula(indicator.line, unit.line) };
}

function planCell(
  view: SheetView,
  indicator: IndicatorLine,
  unit: UnitLine,
  role: RowRole,
): { cell: PlanCell; parsed: CellValue } | RequestProblem {
  const { parsed, base, formula } = cellFacts(view, indicator, unit);
  const withFormula = (c: PlanCell): PlanCell => (formula ? { ...c, formula } : c);
  const notNumeric = (holds: "bound" | "text" | "error"): RequestProblem => ({
    code: "CELL_NOT_NUMERIC",
    role,
    row: indicator.name,
    unit: unit.unit,
    cell: base.cell,
    holds,
    text: cellText(parsed),
  });
  switch (parsed.kind) {
    case "number":
      if (parsed.bound) return notNumeric("bound");
      return {
        cell: withFormula({
          ...base,
          value: parsed.value,
          shown: parsed.fromText ? "text-number" : "number",
          ...(parsed.fromText && parsed.text !== undefined ? { text: parsed.text } : {}),
        }),
        parsed,
      };
    case "dash":
      return {
        cell: withFormula({ ...base, value: Decimal.ZERO, shown: "dash", text: parsed.text }),
        parsed,
      };
    case "empty":
      return { cell: withFormula({ ...base, value: Decimal.ZERO, shown: "blank" }), parsed };
    case "text":
    case "error":
      return notNumeric(parsed.kind);
  }
}

function planParent(
  view: SheetView,
  indicator: IndicatorLine,
  unit: UnitLine,
): { parent: PlanParent; parsed: CellValue } {
  const { parsed, base, formula } = cellFacts(view, indicator, unit);
  const parent: PlanParent = { ...base, shown: "other" };
  if (formula) parent.formula = formula;
  if (parsed.kind === "number" && !parsed.bound) {
    parent.stated = parsed.value;
    parent.shown = parsed.fromText ? "text-number" : "number";
    if (parsed.fromText && parsed.text !== undefined) parent.text = parsed.text;
  } else if (parsed.kind === "dash") {
    parent.shown = "dash";
    parent.text = parsed.text;
  } else if (parsed.kind === "empty") parent.shown = "blank";
  else parent.text = cellText(parsed);
  return { parent, parsed };
}

/** The children and parent of the split, and every parsed cell of the row there (for its decimals). */
export interface SplitCells {
  children: PlanCell[];
  parent: PlanParent;
  /** The children's, the parent's and the assignment's parsed cells: the row's grid is read from them. */
  parsedCells: CellValue[];
}

export function readSplitCells(
  view: SheetView,
  indicator: IndicatorLine,
  split: Split,
): SplitCells | RequestProblem {
  const children: PlanCell[] = [];
  const parsedCells: CellValue[] = [];
  for (const unit of split.children) {
    const c = planCell(view, indicator, unit, "indicator");
    if (isProblem(c)) return c;
    children.push(c.cell);
    parsedCells.push(c.parsed);
  }
  const { parent, parsed: parentParsed } = planParent(view, indicator, split.parent);
  parsedCells.push(parentParsed);
  if (split.assignment)
    parsedCells.push(parseAt(view, indicator.line, split.assignment.line, indicator.measure));
  return { children, parent, parsedCells };
}

/** A row's values under the split's children (reference or weights): blank and `-` are 0. */
export function rowValues(
  view: SheetView,
  indicator: IndicatorLine,
  units: readonly UnitLine[],
  role: RowRole,
): Decimal[] | RequestProblem {
  const out: Decimal[] = [];
  for (const u of units) {
    const c = planCell(view, indicator, u, role);
    if (isProblem(c)) return c;
    out.push(c.cell.value);
  }
  return out;
}
