/**
 * From a request to the integer problem every solver shares (docs/rebalancing.md §1, steps 1–3):
 * values on the grid, locked children fixed, bounds snapped to the grid, and the
 * feasibility test Σ lower(free) ≤ R ≤ Σ upper(free). Refusals come back as values.
 */
import type { Decimal } from "../decimal";
import { ceilUnits, floorUnits, resolveStep, toUnits, unitsToValue } from "./gridUnits";
import { Rational } from "./rational";
import type { ChildInput, Infeasible, InputProblem, InvalidInput, Method, RequestBase } from "./types";

export interface PreparedChild {
  /** The current value in grid steps. */
  value: bigint;
  locked: boolean;
  /** Bounds in grid steps; null where unbounded. Meaningless on a locked child. */
  min: bigint | null;
  max: bigint | null;
}

export interface Prepared {
  status: "prepared";
  step: Decimal;
  target: bigint;
  children: PreparedChild[];
  /** Indices of the children that move, in sheet order. */
  free: number[];
  lockedTotal: bigint;
  /** R = target − Σ locked. */
  toSpread: bigint;
}

export interface ChildOptions {
  allowNegative?: boolean;
  noDecrease?: boolean;
}

/**
 * Children on the grid with their bounds. Problems are appended to `problems`; the
 * returned children are only meaningful when none were added.
 */
export function prepareChildren(
  children: readonly ChildInput[],
  step: Decimal,
  options: ChildOptions,
  problems: InputProblem[],
): PreparedChild[] {
  return children.map((child, i): PreparedChild => {
    const value = toUnits(child.value, step);
    if (value === null) {
      problems.push({ kind: "value-off-grid", child: i, value: child.value });
      return { value: 0n, locked: !!child.locked, min: null, max: null };
    }
    if (child.locked) return { value, locked: true, min: value, max: value };
    let min: bigint | null = child.min ? ceilUnits(child.min, step) : options.allowNegative ? null : 0n;
    if (child.noDecrease || options.noDecrease) min = min === null || value > min ? value : min;
    const max = child.max ? floorUnits(child.max, step) : null;
    if (min !== null && max !== null && min > max) {
      problems.push({
        kind: "empty-bounds",
        child: i,
        min: child.min ?? child.value,
        max: child.max ?? child.value,
      });
    }
    return { value, locked: false, min, max };
  });
}

export function invalid(method: Method, problems: InputProblem[]): InvalidInput {
  return { status: "invalid-input", method, problems };
}

/** Σ of bounds over the free children; null as soon as one is unbounded. */
export function boundTotals(
  children: readonly PreparedChild[],
  free: readonly number[],
  coefficient: (i: number) => bigint = () => 1n,
): { low: bigint | null; high: bigint | null } {
  let low: bigint | null = 0n;
  let high: bigint | null = 0n;
  for (const i of free) {
    const { min, max } = children[i];
    const c = coefficient(i);
    low = low === null || min === null ? null : low + c * min;
    high = high === null || max === null ? null : high + c * max;
  }
  return { low, high };
}

/**
 * The INFEASIBLE refusal, in parent space: `toParent` turns a sum in solver units into the
 * parent's value (grid steps → amount; numerators → ratio).
 */
export function infeasible(args: {
  method: Method;
  target: Decimal;
  children: readonly PreparedChild[];
  free: readonly number[];
  lockedTotal: bigint;
  totalUnits: bigint;
  low: bigint | null;
  high: bigint | null;
  toParent: (units: bigint) => Rational;
}): Infeasible {
  const { method, target, children, free, lockedTotal, totalUnits, low, high, toParent } = args;
  const lo = low === null ? null : toParent(lockedTotal + low);
  const hi = high === null ? null : toParent(lockedTotal + high);
  const t = Rational.fromDecimal(target);
  const short = high !== null && totalUnits > lockedTotal + high;
  const result: Infeasible = {
    status: "infeasible",
    method,
    target,
    achievable: [lo, hi],
    lockedTotal: toParent(lockedTotal),
    limitedBy: free.length === 0 ? "no-free-child" : !short && lockedTotal > totalUnits ? "locks" : "bounds",
    boundChildren: free.filter((i) =>
      short ? children[i].max !== null : children[i].min !== null && children[i].min! > 0n,
    ),
  };
  if (short) result.shortBy = t.sub(hi!).reduced();
  else result.overBy = lo!.sub(t).reduced();
  return result;
}

/** Steps 1–3 for amount methods: grid, locks, bounds, feasibility. */
export function prepare(
  request: RequestBase,
  method: Method,
  problems: InputProblem[] = [],
): Prepared | InvalidInput | Infeasible {
  const step = resolveStep(request.step, [request.target, ...request.children.map((c) => c.value)]);
  if (!step) return invalid(method, [{ kind: "bad-step" }, ...problems]);
  const target = toUnits(request.target, step);
  if (target === null) problems.push({ kind: "target-off-grid", value: request.target });
  const children = prepareChildren(request.children, step, request, problems);
  if (problems.length > 0 || target === null) return invalid(method, problems);

  const free: number[] = [];
  let lockedTotal = 0n;
  children.forEach((c, i) => {
    if (c.locked) lockedTotal += c.value;
    else free.push(i);
  });
  const toSpread = target - lockedTotal;
  const { low, high } = boundTotals(children, free);
  if ((low !== null && toSpread < low) || (high !== null && toSpread > high)) {
    return infeasible({
      method,
      target: request.target,
      children,
      free,
      lockedTotal,
      totalUnits: target,
      low,
      high,
      toParent: (u) => unitsToValue(Rational.of(u), step).reduced(),
    });
  }
  return { status: "prepared", step, target, children, free, lockedTotal, toSpread };
}
