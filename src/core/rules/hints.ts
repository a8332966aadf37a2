/**
 * Pointing at the likely wrong cell (docs/rules.md §4): a transposed pair of digits, a dropped or
 * extra digit, a child left out of the parent or counted twice. Suggestions only.
 */
import { Decimal } from "../decimal";
import type { Hint } from "../finding";

export interface HintCandidate {
  /** The cell's address, worked out only when a hint names it (a row may have 50,000 children). */
  cell: string | (() => string);
  unit?: string;
  value: Decimal;
}

/**
 * A row's children as hints read them: child k's value, or undefined when it takes no part (not a
 * number, or written with a multiplier). Values are asked for one at a time so that a row of
 * 50,000 stored numbers need not become 50,000 objects first.
 */
export interface HintChildren {
  length: number;
  value(k: number): Decimal | undefined;
  /**
   * The children's values as doubles (NaN where value(k) is undefined), where that is cheaper to
   * have: read in the loop itself, without a call per child.
   */
  approx?: Float64Array;
  cell(k: number): string;
  unit(k: number): string | undefined;
}

const at = (c: HintCandidate): string => (typeof c.cell === "string" ? c.cell : c.cell());

function digitsAt(v: Decimal, scale: number): string {
  const u = v.unitsAt(scale);
  return (u < 0n ? -u : u).toString();
}

/** Is `b` the digits of `a` with exactly two digits swapped? */
export function isTransposition(a: Decimal, b: Decimal): boolean {
  if (a.sign() !== b.sign() || a.eq(b)) return false;
  const scale = Math.max(a.scale, b.scale, a.decimals, b.decimals);
  if (!a.isOnGrid(scale) || !b.isOnGrid(scale)) return false;
  const x = digitsAt(a, scale);
  const y = digitsAt(b, scale);
  if (x.length !== y.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
  return diff.length === 2 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]];
}

/**
 * Is `shorter` the digits of `longer` with exactly one digit left out (1320 written as 120, or as
 * 130)? Compared at one scale, so 13.2 and 1.2 are 132 and 12.
 */
export function isOneDigitShort(longer: Decimal, shorter: Decimal): boolean {
  return oneDigitApart(longer, shorter) === "dropped-digit";
}

/**
 * "dropped-digit" when `v` is `wanted` with one digit left out (isOneDigitShort(wanted, v)),
 * "extra-digit" when `wanted` is `v` with one left out (isOneDigitShort(v, wanted)): both asked at
 * once, each number's digits worked out once.
 */
export function oneDigitApart(wanted: Decimal, v: Decimal): "dropped-digit" | "extra-digit" | undefined {
  if (wanted.sign() !== v.sign() || wanted.eq(v)) return undefined;
  const scale = Math.max(wanted.scale, v.scale, wanted.decimals, v.decimals, 0);
  if (!wanted.isOnGrid(scale) || !v.isOnGrid(scale)) return undefined;
  const x = digitsAt(wanted, scale);
  const y = digitsAt(v, scale);
  if (x.length === y.length + 1) return dropsOne(x, y) ? "dropped-digit" : undefined;
  if (y.length === x.length + 1) return dropsOne(y, x) ? "extra-digit" : undefined;
  return undefined;
}

/** Whether digit string `shorter` is `longer` with one digit left out (one longer, checked). */
function dropsOne(longer: string, shorter: string): boolean {
  let i = 0;
  while (i < shorter.length && longer[i] === shorter[i]) i++;
  return longer.slice(i + 1) === shorter.slice(i);
}

/**
 * Digits of |v| in units of `unit` (10^scale, worked out once per row), at least 1: from a double,
 * for the cheap filter before the exact test.
 */
export function digitCount(v: number, unit: number): number {
  const a = Math.abs(v) * unit;
  if (a < 1) return 1;
  const x = a + 0.5;
  // Powers of ten compared instead of a logarithm per child (a row of 50,000 children is scanned
  // for every failing sum); within a hair of a power of ten, the logarithm decides as before.
  let n = 1;
  while (n < POWERS_OF_TEN.length && x >= POWERS_OF_TEN[n]) n++;
  if (n >= POWERS_OF_TEN.length || nearPower(x, POWERS_OF_TEN[n - 1]) || nearPower(x, POWERS_OF_TEN[n]))
    return Math.floor(Math.log10(x)) + 1;
  return n;
}

