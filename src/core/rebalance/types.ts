/**
 * The rebalancing contract: a request names a method, the parent's new target and the
 * children; the result is either new values with a structured explanation, or a refusal
 * carrying the evidence (achievable range, blocked children, bad inputs). Refusals are
 * values, never exceptions, and carry no values to write.
 */
import type { Decimal } from "../decimal";
import type { StepInput } from "./gridUnits";
import type { Rational } from "./rational";

export type Method =
  "proportional" | "equal-increment" | "reference" | "minimal-change" | "ratio" | "edit-one" | "fix-parent";

/** How "edit one child, keep the total" moves the other children. */
export type SpreadMethod = "proportional" | "equal-increment" | "minimal-change";

/**
 * What to do when proportional spreading over positive bases cannot absorb the remainder:
 * refuse (ZERO_BASE_BLOCKED) or, only when the user chose it, spread the rest equally over
 * the zero-base children.
 */
export type ZeroBasePolicy = "refuse" | "equal";

export interface ChildInput {
  /** The district or city name, carried into the explanation. */
  unit: string;
  /** The current value aᵢ (for the ratio method: the child's ratio rᵢ). */
  value: Decimal;
  /** Held: keeps its value whatever the target; never broken. */
  locked?: boolean;
  /** 保底: the smallest value allowed (snapped up to the grid). Ignored on a locked child. */
  min?: Decimal;
  /** 封顶: the largest value allowed (snapped down to the grid). Ignored on a locked child. */
  max?: Decimal;
  /** 只增不减: the current value is a minimum. */
  noDecrease?: boolean;
  /** Reference row (base year, GDP, any factor) for the reference method; ≥ 0. */
  reference?: Decimal;
  /** Weight wᵢ > 0 of the minimal-change cost wᵢ(xᵢ − aᵢ)²; 1 when absent. */
  weight?: Decimal;
  /** Ratio method: the child's own denominator dᵢ (GDP for R&D intensity); > 0. */
  denominator?: Decimal;
}

/** What every method but fix-parent shares. */
export interface RequestBase {
  /** The parent's new target (for the ratio method: the parent's ratio R*). */
  target: Decimal;
  children: readonly ChildInput[];
  /**
   * The grid: a step (1, 0.1, 0.01, 0.5 …) or `{ decimals: n }`. Absent: the finest
   * decimals among the target and the children's values (trailing zeros do not count).
   */
  step?: StepInput;
  /** Without it every free child has the minimum 0 unless it states its own. */
  allowNegative?: boolean;
  /** 只增不减 for every child. */
  noDecrease?: boolean;
}

export interface ProportionalRequest extends RequestBase {
  method: "proportional";
  zeroBase?: ZeroBasePolicy;
}
export interface EqualIncrementRequest extends RequestBase {
  method: "equal-increment";
}
export interface ReferenceRequest extends RequestBase {
  method: "reference";
  zeroBase?: ZeroBasePolicy;
}
export interface MinimalChangeRequest extends RequestBase {
  method: "minimal-change";
}
export interface RatioRequest extends RequestBase {
  method: "ratio";
  /** The parent's own denominator D (district GDPs need not add up to the city's). */
  parentDenominator: Decimal;
  /** "shift": the same percentage-point change for every free child (wᵢ = 1/dᵢ); "scale": rᵢ·t. */
  ratioMode?: "shift" | "scale";
  zeroBase?: ZeroBasePolicy;
}
export interface EditOneRequest extends RequestBase {
  method: "edit-one";
  /** The edited child (index into children) and its new value; it is locked at that value. */
  edit: { child: number; value: Decimal };
  /** How the other children absorb the difference; proportional when absent. */
  spread?: SpreadMethod;
  zeroBase?: ZeroBasePolicy;
}
export interface FixParentRequest {
  method: "fix-parent";
  /** The parent's current value, to report the change; optional. */
  target?: Decimal;
  children: readonly ChildInput[];
  step?: StepInput;
}

export type RebalanceRequest =
  | ProportionalRequest
  | EqualIncrementRequest
  | ReferenceRequest
  | MinimalChangeRequest
  | RatioRequest
  | EditOneRequest
  | FixParentRequest;

/** Why a child ended where it did. */
export type ChildRole =
  | "locked"
  /** The child the user edited (edit-one); held at the new value. */
  | "edited"
  /** Its minimum binds: without it the child would go lower. */
  | "at-min"
  /** Its maximum binds: without it the child would go higher. */
  | "at-max"
  /** Zero base under a proportional method: stays at zero (or at its bound). */
  | "zero-base"
  /** Moved freely with the others. */
  | "free";

export interface ChildOutcome {
  child: number;
  unit: string;
  before: Decimal;
  after: Decimal;
  change: Decimal;
  role: ChildRole;
  /** The exact continuous solution before rounding, in the indicator's units. */
  exact?: Rational;
  /** Received one of the leftover grid steps in the rounding. */
  roundedUp: boolean;
}

