/**
 * The methods besides the worked cases: equal increment, reference, minimal change,
 * edit one, fix parent, grids other than 1 and 0.1, negative values, input refusals and
 * the rendered explanation.
 */
import {
  REFUSAL_CODE,
  Rational,
  rebalance,
  renderExplanation,
  renderRefusal,
} from "../../../src/core/rebalance/rebalance";
import type { ChildInput } from "../../../src/core/rebalance/rebalance";
import { d, ok, row, texts } from "./helpers";

describe("equal increment", () => {
  test("moves every free child by the same amount; the leftover unit goes to the larger base", () => {
    const r = ok(rebalance({ method: "equal-increment", target: d(70), children: row([10, 20, 30]) }));
    expect(texts(r)).toEqual(["13", "23", "34"]);
    expect(r.explanation.increment?.eq(Rational.of(10n, 3n))).toBe(true);
    expect(r.explanation.ties[0]).toMatchObject({ contenders: [2, 1, 0], winners: [2], decidedBy: "base" });
  });

  test("a capped child stops at its cap and the others take the rest equally", () => {
    const r = ok(
      rebalance({
        method: "equal-increment",
        target: d(75),
        children: row([10, 20, 30], [{}, {}, { max: d(31) }]),
      }),
    );
    expect(texts(r)).toEqual(["17", "27", "31"]);
    expect(r.explanation.atMax).toEqual([2]);
    expect(r.explanation.increment?.toString()).toBe("7");
  });

  test("a zero base moves like any other child", () => {
    expect(texts(rebalance({ method: "equal-increment", target: d(12), children: row([0, 6]) }))).toEqual([
      "3",
      "9",
    ]);
  });
});

describe("reference row (因素法)", () => {
  const gdp = ["2800", "2100", "1300", "800", "500"];
  test("splits 75 in proportion to GDP whatever the current values are", () => {
    const children = row(
      [1, 1, 1, 1, 1],
      gdp.map((g) => ({ reference: d(g) })),
    );
    const r = ok(rebalance({ method: "reference", target: d(75), children }));
    expect(texts(r)).toEqual(["28", "21", "13", "8", "5"]);
    expect(r.explanation.perReference?.eq(Rational.of(1n, 100n))).toBe(true);
  });

  test("references with decimals share one scale: 1.5 and 2.25 split 10 as 4 and 6", () => {
    const r = ok(
      rebalance({
        method: "reference",
        target: d(10),
        children: row([0, 0], [{ reference: d("1.5") }, { reference: d("2.25") }]),
      }),
    );
    expect(texts(r)).toEqual(["4", "6"]);
  });

  test("只增不减 makes the current value a minimum that binds", () => {
    const children = row([30, 10], [{ reference: d(1) }, { reference: d(1) }]);
    const r = ok(rebalance({ method: "reference", target: d(50), children, noDecrease: true }));
    expect(texts(r)).toEqual(["30", "20"]);
    expect(r.explanation.atMin).toEqual([0]);
  });

  test("a free child without a reference is refused as invalid input", () => {
    const r = rebalance({
      method: "reference",
      target: d(10),
      children: row([1, 2], [{ reference: d(1) }, {}]),
    });
    expect(r).toMatchObject({ status: "invalid-input", problems: [{ kind: "missing-reference", child: 1 }] });
  });

  test("a zero reference behaves like a zero base (blocked, then the equal option)", () => {
    const children = row([0, 0], [{ reference: d(0) }, { reference: d(1), max: d(4) }]);
    expect(rebalance({ method: "reference", target: d(10), children }).status).toBe("zero-base-blocked");
    expect(texts(rebalance({ method: "reference", target: d(10), children, zeroBase: "equal" }))).toEqual([
      "6",
      "4",
    ]);
  });
});

