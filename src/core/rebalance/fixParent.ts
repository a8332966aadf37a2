/**
 * Fix-parent mode: keep every child and set the parent to their sum. Trivial, but it is
 * one of the choices the preview offers, so it answers in the same shape as the others.
 */
import { Decimal } from "../decimal";
import { buildOk } from "./explain";
import { resolveStep, toUnits } from "./gridUnits";
import { invalid } from "./prepare";
import type { FixParentRequest, InputProblem, RebalanceResult } from "./types";

export function fixParent(request: FixParentRequest): RebalanceResult {
  const method = "fix-parent";
  const step = resolveStep(
    request.step,
    request.children.map((c) => c.value),
  );
  if (!step) return invalid(method, [{ kind: "bad-step" }]);
  const problems: InputProblem[] = [];
  const units = request.children.map((c, i) => {
    const u = toUnits(c.value, step);
    if (u === null) problems.push({ kind: "value-off-grid", child: i, value: c.value });
    return u ?? 0n;
  });
  if (problems.length > 0) return invalid(method, problems);
  const parent = Decimal.sum(request.children.map((c) => c.value));
  return buildOk({
    method,
    target: request.target ?? parent,
    parent,
    step,
    children: request.children,
    units,
    roles: request.children.map(() => "locked"),
    exact: request.children.map(() => null),
    roundedUp: request.children.map(() => false),
    lockedTotal: parent,
    toSpread: Decimal.ZERO,
    rounding: "none",
    leftoverSteps: 0,
    ties: [],
    factors: {},
  });
}
