/**
 * The solver modules on their own: grid units, the exact waterfill, largest remainder.
 */
import fc from "fast-check";
import {
  ceilUnits,
  floorUnits,
  fromUnits,
  resolveStep,
  toUnits,
} from "../../../src/core/rebalance/gridUnits";
import { largestRemainder } from "../../../src/core/rebalance/hamilton";
import { Rational } from "../../../src/core/rebalance/rational";
import { type WaterfillChild, waterfill } from "../../../src/core/rebalance/waterfill";
import { d } from "./helpers";

describe("grid units", () => {
  test("a step as a Decimal, as { decimals }, or inferred from the finest decimals", () => {
    expect(resolveStep(d("0.1"), [])?.toString()).toBe("0.1");
    expect(resolveStep({ decimals: 2 }, [])?.toString()).toBe("0.01");
    expect(resolveStep(undefined, [d("56.7"), d("3.10"), d("2")])?.toString()).toBe("0.1");
    expect(resolveStep(d(0), [])).toBeNull();
    expect(resolveStep(d(-1), [])).toBeNull();
    expect(resolveStep({ decimals: 1.5 }, [])).toBeNull();
  });

  test("values off the grid are rejected, values on it become whole steps", () => {
    expect(toUnits(d("18.9"), d("0.1"))).toBe(189n);
    expect(toUnits(d("18.95"), d("0.1"))).toBeNull();
    expect(toUnits(d("2.5"), d("0.5"))).toBe(5n);
    expect(toUnits(d("2.4"), d("0.5"))).toBeNull();
    expect(fromUnits(189n, d("0.1")).toString()).toBe("18.9");
  });

  test("bounds snap inward: a minimum rounds up to the grid, a maximum down, negatives included", () => {
    expect(ceilUnits(d("0.25"), d("0.1"))).toBe(3n);
    expect(floorUnits(d("0.25"), d("0.1"))).toBe(2n);
    expect(ceilUnits(d("-0.25"), d("0.1"))).toBe(-2n);
    expect(floorUnits(d("-0.25"), d("0.1"))).toBe(-3n);
  });
});

describe("exact waterfill", () => {
  test("finds λ = 9/40 (scale 49/40) for T2's free children with the cascade of caps", () => {
    const a = [420n, 310n, 190n, 150n, 120n, 95n, 80n, 60n, 45n, 30n, 20n, 0n];
    const max = [440n, 330n, 230n];
    const children: WaterfillChild[] = a.map((base, i) => ({
      base,
      slope: base,
      min: i === 11 ? 5n : 0n,
      max: max[i] ?? null,
    }));
    const r = waterfill(children, 1740n);
    expect(r.kind).toBe("solved");
    if (r.kind !== "solved") return;
    expect(r.level.eq(Rational.of(9n, 40n))).toBe(true);
    expect(r.clipped.slice(0, 3)).toEqual(["max", "max", "max"]);
    expect(r.clipped[11]).toBe("min");
  });

  test("reports the reachable range when R is outside it", () => {
    const r = waterfill(
      [
        { base: 10n, slope: 10n, min: 0n, max: 12n },
        { base: 0n, slope: 0n, min: 0n, max: null },
      ],
      30n,
    );
    expect(r).toEqual({ kind: "unreachable", low: 0n, high: 12n });
  });

  test("KKT holds exactly: xᵢ = clip(aᵢ + sᵢλ) and Σ cᵢxᵢ = R for random rows", () => {
    const child = fc
      .record({
        base: fc.integer({ min: -50, max: 200 }),
        slope: fc.integer({ min: 0, max: 30 }),
        min: fc.option(fc.integer({ min: -60, max: 100 }), { nil: null }),
        width: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
        coefficient: fc.integer({ min: 1, max: 9 }),
      })
      .map((c) => ({
        base: BigInt(c.base),
        slope: BigInt(c.slope),
        min: c.min === null ? null : BigInt(c.min),
        max: c.width === null ? null : BigInt((c.min ?? 0) + c.width),
        coefficient: BigInt(c.coefficient),
      }));
    fc.assert(
      fc.property(
        fc.array(child, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: -2000, max: 4000 }),
        (row, t) => {
          const total = BigInt(t);
          const r = waterfill(row, total);
          if (r.kind === "unreachable") {
            expect((r.low !== null && total < r.low) || (r.high !== null && total > r.high)).toBe(true);
            return;
          }
          let sum = Rational.ZERO;
          row.forEach((c, i) => {
            let expected = Rational.of(c.base).add(Rational.of(c.slope).mul(r.level));
            if (c.slope === 0n) expected = Rational.of(c.base);
            if (c.min !== null && expected.lt(Rational.of(c.min))) expected = Rational.of(c.min);
            if (c.max !== null && expected.gt(Rational.of(c.max))) expected = Rational.of(c.max);
            expect(r.values[i].eq(expected)).toBe(true);
            sum = sum.add(r.values[i].mul(Rational.of(c.coefficient)));
          });
          expect(sum.eq(Rational.of(total))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("largest remainder", () => {
  test("ties go to the larger remainder, then the larger base, then sheet order", () => {
    const third = (n: bigint) => Rational.of(n, 3n);
    // 2/3, 2/3, 2/3 of a step: bases 100, 400, 100.
    const r = largestRemainder(
      [third(500n), third(2000n), third(500n)],
      [100n, 400n, 100n],
      1000n,
      [0, 1, 2],
    );
    expect(r.units).toEqual([167n, 667n, 166n]);
    expect(r.tie).toEqual({
      contenders: [1, 0, 2],
      winners: [1, 0],
      decidedBy: "order",
      remainder: Rational.of(2n, 3n),
    });
  });

  test("adds up to the total and moves each value by less than one step", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 97 }),
        (nums, den) => {
          // Numerators over one denominator, the last one topped up so the sum is whole.
          const numerators = nums.map(BigInt);
          const D = BigInt(den);
          const excess = numerators.reduce((s, x) => s + x, 0n) % D;
          if (excess !== 0n) numerators[numerators.length - 1] += D - excess;
          const exact = numerators.map((x) => Rational.of(x, D));
          const total = numerators.reduce((s, x) => s + x, 0n) / D;
          const r = largestRemainder(
            exact,
            numerators,
            total,
            nums.map((_, i) => i),
          );
          expect(r.units.reduce((s, x) => s + x, 0n)).toBe(total);
          r.units.forEach((u, i) =>
            expect(exact[i].sub(Rational.of(u)).abs().lt(Rational.of(1n))).toBe(true),
          );
        },
      ),
    );
  });
});