/** A tie among equal remainders (or equal marginal costs) that the cut went through. */
export interface TieBreak {
  /** Children whose claim was equal, in the order the tie-break ranked them. */
  contenders: number[];
  /** Those of them that received a step. */
  winners: number[];
  /** The comparison that separated the last winner from the first loser. */
  decidedBy: "base" | "order";
  /** The shared remainder, as a fraction of one grid step (largest remainder). */
  remainder?: Rational;
  /** The shared marginal cost (minimal change). */
  marginalCost?: Rational;
}

export interface Explanation {
  method: Method;
  /** For edit-one: how the others were moved. */
  spread?: SpreadMethod;
  step: Decimal;
  target: Decimal;
  /** Σ locked (ratio: in numerator space, Σ rᵢ·dᵢ). */
  lockedTotal: Decimal;
  /** R = target − Σ locked (ratio: R*·D − Σ locked numerators). */
  toSpread: Decimal;
  rounding: "largest-remainder" | "greedy-marginal" | "half-away-each" | "none";
  /** Proportional: x = scale·a for positive-base free children. */
  scale?: Rational;
  /** Equal increment, or the equal split over zero-base children: x = a + increment. */
  increment?: Rational;
  /** Reference: x = perReference·reference. */
  perReference?: Rational;
  /** Ratio "shift": r = r₀ + shift (percentage points when r is in %). */
  shift?: Rational;
  /** Minimal change: the marginal cost of the last step taken, in weight·step² units. */
  marginalCost?: Rational;
  /** How zero-base children were handled when it mattered. */
  zeroBase?: "all-zero-split-equally" | "spread-equally-by-choice";
  /** Grid steps handed out after flooring (largest remainder) or in the greedy's last round. */
  leftoverSteps: number;
  ties: TieBreak[];
  /** Children whose minimum / maximum binds, in sheet order. */
  atMin: number[];
  atMax: number[];
  children: ChildOutcome[];
}

/** The ratio method's check of the rounded result against the target. */
export interface RatioCheck {
  /** Σ rᵢ·dᵢ / D from the rounded ratios. */
  recomputed: Rational;
  /** recomputed − target. */
  difference: Rational;
  /** ½ step × Σ dᵢ (free children) / D: the most rounding each child once can move the parent. */
  tolerance: Rational;
  pass: boolean;
  /** Does the recomputed parent, shown to the grid's decimals, read as the target? */
  showsAsTarget: boolean;
}

export interface RebalanceOk {
  status: "ok";
  method: Method;
  /** What the parent now is: the target, or for fix-parent the children's sum. */
  parent: Decimal;
  /** One per child, in sheet order, on the grid. */
  values: Decimal[];
  changes: Decimal[];
  step: Decimal;
  explanation: Explanation;
  ratioCheck?: RatioCheck;
}

/** Locks and bounds cannot reach the target (docs/rebalancing.md §3: INFEASIBLE). Nothing is written. */
export interface Infeasible {
  status: "infeasible";
  method: Method;
  target: Decimal;
  /**
   * The parent values that locks and bounds allow, [Σlocked + Σlower, Σlocked + Σupper]
   * (ratio: as a ratio of the parent's denominator); null where a side is unbounded.
   */
  achievable: [Rational | null, Rational | null];
  /** The target is above the top of the range by this much. */
  shortBy?: Rational;
  /** The target is below the bottom of the range by this much. */
  overBy?: Rational;
  /** Parent-space contribution of the locked children. */
  lockedTotal: Rational;
  /** "locks": the locked children alone exceed the target; "no-free-child": nothing can move. */
  limitedBy: "locks" | "bounds" | "no-free-child";
  /** The free children whose bound stops the parent (all at max when short, at min when over). */
  boundChildren: number[];
}

/** Positive bases cannot absorb the remainder and zero bases stay zero (ZERO_BASE_BLOCKED). */
export interface ZeroBaseBlocked {
  status: "zero-base-blocked";
  method: Method;
  target: Decimal;
  /** Parent values reachable while zero-base children keep their values. */
  reachable: [Rational | null, Rational | null];
  /** Free children with a zero base that could take the rest. */
  zeroBaseChildren: number[];
  /** The explicit choice that would succeed: `zeroBase: "equal"`. */
  option: "equal";
}

export type InputProblem =
  | { kind: "bad-step" }
  | { kind: "target-off-grid"; value: Decimal }
  | { kind: "value-off-grid"; child: number; value: Decimal }
  | { kind: "empty-bounds"; child: number; min: Decimal; max: Decimal }
  | { kind: "missing-reference"; child: number }
  | { kind: "negative-reference"; child: number }
  | { kind: "bad-weight"; child: number }
  | { kind: "missing-denominator"; child: number }
  | { kind: "bad-parent-denominator" }
  | { kind: "edit-out-of-range"; child: number }
  | { kind: "edit-off-grid"; value: Decimal };

export interface InvalidInput {
  status: "invalid-input";
  method: Method;
  problems: InputProblem[];
}

export type Refusal = Infeasible | ZeroBaseBlocked | InvalidInput;
export type RebalanceResult = RebalanceOk | Refusal;

/** The codes docs/rebalancing.md §3 and the CLI use for the refusals. */
export const REFUSAL_CODE = {
  infeasible: "INFEASIBLE",
  "zero-base-blocked": "ZERO_BASE_BLOCKED",
  "invalid-input": "INVALID_INPUT",
} as const satisfies Record<Refusal["status"], string>;
