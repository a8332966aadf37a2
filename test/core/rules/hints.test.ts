/**
 * sumHints solves for the child values each hint needs instead of testing every child; it must
 * give exactly what testing every child gives. The oracle below is that direct definition.
 */
import fc from "fast-check";
import { Decimal } from "../../../src/core/decimal";
import type { Hint } from "../../../src/core/finding";
import {
  digitCount,
  DigitSlips,
  isOneDigitShort,
  isTransposition,
  oneDigitApart,
  sumHints,
} from "../../../src/core/rules/hints";

/** The definition, child by child (PRODUCT §4 hints), first six. */
function oracle(difference: Decimal, stated: Decimal, computed: Decimal, children: Decimal[]): Hint[] {
  const hints: Hint[] = [];
  const cell = (k: number) => `C${k}`;
  if (difference.unitsAt(difference.scale) % 9n === 0n) {
    if (isTransposition(stated, computed))
      hints.push({ kind: "transposed-digits", cell: "P", unit: "p", suggested: computed });
    children.forEach((c, k) => {
      const wanted = c.sub(difference);
      if (isTransposition(c, wanted))
        hints.push({ kind: "transposed-digits", cell: cell(k), unit: `u${k}`, suggested: wanted });
    });
  }
  children.forEach((c, k) => {
    const wanted = c.sub(difference);
    if (c.isZero() || wanted.isZero()) return;
    const before = hints.length;
    for (let p = 1; p <= 3; p++) {
      if (wanted.eq(c.shift(p)))
        hints.push({ kind: "dropped-digit", cell: cell(k), unit: `u${k}`, suggested: wanted });
      if (wanted.eq(c.shift(-p)))
        hints.push({ kind: "extra-digit", cell: cell(k), unit: `u${k}`, suggested: wanted });
    }
    // Any other single digit left out or added (1320 written as 120).
    if (hints.length === before) {
      if (isOneDigitShort(wanted, c))
        hints.push({ kind: "dropped-digit", cell: cell(k), unit: `u${k}`, suggested: wanted });
      else if (isOneDigitShort(c, wanted))
        hints.push({ kind: "extra-digit", cell: cell(k), unit: `u${k}`, suggested: wanted });
    }
  });
  for (let p = 1; p <= 3; p++) {
    if (!stated.isZero() && computed.eq(stated.shift(p)))
      hints.push({ kind: "dropped-digit", cell: "P", unit: "p", suggested: computed });
    if (!stated.isZero() && computed.eq(stated.shift(-p)))
      hints.push({ kind: "extra-digit", cell: "P", unit: "p", suggested: computed });
  }
  children.forEach((c, k) => {
    if (c.isZero()) return;
    if (difference.eq(c)) hints.push({ kind: "omitted-child", cell: cell(k), unit: `u${k}` });
    else if (difference.eq(c.neg()))
      hints.push({ kind: "double-counted-child", cell: cell(k), unit: `u${k}` });
  });
  return hints.slice(0, 6);
}

const text = (hs: Hint[]) => hs.map((h) => `${h.kind} ${h.cell} ${h.unit} ${h.suggested?.toString() ?? ""}`);

function hintsOf(stated: Decimal, children: Decimal[]): { got: Hint[]; want: Hint[] } {
  const computed = Decimal.sum(children);
  const difference = computed.sub(stated);
  const given = {
    length: children.length,
    value: (k: number) => children[k],
    cell: (k: number) => `C${k}`,
    unit: (k: number) => `u${k}`,
  };
  const got = sumHints(difference, { cell: "P", unit: "p", value: stated }, computed, given);
  // Given the values as doubles too (as a row of stored numbers is), the answer is the same.
  const viaDoubles = sumHints(difference, { cell: "P", unit: "p", value: stated }, computed, {
    ...given,
    approx: Float64Array.from(children, (c) => c.toNumber()),
  });
  expect(text(viaDoubles)).toEqual(text(got));
  return { got, want: oracle(difference, stated, computed, children) };
}

