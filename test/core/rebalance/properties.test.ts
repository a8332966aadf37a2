/**
 * Properties over random rows: the result adds up to the target exactly on the grid, locks
 * are untouched, bounds hold, a consistent row is left alone, refusals carry no values,
 * minimal change is the true integer optimum, and no input makes the engine throw.
 */
import fc from "fast-check";
import { Decimal } from "../../../src/core/decimal";
import { rebalance } from "../../../src/core/rebalance/rebalance";
import type {
  ChildInput,
  Method,
  RebalanceRequest,
  RebalanceResult,
} from "../../../src/core/rebalance/rebalance";

interface ChildSpec {
  units: number;
  locked: boolean;
  min?: number;
  max?: number;
  weight: number;
  reference: number;
}

const childSpec = fc.record({
  units: fc.integer({ min: 0, max: 400 }),
  locked: fc.integer({ min: 0, max: 6 }).map((x) => x === 0),
  min: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  max: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
  weight: fc.integer({ min: 1, max: 9 }),
  reference: fc.integer({ min: 0, max: 50 }),
});

const rowSpec = fc.record({
  scale: fc.integer({ min: 0, max: 2 }),
  children: fc.array(childSpec, { minLength: 1, maxLength: 12 }),
  target: fc.integer({ min: 0, max: 4000 }),
  method: fc.constantFrom<Method>("proportional", "equal-increment", "minimal-change", "reference"),
  zeroBase: fc.constantFrom<"refuse" | "equal">("refuse", "equal"),
});

type RowSpec = {
  scale: number;
  children: ChildSpec[];
  target: number;
  method: Method;
  zeroBase: "refuse" | "equal";
};

const dec = (units: number, scale: number) => Decimal.of(BigInt(units), scale);

function toChildren(spec: RowSpec): ChildInput[] {
  return spec.children.map((c, i) => ({
    unit: `#${i + 1}`,
    value: dec(c.units, spec.scale),
    locked: c.locked,
    min: c.min === undefined ? undefined : dec(c.min, spec.scale),
    max: c.max === undefined ? undefined : dec(c.max, spec.scale),
    weight: dec(c.weight, 0),
    reference: dec(c.reference, 1),
  }));
}

function toRequest(spec: RowSpec): RebalanceRequest {
  const base = {
    target: dec(spec.target, spec.scale),
    children: toChildren(spec),
    step: { decimals: spec.scale },
  };
  switch (spec.method) {
    case "proportional":
    case "reference":
      return { ...base, method: spec.method, zeroBase: spec.zeroBase };
    case "equal-increment":
    case "minimal-change":
      return { ...base, method: spec.method };
    default:
      throw new Error("not generated");
  }
}

/** The bounds the spec promises for a free child, in grid units (minimum 0 by default). */
function bounds(c: ChildSpec): [number, number] {
  return [c.min ?? 0, c.max ?? Infinity];
}

function emptyBounds(spec: RowSpec): boolean {
  return spec.children.some((c) => !c.locked && (c.min ?? 0) > (c.max ?? Infinity));
}

function achievable(spec: RowSpec): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const c of spec.children) {
    if (c.locked) {
      lo += c.units;
      hi += c.units;
    } else {
      const [l, u] = bounds(c);
      lo += l;
      hi += u;
    }
  }
  return [lo, hi];
}

function hasNoValues(r: RebalanceResult): boolean {
  return !("values" in r) && !("changes" in r);
}

const RUNS = { numRuns: 400 };

