import { checkWorkbook } from "../../src/core/check";
import { sheet, workbook } from "../helpers/grid";

const errors = (r: ReturnType<typeof checkWorkbook>) => r.findings.filter((f) => f.severity === "error");

describe("three levels on one sheet", () => {
  const rows = (indent: (level: number) => string) => [
    ["地区", "新增企业数(家)", "投资额(亿元)"],
    [`${indent(0)}全省合计`, 600, 60.5],
    [`${indent(1)}杭州市`, 300, 30.5],
    [`${indent(2)}上城区`, 100, 10.0],
    [`${indent(2)}西湖区`, 120, 12.5],
    [`${indent(2)}建德市`, 80, 8.0],
    [`${indent(1)}宁波市`, 300, 30.0],
    [`${indent(2)}海曙区`, 150, 15.0],
    [`${indent(2)}余姚市`, 149, 15.0],
  ];

  test("levels read from indentation by leading spaces: province, each city, each with its own finding", () => {
    const r = checkWorkbook(
      workbook(
        sheet(
          "三级",
          rows((l) => "　".repeat(l)),
        ),
      ),
    );
    expect(r.tables.map((t) => [t.level, t.parentUnit, t.children.length])).toEqual([
      [0, "全省", 2],
      [1, "杭州市", 3],
      [1, "宁波市", 2],
    ]);
    // 宁波市: 150 + 149 = 299 ≠ 300; the province and 杭州市 add up.
    expect(errors(r).map((f) => [f.rule, f.cell, f.unit])).toEqual([["sum-mismatch", "B7", "宁波市"]]);
  });

  test("levels read from the row outline (grouping) where the file exposes it", () => {
    const outlineLevels = new Map([
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 2],
      [6, 1],
      [7, 2],
      [8, 2],
    ]);
    const r = checkWorkbook(
      workbook(
        sheet(
          "三级",
          rows(() => ""),
          { outlineLevels },
        ),
      ),
    );
    expect(r.tables.map((t) => t.parentUnit)).toEqual(["全省", "杭州市", "宁波市"]);
    expect(errors(r).map((f) => f.cell)).toEqual(["B7"]);
  });

  test("levels read from the indent format of the name cells", () => {
    const indents = new Map([
      ["2,0", 1],
      ["3,0", 2],
      ["4,0", 2],
      ["5,0", 2],
      ["6,0", 1],
      ["7,0", 2],
      ["8,0", 2],
    ]);
    const r = checkWorkbook(
      workbook(
        sheet(
          "三级",
          rows(() => ""),
          { indents },
        ),
      ),
    );
    expect(r.tables).toHaveLength(3);
  });

  test("小计 lines group the units before them under the total", () => {
    const g = sheet("小计", [
      ["指标名称", "合计", "上城区", "西湖区", "主城区小计", "桐庐县", "淳安县", "县域小计"],
      ["新增企业数(家)", 100, 30, 30, 60, 25, 15, 40],
      ["投资额(亿元)", 20, 5, 5, 10, 6, 3, 10],
    ]);
    const r = checkWorkbook(workbook(g));
    expect(r.tables.map((t) => [t.parent, t.children])).toEqual([
      ["合计", ["主城区小计", "县域小计"]],
      ["主城区小计", ["上城区", "西湖区"]],
      ["县域小计", ["桐庐县", "淳安县"]],
    ]);
    // 投资额: 6 + 3 = 9 ≠ 10 under 县域小计 (1 decimal shown: worst case (3·1)/2 = 1.5 for integers… values are whole
    // numbers stored as such, so u = 1 and |−1| ≤ min(√3, 1.5): rounding info, not an error).
    expect(errors(r)).toEqual([]);
    expect(r.findings.filter((f) => f.rule === "sum-rounding").map((f) => f.cell)).toEqual(["H3"]);
  });
});

describe("levels declared in the table", () => {
  test("a 上级单位 line names each unit's parent (units in rows)", () => {
    const g = sheet("上级列", [
      ["地区", "上级单位", "新增企业数(家)"],
      ["全省合计", "", 500],
      ["杭州市", "全省", 300],
      ["上城区", "杭州市", 100],
      ["西湖区", "杭州市", 190],
      ["宁波市", "全省", 200],
      ["海曙区", "宁波市", 120],
      ["余姚市", "宁波市", 80],
    ]);
    const r = checkWorkbook(workbook(g));
    expect(r.tables.map((t) => [t.parentUnit, t.children])).toEqual([
      ["全省", ["杭州市", "宁波市"]],
      ["杭州市", ["上城区", "西湖区"]],
      ["宁波市", ["海曙区", "余姚市"]],
    ]);
    expect(errors(r).map((f) => [f.cell, f.unit])).toEqual([["C3", "杭州市"]]);
    // The structure line is not an indicator: no qualitative or not-a-number findings from it.
    expect(r.findings.filter((f) => f.cell.startsWith("B"))).toEqual([]);
  });

  test("a 级别 line (省/市/县) gives the levels", () => {
    const g = sheet("级别", [
      ["地区", "级别", "新增企业数(家)"],
      ["全省合计", "省", 500],
      ["杭州市", "市", 300],
      ["上城区", "县", 100],
      ["西湖区", "县", 200],
      ["宁波市", "市", 200],
      ["海曙区", "区", 120],
      ["余姚市", "县", 80],
    ]);
    const r = checkWorkbook(workbook(g));
    expect(r.tables.map((t) => t.parentUnit)).toEqual(["全省", "杭州市", "宁波市"]);
    expect(errors(r)).toEqual([]);
  });
});

describe("two-row and merged headers", () => {
  test("全市目标 merged over two header rows, districts under a merged 其中 row", () => {
    const g = sheet(
      "合并表头",
      [
        ["序号", "指标名称", "全市目标", "其中"],
        [undefined, undefined, undefined, "上城区", "拱墅区", "西湖区"],
        [1, "新增企业数(家)", 100, 40, 30, 29],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:C2", "D1:F1"] },
    );
    const r = checkWorkbook(workbook(g));
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0].parent).toBe("全市目标");
    expect(r.tables[0].children).toEqual(["上城区", "拱墅区", "西湖区"]);
    expect(errors(r).map((f) => f.cell)).toEqual(["C3"]);
  });

  test("an unmerged two-row header: the parent's label sits in the row above", () => {
    const g = sheet("两行表头", [
      ["指标名称", "全市", "各区"],
      [undefined, undefined, "上城区", "拱墅区", "西湖区"],
      ["新增企业数(家)", 100, 40, 30, 30],
    ]);
    const r = checkWorkbook(workbook(g));
    expect(r.tables[0]?.parent).toBe("全市");
    expect(errors(r)).toEqual([]);
  });
});