const value = fc
  .tuple(fc.integer({ min: -20_000, max: 20_000 }), fc.integer({ min: 0, max: 2 }))
  .map(([u, s]) => Decimal.of(BigInt(u), s));

describe("typo hints: solving for the wrong child's value finds what testing each child finds", () => {
  test("random rows with one planted typo", () => {
    const typo = fc.constantFrom("drop", "drop-inner", "extra", "omit", "double", "swap", "none");
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 15 }), typo, fc.nat(), (children, kind, at) => {
        const k = at % children.length;
        const truth = Decimal.sum(children);
        const shown = [...children];
        const c = children[k];
        let stated = truth;
        if (kind === "drop") shown[k] = c.shift(-1);
        if (kind === "drop-inner") {
          // A digit from the middle left out (1320 → 120).
          const digits = c.abs().units.toString();
          if (digits.length >= 3)
            shown[k] = Decimal.of(BigInt((c.sign() < 0 ? "-" : "") + digits[0] + digits.slice(2)), c.scale);
        }
        if (kind === "extra") shown[k] = c.shift(1);
        if (kind === "omit") stated = truth.sub(c);
        if (kind === "double") stated = truth.add(c);
        if (kind === "swap") {
          const digits = c.abs().units.toString();
          if (digits.length >= 2)
            shown[k] = Decimal.of(
              BigInt((c.sign() < 0 ? "-" : "") + digits[1] + digits[0] + digits.slice(2)),
              c.scale,
            );
        }
        const { got, want } = hintsOf(stated, shown);
        expect(text(got)).toEqual(text(want));
      }),
      { numRuns: 1000 },
    );
  });

  test("a digit left out of the middle of a number is pointed at", () => {
    const children = [Decimal.fromInt(1320), Decimal.fromInt(60), Decimal.fromInt(0)];
    const stated = Decimal.sum(children);
    children[0] = Decimal.fromInt(120);
    const { got, want } = hintsOf(stated, children);
    expect(text(got)).toEqual(text(want));
    expect(got).toContainEqual(expect.objectContaining({ kind: "dropped-digit", cell: "C0" }));
  });

  test("a dropped digit among 50,000 children is pointed at", () => {
    const children = Array.from({ length: 50_000 }, (_, i) => Decimal.fromUnits(1000 + (i % 997), 1));
    const stated = Decimal.sum(children);
    children[31_234] = children[31_234].shift(-1);
    const { got, want } = hintsOf(stated, children);
    expect(text(got)).toEqual(text(want));
    expect(got).toContainEqual(expect.objectContaining({ kind: "dropped-digit", cell: "C31234" }));
  });

  test("no more than six hints, the first six of the definition", () => {
    const children = Array.from({ length: 20 }, () => Decimal.fromInt(5));
    const { got, want } = hintsOf(Decimal.fromInt(95), children);
    expect(got).toHaveLength(6);
    expect(text(got)).toEqual(text(want));
  });
});

