/**
 * Values that may be bounds: 超500 is (500, ∞), 不低于500 is [500, ∞). A sum of bounds is a
 * bound; a check involving one fails only when the inequality is certainly violated (docs/rules.md §1).
 */
import { Decimal } from "./decimal";
import type { Bound, NumberCell } from "./cell";

export interface Interval {
  lo: Decimal | null;
  hi: Decimal | null;
  loOpen: boolean;
  hiOpen: boolean;
}

export function intervalOf(cell: NumberCell): Interval {
  const v = cell.value;
  switch (cell.bound) {
    case "gt":
      return { lo: v, hi: null, loOpen: true, hiOpen: false };
    case "ge":
      return { lo: v, hi: null, loOpen: false, hiOpen: false };
    case "lt":
      return { lo: null, hi: v, loOpen: false, hiOpen: true };
    case "le":
      return { lo: null, hi: v, loOpen: false, hiOpen: false };
    default:
      return { lo: v, hi: v, loOpen: false, hiOpen: false };
  }
}

export function point(v: Decimal): Interval {
  return { lo: v, hi: v, loOpen: false, hiOpen: false };
}

export function isPoint(i: Interval): i is Interval & { lo: Decimal; hi: Decimal } {
  return i.lo !== null && i.hi !== null && i.lo.eq(i.hi);
}

export function addIntervals(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo && b.lo ? a.lo.add(b.lo) : null,
    hi: a.hi && b.hi ? a.hi.add(b.hi) : null,
    loOpen: a.loOpen || b.loOpen,
    hiOpen: a.hiOpen || b.hiOpen,
  };
}

/** Is every value of `a` certainly below every value of `b`? */
export function certainlyBelow(a: Interval, b: Interval): boolean {
  if (a.hi === null || b.lo === null) return false;
  const c = a.hi.cmp(b.lo);
  return c < 0 || (c === 0 && (a.hiOpen || b.loOpen));
}

/** The bound an interval expresses, for reporting: a point, "at least", or "at most". */
export function describe(i: Interval): { value: Decimal; bound?: Bound } | null {
  if (isPoint(i)) return { value: i.lo };
  if (i.lo !== null && i.hi === null) return { value: i.lo, bound: i.loOpen ? "gt" : "ge" };
  if (i.hi !== null && i.lo === null) return { value: i.hi, bound: i.hiOpen ? "lt" : "le" };
  return null;
}
