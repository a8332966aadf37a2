/**
 * ALLOCATION.md's worked cases T1–T5 and the Alabama paradox, each with the exact answer
 * the spec states.
 */
import { Rational, rebalance, renderRefusal } from "../../../src/core/rebalance/rebalance";
import type { ChildInput } from "../../../src/core/rebalance/rebalance";
import { d, ok, row, texts } from "./helpers";

describe("T1 locks make the total infeasible", () => {
  const children = row(
    [600, 400, 300, 200, 100],
    [{ locked: true }, { locked: true }, { max: d(450) }, { max: d(400) }, { max: d(100) }],
  );

  test("T = 2000 is refused with achievable [1000, 1950], short by 50, and no values", () => {
    const r = rebalance({ method: "proportional", target: d(2000), children });
    expect(r.status).toBe("infeasible");
    if (r.status !== "infeasible") return;
    expect(r.achievable.map((x) => x?.toString())).toEqual(["1000", "1950"]);
    expect(r.shortBy?.toString()).toBe("50");
    expect(r.overBy).toBeUndefined();
    expect(r.limitedBy).toBe("bounds");
    expect(r.boundChildren).toEqual([2, 3, 4]);
    expect("values" in r).toBe(false);
    expect(renderRefusal(r, "en").join(" ")).toContain("[1000, 1950]");
  });

  test("T = 900 is refused because the locked children alone exceed it by 100", () => {
    const r = rebalance({ method: "proportional", target: d(900), children });
    expect(r.status).toBe("infeasible");
    if (r.status !== "infeasible") return;
    expect(r.overBy?.toString()).toBe("100");
    expect(r.limitedBy).toBe("locks");
    expect(r.lockedTotal.toString()).toBe("1000");
    expect("values" in r).toBe(false);
    expect(renderRefusal(r, "zh").join("")).toContain("锁定项合计已超出目标 100");
  });
});

describe("T2 thirteen children, a lock, cascading caps, a zero base with a floor", () => {
  const a = [420, 310, 260, 190, 150, 120, 95, 80, 60, 45, 30, 20, 0];
  const bounds: Partial<ChildInput>[] = [{ max: d(440) }, { max: d(330) }, { locked: true }, { max: d(230) }];
  bounds[12] = { min: d(5) };
  const children = row(a, bounds);
  const expected = [440, 330, 260, 230, 184, 147, 116, 98, 74, 55, 37, 24, 5];

  test("gives exactly [440,330,260,230,184,147,116,98,74,55,37,24,5] with scale 49/40", () => {
    const r = ok(rebalance({ method: "proportional", target: d(2000), children }));
    expect(texts(r)).toEqual(expected.map(String));
    expect(r.explanation.scale?.toString()).toBe("1.225");
    expect(r.explanation.scale?.eq(Rational.of(49n, 40n))).toBe(true);
    expect(r.explanation.atMax).toEqual([0, 1, 3]);
    expect(r.explanation.atMin).toEqual([12]);
    expect(r.explanation.children[2].role).toBe("locked");
  });

  test("the last 3 units go to remainders .75, .75 and .5; the .5 tie goes to child 9 by its larger base", () => {
    const r = ok(rebalance({ method: "proportional", target: d(2000), children }));
    expect(r.explanation.leftoverSteps).toBe(3);
    const up = r.explanation.children.filter((c) => c.roundedUp).map((c) => c.child);
    expect(up).toEqual([4, 8, 10]);
    expect(r.explanation.children[4].exact?.toString()).toBe("183.75");
    expect(r.explanation.children[10].exact?.toString()).toBe("36.75");
    expect(r.explanation.ties).toEqual([
      { contenders: [8, 11], winners: [8], decidedBy: "base", remainder: Rational.of(1n, 2n) },
    ]);
  });

  test("avoids both traps: one-pass clip (child 1 = 479) and rescaling once (child 4 = 232.09 > 230)", () => {
    // The traps, computed the naive way, to show what the spec warns about.
    const freeBases = a.filter((_, i) => i !== 2 && i !== 12);
    const onePass = (420 * (2000 - 260 - 5)) / freeBases.reduce((s, x) => s + x, 0);
    expect(Math.floor(onePass)).toBe(479);
    const rescaledOnce = ((2000 - 260 - 440 - 330 - 5) / (190 + 600)) * 190;
    expect(rescaledOnce.toFixed(2)).toBe("232.09");
    const r = ok(rebalance({ method: "proportional", target: d(2000), children }));
    expect(r.values[0].toString()).toBe("440");
    expect(r.values[3].toString()).toBe("230");
    expect(r.values.reduce((s, v) => s + v.toNumber(), 0)).toBe(2000);
  });
});

