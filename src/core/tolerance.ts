/**
 * The self-explaining rounding tolerance of docs/rules.md §3.
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
import { normalizeText } from "./text";
import type { Severity, Tolerance } from "./finding";

export interface RoundingUnits {
  /** The unit of the plainly written values (0 for whole-number counts)… */
  plain: Decimal;
  /** …and how many values are written plainly. */
  plainCount: number;
  /** Units of 万/亿-written values, one each (1.7万 → 1000). */
  written: Decimal[];
  basis: Tolerance["basis"];
}

export type Verdict = { severity: Severity | "pass"; tolerance: Tolerance };

/**
 * Square root to 4 significant digits, for display only (deciding uses d² ≤ Σuᵢ² exactly).
 * toPrecision keeps any magnitude representable: a 1e-146 stored value has a tiny unit too.
 */
function sqrtForDisplay(square: Decimal): Decimal {
  const approx = Math.sqrt(square.toNumber());
  if (!(approx > 0) || !Number.isFinite(approx)) return Decimal.ZERO;
  return Decimal.parse(approx.toPrecision(4)) ?? Decimal.ZERO;
}

const HALF = Decimal.parse("0.5")!;

function sums(r: RoundingUnits): { sum: Decimal; sumSquares: Decimal } {
  const n = Decimal.fromInt(r.plainCount);
  return {
    sum: r.plain.mul(n).add(Decimal.sum(r.written)),
    sumSquares: r.plain
      .mul(r.plain)
      .mul(n)
      .add(Decimal.sum(r.written.map((u) => u.mul(u)))),
  };
}

export function roundingTolerance(r: RoundingUnits): Tolerance {
  const { sum, sumSquares } = sums(r);
  const worstCase = sum.mul(HALF);
  return {
    value: Decimal.min(sqrtForDisplay(sumSquares), worstCase),
    worstCase,
    basis: r.basis,
    unit: r.basis === "exact-count" ? undefined : r.plain,
    values: r.plainCount + r.written.length,
  };
}

/** Classifies a difference (computed − stated) against the rounding of the values involved. */
export function judgeDifference(difference: Decimal, r: RoundingUnits): Verdict {
  const tolerance = roundingTolerance(r);
  if (difference.isZero()) return { severity: "pass", tolerance };
  const abs = difference.abs();
  if (abs.gt(tolerance.worstCase)) return { severity: "error", tolerance };
  if (abs.mul(abs).le(sums(r).sumSquares)) return { severity: "info", tolerance };
  return { severity: "warning", tolerance };
}

/** The tolerance a user set, as a finding states it: 0 is exact, anything else the user's. */
function userTolerance(value: Decimal): Tolerance {
  return { value, worstCase: value, basis: value.isZero() ? "exact" : "user" };
}

/**
 * judgeDifference for an indicator's sum: with a tolerance the user set for the indicator, a
 * difference within it is info (0: only equality passes) and beyond it an error; otherwise the
 * rounding of the values decides.
 */
export function judgeFor(indicator: { tolerance?: Decimal }, difference: Decimal, r: RoundingUnits): Verdict {
  const set = indicator.tolerance;
  if (set === undefined) return judgeDifference(difference, r);
  const tolerance = userTolerance(set);
  if (difference.isZero()) return { severity: "pass", tolerance };
  return { severity: difference.abs().le(set) ? "info" : "error", tolerance };
}

/** The tolerance that applies to an indicator's sums, for a finding or passed check to state. */
export function toleranceFor(indicator: { tolerance?: Decimal }, r: RoundingUnits): Tolerance {
  return indicator.tolerance === undefined ? roundingTolerance(r) : userTolerance(indicator.tolerance);
}

/**
 * A tolerance as a user types it ("0.5", "０.５", " 2 "): the decimal, undefined for nothing typed
 * (the rounding tolerance applies), null for anything that is not a number of at least 0.
 */
export function toleranceFromText(text: string): Decimal | undefined | null {
  const t = normalizeText(text).trim();
  if (t === "") return undefined;
  if (t.length > 40) return null;
  const d = Decimal.parse(t);
  return d && d.sign() >= 0 ? d : null;
}
