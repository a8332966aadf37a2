import { Decimal } from "../../src/core/decimal";

const d = (s: string) => Decimal.parse(s)!;

describe("Decimal", () => {
  test("sums the seed's 56.7 row exactly", () => {
    const parts = ["3.1", "6.5", "4.1", "14.7", "7.1", "7.5", "5.2", "2", "6.5"];
    expect(Decimal.sum(parts.map(d)).eq(d("56.7"))).toBe(true);
  });
  test("0.1 + 0.2 is 0.3, unlike binary floats", () => {
    expect(0.1 + 0.2 === 0.3).toBe(false);
    expect(d("0.1").add(d("0.2")).toString()).toBe("0.3");
  });
  test("fromNumber takes the shortest round-trip text", () => {
    expect(Decimal.fromNumber(56.7).toString()).toBe("56.7");
    expect(Decimal.fromNumber(1e-7).toString()).toBe("0.0000001");
    expect(Decimal.fromNumber(1.5e21).toString()).toBe("1500000000000000000000");
    expect(Decimal.fromNumber(-0.5).toString()).toBe("-0.5");
  });
  test("parse rejects what is not plain decimal text", () => {
    for (const s of ["", "-", ".", "1.2.3", "abc", "1,000", "--1"]) expect(Decimal.parse(s)).toBeNull();
    expect(d(".5").toString()).toBe("0.5");
    expect(d("5.").toString()).toBe("5");
    expect(d("2.50").scale).toBe(2);
    expect(d("2.50").decimals).toBe(1);
  });
  test("rounds half away from zero like Excel's ROUND", () => {
    expect(d("2.345").roundTo(2).toString()).toBe("2.35");
    expect(d("-2.345").roundTo(2).toString()).toBe("-2.35");
    expect(d("2.344").toFixed(2)).toBe("2.34");
    expect(d("7").toFixed(2)).toBe("7.00");
    expect(d("0.05").toFixed(1)).toBe("0.1");
  });
  test("compares across scales", () => {
    expect(d("1.50").eq(d("1.5"))).toBe(true);
    expect(d("1.49").lt(d("1.5"))).toBe(true);
    expect(d("-3").cmp(d("2"))).toBe(-1);
    expect(d("12.3").shift(2).toString()).toBe("1230");
    expect(d("12.3").shift(-2).toString()).toBe("0.123");
  });
});

describe("Decimal.sum", () => {
  const d = (s: string) => Decimal.parse(s)!;
  test("mixed scales, huge terms and running totals beyond 2^53 stay exact", () => {
    expect(Decimal.sum([d("1.5"), d("2"), d("0.25")]).toString()).toBe("3.75");
    expect(Decimal.sum([d("9007199254740993"), d("1")]).toString()).toBe("9007199254740994");
    const many = Array.from({ length: 3000 }, () => d("3002399751580330.9"));
    expect(Decimal.sum(many).toString()).toBe("9007199254740992700");
    expect(Decimal.sum([d("4503599627370496"), d("4503599627370496"), d("1")]).toString()).toBe(
      "9007199254740993",
    );
    expect(Decimal.sum([]).toString()).toBe("0");
    expect(Decimal.sum([d("-1099511627776"), d("1099511627776.5")]).toString()).toBe("0.5");
  });
});

describe("Decimal.sum property", () => {
  test("equals a plain bigint sum over any decimals", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fc = require("fast-check") as typeof import("fast-check");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }), fc.integer({ min: 0, max: 4 })), {
          maxLength: 60,
        }),
        (terms) => {
          const ds = terms.map(([u, s]) => Decimal.of(u, s));
          const naive = ds.reduce((acc, x) => acc.add(x), Decimal.ZERO);
          expect(Decimal.sum(ds).eq(naive)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