describe("T3 ties and float noise", () => {
  test("a = [100,400,100], T = 1000 gives [167,667,166], where naive floats give [167,666,167]", () => {
    expect(
      texts(rebalance({ method: "proportional", target: d(1000), children: row([100, 400, 100]) })),
    ).toEqual(["167", "667", "166"]);
    // Naive: float shares, float remainders; 666.666… loses its exact tie to float noise.
    const shares = [100, 400, 100].map((x) => (1000 * x) / 600);
    const floors = shares.map(Math.floor);
    const order = shares.map((s, i) => [s - floors[i], i]).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
    for (const [, i] of order.slice(0, 1000 - floors.reduce((s, x) => s + x, 0))) floors[i] += 1;
    expect(floors).toEqual([167, 666, 167]);
  });

  test("a = [1,4,1], T = 10 gives [2,7,1]", () => {
    expect(texts(rebalance({ method: "proportional", target: d(10), children: row([1, 4, 1]) }))).toEqual([
      "2",
      "7",
      "1",
    ]);
  });

  test("a = [100,100,100], T = 1000 gives [334,333,333] by sheet order", () => {
    const r = ok(rebalance({ method: "proportional", target: d(1000), children: row([100, 100, 100]) }));
    expect(texts(r)).toEqual(["334", "333", "333"]);
    expect(r.explanation.ties[0]).toMatchObject({ contenders: [0, 1, 2], winners: [0], decidedBy: "order" });
  });
});

describe("T4 zero bases on the 0.1 grid (亿元)", () => {
  test("(a) a zero base stays zero: [0.0,12.5,20.0,7.5], child 4 locked, T = 56.7 → [0.0,18.9,30.3,7.5]", () => {
    const r = ok(
      rebalance({
        method: "proportional",
        target: d("56.7"),
        children: row(["0.0", "12.5", "20.0", "7.5"], [{}, {}, {}, { locked: true }]),
        step: d("0.1"),
      }),
    );
    expect(texts(r)).toEqual(["0.0", "18.9", "30.3", "7.5"]);
    expect(r.explanation.children[0].role).toBe("zero-base");
  });

  test("(b) every free base zero splits equally: T = 56.8 → [16.5,16.4,16.4,7.5]", () => {
    const r = ok(
      rebalance({
        method: "proportional",
        target: d("56.8"),
        children: row(["0", "0", "0", "7.5"], [{}, {}, {}, { locked: true }]),
        step: { decimals: 1 },
      }),
    );
    expect(texts(r)).toEqual(["16.5", "16.4", "16.4", "7.5"]);
    expect(r.explanation.zeroBase).toBe("all-zero-split-equally");
  });

  test("(c) positive bases capped at 24.0 block T = 30.0: ZERO_BASE_BLOCKED, then the explicit equal option gives [6.0,12.0,12.0]", () => {
    const children = row(["0", "10.0", "10.0"], [{}, { max: d("12.0") }, { max: d("12.0") }]);
    const refused = rebalance({ method: "proportional", target: d("30.0"), children, step: d("0.1") });
    expect(refused.status).toBe("zero-base-blocked");
    if (refused.status !== "zero-base-blocked") return;
    expect(refused.reachable[1]?.toString()).toBe("24");
    expect(refused.zeroBaseChildren).toEqual([0]);
    expect("values" in refused).toBe(false);

    const r = ok(
      rebalance({ method: "proportional", target: d("30.0"), children, step: d("0.1"), zeroBase: "equal" }),
    );
    expect(texts(r)).toEqual(["6.0", "12.0", "12.0"]);
    expect(r.explanation.zeroBase).toBe("spread-equally-by-choice");
    expect(r.explanation.atMax).toEqual([1, 2]);
  });
});