describe("weighted minimal change", () => {
  test("with equal weights it agrees with equal increment and the same tie-break", () => {
    expect(
      texts(rebalance({ method: "minimal-change", target: d(70), children: row([10, 20, 30]) })),
    ).toEqual(["13", "23", "34"]);
  });

  test("weights [1,2,4] give the integer optimum changes (+6,+3,+1), cost 58", () => {
    const children = row([10, 20, 30], [{ weight: d(1) }, { weight: d(2) }, { weight: d(4) }]);
    const r = ok(rebalance({ method: "minimal-change", target: d(70), children }));
    expect(texts(r)).toEqual(["16", "23", "31"]);
    expect(r.explanation.rounding).toBe("greedy-marginal");
  });

  test("a large move (a million steps) stays exact and fast through the bulk threshold", () => {
    const children = row([0, 0, 0], [{}, { weight: d("0.5") }, { max: d(10) }]);
    const r = ok(rebalance({ method: "minimal-change", target: d(3_000_000), children }));
    // w = [1, 0.5]: child 2 moves twice as far as child 1; child 3 stops at 10.
    expect(texts(r)).toEqual(["999997", "1999993", "10"]);
    expect(r.explanation.atMax).toEqual([2]);
  });

  test("a target below the current total moves children down", () => {
    expect(
      texts(rebalance({ method: "minimal-change", target: d(54), children: row([10, 20, 30]) })),
    ).toEqual(["8", "18", "28"]);
  });

  test("a non-positive weight is refused", () => {
    const r = rebalance({
      method: "minimal-change",
      target: d(10),
      children: row([1, 2], [{ weight: d(0) }]),
    });
    expect(r).toMatchObject({ status: "invalid-input", problems: [{ kind: "bad-weight", child: 0 }] });
  });
});

describe("edit one child, keep the total", () => {
  const children = row([100, 200, 300, 400]);
  test("child 1 → 160 locks it and spreads −60 proportionally over the others", () => {
    const r = ok(
      rebalance({ method: "edit-one", target: d(1000), children, edit: { child: 0, value: d(160) } }),
    );
    expect(texts(r)).toEqual(["160", "187", "280", "373"]);
    expect(r.explanation.children[0]).toMatchObject({ role: "edited", change: d(60) });
    expect(r.explanation.spread).toBe("proportional");
    expect(r.parent.toString()).toBe("1000");
  });

  test("with equal increment each other child gives 20", () => {
    const r = rebalance({
      method: "edit-one",
      target: d(1000),
      children,
      edit: { child: 0, value: d(160) },
      spread: "equal-increment",
    });
    expect(texts(r)).toEqual(["160", "180", "280", "380"]);
  });

  test("with minimal change the others move by the least squared change", () => {
    const r = rebalance({
      method: "edit-one",
      target: d(1000),
      children,
      edit: { child: 0, value: d(160) },
      spread: "minimal-change",
    });
    expect(texts(r)).toEqual(["160", "180", "280", "380"]);
  });

  test("an edit the others cannot absorb is refused with the achievable range", () => {
    const r = rebalance({
      method: "edit-one",
      target: d(1000),
      children,
      edit: { child: 0, value: d(1100) },
    });
    expect(r).toMatchObject({ status: "infeasible" });
    if (r.status === "infeasible") expect(r.overBy?.toString()).toBe("100");
  });

  test("an edit off the grid or of a child that does not exist is invalid input", () => {
    expect(
      rebalance({
        method: "edit-one",
        target: d(1000),
        children,
        step: { decimals: 0 },
        edit: { child: 1, value: d("160.5") },
      }),
    ).toMatchObject({ status: "invalid-input", problems: [{ kind: "edit-off-grid" }] });
    expect(
      rebalance({ method: "edit-one", target: d(1000), children, edit: { child: 4, value: d(1) } }),
    ).toMatchObject({
      status: "invalid-input",
      problems: [{ kind: "edit-out-of-range", child: 4 }],
    });
  });
});

describe("fix parent", () => {
  test("keeps the children and sets the parent to their sum", () => {
    const r = ok(rebalance({ method: "fix-parent", target: d(7), children: row(["1.5", "2.25", "3"]) }));
    expect(r.parent.toString()).toBe("6.75");
    expect(r.values.map(String)).toEqual(["1.5", "2.25", "3"]);
    expect(r.changes.every((c) => c.isZero())).toBe(true);
  });
});

