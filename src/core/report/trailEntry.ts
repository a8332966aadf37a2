/** A change-trail entry from an applied rebalance: built the same way by the add-in and the command line. */
import type { Decimal } from "../decimal";
import type { RebalanceOk } from "../rebalance/rebalance";
import type { CellWrite, RebalancePlan } from "../rebalanceRequest";
import type { TrailEntry, TrailValue } from "./trail";

function num(d: Decimal): number {
  return d.toJSON();
}

/** The trail's before value of a plan cell: a dash stays a dash, a blank is null. */
function shownBefore(c: RebalancePlan["children"][number]): TrailValue {
  if (c.shown === "dash") return c.text ?? "-";
  if (c.shown === "blank") return null;
  return num(c.value);
}

/**
 * The trail entry of an applied rebalance: what each child held before (`formulas`: the formulas
 * the written cells held, keyed by cell) and holds after, the method, locks, bounds and target.
 */
export function trailEntryFor(
  plan: RebalancePlan,
  result: RebalanceOk,
  writes: CellWrite[],
  formulas: Map<string, string>,
  time: string,
  who: { by?: string; source: "add-in" | "cli" },
): TrailEntry {
  const { by, source } = who;
  const withFormula = <T extends { cell: string }>(c: T) => {
    const f = formulas.get(c.cell);
    return f ? { ...c, beforeFormula: f.replace(/^=/, "") } : c;
  };
  const entry: TrailEntry = {
    time,
    kind: "rebalance",
    indicator: plan.indicator.name,
    sheet: plan.sheet,
    method: plan.method,
    locks: plan.children.filter((_, i) => plan.locked[i]).map((c) => c.unit),
    bounds: plan.children.flatMap((c, i) =>
      plan.min[i] || plan.max[i]
        ? [
            {
              unit: c.unit,
              ...(plan.min[i] ? { min: num(plan.min[i]!) } : {}),
              ...(plan.max[i] ? { max: num(plan.max[i]!) } : {}),
            },
          ]
        : [],
    ),
    children: plan.children.map((c, i) =>
      withFormula({ unit: c.unit, cell: c.cell, before: shownBefore(c), after: num(result.values[i]) }),
    ),
    step: result.step.toString(),
    source,
  };
  const parentWrite = writes.find((w) => w.role === "parent");
  if (parentWrite) {
    const p = plan.parent;
    entry.parent = withFormula({
      unit: p.unit,
      cell: p.cell,
      before: p.stated ? num(p.stated) : (p.text ?? null),
      after: num(parentWrite.shown),
    });
  }
  const target = result.method === "fix-parent" ? result.parent : plan.target;
  if (target) entry.target = num(target);
  const reference = plan.referenceRow ?? plan.weightsRow;
  if (reference) entry.reference = reference;
  if (by) entry.by = by;
  return entry;
}
