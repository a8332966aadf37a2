/**
 * The self-explaining rounding tolerance of PRODUCT §4.
 *
 * Each of the n+1 values in a split (n non-empty children and the parent) was rounded to a
 * unit uᵢ: 0 for whole-number counts, 10^-d for values shown with d decimals, and the last
 * written digit for 万/亿-written values (1.7万 is known to ±500, so u = 1000). Rounding noise
 * on a sum then has variance Σuᵢ²/12 and can never exceed Σuᵢ/2. A difference within
 * min(√Σuᵢ², Σuᵢ/2) — about 3.5 standard deviations, and never beyond the worst case — is
 * rounding (info); above that but within Σuᵢ/2 it is a warning; beyond Σuᵢ/2 rounding cannot
 * explain it (error). With equal uᵢ = u this is min(u·√(n+1), (n+1)·u/2) exactly as specified.
 * All comparisons are exact: |d| ≤ √S ⇔ d² ≤ S.
 */
import { Decimal } from "./decimal";
import type { Severity, Tolerance } from "./finding";

export interface RoundingUnits {
  units: Decimal[];
  basis: Tolerance["basis"];
  /** The common unit of the plainly written values, for the explanation. */
  unit?: Decimal;
}

export type Verdict = { severity: Severity | "pass"; tolerance: Tolerance };

/** Square root rounded up to 4 significant digits: for display only, never for deciding. */
function sqrtForDisplay(square: Decimal): Decimal {
  const approx = Math.sqrt(square.toNumber());
  if (approx === 0) return Decimal.ZERO;
  const digits = Math.max(0, 3 - Math.floor(Math.log10(approx)));
  const up = Math.ceil(approx * 10 ** digits) / 10 ** digits;
  return Decimal.fromNumber(Number(up.toFixed(digits)));
}

export function roundingTolerance(r: RoundingUnits): Tolerance {
  const sumSquares = Decimal.sum(r.units.map((u) => u.mul(u)));
  const worstCase = Decimal.sum(r.units).mul(Decimal.parse("0.5")!);
  const sqrt = sqrtForDisplay(sumSquares);
  return {
    value: Decimal.min(sqrt, worstCase),
    worstCase,
    basis: r.basis,
    unit: r.unit,
    values: r.units.length,
  };
}

/** Classifies a difference (computed − stated) against the rounding of the values involved. */
export function judgeDifference(difference: Decimal, r: RoundingUnits): Verdict {
  const tolerance = roundingTolerance(r);
  if (difference.isZero()) return { severity: "pass", tolerance };
  const abs = difference.abs();
  const sumSquares = Decimal.sum(r.units.map((u) => u.mul(u)));
  const worstCase = tolerance.worstCase;
  if (abs.gt(worstCase)) return { severity: "error", tolerance };
  if (abs.mul(abs).le(sumSquares)) return { severity: "info", tolerance };
  return { severity: "warning", tolerance };
}
