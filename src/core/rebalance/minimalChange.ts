/**
 * Weighted minimal change, solved exactly on the grid:
 *     min Σ wᵢ (xᵢ − aᵢ)²   s.t.  Σ xᵢ = R,  lᵢ ≤ xᵢ ≤ uᵢ,  xᵢ whole steps.
 * The cost is separable and convex, so the greedy marginal method is exact (Gross 1956,
 * Fox 1966): starting from the bounds, add one step at a time where it costs least. The
 * step xᵢ → xᵢ+1 costs mᵢ(xᵢ) = wᵢ(2(xᵢ − aᵢ) + 1), strictly increasing in xᵢ.
 *
 * Taking steps one by one is O(K log n) with K possibly in the millions, so the greedy runs
 * in bulk: every step whose cost is ≤ μ is certainly taken, and V(μ) = Σ clip(x̂ᵢ(μ)) counts
 * them, with x̂ᵢ(μ) = aᵢ + ⌊(μ − wᵢ)/(2wᵢ)⌋ + 1. An exact integer search narrows μ until
 * fewer than ~n steps remain, and a heap takes those one by one in order of cost, then
 * larger base, then sheet order. The result is the greedy's, hence optimal.
 */
import { Decimal } from "../decimal";
import { buildOk } from "./explain";
import { commonScaleUnits, fromUnits, unitsToValue } from "./gridUnits";
import { prepare, type Prepared } from "./prepare";
import { Rational, floorDiv } from "./rational";
import { type RowContext, lockedRoles } from "./spread";
import type { InputProblem, MinimalChangeRequest, RebalanceOk, RebalanceResult, TieBreak } from "./types";

interface Row {
  base: bigint[];
  weight: bigint[];
  min: (bigint | null)[];
  max: (bigint | null)[];
}

function clip(v: bigint, min: bigint | null, max: bigint | null): bigint {
  if (min !== null && v < min) return min;
  if (max !== null && v > max) return max;
  return v;
}

/** Σ clip(x̂ᵢ(μ)): the row after taking every step that costs at most μ. */
function takenAt(row: Row, mu: bigint): bigint {
  let sum = 0n;
  for (let k = 0; k < row.base.length; k++) {
    const w = row.weight[k];
    sum += clip(row.base[k] + floorDiv(mu - w, 2n * w) + 1n, row.min[k], row.max[k]);
  }
  return sum;
}

function marginal(row: Row, k: number, x: bigint): bigint {
  return row.weight[k] * (2n * (x - row.base[k]) + 1n);
}

/**
 * A threshold μ with V(μ) ≤ R and fewer than `slack` steps still to take (or μ at the
 * last integer below the answer). Exponential search finds a bracket, then interpolation
 * alternated with bisection narrows it; all in bigint.
 */
function threshold(row: Row, total: bigint, slack: bigint): { mu: bigint; taken: bigint } {
  let lo = 0n;
  let vLo = takenAt(row, lo);
  if (vLo === total) return { mu: lo, taken: vLo };
  const n = BigInt(row.base.length);
  let minWeight = row.weight[0];
  for (const w of row.weight) if (w < minWeight) minWeight = w;
  // If every child had the lightest weight, μ ≈ 2·w·(steps per child); a first guess only.
  const gap = total > vLo ? total - vLo : vLo - total;
  let stride = (2n * minWeight * gap) / n + 1n;
  let hi: bigint;
  let vHi: bigint;
  if (vLo < total) {
    for (;;) {
      hi = lo + stride;
      vHi = takenAt(row, hi);
      if (vHi >= total) break;
      lo = hi;
      vLo = vHi;
      stride *= 2n;
    }
  } else {
    hi = lo;
    vHi = vLo;
    for (;;) {
      lo = hi - stride;
      vLo = takenAt(row, lo);
      if (vLo <= total) break;
      hi = lo;
      vHi = vLo;
      stride *= 2n;
    }
  }
  let bisect = false;
  while (hi - lo > 1n && vLo < total && vHi - vLo > slack) {
    let mid = bisect ? lo + (hi - lo) / 2n : lo + ((total - vLo) * (hi - lo)) / (vHi - vLo);
    if (mid <= lo) mid = lo + 1n;
    if (mid >= hi) mid = hi - 1n;
    const v = takenAt(row, mid);
    if (v <= total) {
      lo = mid;
      vLo = v;
    } else {
      hi = mid;
      vHi = v;
    }
    bisect = !bisect;
  }
  return { mu: lo, taken: vLo };
}

