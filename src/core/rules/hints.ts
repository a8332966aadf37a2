/**
 * Pointing at the likely wrong cell (PRODUCT §4): a transposed pair of digits, a dropped or
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

const MAX_HINTS = 6;

/**
 * `difference` is computed − stated. A child c that is wrong should have been c − difference;
 * a parent that is wrong should have been the computed sum.
 */
export function sumHints(
  difference: Decimal,
  stated: HintCandidate,
  computed: Decimal,
  children: HintCandidate[],
): Hint[] {
  const hints: Hint[] = [];
  const divisibleBy9 = (() => {
    const s = Math.max(difference.scale, 0);
    return difference.unitsAt(s) % 9n === 0n;
  })();
  if (divisibleBy9) {
    if (isTransposition(stated.value, computed))
      hints.push({ kind: "transposed-digits", cell: at(stated), unit: stated.unit, suggested: computed });
    for (const c of children) {
      const wanted = c.value.sub(difference);
      if (isTransposition(c.value, wanted))
        hints.push({ kind: "transposed-digits", cell: at(c), unit: c.unit, suggested: wanted });
    }
  }
  for (const c of children) {
    const wanted = c.value.sub(difference);
    if (c.value.isZero() || wanted.isZero()) continue;
    for (let k = 1; k <= 3; k++) {
      if (wanted.eq(c.value.shift(k)))
        hints.push({ kind: "dropped-digit", cell: at(c), unit: c.unit, suggested: wanted });
      if (wanted.eq(c.value.shift(-k)))
        hints.push({ kind: "extra-digit", cell: at(c), unit: c.unit, suggested: wanted });
    }
  }
  for (let k = 1; k <= 3; k++) {
    if (!stated.value.isZero() && computed.eq(stated.value.shift(k)))
      hints.push({ kind: "dropped-digit", cell: at(stated), unit: stated.unit, suggested: computed });
    if (!stated.value.isZero() && computed.eq(stated.value.shift(-k)))
      hints.push({ kind: "extra-digit", cell: at(stated), unit: stated.unit, suggested: computed });
  }
  for (const c of children) {
    if (c.value.isZero()) continue;
    if (difference.eq(c.value)) hints.push({ kind: "omitted-child", cell: at(c), unit: c.unit });
    else if (difference.eq(c.value.neg()))
      hints.push({ kind: "double-counted-child", cell: at(c), unit: c.unit });
  }
  return hints.slice(0, MAX_HINTS);
}
