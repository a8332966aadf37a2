/** Searches in ascending lists of numbers (line numbers, child indices). */

/** The index of the first value ≥ `v` in an ascending list (its length when there is none). */
export function firstAtLeast(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many values of an ascending list lie in [lo, hi]. */
export function countWithin(sorted: readonly number[], lo: number, hi: number): number {
  return Math.max(0, firstAtLeast(sorted, hi + 1) - firstAtLeast(sorted, lo));
}

/** Whether an ascending list holds `v`. */
export function sortedHas(sorted: readonly number[], v: number): boolean {
  return sorted[firstAtLeast(sorted, v)] === v;
}
