/**
 * The grid: every value of an indicator is a whole number of steps (1 for counts, 0.1 for
 * 亿元, 0.01 for percentages). Solvers work on those whole numbers as bigints, so "adds up
 * exactly" is integer equality and rounding is integer division.
 */
import { Decimal } from "../decimal";
import { Rational, ceilDiv, floorDiv } from "./rational";

/** More decimals than any planning table shows; beyond this a step is a typo, not a grid. */
export const MAX_STEP_DECIMALS = 12;

/** A grid given as a step (1, 0.1, 0.5 …) or as the indicator's number of decimals. */
export type StepInput = Decimal | { decimals: number };

/**
 * The step a request asks for: a Decimal step, a number of decimals, or (when absent) the
 * finest decimals among the values, which is the indicator's own precision.
 * Returns null for a step that is not a positive grid.
 */
export function resolveStep(step: StepInput | undefined, values: readonly Decimal[]): Decimal | null {
  if (step === undefined) {
    let decimals = 0;
    for (const v of values) decimals = Math.max(decimals, v.decimals);
    return decimals > MAX_STEP_DECIMALS ? null : Decimal.of(1n, decimals);
  }
  if (!(step instanceof Decimal)) {
    const n = step.decimals;
    if (!Number.isInteger(n) || n < 0 || n > MAX_STEP_DECIMALS) return null;
    return Decimal.of(1n, n);
  }
  if (step.sign() <= 0 || step.decimals > MAX_STEP_DECIMALS) return null;
  return step.normalized();
}

function aligned(v: Decimal, step: Decimal): [bigint, bigint] {
  const s = Math.max(v.scale, step.scale);
  return [v.unitsAt(s), step.unitsAt(s)];
}

/** Whole steps in `v`, or null when `v` is off the grid. */
export function toUnits(v: Decimal, step: Decimal): bigint | null {
  const [vu, su] = aligned(v, step);
  return vu % su === 0n ? vu / su : null;
}

/** The smallest grid value ≥ v: a minimum of 0.25 on a 0.1 grid means at least 0.3. */
export function ceilUnits(v: Decimal, step: Decimal): bigint {
  const [vu, su] = aligned(v, step);
  return ceilDiv(vu, su);
}

/** The largest grid value ≤ v. */
export function floorUnits(v: Decimal, step: Decimal): bigint {
  const [vu, su] = aligned(v, step);
  return floorDiv(vu, su);
}

export function fromUnits(units: bigint, step: Decimal): Decimal {
  return Decimal.of(units * step.units, step.scale);
}

/** A value in grid units (possibly fractional) expressed in the indicator's own units. */
export function unitsToValue(units: Rational, step: Decimal): Rational {
  return Rational.of(units.num * step.units, units.den * 10n ** BigInt(step.scale));
}

/** Integers for a row of factors (references, weights, GDP) on their common finest scale. */
export function commonScaleUnits(values: readonly Decimal[]): { units: bigint[]; scale: number } {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, v.decimals);
  return { units: values.map((v) => v.unitsAt(scale)), scale };
}