describe("grids, bounds and signs", () => {
  test("a 0.5 step: [1,1,1] to 5 gives [2.0,1.5,1.5]", () => {
    expect(
      texts(rebalance({ method: "proportional", target: d(5), children: row([1, 1, 1]), step: d("0.5") })),
    ).toEqual(["2.0", "1.5", "1.5"]);
  });

  test("a minimum of 0.25 on the 0.1 grid means at least 0.3", () => {
    const r = rebalance({
      method: "proportional",
      target: d("0.4"),
      children: row(["1.0", "1.0"], [{ min: d("0.25") }]),
      step: d("0.1"),
    });
    expect(texts(r)).toEqual(["0.3", "0.1"]);
  });

  test("the default grid is the finest decimals among target and values", () => {
    expect(
      ok(
        rebalance({ method: "proportional", target: d("56.7"), children: row(["3.1", "6"]) }),
      ).step.toString(),
    ).toBe("0.1");
  });

  test("with allowNegative a negative base moves by its magnitude: [10,−5,5] to 0 gives [5,−8,3]", () => {
    const r = ok(
      rebalance({ method: "proportional", target: d(0), children: row([10, -5, 5]), allowNegative: true }),
    );
    expect(texts(r)).toEqual(["5", "-8", "3"]);
  });

  test("without allowNegative every free child has the minimum 0", () => {
    const r = rebalance({ method: "proportional", target: d(-1), children: row([1, 1]) });
    expect(r).toMatchObject({ status: "infeasible" });
  });

  test("no free child and a different target is infeasible (no-free-child)", () => {
    const r = rebalance({
      method: "proportional",
      target: d(3),
      children: row([1, 1], [{ locked: true }, { locked: true }]),
    });
    expect(r).toMatchObject({ status: "infeasible", limitedBy: "no-free-child" });
  });

  test("a locked child keeps its value even outside its own bounds (a lock is never broken)", () => {
    const r = rebalance({
      method: "proportional",
      target: d(20),
      children: row([10, 5], [{ locked: true, max: d(3) }]),
    });
    expect(texts(r)).toEqual(["10", "10"]);
  });
});

describe("refusals are values", () => {
  test("off-grid values, an off-grid target, empty bounds and a bad step are each reported", () => {
    const r = rebalance({
      method: "proportional",
      target: d("10.5"),
      children: row(["1.25", "2"], [{}, { min: d(5), max: d(3) }]),
      step: d(1),
    });
    expect(r.status).toBe("invalid-input");
    if (r.status !== "invalid-input") return;
    expect(r.problems.map((p) => p.kind)).toEqual(["target-off-grid", "value-off-grid", "empty-bounds"]);
    expect(renderRefusal(r, "en")).toHaveLength(3);
    expect(rebalance({ method: "proportional", target: d(1), children: row([1]), step: d(0) })).toMatchObject(
      {
        status: "invalid-input",
        problems: [{ kind: "bad-step" }],
      },
    );
  });

  test("ratio inputs need positive denominators", () => {
    const r = rebalance({
      method: "ratio",
      target: d(1),
      parentDenominator: d(0),
      children: row([1, 2], [{ denominator: d(5) }]),
    });
    expect(r).toMatchObject({
      status: "invalid-input",
      problems: [{ kind: "missing-denominator", child: 1 }, { kind: "bad-parent-denominator" }],
    });
  });

  test("each refusal has the code the CLI prints", () => {
    expect(REFUSAL_CODE).toEqual({
      infeasible: "INFEASIBLE",
      "zero-base-blocked": "ZERO_BASE_BLOCKED",
      "invalid-input": "INVALID_INPUT",
    });
  });
});

describe("ratio, proportional option", () => {
  test("scale mode multiplies every free ratio by the same factor", () => {
    const children = [
      { unit: "A", value: d("2.00"), denominator: d(100) },
      { unit: "B", value: d("1.00"), denominator: d(100) },
    ];
    const r = ok(
      rebalance({
        method: "ratio",
        ratioMode: "scale",
        target: d("3.00"),
        parentDenominator: d(200),
        children,
        step: { decimals: 2 },
      }),
    );
    expect(texts(r)).toEqual(["4.00", "2.00"]);
    expect(r.explanation.scale?.toString()).toBe("2");
    expect(r.ratioCheck?.difference.isInteger()).toBe(true);
  });
});

describe("the explanation renders in both languages", () => {
  const a = [420, 310, 260, 190, 150, 120, 95, 80, 60, 45, 30, 20, 0];
  const bounds: Partial<ChildInput>[] = [{ max: d(440) }, { max: d(330) }, { locked: true }, { max: d(230) }];
  bounds[12] = { min: d(5) };
  const r = ok(rebalance({ method: "proportional", target: d(2000), children: row(a, bounds) }));
  test("Chinese: the scale in plain words, children at their maximum, the tie", () => {
    const zh = renderExplanation(r.explanation, "zh").join("\n");
    expect(zh).toContain("同比例增减（乘以 1.225）");
    expect(zh).toContain("达到上限：#1、#2、#4");
    expect(zh).toContain("小数部分相同");
  });
  test("English: the same evidence", () => {
    const en = renderExplanation(r.explanation, "en").join("\n");
    expect(en).toContain("(× 1.225)");
    expect(en).toContain("At their maximum: #1, #2, #4");
  });
});
