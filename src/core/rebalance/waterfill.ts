/**
 * The exact continuous solution of
 *     min Σ wᵢ (xᵢ − aᵢ)²   s.t.  Σ cᵢ xᵢ = R,  lᵢ ≤ xᵢ ≤ uᵢ
 * written with slopes sᵢ = cᵢ/wᵢ: xᵢ(λ) = clip(aᵢ + sᵢ·λ, lᵢ, uᵢ) (docs/rebalancing.md §1, step 4).
 * Σ cᵢ xᵢ(λ) is continuous, non-decreasing and piecewise linear in λ with breakpoints
 * (lᵢ − aᵢ)/sᵢ and (uᵢ − aᵢ)/sᵢ; sort them, walk the segments, solve the linear equation in
 * the one that contains R. Everything is bigint, λ is an exact rational: O(n log n).
 *
 * Slopes are integers (aᵢ for proportional, 1 for equal increment, a reference row on its
 * common scale, dᵢ for the ratio shift), so every xᵢ shares λ's denominator and the
 * remainders that decide the rounding compare as plain integers.
 *
 * A child with slope 0 does not move: it sits at clip(aᵢ) (a zero base under proportional
 * spreading). "Scale, clip, rescale once" is not this algorithm and is wrong when clipping
 * cascades (docs/rebalancing.md §5, T2).
 */
import { Rational } from "./rational";

export interface WaterfillChild {
  base: bigint;
  /** sᵢ ≥ 0. */
  slope: bigint;
  min: bigint | null;
  max: bigint | null;
  /** cᵢ > 0 in the sum constraint; 1 when absent (the ratio method uses dᵢ). */
  coefficient?: bigint;
}

export type Clip = "min" | "max" | null;

export interface WaterfillSolved {
  kind: "solved";
  /** λ. */
  level: Rational;
  /** xᵢ, all sharing λ's denominator. */
  values: Rational[];
  /** Where a bound binds: the unclipped aᵢ + sᵢλ lies strictly beyond it. */
  clipped: Clip[];
}

export interface WaterfillUnreachable {
  kind: "unreachable";
  /** The range of Σ cᵢ xᵢ(λ) over all λ; null where unbounded. */
  low: bigint | null;
  high: bigint | null;
}

function clip(v: bigint, min: bigint | null, max: bigint | null): bigint {
  if (min !== null && v < min) return min;
  if (max !== null && v > max) return max;
  return v;
}

/**
 * Breakpoint order. Two λ = n/d are compared by cross-multiplying; a float filter decides
 * first when the two doubles are far apart relative to their rounding error (as exact
 * geometric predicates do), so the order is always the exact one and only near-ties pay
 * for bigint products.
 */
