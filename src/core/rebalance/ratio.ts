/**
 * Ratio indicators (R&D intensity = R&D / GDP, in %), rebalanced in numerator space
 * (docs/rebalancing.md §2 "Ratio indicators", case T5 in §5). The parent's ratio is Σ rᵢ·dᵢ / D, where D is
 * the parent's own denominator: district GDPs need not add up to the city's. So the constraint is
 * Σ dᵢ·rᵢ = R*·D with locks and bounds on rᵢ, and
 *   - "shift": wᵢ = 1/dᵢ on nᵢ = rᵢdᵢ, i.e. every free ratio moves by the same points;
 *   - "scale": rᵢ·t, the proportional option (a zero ratio stays zero).
 * Each ratio is then rounded to the grid on its own (half away from zero, as the sheet
 * would show it); the weighted sum cannot be exact after that, so the result is checked
 * against the target with the rounding tolerance ½·step·Σdᵢ(free)/D instead.
 */
import { Decimal } from "../decimal";
import { buildOk } from "./explain";
import { commonScaleUnits, resolveStep } from "./gridUnits";
import { boundTotals, infeasible, invalid, prepareChildren } from "./prepare";
import { Rational } from "./rational";
import { levelToValue, lockedRoles, roleOf, solveContinuous } from "./spread";
import type { InputProblem, RatioCheck, RatioRequest, RebalanceResult } from "./types";

export function ratio(request: RatioRequest): RebalanceResult {
  const method = "ratio";
  const problems: InputProblem[] = [];
  request.children.forEach((c, i) => {
    if (!c.denominator || c.denominator.sign() <= 0) problems.push({ kind: "missing-denominator", child: i });
  });
  if (request.parentDenominator.sign() <= 0) problems.push({ kind: "bad-parent-denominator" });
  const step = resolveStep(request.step, [request.target, ...request.children.map((c) => c.value)]);
  if (!step) return invalid(method, [{ kind: "bad-step" }, ...problems]);
  const children = prepareChildren(request.children, step, request, problems);
  if (problems.length > 0) return invalid(method, problems);

  // Σ dᵢrᵢ = R*·D with rᵢ = xᵢ·step and dᵢ = dUᵢ/10^ds  ⇔  Σ dUᵢ·xᵢ = R*·D·10^ds/step = N/M.
  // Scaling the coefficients by M keeps the whole problem in integers.
  const den = commonScaleUnits(request.children.map((c) => c.denominator as Decimal));
  const stepValue = Rational.fromDecimal(step);
  const D = Rational.fromDecimal(request.parentDenominator);
  const tenDs = Rational.of(10n ** BigInt(den.scale));
  const goal = Rational.fromDecimal(request.target).mul(D).mul(tenDs).div(stepValue).reduced();
  const M = goal.den;
  const coefficient = den.units.map((d) => d * M);
  /** Σ cᵢxᵢ back to the parent's ratio. */
  const toParent = (sum: bigint) => Rational.of(sum, M).mul(stepValue).div(tenDs).div(D).reduced();

  const free: number[] = [];
  let lockedSum = 0n;
  children.forEach((c, i) => {
    if (c.locked) lockedSum += coefficient[i] * c.value;
    else free.push(i);
  });
  const toSpread = goal.num - lockedSum;
  const { low, high } = boundTotals(children, free, (i) => coefficient[i]);
  if ((low !== null && toSpread < low) || (high !== null && toSpread > high)) {
    return infeasible({
      method,
      target: request.target,
      children,
      free,
      lockedTotal: lockedSum,
      totalUnits: goal.num,
      low,
      high,
      toParent,
    });
  }

  const mode = request.ratioMode ?? "shift";
  const base = free.map((i) => children[i].value);
  const solution = solveContinuous(
    {
      base,
      slope: mode === "shift" ? base.map(() => 1n) : base.map((r) => (r < 0n ? -r : r)),
      min: free.map((i) => children[i].min),
      max: free.map((i) => children[i].max),
      coefficient: free.map((i) => coefficient[i]),
      zeroBaseAware: mode === "scale",
      zeroBase: request.zeroBase ?? "refuse",
      factors: (level) =>
        mode === "shift"
          ? { shift: levelToValue(level, step) }
          : { scale: level.add(Rational.of(1n)).reduced() },
      equalFactors: (level) => ({ shift: levelToValue(level, step) }),
    },
    toSpread,
  );
  if (solution.kind !== "solved") {
    const reach = (u: bigint | null) => (u === null ? null : toParent(lockedSum + u));
    return {
      status: "zero-base-blocked",
      method,
      target: request.target,
      reachable: [reach(solution.low), reach(solution.high)],
      zeroBaseChildren: solution.zeroBase.map((k) => free[k]),
      option: "equal",
    };
  }

  const units = children.map((c) => c.value);
  const roles = lockedRoles(children, { method, target: request.target, children: request.children });
  const exact: (Rational | null)[] = children.map(() => null);
  const roundedUp = children.map(() => false);
  free.forEach((i, k) => {
    const x = solution.values[k];
    // Bounds are on the grid, so rounding a value inside them stays inside them.
    units[i] = x.roundTo(0).units;
    roundedUp[i] = Rational.of(units[i]).gt(x);
    exact[i] = x.mul(stepValue).reduced();
    roles[i] = roleOf(solution.clipped[k], solution.moving[k]);
  });

  const recomputed = toParent(units.reduce((s, x, i) => s + coefficient[i] * x, 0n));
  const target = Rational.fromDecimal(request.target);
  const difference = recomputed.sub(target).reduced();
  const freeDen = free.reduce((s, i) => s + den.units[i], 0n);
  const tolerance = stepValue.mul(Rational.of(freeDen, 2n)).div(tenDs).div(D).reduced();
  const shown = Math.max(step.decimals, request.target.decimals);
  const ratioCheck: RatioCheck = {
    recomputed,
    difference,
    tolerance,
    pass: difference.abs().le(tolerance),
    showsAsTarget: recomputed.roundTo(shown).eq(request.target),
  };

  let lockedTotal = Decimal.ZERO;
  children.forEach((c, i) => {
    if (c.locked)
      lockedTotal = lockedTotal.add(request.children[i].value.mul(request.children[i].denominator!));
  });
  return buildOk({
    method,
    target: request.target,
    parent: request.target,
    step,
    children: request.children,
    units,
    roles,
    exact,
    roundedUp,
    lockedTotal,
    toSpread: request.target.mul(request.parentDenominator).sub(lockedTotal),
    rounding: "half-away-each",
    leftoverSteps: 0,
    ties: [],
    factors: solution.factors,
    zeroBase: solution.zeroBase,
    ratioCheck,
  });
}
