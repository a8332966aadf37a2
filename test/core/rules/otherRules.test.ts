import { checkSplit, notInfo, only, THREE } from "../../helpers/split";

const FIVE = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区"];

describe("mean-out-of-range", () => {
  test("clean: a ratio parent inside its children's range is never summed", () => {
    const r = checkSplit(FIVE, [["R&D经费支出占GDP比重(%)", 3.89, 3.95, 4.8, 3.1, 2.2, 1.5, 0.9]]);
    expect(notInfo(r)).toEqual([]);
  });

  // Shown to 2 decimals as in T5 (typed as text here; a 0.00 number format does the same).
  const T5 = ["4.80", "3.10", "2.20", "1.50", "0.90"];

  test("ALLOCATION T5: a claimed 4.90 with children up to 4.80 is impossible for any weights", () => {
    const [f] = only(
      checkSplit(FIVE, [["R&D经费支出占GDP比重(%)", undefined, "4.90", ...T5]]),
      "mean-out-of-range",
    );
    expect(f).toMatchObject({ severity: "error", cell: "D2", related: ["E2", "I2"] });
    expect(f.computed!.toString()).toBe("4.8");
  });

  test("within the row's rounding unit of the range is not flagged (4.81 vs max 4.80)", () => {
    expect(
      only(checkSplit(FIVE, [["R&D经费支出占GDP比重(%)", undefined, "4.81", ...T5]]), "mean-out-of-range"),
    ).toEqual([]);
  });
});

describe("below-assignment", () => {
  test("clean: 2000 meets the province's 1870", () => {
    expect(notInfo(checkSplit(THREE, [["新增企业数(家)", 1870, 2000, 1000, 600, 400]]))).toEqual([]);
  });

  test("a floor missed: 1800 under an assignment of 1870", () => {
    const [f] = only(checkSplit(THREE, [["新增企业数(家)", 1870, 1800, 1000, 500, 300]]), "below-assignment");
    expect(f).toMatchObject({ severity: "error", cell: "D2", related: ["C2"] });
    expect(f.expected!.toString()).toBe("1870");
    expect(f.difference!.toString()).toBe("-70");
  });

  test("a cap exceeded: energy intensity above the assigned limit", () => {
    const [f] = only(
      checkSplit(THREE, [["单位GDP能耗(吨标准煤/万元)", 0.5, 0.52, 0.5, 0.55, 0.51]]),
      "below-assignment",
    );
    expect(f.details?.direction).toBe("cap");
  });

  test("a reduction rate is a floor: cutting more than assigned meets it, less does not", () => {
    const row = (city: number) =>
      checkSplit(THREE, [["单位GDP能耗下降率(%)", 3.0, city, city, city + 0.1, city - 0.1]]);
    expect(only(row(3.2), "below-assignment")).toEqual([]);
    const [f] = only(row(2.8), "below-assignment");
    expect(f.details?.direction).toBe("floor");
  });

  test("bounds fail only when certainly violated: 超500 vs 超500 passes", () => {
    expect(
      only(checkSplit(THREE, [["投资额(亿元)", "超500", "超500", 300, 200, 100]]), "below-assignment"),
    ).toEqual([]);
  });
});

describe("per-cell rules", () => {
  test("error-value: #REF! where a number belongs", () => {
    const r = checkSplit(THREE, [["企业数(家)", 100, 100, 50, { error: "#REF!" }, 20]]);
    const [f] = only(r, "error-value");
    expect(f).toMatchObject({ severity: "error", cell: "F2" });
    // A sum that cannot be computed is not guessed at.
    expect(only(r, "sum-mismatch")).toEqual([]);
  });

  test("not-a-number: junk text is a warning; qualitative wording is info", () => {
    const r = checkSplit(THREE, [["企业数(家)", 100, 100, 50, "12a3", 20]]);
    expect(only(r, "not-a-number").map((f) => f.cell)).toEqual(["F2"]);
    const q = checkSplit(THREE, [
      ["投资增长(%)", "快于面上投资增速", 20, "快于面上投资增速", "持续提升", "快于面上投资增速"],
    ]);
    expect(notInfo(q)).toEqual([]);
    expect(only(q, "qualitative-target")).toHaveLength(4);
  });

  test("missing-value is reported for additive rows only, never for ratio rows", () => {
    const r = checkSplit(THREE, [["R&D占GDP比重(%)", undefined, 3, 2.5, "-", 3.2]]);
    expect(only(r, "missing-value")).toEqual([]);
  });
});

describe("duplicate-unit", () => {
  test("the same district twice under one parent: the second occurrence, pointing at the first", () => {
    const r = checkSplit(["上城区", "西湖区", "上 城 区"], [["企业数(家)", 100, 100, 50, 30, 20]]);
    const [f] = only(r, "duplicate-unit");
    expect(f).toMatchObject({ severity: "error", cell: "G1", related: ["E1"] });
  });

  test("names repeated after the first repeat point at their own first occurrence", () => {
    // 甲 乙 甲 丙 丙 乙 甲: the repeats are the 3rd, 5th, 6th and 7th children (columns G, I, J, K).
    const names = ["甲区", "乙区", "甲区", "丙区", "丙区", "乙区", "甲 区"];
    const r = checkSplit(names, [["企业数(家)", 70, 70, 10, 10, 10, 10, 10, 10, 10]]);
    const found = only(r, "duplicate-unit").map((f) => [f.cell, f.related[0]]);
    expect(found).toEqual([
      ["G1", "E1"],
      ["I1", "H1"],
      ["J1", "F1"],
      ["K1", "E1"],
    ]);
  });
});
