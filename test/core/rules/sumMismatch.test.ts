import { checkSplit, NINE, notInfo, only, THREE } from "../../helpers/split";

describe("sum-mismatch and sum-rounding", () => {
  test("clean: counts that add up exactly give nothing", () => {
    const r = checkSplit(THREE, [["新增企业数(家)", 100, 100, 50, 30, 20]]);
    expect(r.findings).toEqual([]);
    expect(r.summary.passed).toBeGreaterThan(0);
  });

  test("counts are exact: off by one is an error with tolerance 0", () => {
    const [f] = only(checkSplit(THREE, [["新增企业数(家)", 100, 100, 50, 30, 19]]), "sum-mismatch");
    expect(f).toMatchObject({ severity: "error", cell: "D2", related: ["E2:G2"] });
    expect(f.difference!.toString()).toBe("-1");
    expect(f.tolerance!.value.toString()).toBe("0");
  });

  // Nine 1-decimal children and the parent: u = 0.1, n + 1 = 10 values.
  // Rounding band min(0.1·√10 ≈ 0.316, 10·0.1/2 = 0.5); worst case 0.5.
  const row = (parent: number) =>
    checkSplit(NINE, [["投资额(亿元)", parent, parent, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1]]); // Σ = 9.9

  test("a difference rounding explains (0.3 ≤ 0.316) is sum-rounding info", () => {
    const r = row(10.2);
    expect(notInfo(r)).toEqual([]);
    const [f] = only(r, "sum-rounding");
    expect(f.severity).toBe("info");
    expect(f.difference!.toString()).toBe("-0.3");
    expect(f.tolerance!.worstCase.toString()).toBe("0.5");
  });

  test("larger than rounding usually explains but within the worst case (0.4) is a warning", () => {
    const [f] = only(row(10.3), "sum-mismatch");
    expect(f.severity).toBe("warning");
    expect(f.difference!.toString()).toBe("-0.4");
  });

  test("beyond the worst case rounding can produce (0.6 > 0.5) is an error", () => {
    const [f] = only(row(10.5), "sum-mismatch");
    expect(f.severity).toBe("error");
  });

  test("the number format's decimals set the precision: 0.00 makes u = 0.01", () => {
    const values = [
      ["序号", "指标名称", "全市", "上城区", "拱墅区"],
      [1, "投资额(亿元)", 10, 5, 5.2],
    ];
    const fmts = [[], [undefined, undefined, "0.00", "0.00", "0.00"]];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkWorkbook } = require("../../../src/core/check") as typeof import("../../../src/core/check");
    const r = checkWorkbook({ name: "t", sheets: [{ name: "s", values, numberFormats: fmts }] });
    const [f] = only(r, "sum-mismatch");
    // 3 values shown to 0.01: worst case 0.015; 0.2 is far beyond it.
    expect(f.severity).toBe("error");
    expect(f.tolerance!.worstCase.toString()).toBe("0.015");
  });

  test("万-written values are known only to their last digit: 1.7万 is ±500", () => {
    const r = checkSplit(THREE, [["企业总数(家)", "3.4万", "3.4万", "1.7万", "1.0万", 7200]]);
    // 17000 + 10000 + 7200 = 34200 vs 34000 (difference 200). Units: 1000 for each 万-written value,
    // 0 for the plain count: band min(√(3·1000²) ≈ 1732, 3·1000/2 = 1500) = 1500 ≥ 200 → rounding.
    expect(notInfo(r)).toEqual([]);
    expect(only(r, "sum-rounding")).toHaveLength(1);
  });

  test("bounds: 超500 children summing to at least 520 under a parent of 500 certainly exceed it", () => {
    const r = checkSplit(THREE, [["投资额(亿元)", "超500", 500, "超300", 200, 20]]);
    const [f] = only(r, "sum-mismatch");
    expect(f.severity).toBe("error");
    expect(f.computedBound).toBe("gt");
    expect(f.computed!.toString()).toBe("520");
  });

  test("bounds: a 超500 parent over children adding to 600 is consistent", () => {
    expect(notInfo(checkSplit(THREE, [["投资额(亿元)", "超500", "超500", 300, 200, 100]]))).toEqual([]);
  });

  test("the `-` and blank children count as 0 and are reported as missing-value", () => {
    const r = checkSplit(THREE, [["投资额(亿元)", 5.5, 5.5, 3.1, "-", 2.4]]);
    expect(notInfo(r)).toEqual([]);
    expect(only(r, "missing-value").map((f) => f.cell)).toEqual(["F2"]);
  });

  test("a share row is checked against 100, not against the parent's [min, max]", () => {
    const ok = checkSplit(THREE, [["占全市比重(%)", undefined, 100, 50.5, 30.2, 19.3]]);
    expect(notInfo(ok)).toEqual([]);
    const bad = checkSplit(THREE, [["占全市比重(%)", undefined, 100, 50.5, 30.2, 29.3]]);
    const [f] = only(bad, "sum-mismatch");
    expect(f.severity).toBe("error");
    expect(f.computed!.toString()).toBe("110");
  });

  test("text children (23项) are numbers with a unit", () => {
    const r = checkSplit(THREE, [["项目数(项)", "60项", "60项", "23项", "20项", "17项"]]);
    expect(notInfo(r)).toEqual([]);
  });
});