/**
 * Whether a child's value `a` and the value it should have had (a − difference) differ by one in
 * digit count (digitCount, in units of `unit`): the cheap filter before the exact one-digit test.
 * The children of a row mostly lie in a decade or two, so the decade of the last child counted is
 * kept: a value and its wanted value both well inside it have one count, which two comparisons
 * each tell instead of two digit counts. A class, not a closure per row: one call target for
 * every row keeps the loop of sumHints optimised.
 */
export class DigitSlips {
  // (lo, hi): values x = |v|·unit + 0.5 of one digit count, away from the powers of ten where
  // digitCount asks the logarithm (nearPower); empty until a first child is counted.
  private lo = Infinity;
  private hi = -Infinity;

  constructor(
    private readonly dApprox: number,
    private readonly unit: number,
  ) {}

  test(a: number): boolean {
    const { dApprox, unit } = this;
    if (!Number.isFinite(a) || !Number.isFinite(dApprox)) return true;
    const wanted = a - dApprox;
    if (Math.sign(wanted) !== Math.sign(a) || wanted === 0) return false;
    const xa = Math.abs(a) * unit + 0.5;
    const xw = Math.abs(wanted) * unit + 0.5;
    if (xa > this.lo && xa < this.hi && xw > this.lo && xw < this.hi) return false;
    const count = digitCount(a, unit);
    if (count >= 1 && count < POWERS_OF_TEN.length) {
      this.lo = POWERS_OF_TEN[count - 1] * (1 + 4e-12);
      this.hi = POWERS_OF_TEN[count] * (1 - 4e-12);
    }
    return Math.abs(count - digitCount(wanted, unit)) === 1;
  }
}

function nearPower(x: number, power: number): boolean {
  return Math.abs(x - power) <= power * 1e-12;
}

/** 10^0 … 10^22, the powers of ten a double holds exactly. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

const MAX_HINTS = 6;

type ChildKind = "dropped-digit" | "extra-digit" | "omitted-child" | "double-counted-child";

interface Target {
  /** The value a child must hold for the hint to apply. */
  value: Decimal;
  /** The same as a double, to pass over the children that are nowhere near it cheaply. */
  approx: number;
  kind: ChildKind;
  /** What the child should have been (digit hints). */
  suggested?: Decimal;
}

/** The value of `units` · 10^-scale as a double, for the near-miss filter only. */
function approxOf(d: Decimal): number {
  return Number(d.units) / 10 ** d.scale;
}

/**
 * The child values each hint needs, solved once for the row instead of tested per child: a child c
 * whose wanted value c − d is c·10^k (a dropped digit) holds −d / (10^k − 1); one whose wanted
 * value is c / 10^k (an extra digit) holds d·10^k / (10^k − 1). Both are finite decimals only when
 * 10^k − 1 divides d's units (it is coprime to 10). An omitted child holds d, a double-counted −d.
 */
function childTargets(difference: Decimal): { digit: Target[]; counted: Target[] } {
  const digit: Target[] = [];
  for (let k = 1; k <= 3; k++) {
    const divisor = 10n ** BigInt(k) - 1n;
    if (difference.units % divisor !== 0n) continue;
    const q = difference.units / divisor;
    const dropped = Decimal.of(-q, difference.scale);
    const extra = Decimal.of(q * 10n ** BigInt(k), difference.scale);
    digit.push({
      value: dropped,
      approx: approxOf(dropped),
      kind: "dropped-digit",
      suggested: dropped.shift(k),
    });
    digit.push({ value: extra, approx: approxOf(extra), kind: "extra-digit", suggested: extra.shift(-k) });
  }
  const neg = difference.neg();
  const counted: Target[] = [
    { value: difference, approx: approxOf(difference), kind: "omitted-child" },
    { value: neg, approx: approxOf(neg), kind: "double-counted-child" },
  ];
  return { digit, counted };
}