/** A binary heap of children by the cost of their next step, then larger base, then order. */
class StepHeap {
  private readonly items: number[] = [];
  constructor(
    private readonly cost: bigint[],
    private readonly base: bigint[],
  ) {}
  get size(): number {
    return this.items.length;
  }
  entries(): readonly number[] {
    return this.items;
  }
  before(a: number, b: number): boolean {
    if (this.cost[a] !== this.cost[b]) return this.cost[a] < this.cost[b];
    if (this.base[a] !== this.base[b]) return this.base[a] > this.base[b];
    return a < b;
  }
  push(k: number): void {
    const h = this.items;
    h.push(k);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): number {
    const h = this.items;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

export function spreadMinimalChange(
  prep: Prepared,
  ctx: RowContext,
  weights: readonly Decimal[],
): RebalanceOk {
  const { free, children, step, toSpread } = prep;
  const w = commonScaleUnits(weights);
  const row: Row = {
    base: free.map((i) => children[i].value),
    weight: w.units,
    min: free.map((i) => children[i].min),
    max: free.map((i) => children[i].max),
  };
  const n = free.length;
  const x: bigint[] = new Array(n);
  let leftover = 0;
  let tie: TieBreak | null = null;
  let mu = 0n;
  const roundedUp: boolean[] = new Array(n).fill(false);

  if (n > 0) {
    const start = threshold(row, toSpread, BigInt(Math.max(n, 16)));
    mu = start.mu;
    for (let k = 0; k < n; k++) {
      x[k] = clip(
        row.base[k] + floorDiv(mu - row.weight[k], 2n * row.weight[k]) + 1n,
        row.min[k],
        row.max[k],
      );
    }
    const cost: bigint[] = x.map((v, k) => marginal(row, k, v));
    const heap = new StepHeap(cost, row.base);
    for (let k = 0; k < n; k++) if (row.max[k] === null || x[k] < row.max[k]!) heap.push(k);
    const remaining = Number(toSpread - start.taken);
    let last: bigint | null = null;
    const takenAtLast: number[] = [];
    for (let s = 0; s < remaining; s++) {
      const k = heap.pop();
      if (cost[k] !== last) takenAtLast.length = 0;
      last = cost[k];
      takenAtLast.push(k);
      x[k] += 1n;
      roundedUp[k] = true;
      cost[k] = marginal(row, k, x[k]);
      if (row.max[k] === null || x[k] < row.max[k]!) heap.push(k);
    }
    leftover = remaining;
    if (last !== null) {
      mu = last;
      const losers = heap.entries().filter((k) => cost[k] === last);
      if (losers.length > 0) {
        // All contenders share the cost `last`: rank them by the rest of the tie-break.
        const byBase = (a: number, b: number) =>
          row.base[a] !== row.base[b] ? (row.base[a] > row.base[b] ? -1 : 1) : a - b;
        const contenders = [...takenAtLast, ...losers].sort(byBase);
        // Compare with the step each winner took, not the one it would take next.
        const lastWinner = takenAtLast[takenAtLast.length - 1];
        const firstLoser = losers.reduce((best, k) => (heap.before(k, best) ? k : best));
        tie = {
          contenders: contenders.map((k) => free[k]),
          winners: takenAtLast.map((k) => free[k]),
          decidedBy: row.base[lastWinner] !== row.base[firstLoser] ? "base" : "order",
          marginalCost: unitsToValue(Rational.of(last, 10n ** BigInt(w.scale)), step).reduced(),
        };
      }
    }
  }

  const units = children.map((c) => c.value);
  const roles = lockedRoles(children, ctx);
  const up = children.map(() => false);
  free.forEach((i, k) => {
    units[i] = x[k];
    up[i] = roundedUp[k];
    const { min, max } = row;
    if (min[k] !== null && x[k] === min[k] && marginal(row, k, x[k] - 1n) > mu) roles[i] = "at-min";
    else if (max[k] !== null && x[k] === max[k] && marginal(row, k, x[k]) < mu) roles[i] = "at-max";
  });
  return buildOk({
    method: ctx.method,
    spread: ctx.spread,
    target: ctx.target,
    parent: ctx.target,
    step,
    children: ctx.children,
    units,
    roles,
    exact: children.map(() => null),
    roundedUp: up,
    lockedTotal: fromUnits(prep.lockedTotal, step),
    toSpread: fromUnits(toSpread, step),
    rounding: "greedy-marginal",
    leftoverSteps: leftover,
    ties: tie ? [tie] : [],
    factors:
      n > 0 ? { marginalCost: unitsToValue(Rational.of(mu, 10n ** BigInt(w.scale)), step).reduced() } : {},
  });
}

export function weightProblems(
  request: MinimalChangeRequest | { children: MinimalChangeRequest["children"] },
): InputProblem[] {
  const problems: InputProblem[] = [];
  request.children.forEach((c, i) => {
    if (!c.locked && c.weight && c.weight.sign() <= 0) problems.push({ kind: "bad-weight", child: i });
  });
  return problems;
}

export function weightsOf(prep: Prepared, children: MinimalChangeRequest["children"]): Decimal[] {
  return prep.free.map((i) => children[i].weight ?? Decimal.ONE);
}

export function minimalChange(request: MinimalChangeRequest): RebalanceResult {
  const prep = prepare(request, "minimal-change", weightProblems(request));
  if (prep.status !== "prepared") return prep;
  return spreadMinimalChange(
    prep,
    { method: "minimal-change", target: request.target, children: request.children },
    weightsOf(prep, request.children),
  );
}
