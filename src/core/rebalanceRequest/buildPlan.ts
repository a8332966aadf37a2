/**
 * The plan as a pipeline: refuse clashing choices → locate the split → read its cells → resolve
 * the target, step, locks, bounds and rows → the engine's request. Each step returns a typed
 * problem instead of throwing, and the first problem met is the one reported.
 */
import type { WorkbookGrid } from "../grid";
import type { TableMap } from "../model";
import { rebalance, type RebalanceResult } from "../rebalance/rebalance";
import type { RebalanceChoices } from "./choices";
import { conflicts } from "./conflicts";
import { engineRequest } from "./engineRequest";
import { locateSplit } from "./locate";
import type { PlanResult, RebalancePlan } from "./plan";
import { isProblem, type RequestProblem } from "./problems";
import { readSplitCells } from "./readCells";
import { resolveRows, resolveStep, resolveTarget, resolveUnits } from "./resolve";

/**
 * Builds the rebalance request for one indicator of one split, with everything the writer and
 * the preview need (cell addresses, formulas, how each cell is stored).
 */
export function buildRebalancePlan(
  workbook: WorkbookGrid,
  maps: readonly TableMap[],
  choices: RebalanceChoices,
): PlanResult {
  const fail = (problem: RequestProblem): PlanResult => ({ ok: false, problem });
  const clash = conflicts(choices);
  if (clash) return fail(clash);

  const located = locateSplit(workbook, maps, choices);
  if (isProblem(located)) return fail(located);
  const { table, indicator, split, view } = located;

  const cells = readSplitCells(view, indicator, split);
  if (isProblem(cells)) return fail(cells);
  const { children, parent } = cells;

  const target = resolveTarget(choices, indicator, parent);
  if (isProblem(target)) return fail(target);
  const step = resolveStep(choices, indicator, cells.parsedCells);
  if (isProblem(step)) return fail(step);
  const units = resolveUnits(choices, split.children);
  if (isProblem(units)) return fail(units);
  const rows = resolveRows(choices, table, view, split, indicator);
  if (isProblem(rows)) return fail(rows);

  const request = engineRequest(choices, {
    indicator,
    parent,
    children,
    target: target.target,
    step: step.step,
    units,
    rows,
  });
  if (isProblem(request)) return fail(request);

  const plan: RebalancePlan = {
    sheet: table.sheet,
    table,
    split,
    indicator,
    parent,
    children,
    locked: units.locked,
    min: units.min,
    max: units.max,
    targetFrom: target.targetFrom,
    step: step.step,
    stepFrom: step.stepFrom,
    method: request.method,
    request,
  };
  if (target.target) plan.target = target.target;
  if (rows.reference) plan.referenceRow = rows.reference.indicator.name;
  if (rows.weights) plan.weightsRow = rows.weights.indicator.name;
  return { ok: true, plan };
}

/** Plans and solves in one call. */
export function planAndRebalance(
  workbook: WorkbookGrid,
  maps: readonly TableMap[],
  choices: RebalanceChoices,
): { ok: true; plan: RebalancePlan; result: RebalanceResult } | { ok: false; problem: RequestProblem } {
  const planned = buildRebalancePlan(workbook, maps, choices);
  if (!planned.ok) return planned;
  return { ok: true, plan: planned.plan, result: rebalance(planned.plan.request) };
}