describe("a child that holds words (待定) where a number belongs", () => {
  const tbd = (parent: number, a: number, b: number, c: string | number = "待定") =>
    checkSplit(THREE, [["新增企业数(家)", parent, parent, a, b, c]]);

  test("the others already exceed the parent: an error naming the child, the floor and the difference", () => {
    const r = tbd(100, 60, 50);
    const [f] = only(r, "sum-mismatch");
    expect(f).toMatchObject({ severity: "error", cell: "D2", computedBound: "ge" });
    expect([f.computed!.toString(), f.difference!.toString(), f.details?.unknown]).toEqual([
      "110",
      "10",
      "西湖区",
    ]);
    expect(r.summary.errors).toBe(1);
  });

  test("the others stay within the parent: nothing can be said, and no sum is said to pass", () => {
    for (const [a, b] of [
      [30, 50],
      [50, 50],
    ]) {
      const r = tbd(100, a, b);
      expect(only(r, "sum-mismatch")).toEqual([]);
      expect(r.passed.some((c) => c.rule === "sum-mismatch")).toBe(false);
    }
  });

  test("text with digits (a figure misread, 12a3) is no floor: silence", () => {
    expect(only(tbd(100, 60, 50, "12a3"), "sum-mismatch")).toEqual([]);
  });

  test("a negative value in the row (a change that may fall) leaves the floor unknown: silence", () => {
    expect(only(tbd(100, 120, -30), "sum-mismatch")).toEqual([]);
  });

  test("generated rows: an error exactly when the known children exceed the parent", () => {
    for (let k = 0; k < 200; k++) {
      const a = (k * 37) % 90;
      const b = (k * 53) % 70;
      const parent = 40 + ((k * 11) % 100);
      const found = only(tbd(parent, a, b), "sum-mismatch");
      expect([parent, a, b, found.length]).toEqual([parent, a, b, a + b > parent ? 1 : 0]);
    }
  });
});

describe("formula results stored as doubles are read at Excel's 15 significant digits", () => {
  // A factor-method allocation: each child =98.7*coefficient, as Excel stores the results
  // (2.4675000000000002…); the coefficients add up to 1, so the children add up to 98.7 exactly.
  const coefficients = [0.025, 0.063, 0.12, 0.047, 0.09, 0.081, 0.555, 0.019];
  const rows = (total: number, bump = 0) =>
    checkSplit(
      coefficients.map((_, i) => `第${i + 1}区`),
      [["分配资金(万元)", total, total, ...coefficients.map((c, i) => 98.7 * c + (i === 0 ? bump : 0))]],
    );

  test("binary noise is not a difference: clean", () => {
    expect(coefficients.map((c) => 98.7 * c).some((v) => String(v).length > 12)).toBe(true);
    expect(rows(98.7).findings).toEqual([]);
  });

  test("a real difference among them is still found, with the tolerance of what is shown", () => {
    const [f] = only(rows(98.7, 0.5), "sum-mismatch");
    expect(f.severity).toBe("error");
    expect(f.difference!.toString()).toBe("0.5");
    expect(f.tolerance!.unit!.toString()).toBe("0.0001");
  });

  test("a =SUM total cached as 1415.8999999999996 is 1415.9", () => {
    const kids = [199.6, 136.7, 88.4, 120.3, 95.5, 101.2, 77.7, 133.3, 90.1, 110.9, 66.6, 98.8, 96.8];
    const cached = kids.reduce((a, b) => a + b, 0);
    const r = checkSplit(
      kids.map((_, i) => `第${i + 1}区`),
      [["投资(亿元)", cached, cached, ...kids]],
    );
    expect(notInfo(r)).toEqual([]);
    expect(only(r, "sum-rounding")).toEqual([]);
  });
});

describe("typo hints on sum-mismatch", () => {
  test("a difference divisible by 9 points at the transposed digits", () => {
    // 上城区 should be 54 to make 120; it says 45: difference −9.
    const [f] = only(checkSplit(THREE, [["企业数(家)", 120, 120, 45, 36, 30]]), "sum-mismatch");
    expect(f.hints).toContainEqual(expect.objectContaining({ kind: "transposed-digits", cell: "E2" }));
    expect(f.hints.find((h) => h.kind === "transposed-digits")!.suggested!.toString()).toBe("54");
  });

  test("a dropped digit: 拱墅区 written 3 instead of 30", () => {
    const [f] = only(checkSplit(THREE, [["企业数(家)", 120, 120, 50, 3, 40]]), "sum-mismatch");
    expect(f.hints).toContainEqual(expect.objectContaining({ kind: "dropped-digit", cell: "F2" }));
  });

  test("a child left out of the parent: the difference equals one child", () => {
    const [f] = only(checkSplit(THREE, [["企业数(家)", 80, 80, 50, 31, 30]]), "sum-mismatch");
    expect(f.hints).toContainEqual(expect.objectContaining({ kind: "omitted-child", cell: "F2" }));
  });

  test("no hint where arithmetic supports none (1999 vs 2000)", () => {
    const [f] = only(checkSplit(THREE, [["企业数(家)", 2000, 2000, 1000, 600, 399]]), "sum-mismatch");
    expect(f.hints).toEqual([]);
  });
});
