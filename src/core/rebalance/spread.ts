/**
 * The shared path of the continuous methods (proportional, equal increment, reference, and
 * the ratio method in numerator space): waterfill for the exact continuous solution, the
 * zero-base rules, then largest remainder onto the grid and the explanation. Each method
 * only says what its bases and slopes are.
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

/** One entry per moving child. */
export interface ContinuousPlan {
  base: bigint[];
  slope: bigint[];
  min: (bigint | null)[];
  max: (bigint | null)[];
  /** cᵢ in Σ cᵢxᵢ = R; all 1 when absent. */
  coefficient?: bigint[];
  /** Proportional-type: a slope of 0 is a zero base that stays where it is. */
  zeroBaseAware: boolean;
  zeroBase: ZeroBasePolicy;
  /** The method's factor (scale, increment, …) from λ; `equal` is λ of an equal split. */
  factors: (level: Rational) => Factors;
  equalFactors: (level: Rational) => Factors;
}

export interface ContinuousSolution {
  kind: "solved";
  /** Per moving child, in grid steps. */
  values: Rational[];
  clipped: Clip[];
  /** False for a zero base that stayed put. */
  moving: boolean[];
  factors: Factors;
  zeroBase?: Explanation["zeroBase"];
}

export interface ContinuousBlocked {
  kind: "zero-base-blocked";
  /** Range of Σ cᵢxᵢ while zero bases stay; null where unbounded. */
  low: bigint | null;
  high: bigint | null;
  /** Positions (into the plan) of the zero bases. */
  zeroBase: number[];
}

/**
 * docs/rebalancing.md §1 step 4 with the zero-base rules: all free bases zero → equal split; positive
 * bases unable to absorb R → blocked, or (only by explicit choice) positive bases to their
 * bounds and the rest equally over the zero bases. The caller has checked feasibility.
 */
export function solveContinuous(plan: ContinuousPlan, total: bigint): ContinuousSolution | ContinuousBlocked {
  const n = plan.base.length;
  const coefficient = (k: number) => plan.coefficient?.[k] ?? 1n;
  const child = (k: number, base: bigint, slope: bigint): WaterfillChild => ({
    base,
    slope,
    min: plan.min[k],
    max: plan.max[k],
    coefficient: coefficient(k),
  });
  const zeroSlope = plan.slope.map((s) => s === 0n);
  const all = Array.from({ length: n }, (_, k) => k);

  if (plan.zeroBaseAware && n > 0 && zeroSlope.every(Boolean)) {
    // Every free base is zero: the planning systems' rule is an equal split.
    const solved = waterfill(
      all.map((k) => child(k, 0n, 1n)),
      total,
    );
    if (solved.kind !== "solved") throw new RangeError("equal split unreachable after the feasibility test");
    return {
      kind: "solved",
      values: solved.values,
      clipped: solved.clipped,
      moving: all.map(() => true),
      factors: plan.equalFactors(solved.level),
      zeroBase: "all-zero-split-equally",
    };
  }
  const solved = waterfill(
    all.map((k) => child(k, plan.base[k], plan.slope[k])),
    total,
  );
  if (solved.kind === "solved") {
    return {
      kind: "solved",
      values: solved.values,
      clipped: solved.clipped,
      moving: zeroSlope.map((z) => !(plan.zeroBaseAware && z)),
      factors: plan.factors(solved.level),
    };
  }
  // Feasibility passed, so only children held at a zero base can be what blocks.
  const zeroKs = all.filter((k) => zeroSlope[k]);
  if (!plan.zeroBaseAware || zeroKs.length === 0)
    throw new RangeError("unreachable after the feasibility test");
  if (plan.zeroBase !== "equal")
    return { kind: "zero-base-blocked", low: solved.low, high: solved.high, zeroBase: zeroKs };

  // The user's explicit choice: positive bases go as far as their bounds let them, the zero
  // bases share the rest equally.
  const up = solved.high !== null && total > solved.high;
  const values: Rational[] = new Array(n);
  const clipped: Clip[] = new Array(n);
  let rest = total;
  for (let k = 0; k < n; k++) {
    if (zeroSlope[k]) continue;
    const v = up ? plan.max[k]! : plan.min[k]!;
    values[k] = Rational.of(v);
    clipped[k] = up ? "max" : "min";
    rest -= coefficient(k) * v;
  }
  const equal = waterfill(
    zeroKs.map((k) => child(k, 0n, 1n)),
    rest,
  );
  if (equal.kind !== "solved") throw new RangeError("zero-base split unreachable after the feasibility test");
  zeroKs.forEach((k, j) => {
    values[k] = equal.values[j];
    clipped[k] = equal.clipped[j];
  });
  return {
    kind: "solved",
    values,
    clipped,
    moving: all.map(() => true),
    factors: plan.equalFactors(equal.level),
    zeroBase: "spread-equally-by-choice",
  };
}

export function lockedRoles(children: readonly { locked: boolean }[], ctx: RowContext): ChildRole[] {
  return children.map((c, i) => (c.locked ? (i === ctx.edited ? "edited" : "locked") : "free"));
}

export function roleOf(clip: Clip, moving: boolean): ChildRole {
  return clip === "min" ? "at-min" : clip === "max" ? "at-max" : moving ? "free" : "zero-base";
}

/** λ in grid steps as a value in the indicator's units. */
export function levelToValue(level: Rational, step: Decimal): Rational {
  return unitsToValue(level, step).reduced();
}

/** What an amount method adds to the shared path. */
export interface AmountPlan {
  base: bigint[];
  slope: bigint[];
  /** The tie-break's "larger base" (the current value, or the reference). */
  tieBase: bigint[];
  zeroBaseAware: boolean;
  zeroBase: ZeroBasePolicy;
  factors: (level: Rational) => Factors;
}

/** The amount methods: Σ xᵢ = T exactly, largest remainder onto the grid. */
export function spreadContinuous(prep: Prepared, ctx: RowContext, plan: AmountPlan) {
  const { free, children, step, toSpread } = prep;
  const solution = solveContinuous(
    {
      ...plan,
      min: free.map((i) => children[i].min),
      max: free.map((i) => children[i].max),
      equalFactors: (level) => ({ increment: levelToValue(level, step) }),
    },
    toSpread,
  );
  if (solution.kind !== "solved") {
    const toParent = (u: bigint | null) =>
      u === null ? null : unitsToValue(Rational.of(prep.lockedTotal + u), step).reduced();
    return {
      status: "zero-base-blocked" as const,
      method: ctx.method,
      target: ctx.target,
      reachable: [toParent(solution.low), toParent(solution.high)] as [Rational | null, Rational | null],
      zeroBaseChildren: solution.zeroBase.map((k) => free[k]),
      option: "equal" as const,
    };
  }
  const { values, clipped, moving } = solution;
  const rounded = largestRemainder(values, plan.tieBase, toSpread, free);
  const units = children.map((c) => c.value);
  const roles = lockedRoles(children, ctx);
  const exact: (Rational | null)[] = children.map(() => null);
  const roundedUp = children.map(() => false);
  free.forEach((i, k) => {
    units[i] = rounded.units[k];
    roundedUp[i] = rounded.roundedUp[k];
    exact[i] = unitsToValue(values[k], step);
    roles[i] = roleOf(clipped[k], moving[k]);
  });
  const ok: RebalanceOk = buildOk({
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
    factors: solution.factors,
    zeroBase: solution.zeroBase,
  });
  return ok;
}
