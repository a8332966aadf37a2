/**
 * The shared path of the continuous methods (proportional, equal increment, reference):
 * waterfill for the exact continuous solution, the zero-base rules, largest remainder onto
 * the grid, then the explanation. Each method only says what its bases and slopes are.
 */
import type { Decimal } from "../decimal";
import { type Factors, buildOk } from "./explain";
import { fromUnits, unitsToValue } from "./gridUnits";
import { largestRemainder } from "./hamilton";
import type { Prepared } from "./prepare";
import { Rational } from "./rational";
import type {
  ChildInput,
  ChildRole,
  Explanation,
  Method,
  RebalanceOk,
  SpreadMethod,
  ZeroBaseBlocked,
  ZeroBasePolicy,
} from "./types";
import { type Clip, type WaterfillChild, waterfill } from "./waterfill";

/** Who asked, for the explanation. */
export interface RowContext {
  method: Method;
  spread?: SpreadMethod;
  target: Decimal;
  children: readonly ChildInput[];
  /** edit-one: the child the user edited. */
  edited?: number;
}

/** One entry per free child, in the order of `prepared.free`. */
export interface ContinuousPlan {
  base: bigint[];
  slope: bigint[];
  /** The tie-break's "larger base" (the current value, or the reference). */
  tieBase: bigint[];
  /** Proportional-type: a slope of 0 is a zero base that stays where it is. */
  zeroBaseAware: boolean;
  zeroBase: ZeroBasePolicy;
  /** The method's factor (scale, increment, per-reference) from λ in grid steps. */
  factors: (level: Rational) => Factors;
}

export function lockedRoles(prep: Prepared, ctx: RowContext): ChildRole[] {
  return prep.children.map((c, i) => (c.locked ? (i === ctx.edited ? "edited" : "locked") : "free"));
}

/** λ in grid steps as a value in the indicator's units. */
export function levelToValue(level: Rational, step: Decimal): Rational {
  return unitsToValue(level, step).reduced();
}

export function spreadContinuous(
  prep: Prepared,
  ctx: RowContext,
  plan: ContinuousPlan,
): RebalanceOk | ZeroBaseBlocked {
  const { free, children, step, toSpread } = prep;
  const bounded = (k: number, base: bigint, slope: bigint): WaterfillChild => ({
    base,
    slope,
    min: children[free[k]].min,
    max: children[free[k]].max,
  });
  const zeroSlope = plan.slope.map((s) => s === 0n);

  let values: Rational[];
  let clipped: Clip[];
  let factors: Factors;
  let zeroBase: Explanation["zeroBase"];
  const moving: boolean[] = free.map(() => true);

  if (plan.zeroBaseAware && free.length > 0 && zeroSlope.every(Boolean)) {
    // Every free base is zero: the planning systems' rule is an equal split.
    const solved = waterfill(
      free.map((_, k) => bounded(k, 0n, 1n)),
      toSpread,
    );
    if (solved.kind !== "solved") throw new RangeError("equal split unreachable after the feasibility test");
    ({ values, clipped } = solved);
    factors = { increment: levelToValue(solved.level, step) };
    zeroBase = "all-zero-split-equally";
  } else {
    const solved = waterfill(
      free.map((_, k) => bounded(k, plan.base[k], plan.slope[k])),
      toSpread,
    );
    if (solved.kind === "solved") {
      ({ values, clipped } = solved);
      factors = plan.factors(solved.level);
      free.forEach((_, k) => (moving[k] = !(plan.zeroBaseAware && zeroSlope[k])));
    } else {
      // Feasibility passed, so only children held at a zero base can be what blocks.
      const zeroBaseChildren = free.filter((_, k) => zeroSlope[k]);
      if (!plan.zeroBaseAware || zeroBaseChildren.length === 0) {
        throw new RangeError("waterfill unreachable after the feasibility test");
      }
      if (plan.zeroBase !== "equal") {
        const toParent = (u: bigint | null) =>
          u === null ? null : unitsToValue(Rational.of(prep.lockedTotal + u), step).reduced();
        return {
          status: "zero-base-blocked",
          method: ctx.method,
          target: ctx.target,
          reachable: [toParent(solved.low), toParent(solved.high)],
          zeroBaseChildren,
          option: "equal",
        };
      }
      // The user's explicit choice: positive bases go as far as their bounds let them,
      // the zero bases share the rest equally.
      const up = solved.high !== null && toSpread > solved.high;
      values = new Array(free.length);
      clipped = new Array(free.length);
      let rest = toSpread;
      free.forEach((i, k) => {
        if (zeroSlope[k]) return;
        const v = up ? children[i].max! : children[i].min!;
        values[k] = Rational.of(v);
        clipped[k] = up ? "max" : "min";
        rest -= v;
      });
      const zeroKs = free.flatMap((_, k) => (zeroSlope[k] ? [k] : []));
      const equal = waterfill(
        zeroKs.map((k) => bounded(k, 0n, 1n)),
        rest,
      );
      if (equal.kind !== "solved") throw new RangeError("zero-base split unreachable after the feasibility test");
      zeroKs.forEach((k, j) => {
        values[k] = equal.values[j];
        clipped[k] = equal.clipped[j];
      });
      factors = { increment: levelToValue(equal.level, step) };
      zeroBase = "spread-equally-by-choice";
    }
  }

  const rounded = largestRemainder(values, plan.tieBase, toSpread, free);
  const units = children.map((c) => c.value);
  const roles = lockedRoles(prep, ctx);
  const exact: (Rational | null)[] = children.map(() => null);
  const roundedUp = children.map(() => false);
  free.forEach((i, k) => {
    units[i] = rounded.units[k];
    roundedUp[i] = rounded.roundedUp[k];
    exact[i] = unitsToValue(values[k], step);
    roles[i] = clipped[k] === "min" ? "at-min" : clipped[k] === "max" ? "at-max" : moving[k] ? "free" : "zero-base";
  });
  return buildOk({
    method: ctx.method,
    spread: ctx.spread,
    target: ctx.target,
    parent: ctx.target,
    step,
    children: ctx.children,
    units,
    roles,
    exact,
    roundedUp,
    lockedTotal: fromUnits(prep.lockedTotal, step),
    toSpread: fromUnits(toSpread, step),
    rounding: "largest-remainder",
    leftoverSteps: rounded.leftover,
    ties: rounded.tie ? [rounded.tie] : [],
    factors,
    zeroBase,
  });
}
