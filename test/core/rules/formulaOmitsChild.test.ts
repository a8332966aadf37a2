import { checkWorkbook } from "../../../src/core/check";
import { formulaRefs } from "../../../src/core/formulaRefs";
import { sheet, workbook } from "../../helpers/grid";

function table(formula: string, values: number[]) {
  const sum = values.slice(1).reduce((a, b) => a + b, 0);
  return checkWorkbook(
    workbook(
      sheet(
        "表",
        [
          ["指标名称", "全市", "上城区", "拱墅区", "西湖区", "滨江区"],
          ["企业数(家)", values[0] ?? sum, ...values.slice(1)],
        ],
        { formulas: [[], [undefined, formula]] },
      ),
    ),
  );
}

describe("formula-omits-child", () => {
  test("clean: =SUM(C2:F2) covers every child", () => {
    const r = table("SUM(C2:F2)", [100, 40, 30, 20, 10]);
    expect(r.findings.filter((f) => f.rule === "formula-omits-child")).toEqual([]);
    expect(r.passed.some((c) => c.rule === "formula-omits-child")).toBe(true);
  });

  test("=SUM(C2:E2) skips 滨江区 even while its value would not change the total", () => {
    const r = table("SUM(C2:E2)", [90, 40, 30, 20, 0]);
    const [f] = r.findings.filter((x) => x.rule === "formula-omits-child");
    expect(f).toMatchObject({ severity: "error", cell: "B2", related: ["F2"] });
    expect(r.findings.filter((x) => x.rule === "sum-mismatch")).toEqual([]);
  });

  test("the values disagree too: both findings on the parent cell", () => {
    const r = table("C2+D2+E2", [90, 40, 30, 20, 10]);
    expect(
      r.findings
        .filter((x) => x.severity === "error")
        .map((x) => x.rule)
        .sort(),
    ).toEqual(["formula-omits-child", "sum-mismatch"]);
  });

  test("a formula that is not a sum of the children is left alone", () => {
    expect(
      table("Sheet2!B7*1.1", [110, 40, 30, 20, 10]).findings.filter((f) => f.rule === "formula-omits-child"),
    ).toEqual([]);
    expect(
      table("ROUND(C2*2,0)", [80, 40, 30, 20, 10]).findings.filter((f) => f.rule === "formula-omits-child"),
    ).toEqual([]);
  });

  test("formula references: quoted sheets, absolute refs, other sheets", () => {
    const r = formulaRefs("=SUM($C$2:E2,'区 县'!B3)+F2", "表");
    expect(r.local).toHaveLength(2);
    expect(r.other).toEqual([{ sheet: "区 县", box: { top: 2, left: 1, bottom: 2, right: 1 } }]);
    expect(r.additive).toBe(true);
  });
});
