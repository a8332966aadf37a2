import { checkWorkbook } from "../../src/core/check";
import { seedWorkbook } from "../helpers/grid";

const errorsAndWarnings = (r: ReturnType<typeof checkWorkbook>) =>
  r.findings.filter((f) => f.severity !== "info");

describe("the Hangzhou 2024 plan (seed facts in data/README.md)", () => {
  const result = checkWorkbook(seedWorkbook());

  test("sum-mismatch: 13 districts adding to 1999 under a 2000 city target is the only error", () => {
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors).toHaveLength(1);
    const f = errors[0];
    expect(f.rule).toBe("sum-mismatch");
    expect(f.sheet).toBe("分解表");
    expect(f.cell).toBe("D7");
    expect(f.related).toEqual(["E7:Q7"]);
    expect(f.indicator).toBe("新增高新技术企业数(家)");
    expect(f.unit).toBe("杭州市");
    expect(f.stated!.toString()).toBe("2000");
    expect(f.computed!.toString()).toBe("1999");
    expect(f.difference!.toString()).toBe("-1");
    expect(f.tolerance!.value.toString()).toBe("0");
    expect(f.tolerance!.basis).toBe("exact-count");
    expect(f.hints).toEqual([]);
  });

  test("the 56.7 row adds up exactly in decimal (no finding, a passed check)", () => {
    expect(result.findings.filter((f) => f.cell === "D8" && f.sheet === "分解表")).toEqual([]);
    const passed = result.passed.find((c) => c.rule === "sum-mismatch" && c.cell === "D8");
    expect(passed?.computed?.toString()).toBe("56.7");
    expect(passed?.difference?.toString()).toBe("0");
  });

  test("ratio rows (%) are never summed and raise nothing", () => {
    for (const cell of ["D4", "D5"])
      expect(result.findings.filter((f) => f.sheet === "分解表" && f.cell === cell)).toEqual([]);
    expect(result.passed.filter((c) => c.rule === "sum-mismatch").map((c) => c.cell)).toEqual(["D8"]);
    expect(result.passed.filter((c) => c.rule === "mean-out-of-range").map((c) => c.cell)).toEqual([
      "D4",
      "D5",
    ]);
  });

  test("the qualitative row is reported per cell as info, never as wrong", () => {
    const q = result.findings.filter((f) => f.rule === "qualitative-target" && f.sheet === "分解表");
    expect(q).toHaveLength(14);
    expect(q.every((f) => f.severity === "info")).toBe(true);
    expect(q.map((f) => f.cell)).toContain("C6");
  });

  test("the four `-` cells are missing-value infos, counted as 0", () => {
    const m = result.findings.filter((f) => f.rule === "missing-value");
    expect(m.map((f) => f.cell).sort()).toEqual(["F8", "O8", "P8", "Q8"]);
    expect(m.every((f) => f.severity === "info")).toBe(true);
  });

  test("the split table is understood: parent 杭州市目标, assignment 省下达目标, 13 districts", () => {
    expect(result.tables).toHaveLength(1);
    const t = result.tables[0];
    expect(t.sheet).toBe("分解表");
    expect(t.range).toBe("A3:Q8");
    expect(t.orientation).toBe("indicators-in-rows");
    expect(t.parent).toBe("杭州市目标");
    expect(t.assignment).toBe("省下达目标");
    expect(t.children).toHaveLength(13);
    expect(t.children[0]).toBe("上城区");
    expect(t.indicators.map((i) => i.kind)).toEqual(["ratio", "ratio", "ratio", "additive", "additive"]);
  });

  test("the year table is a progression, not a split: nothing summed or averaged across years", () => {
    expect(result.progressions).toHaveLength(1);
    expect(result.progressions[0].periods).toEqual(["2027年", "2025年", "2024年"]);
    const onProgress = result.findings.filter((f) => f.sheet === "进度表");
    expect(onProgress.filter((f) => f.severity === "error")).toEqual([]);
    expect(onProgress.some((f) => f.rule === "sum-mismatch" || f.rule === "mean-out-of-range")).toBe(false);
  });

  test("progression-decrease: 每万人高价值发明专利拥有量 falls from 55 (2024) to 50 (2025)", () => {
    const w = errorsAndWarnings(result).filter((f) => f.sheet === "进度表");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      rule: "progression-decrease",
      severity: "warning",
      cell: "D6",
      related: ["E6"],
    });
    expect(w[0].stated!.toString()).toBe("50");
    expect(w[0].computed!.toString()).toBe("55");
  });

  test("summary counts", () => {
    expect(result.summary).toMatchObject({ tables: 1, progressions: 1, errors: 1, warnings: 1 });
    expect(result.problems).toEqual([]);
  });
});