describe("DigitSlips (the decade it keeps changes no answer)", () => {
  /** Two digit counts per child, as the filter was before it kept a decade. */
  const direct = (dApprox: number, unit: number, a: number): boolean => {
    if (!Number.isFinite(a) || !Number.isFinite(dApprox)) return true;
    const wanted = a - dApprox;
    if (Math.sign(wanted) !== Math.sign(a) || wanted === 0) return false;
    return Math.abs(digitCount(a, unit) - digitCount(wanted, unit)) === 1;
  };
  /** Values around powers of ten (where counts change and the logarithm decides) and anywhere. */
  const value = fc.oneof(
    fc.double({ min: -1e7, max: 1e7, noNaN: true }),
    fc
      .integer({ min: -12, max: 16 })
      .chain((k) =>
        fc.constantFrom(
          10 ** k,
          10 ** k - 1,
          10 ** k + 1,
          10 ** k * (1 - 1e-12),
          10 ** k * (1 + 3e-12),
          -(10 ** k),
        ),
      ),
    fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 10),
    fc.constantFrom(0, Infinity, -Infinity, 0.5, 9.5, 99.5),
  );

  test("a row's children, in any order, get the answers of two digit counts each", () => {
    fc.assert(
      fc.property(
        value,
        fc.integer({ min: 0, max: 3 }),
        fc.array(value, { maxLength: 60 }),
        (d, scale, row) => {
          const unit = 10 ** scale;
          const slips = new DigitSlips(d, unit);
          for (const a of row) expect(slips.test(a)).toBe(direct(d, unit, a));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("children in one decade after one near a power of ten", () => {
    const slips = new DigitSlips(-1, 1);
    // 99 → 100 changes its count; 500 → 501 does not; 999 → 1000 does again.
    expect([99, 500, 501, 998, 999, 9, 10].map((a) => slips.test(a))).toEqual([
      true,
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
  });
});

describe("oneDigitApart (both one-digit tests at once)", () => {
  /** The digits of |d| at `scale`, written out from its text. */
  const digitsOf = (d: Decimal, scale: number): string => {
    const [whole, frac = ""] = d.abs().toString().split(".");
    return (whole + frac.padEnd(scale, "0")).replace(/^0+(?=\d)/, "");
  };
  /** Whether `shorter` is `longer` with one digit taken out anywhere. */
  const dropped = (longer: string, shorter: string): boolean =>
    longer.length === shorter.length + 1 &&
    Array.from(longer, (_, i) => longer.slice(0, i) + longer.slice(i + 1)).includes(shorter);
  const reference = (wanted: Decimal, v: Decimal): string | undefined => {
    if (wanted.sign() !== v.sign() || wanted.eq(v)) return undefined;
    const scale = Math.max(wanted.decimals, v.decimals);
    const x = digitsOf(wanted, scale);
    const y = digitsOf(v, scale);
    return dropped(x, y) ? "dropped-digit" : dropped(y, x) ? "extra-digit" : undefined;
  };
  const decimal = fc
    .tuple(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.integer({ min: 0, max: 4 }))
    .map(([units, scale]) => Decimal.of(units, scale));

  test("answers as taking out each digit in turn would", () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(oneDigitApart(a, b)).toBe(reference(a, b));
        expect(isOneDigitShort(a, b)).toBe(reference(a, b) === "dropped-digit");
      }),
      { numRuns: 5000 },
    );
  });

  test("numbers made one digit apart are told apart each way, as the reference says", () => {
    const pair = fc
      .tuple(fc.stringMatching(/^[1-9][0-9]{1,9}$/), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.boolean())
      .map(([digits, at, scale, negative]) => {
        const i = at % digits.length;
        const sign = negative ? -1n : 1n;
        return [
          Decimal.of(sign * BigInt(digits), scale),
          Decimal.of(sign * BigInt(digits.slice(0, i) + digits.slice(i + 1)), scale),
        ] as const;
      });
    fc.assert(
      fc.property(pair, ([long, short]) => {
        expect(oneDigitApart(long, short)).toBe(reference(long, short));
        expect(oneDigitApart(short, long)).toBe(reference(short, long));
      }),
      { numRuns: 3000 },
    );
  });

  test("pairs one digit apart, each way", () => {
    const d = (s: string) => Decimal.parse(s)!;
    expect(oneDigitApart(d("1320"), d("120"))).toBe("dropped-digit");
    expect(oneDigitApart(d("120"), d("1320"))).toBe("extra-digit");
    expect(oneDigitApart(d("13.2"), d("1.2"))).toBe("dropped-digit");
    expect(oneDigitApart(d("-450"), d("-45"))).toBe("dropped-digit");
    expect(oneDigitApart(d("450"), d("-45"))).toBeUndefined();
    expect(oneDigitApart(d("123"), d("123"))).toBeUndefined();
    expect(oneDigitApart(d("123"), d("321"))).toBeUndefined();
  });
});