describe("T5 ratio target with GDP weights", () => {
  const gdp = ["2800", "2100", "1300", "800", "500"];
  const current = ["4.80", "3.10", "2.20", "1.50", "0.90"];
  const children = (max: (string | undefined)[]) =>
    current.map((r, i) => ({
      unit: `#${i + 1}`,
      value: d(r),
      denominator: d(gdp[i]),
      locked: i === 0,
      max: max[i] ? d(max[i]!) : undefined,
    }));

  test("uniform pp shift: child 2 caps at 4.00, the others shift by 131/104 → r = [4.80,4.00,3.46,2.76,2.16]", () => {
    const r = ok(
      rebalance({
        method: "ratio",
        target: d("3.95"),
        parentDenominator: d("7500"),
        children: children([undefined, "4.00"]),
        noDecrease: true,
        step: { decimals: 2 },
      }),
    );
    expect(texts(r)).toEqual(["4.80", "4.00", "3.46", "2.76", "2.16"]);
    expect(r.explanation.shift?.eq(Rational.of(131n, 104n))).toBe(true);
    expect(r.explanation.atMax).toEqual([1]);
    expect(r.explanation.rounding).toBe("half-away-each");
  });

  test("the city recomputed from the rounded ratios is 3.950133… and passes the rounding tolerance", () => {
    const r = ok(
      rebalance({
        method: "ratio",
        target: d("3.95"),
        parentDenominator: d("7500"),
        children: children([undefined, "4.00"]),
        noDecrease: true,
        step: { decimals: 2 },
      }),
    );
    const check = r.ratioCheck!;
    expect(check.recomputed.eq(Rational.of(29626n, 7500n))).toBe(true);
    expect(check.recomputed.toFixed(6)).toBe("3.950133");
    expect(check.recomputed.eq(Rational.fromDecimal(d("3.95")))).toBe(false);
    expect(check.tolerance.eq(Rational.of(5n * 4700n, 1000n * 7500n))).toBe(true);
    expect(check.pass).toBe(true);
    expect(check.showsAsTarget).toBe(true);
  });

  test("every free child capped at 4.00 and R* = 4.50 is INFEASIBLE with maximum 4.2987", () => {
    const r = rebalance({
      method: "ratio",
      target: d("4.50"),
      parentDenominator: d("7500"),
      children: children([undefined, "4.00", "4.00", "4.00", "4.00"]),
      noDecrease: true,
      step: { decimals: 2 },
    });
    expect(r.status).toBe("infeasible");
    if (r.status !== "infeasible") return;
    expect(r.achievable[1]?.toFixed(4)).toBe("4.2987");
    expect(r.achievable[1]?.eq(Rational.of(32240n, 7500n))).toBe(true);
    expect(r.shortBy?.eq(Rational.of(33750n - 32240n, 7500n))).toBe(true);
    expect("values" in r).toBe(false);
    expect(renderRefusal(r, "en")[0]).toContain("4.2987");
  });
});

describe("Alabama paradox (documented, not fixed)", () => {
  test("a = [3,3,1] gives [1,1,1] for T = 3 but [2,2,0] for T = 4: a larger total costs child 3 its unit", () => {
    expect(texts(rebalance({ method: "proportional", target: d(3), children: row([3, 3, 1]) }))).toEqual([
      "1",
      "1",
      "1",
    ]);
    expect(texts(rebalance({ method: "proportional", target: d(4), children: row([3, 3, 1]) }))).toEqual([
      "2",
      "2",
      "0",
    ]);
  });
});