function compareLevels(n1: bigint, d1: bigint, f1: number, n2: bigint, d2: bigint, f2: number): number {
  const gap = f1 - f2;
  // Each double is n/d with relative error < 2⁻⁵¹; 1e-12 of the larger leaves a wide margin.
  if (Math.abs(gap) > 1e-12 * Math.max(Math.abs(f1), Math.abs(f2))) return gap;
  const l = n1 * d2;
  const r = n2 * d1;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** A double that can stand in for n/d in the filter, or NaN when it cannot be trusted. */
function approximate(n: bigint, d: bigint): number {
  if (n === 0n) return 0;
  const f = Number(n) / Number(d);
  // Overflow or a denormal loses the relative error bound: fall back to exact comparison.
  return Number.isFinite(f) && Math.abs(f) > 1e-280 ? f : NaN;
}

export function waterfill(
  children: readonly WaterfillChild[],
  total: bigint,
): WaterfillSolved | WaterfillUnreachable {
  const n = children.length;
  let low: bigint | null = 0n;
  let high: bigint | null = 0n;
  for (const ch of children) {
    const c = ch.coefficient ?? 1n;
    if (ch.slope === 0n) {
      const v = c * clip(ch.base, ch.min, ch.max);
      if (low !== null) low += v;
      if (high !== null) high += v;
    } else {
      low = low === null || ch.min === null ? null : low + c * ch.min;
      high = high === null || ch.max === null ? null : high + c * ch.max;
    }
  }
  if ((low !== null && total < low) || (high !== null && total > high))
    return { kind: "unreachable", low, high };

  // State left of every breakpoint (λ → −∞): S(λ) = C + P·λ.
  let C = 0n;
  let P = 0n;
  const evNum: bigint[] = [];
  const evDen: bigint[] = [];
  const evApprox: number[] = [];
  const evChild: number[] = [];
  /** 0: leaves its minimum and starts moving; 1: reaches its maximum and stops. */
  const evKind: number[] = [];
  for (let i = 0; i < n; i++) {
    const ch = children[i];
    const c = ch.coefficient ?? 1n;
    if (ch.slope === 0n) {
      C += c * clip(ch.base, ch.min, ch.max);
      continue;
    }
    if (ch.min !== null) {
      C += c * ch.min;
      const num = ch.min - ch.base;
      evNum.push(num);
      evDen.push(ch.slope);
      evApprox.push(approximate(num, ch.slope));
      evChild.push(i);
      evKind.push(0);
    } else {
      C += c * ch.base;
      P += c * ch.slope;
    }
    if (ch.max !== null) {
      const num = ch.max - ch.base;
      evNum.push(num);
      evDen.push(ch.slope);
      evApprox.push(approximate(num, ch.slope));
      evChild.push(i);
      evKind.push(1);
    }
  }
  const order = evNum.map((_, k) => k);
  order.sort((a, b) => {
    const fa = evApprox[a];
    const fb = evApprox[b];
    const c =
      Number.isNaN(fa) || Number.isNaN(fb)
        ? compareLevels(evNum[a], evDen[a], 0, evNum[b], evDen[b], 0)
        : compareLevels(evNum[a], evDen[a], fa, evNum[b], evDen[b], fb);
    // At one λ a child enters before another leaves; either order gives the same S(λ).
    return c !== 0 ? c : evKind[a] - evKind[b];
  });

  let level: Rational | null = null;
  for (const k of order) {
    const num = evNum[k];
    const den = evDen[k];
    // S is continuous, so the state before this event already gives S(λₖ).
    if (C * den + P * num >= total * den) {
      level = P > 0n ? Rational.of(total - C, P) : Rational.of(num, den);
      break;
    }
    const ch = children[evChild[k]];
    const c = ch.coefficient ?? 1n;
    if (evKind[k] === 0) {
      C += c * (ch.base - ch.min!);
      P += c * ch.slope;
    } else {
      C += c * (ch.max! - ch.base);
      P -= c * ch.slope;
    }
  }
  // Past the last breakpoint S = C + Pλ with P > 0, unless the range was a single point.
  level ??= P > 0n ? Rational.of(total - C, P) : Rational.ZERO;

  const p = level.num;
  const q = level.den;
  const values: Rational[] = new Array(n);
  const clipped: Clip[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ch = children[i];
    if (ch.slope === 0n) {
      const v = clip(ch.base, ch.min, ch.max);
      values[i] = Rational.of(v);
      clipped[i] = v > ch.base ? "min" : v < ch.base ? "max" : null;
      continue;
    }
    const t = ch.base * q + ch.slope * p;
    if (ch.min !== null && t <= ch.min * q) {
      values[i] = Rational.of(ch.min);
      clipped[i] = t < ch.min * q ? "min" : null;
    } else if (ch.max !== null && t >= ch.max * q) {
      values[i] = Rational.of(ch.max);
      clipped[i] = t > ch.max * q ? "max" : null;
    } else {
      values[i] = Rational.of(t, q);
      clipped[i] = null;
    }
  }
  return { kind: "solved", level, values, clipped };
}