describe("rebalance properties", () => {
  test("an ok result adds up to the target exactly, on the grid, with locks untouched and bounds held", () => {
    fc.assert(
      fc.property(rowSpec, (spec) => {
        const r = rebalance(toRequest(spec));
        if (r.status !== "ok") return;
        const target = dec(spec.target, spec.scale);
        expect(Decimal.sum(r.values).eq(target)).toBe(true);
        r.values.forEach((v, i) => {
          const c = spec.children[i];
          expect(v.isOnGrid(spec.scale)).toBe(true);
          const u = Number(v.unitsAt(spec.scale));
          if (c.locked) expect(u).toBe(c.units);
          else {
            const [lo, hi] = bounds(c);
            expect(u).toBeGreaterThanOrEqual(lo);
            expect(u).toBeLessThanOrEqual(hi);
          }
        });
      }),
      RUNS,
    );
  });

  test("INFEASIBLE exactly when the target lies outside [Σlocked + Σmin, Σlocked + Σmax], with that range reported", () => {
    fc.assert(
      fc.property(rowSpec, (spec) => {
        const r = rebalance(toRequest(spec));
        if (emptyBounds(spec)) {
          expect(r.status).toBe("invalid-input");
          return;
        }
        const [lo, hi] = achievable(spec);
        const outside = spec.target < lo || spec.target > hi;
        expect(r.status === "infeasible").toBe(outside);
        if (r.status === "infeasible") {
          const scale = 10 ** spec.scale;
          expect(r.achievable[0]?.toNumber()).toBeCloseTo(lo / scale, 9);
          if (hi === Infinity) expect(r.achievable[1]).toBeNull();
          else expect(r.achievable[1]?.toNumber()).toBeCloseTo(hi / scale, 9);
        }
      }),
      RUNS,
    );
  });

  test("refusals return no values; ZERO_BASE_BLOCKED only for proportional-type methods without the equal option", () => {
    fc.assert(
      fc.property(rowSpec, (spec) => {
        const r = rebalance(toRequest(spec));
        if (r.status === "ok") return;
        expect(hasNoValues(r)).toBe(true);
        if (r.status === "zero-base-blocked") {
          expect(["proportional", "reference"]).toContain(spec.method);
          expect(spec.zeroBase).toBe("refuse");
          expect(r.zeroBaseChildren.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  test("an already-consistent row is unchanged by proportional rebalancing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.array(
          fc.record({ units: fc.integer({ min: 0, max: 5000 }), locked: fc.boolean(), capped: fc.boolean() }),
          {
            minLength: 1,
            maxLength: 15,
          },
        ),
        (scale, spec) => {
          const children: ChildInput[] = spec.map((c, i) => ({
            unit: `#${i + 1}`,
            value: dec(c.units, scale),
            locked: c.locked,
            max: c.capped ? dec(c.units, scale) : undefined,
          }));
          const target = Decimal.sum(children.map((c) => c.value));
          const r = rebalance({ method: "proportional", target, children, step: { decimals: scale } });
          expect(r.status).toBe("ok");
          if (r.status !== "ok") return;
          r.values.forEach((v, i) => expect(v.eq(children[i].value)).toBe(true));
          expect(r.changes.every((c) => c.isZero())).toBe(true);
        },
      ),
      RUNS,
    );
  });

  test("largest remainder lands every free child within one step of its exact continuous value", () => {
    fc.assert(
      fc.property(rowSpec, (spec) => {
        const r = rebalance(toRequest({ ...spec, method: "proportional" }));
        if (r.status !== "ok") return;
        const step = dec(1, spec.scale);
        for (const c of r.explanation.children) {
          if (!c.exact) continue;
          const gap = Math.abs(c.after.toNumber() - c.exact.toNumber());
          expect(gap).toBeLessThan(step.toNumber() + 1e-9);
        }
      }),
      RUNS,
    );
  });

  test("minimal change equals the brute-force integer optimum of Σ wᵢ(xᵢ − aᵢ)²", () => {
    const small = fc.record({
      children: fc.array(
        fc.record({
          units: fc.integer({ min: 0, max: 8 }),
          locked: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
          min: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
          max: fc.option(fc.integer({ min: 4, max: 12 }), { nil: undefined }),
          weight: fc.integer({ min: 1, max: 7 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      target: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(small, ({ children, target }) => {
        const r = rebalance({
          method: "minimal-change",
          target: dec(target, 0),
          children: children.map((c, i) => ({
            unit: `#${i + 1}`,
            value: dec(c.units, 0),
            locked: c.locked,
            min: c.min === undefined ? undefined : dec(c.min, 0),
            max: c.max === undefined ? undefined : dec(c.max, 0),
            weight: dec(c.weight, 0),
          })),
          step: { decimals: 0 },
        });
        // Brute force over every integer split within the bounds.
        const ranges = children.map((c) =>
          c.locked ? [c.units, c.units] : [c.min ?? 0, Math.min(c.max ?? 30, 30)],
        );
        let best = Infinity;
        const walk = (i: number, left: number, cost: number) => {
          if (i === children.length) {
            if (left === 0) best = Math.min(best, cost);
            return;
          }
          for (let x = ranges[i][0]; x <= ranges[i][1] && x <= left; x++) {
            walk(i + 1, left - x, cost + children[i].weight * (x - children[i].units) ** 2);
          }
        };
        walk(0, target, 0);
        if (best === Infinity) {
          expect(r.status === "ok").toBe(false);
          return;
        }
        expect(r.status).toBe("ok");
        if (r.status !== "ok") return;
        const cost = r.values.reduce(
          (s, v, i) => s + children[i].weight * (Number(v.units) / 10 ** v.scale - children[i].units) ** 2,
          0,
        );
        expect(cost).toBe(best);
      }),
      { numRuns: 600 },
    );
  });

  test("a ratio result keeps locks and bounds and passes its own rounding tolerance", () => {
    const ratioRow = fc.record({
      children: fc.array(
        fc.record({
          r: fc.integer({ min: 0, max: 900 }),
          gdp: fc.integer({ min: 1, max: 5000 }),
          locked: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
          cap: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      target: fc.integer({ min: 0, max: 900 }),
      parentGdp: fc.integer({ min: 1, max: 20000 }),
      mode: fc.constantFrom<"shift" | "scale">("shift", "scale"),
    });
    fc.assert(
      fc.property(ratioRow, (spec) => {
        const r = rebalance({
          method: "ratio",
          ratioMode: spec.mode,
          zeroBase: "equal",
          target: dec(spec.target, 2),
          parentDenominator: dec(spec.parentGdp, 0),
          children: spec.children.map((c, i) => ({
            unit: `#${i + 1}`,
            value: dec(c.r, 2),
            denominator: dec(c.gdp, 0),
            locked: c.locked,
            max: c.cap === undefined ? undefined : dec(c.cap, 2),
          })),
          step: { decimals: 2 },
        });
        if (r.status !== "ok") {
          expect(hasNoValues(r)).toBe(true);
          return;
        }
        expect(r.ratioCheck?.pass).toBe(true);
        r.values.forEach((v, i) => {
          const c = spec.children[i];
          const u = Number(v.unitsAt(2));
          if (c.locked) expect(u).toBe(c.r);
          else {
            expect(u).toBeGreaterThanOrEqual(0);
            if (c.cap !== undefined) expect(u).toBeLessThanOrEqual(c.cap);
          }
        });
      }),
      RUNS,
    );
  });

  test("random inputs of every method never throw and always answer with a status", () => {
    const anyDecimal = fc
      .record({
        units: fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n }),
        scale: fc.integer({ min: 0, max: 14 }),
      })
      .map(({ units, scale }) => Decimal.of(units, scale));
    const anyChild = fc.record({
      unit: fc.string({ maxLength: 3 }),
      value: anyDecimal,
      locked: fc.option(fc.boolean(), { nil: undefined }),
      min: fc.option(anyDecimal, { nil: undefined }),
      max: fc.option(anyDecimal, { nil: undefined }),
      noDecrease: fc.option(fc.boolean(), { nil: undefined }),
      reference: fc.option(anyDecimal, { nil: undefined }),
      weight: fc.option(anyDecimal, { nil: undefined }),
      denominator: fc.option(anyDecimal, { nil: undefined }),
    });
    const anyStep = fc.option(
      fc.oneof(
        anyDecimal,
        fc.integer({ min: -2, max: 16 }).map((n) => ({ decimals: n })),
      ),
      { nil: undefined },
    );
    const anyRequest = fc.record({
      method: fc.constantFrom<Method>(
        "proportional",
        "equal-increment",
        "reference",
        "minimal-change",
        "ratio",
        "edit-one",
        "fix-parent",
      ),
      target: anyDecimal,
      children: fc.array(anyChild, { maxLength: 8 }),
      step: anyStep,
      allowNegative: fc.option(fc.boolean(), { nil: undefined }),
      noDecrease: fc.option(fc.boolean(), { nil: undefined }),
      zeroBase: fc.constantFrom<"refuse" | "equal">("refuse", "equal"),
      parentDenominator: anyDecimal,
      ratioMode: fc.constantFrom<"shift" | "scale">("shift", "scale"),
      edit: fc.record({ child: fc.integer({ min: -1, max: 8 }), value: anyDecimal }),
      spread: fc.constantFrom<"proportional" | "equal-increment" | "minimal-change">(
        "proportional",
        "equal-increment",
        "minimal-change",
      ),
    });
    fc.assert(
      fc.property(anyRequest, (request) => {
        const r = rebalance(request as RebalanceRequest);
        expect(["ok", "infeasible", "zero-base-blocked", "invalid-input"]).toContain(r.status);
        if (r.status === "ok") {
          if (request.method !== "ratio" && request.method !== "fix-parent") {
            expect(Decimal.sum(r.values).eq(request.target)).toBe(true);
          }
        } else expect(hasNoValues(r)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
