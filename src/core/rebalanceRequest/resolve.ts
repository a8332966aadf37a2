/**
 * Step 3 of the plan: what the user typed, resolved against the split — the target, the grid
 * step, locks and bounds by the names the sheet uses, the edited child, and the reference or
 * weights rows (from the same table and split).
 */
import type { CellValue } from "../cell";
import { Decimal } from "../decimal";
import type { SheetView } from "../detect/view";
import type { IndicatorLine, Split, SplitTable, UnitLine } from "../model";
import type { StepInput } from "../rebalance/rebalance";
import { rowDecimals } from "../rules/rounding";
import { parseAt } from "../table";
import type { RebalanceChoices, RowRole, UnitOption, UnitValue } from "./choices";
import { findIndicator, findUnit, parseNumber } from "./matching";
import type { PlanParent, RebalancePlan } from "./plan";
import { isProblem, type RequestProblem } from "./problems";
import { rowValues } from "./readCells";

export interface ResolvedTarget {
  target?: Decimal;
  targetFrom: RebalancePlan["targetFrom"];
}

/** The default target is the parent's stated value (a blank share parent means 100). */
export function resolveTarget(
  choices: RebalanceChoices,
  indicator: IndicatorLine,
  parent: PlanParent,
): ResolvedTarget | RequestProblem {
  if (choices.target !== undefined) {
    const t = parseNumber(choices.target);
    if (!t) return { code: "BAD_NUMBER", option: "target", text: String(choices.target) };
    return { target: t, targetFrom: "option" };
  }
  if (parent.stated) return { target: parent.stated, targetFrom: "parent" };
  if (indicator.kind === "share" && (parent.shown === "blank" || parent.shown === "dash"))
    return { target: Decimal.fromInt(100), targetFrom: "share-100" };
  if (choices.fixParent) return { targetFrom: "none" };
  return { code: "NO_TARGET", unit: parent.unit, cell: parent.cell, text: parent.text ?? "" };
}

export interface ResolvedStep {
  step: StepInput;
  stepFrom: RebalancePlan["stepFrom"];
}

/**
 * The grid is the indicator's own: counts (家, 个, 项…) step 1; other indicators the largest
 * number of decimals their cells show (number format first, else the stored value).
 */
export function resolveStep(
  choices: RebalanceChoices,
  indicator: IndicatorLine,
  parsedCells: readonly CellValue[],
): ResolvedStep | RequestProblem {
  if (choices.step !== undefined) {
    const s = parseNumber(choices.step);
    if (!s || s.sign() <= 0) return { code: "BAD_NUMBER", option: "step", text: String(choices.step) };
    return { step: s, stepFrom: "option" };
  }
  if (indicator.count) return { step: Decimal.ONE, stepFrom: "count" };
  return { step: { decimals: rowDecimals(parsedCells) }, stepFrom: "decimals" };
}

export interface ResolvedUnits {
  locked: boolean[];
  min: (Decimal | undefined)[];
  max: (Decimal | undefined)[];
  edit?: { child: number; value: Decimal };
}

/** Locks, bounds and the edited child, by the names the sheet uses (spaces ignored). */
export function resolveUnits(
  choices: RebalanceChoices,
  units: readonly UnitLine[],
): ResolvedUnits | RequestProblem {
  const unitNames = units.map((u) => u.unit);
  const unitProblem = (option: UnitOption, text: string, found: number | string[]): RequestProblem | null =>
    Array.isArray(found)
      ? { code: "AMBIGUOUS_UNIT", option, text, candidates: found }
      : found < 0
        ? { code: "UNKNOWN_UNIT", option, text, units: unitNames }
        : null;
  const locked = units.map(() => false);
  for (const name of choices.locks ?? []) {
    const i = findUnit(units, name);
    const bad = unitProblem("lock", name, i);
    if (bad || typeof i !== "number") return bad!;
    locked[i] = true;
  }
  const bounds = (
    option: "min" | "max",
    list: readonly UnitValue[] | undefined,
  ): (Decimal | undefined)[] | RequestProblem => {
    const out: (Decimal | undefined)[] = units.map(() => undefined);
    for (const b of list ?? []) {
      const i = findUnit(units, b.unit);
      const bad = unitProblem(option, b.unit, i);
      if (bad || typeof i !== "number") return bad!;
      const v = parseNumber(b.value);
      if (!v) return { code: "BAD_NUMBER", option, text: String(b.value), unit: b.unit };
      out[i] = v;
    }
    return out;
  };
  const min = bounds("min", choices.min);
  if (isProblem(min)) return min;
  const max = bounds("max", choices.max);
  if (isProblem(max)) return max;

  if (!choices.edit) return { locked, min, max };
  const i = findUnit(units, choices.edit.unit);
  const bad = unitProblem("edit", choices.edit.unit, i);
  if (bad || typeof i !== "number") return bad!;
  const v = parseNumber(choices.edit.value);
  if (!v)
    return {
      code: "BAD_NUMBER",
      option: "edit",
      text: String(choices.edit.value),
      unit: choices.edit.unit,
    };
  return { locked, min, max, edit: { child: i, value: v } };
}

/** A reference or weights row under the split's children, with its value at the parent. */
export interface OtherRow {
  indicator: IndicatorLine;
  values: Decimal[];
  parent?: Decimal;
}

export interface ResolvedRows {
  reference?: OtherRow;
  weights?: OtherRow;
}

/** The reference and weights rows, from the same table and split. */
export function resolveRows(
  choices: RebalanceChoices,
  table: SplitTable,
  view: SheetView,
  split: Split,
  indicator: IndicatorLine,
): ResolvedRows | RequestProblem {
  const ratio = indicator.kind === "ratio";
  const otherRow = (text: string, role: RowRole): OtherRow | RequestProblem => {
    const found = findIndicator([table], [], text, role);
    if (isProblem(found)) return found;
    const values = rowValues(view, found.indicator, split.children, role);
    if (isProblem(values)) return values;
    const p = parseAt(view, found.indicator.line, split.parent.line, found.indicator.measure);
    return {
      indicator: found.indicator,
      values,
      parent: p.kind === "number" && !p.bound ? p.value : undefined,
    };
  };
  const rows: ResolvedRows = {};
  if (choices.reference) {
    if (ratio) return { code: "NOT_FOR_RATIO", indicator: indicator.name, option: "reference" };
    const found = otherRow(choices.reference, "reference");
    if (isProblem(found)) return found;
    rows.reference = found;
  }
  if (choices.weights) {
    const method = choices.method ?? (ratio ? undefined : "proportional");
    if (!ratio && method !== "minimal-change")
      return {
        code: "CONFLICTING_OPTIONS",
        options: [{ option: "weights" }, { option: "method", value: method }],
      };
    const found = otherRow(choices.weights, "weights");
    if (isProblem(found)) return found;
    rows.weights = found;
  }
  return rows;
}
