/**
 * Largest remainder (Hamilton) rounding to the grid (docs/rebalancing.md §1, step 5): floor every exact
 * value, then hand the leftover steps to the largest remainders. Remainders are exact
 * fractions; the tie-break is larger remainder, then larger base, then sheet order.
 *
 * Bounds survive: a bound is on the grid, so lᵢ ≤ cᵢ gives lᵢ ≤ ⌊cᵢ⌋ and cᵢ ≤ uᵢ gives
 * ⌈cᵢ⌉ ≤ uᵢ. Only children with a positive remainder can receive a step, because the
 * leftover equals the sum of the remainders and each is below one.
 *
 * Known oddity, documented and kept: the Alabama paradox — a = [3,3,1] gives [1,1,1] for
 * T = 3 but [2,2,0] for T = 4; a larger total can cost a child a step.
 */
import { Rational, floorDiv } from "./rational";
import type { TieBreak } from "./types";

export interface RoundedSplit {
  /** Whole grid steps per entry. */
  units: bigint[];
  roundedUp: boolean[];
  /** Steps handed out after flooring. */
  leftover: number;
  tie: TieBreak | null;
}

/**
 * @param exact   the continuous values in grid steps; they must add up to `total` exactly
 * @param bases   the tie-break's "larger base" (same scale across entries)
 * @param labels  the child index of each entry, for the tie report
 */
export function largestRemainder(
  exact: readonly Rational[],
  bases: readonly bigint[],
  total: bigint,
  labels: readonly number[],
): RoundedSplit {
  const n = exact.length;
  const units: bigint[] = new Array(n);
  const rem: bigint[] = new Array(n);
  const candidates: number[] = [];
  let floors = 0n;
  for (let i = 0; i < n; i++) {
    const { num, den } = exact[i];
    const f = den === 1n ? num : floorDiv(num, den);
    units[i] = f;
    floors += f;
    const r = num - f * den;
    rem[i] = r;
    if (r > 0n) candidates.push(i);
  }
  const leftover = total - floors;
  if (leftover < 0n || leftover > BigInt(candidates.length)) {
    // The caller broke the contract Σ exact = total; refusing to guess is safer than a wrong sum.
    throw new RangeError(`largest remainder: leftover ${leftover} with ${candidates.length} remainders`);
  }
  const L = Number(leftover);
  const roundedUp: boolean[] = new Array(n).fill(false);
  if (L === 0) return { units, roundedUp, leftover: 0, tie: null };

  const compareRemainder = (i: number, j: number): number => {
    const di = exact[i].den;
    const dj = exact[j].den;
    const l = di === dj ? rem[i] : rem[i] * dj;
    const r = di === dj ? rem[j] : rem[j] * di;
    return l > r ? -1 : l < r ? 1 : 0;
  };
  const rank = (i: number, j: number): number => {
    const byRemainder = compareRemainder(i, j);
    if (byRemainder !== 0) return byRemainder;
    if (bases[i] !== bases[j]) return bases[i] > bases[j] ? -1 : 1;
    return i - j;
  };
  candidates.sort(rank);
  for (let k = 0; k < L; k++) {
    const i = candidates[k];
    units[i] += 1n;
    roundedUp[i] = true;
  }

  let tie: TieBreak | null = null;
  if (L < candidates.length && compareRemainder(candidates[L - 1], candidates[L]) === 0) {
    const pivot = candidates[L];
    const group = candidates.filter((i) => compareRemainder(i, pivot) === 0);
    const lastWinner = candidates[L - 1];
    tie = {
      contenders: group.map((i) => labels[i]),
      winners: group.filter((i) => roundedUp[i]).map((i) => labels[i]),
      decidedBy: bases[lastWinner] !== bases[pivot] ? "base" : "order",
      remainder: Rational.of(rem[pivot], exact[pivot].den).reduced(),
    };
  }
  return { units, roundedUp, leftover: L, tie };
}