/** Whether a double is near enough a target's to be worth an exact comparison. */
function near(a: number, t: Target): boolean {
  // A value too large for a double is always compared exactly.
  if (!Number.isFinite(a) || !Number.isFinite(t.approx)) return true;
  return Math.abs(a - t.approx) <= 1e-9 * Math.max(1, Math.abs(t.approx));
}

/** Whether a double is near any target's (a loop, not a closure per child: see sumHints). */
function nearAny(a: number, targets: readonly Target[]): boolean {
  for (let i = 0; i < targets.length; i++) if (near(a, targets[i])) return true;
  return false;
}

/** The target child value `v` (near `a`) equals exactly, if any (a double comparison first, then exact). */
function hit(v: Decimal, a: number, targets: Target[]): Target | undefined {
  for (const t of targets) if (near(a, t) && v.eq(t.value)) return t;
  return undefined;
}

/**
 * `difference` is computed − stated. A child c that is wrong should have been c − difference;
 * a parent that is wrong should have been the computed sum.
 */
export function sumHints(
  difference: Decimal,
  stated: HintCandidate,
  computed: Decimal,
  children: HintChildren,
): Hint[] {
  if (difference.isZero()) return [];
  const hints: Hint[] = [];
  const divisibleBy9 = difference.unitsAt(Math.max(difference.scale, 0)) % 9n === 0n;
  if (divisibleBy9) {
    if (isTransposition(stated.value, computed))
      hints.push({ kind: "transposed-digits", cell: at(stated), unit: stated.unit, suggested: computed });
    for (let k = 0; k < children.length && hints.length < MAX_HINTS; k++) {
      const v = children.value(k);
      if (!v) continue;
      const wanted = v.sub(difference);
      if (isTransposition(v, wanted))
        hints.push({
          kind: "transposed-digits",
          cell: children.cell(k),
          unit: children.unit(k),
          suggested: wanted,
        });
    }
  }
  // Past six hints nothing more is shown, so the scans stop there.
  const { digit, counted } = childTargets(difference);
  const counts: Hint[] = [];
  const targets = [...digit, ...counted];
  // Most children lie outside the span of the targets' values, which two comparisons tell.
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of targets) {
    const slack = Number.isFinite(t.approx) ? 1e-9 * Math.max(1, Math.abs(t.approx)) : Infinity;
    lo = Math.min(lo, t.approx - slack);
    hi = Math.max(hi, t.approx + slack);
  }
  // Any one digit left out or added (1320 written as 120), beyond the trailing zeros the targets
  // above solve for: the child's digit count and that of the value it should have had differ by one.
  const slips = new DigitSlips(approxOf(difference), 10 ** Math.max(difference.scale, 0));
  const approx = children.approx;
  for (let k = 0; k < children.length && hints.length < MAX_HINTS; k++) {
    let slip = true;
    if (approx) {
      const a = approx[k];
      if (Number.isNaN(a)) continue;
      slip = slips.test(a);
      if (!slip && ((Number.isFinite(a) && (a < lo || a > hi)) || !nearAny(a, targets))) continue;
    }
    const v = children.value(k);
    if (!v || v.isZero()) continue;
    const vApprox = approxOf(v);
    const d = hit(v, vApprox, digit);
    if (d)
      hints.push({ kind: d.kind, cell: children.cell(k), unit: children.unit(k), suggested: d.suggested });
    else if (slip) {
      const wanted = v.sub(difference);
      const kind = oneDigitApart(wanted, v);
      if (kind) hints.push({ kind, cell: children.cell(k), unit: children.unit(k), suggested: wanted });
    }
    const c = counts.length < MAX_HINTS ? hit(v, vApprox, counted) : undefined;
    if (c) counts.push({ kind: c.kind, cell: children.cell(k), unit: children.unit(k) });
  }
  for (let k = 1; k <= 3; k++) {
    if (!stated.value.isZero() && computed.eq(stated.value.shift(k)))
      hints.push({ kind: "dropped-digit", cell: at(stated), unit: stated.unit, suggested: computed });
    if (!stated.value.isZero() && computed.eq(stated.value.shift(-k)))
      hints.push({ kind: "extra-digit", cell: at(stated), unit: stated.unit, suggested: computed });
  }
  hints.push(...counts);
  return hints.slice(0, MAX_HINTS);
}
