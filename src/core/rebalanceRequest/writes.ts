/**
 * What an accepted rebalance writes: the parent cell only when its value changes (a new target,
 * fix-parent), a child only when its value changes; a percent-stored cell holds value / 100.
 */
import type { Decimal } from "../decimal";
import type { RebalanceOk } from "../rebalance/rebalance";
import type { PlanCell, PlanParent, RebalancePlan } from "./plan";

export interface CellWrite {
  cell: string;
  row: number;
  col: number;
  unit: string;
  /** The value as the sheet stores it (a percent-formatted cell holds value / 100). */
  value: Decimal;
  /** The value in the indicator's units, as the sheet shows it. */
  shown: Decimal;
  /** The formula this write would replace. */
  formula?: string;
  role: "child" | "parent";
}

function write(c: PlanCell | PlanParent, value: Decimal, role: CellWrite["role"]): CellWrite {
  const w: CellWrite = {
    cell: c.cell,
    row: c.row,
    col: c.col,
    unit: c.unit,
    value: c.percentStored ? value.shift(-2) : value,
    shown: value,
    role,
  };
  if (c.formula) w.formula = c.formula;
  return w;
}

/**
 * The cells an accepted rebalance changes, in sheet order: each child whose value changes
 * (a `-` that stays 0 stays `-`; a number stored as text that keeps its value stays text), and
 * the parent when its value changes. A formula among them is listed on the write, so the caller
 * can refuse or ask before replacing it.
 */
export function plannedWrites(plan: RebalancePlan, result: RebalanceOk): CellWrite[] {
  const writes: CellWrite[] = [];
  result.values.forEach((after, i) => {
    const c = plan.children[i];
    if (!after.eq(c.value)) writes.push(write(c, after, "child"));
  });
  const p = plan.parent;
  const newParent = result.method === "fix-parent" ? result.parent : plan.target;
  const keepBlankShare = plan.targetFrom === "share-100";
  if (newParent && !keepBlankShare && !(p.stated && p.stated.eq(newParent)))
    writes.push(write(p, newParent, "parent"));
  return writes.sort((a, b) => a.row - b.row || a.col - b.col);
}
