import { checkWorkbook } from "../../../src/core/check";
import { sheet, workbook } from "../../helpers/grid";

const province = sheet("全省", [
  ["2024 年各市目标分解"],
  ["指标名称", "省目标", "杭州市", "宁波市", "温州市"],
  ["新增企业数(家)", 900, 400, 300, 200],
  ["投资额(亿元)", 90.5, 40.5, 30.0, 20.0],
]);

const city = (name: string, header: string, total: number, invest: number) =>
  sheet(name, [
    [`${name}2024年区县目标`],
    ["指标名称", header, "上城区", "西湖区"],
    ["新增企业数(家)", total, total - 100, 100],
    ["投资额(亿元)", invest, invest - 10, 10],
  ]);

describe("cross-sheet-mismatch", () => {
  test("clean: each city sheet's own total equals what the province sheet assigned", () => {
    const r = checkWorkbook(
      workbook(province, city("杭州", "杭州市目标", 400, 40.5), city("宁波", "全市合计", 300, 30)),
    );
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(r.passed.filter((c) => c.rule === "cross-sheet-mismatch")).toHaveLength(4);
  });

  test("a city sheet whose total differs from the province's assignment, matched by its parent label", () => {
    const r = checkWorkbook(workbook(province, city("杭州", "杭州市目标", 410, 40.5)));
    const [f] = r.findings.filter((x) => x.rule === "cross-sheet-mismatch");
    expect(f).toMatchObject({
      severity: "error",
      sheet: "杭州",
      cell: "B3",
      related: ["全省!C3"],
      unit: "杭州市",
    });
    expect(f.difference!.toString()).toBe("10");
  });

  test("a city sheet with a 全市合计 column is matched by its sheet name", () => {
    const r = checkWorkbook(workbook(province, city("宁波", "全市合计", 300, 31)));
    const [f] = r.findings.filter((x) => x.rule === "cross-sheet-mismatch");
    expect(f).toMatchObject({ sheet: "宁波", cell: "B4", related: ["全省!D4"] });
  });
});

test("a province sheet that writes its cities short (杭州) is matched to 杭州市目标", () => {
  const short = sheet("全省", [
    ["指标名称", "全省", "杭州", "宁波"],
    ["新增就业(人)", 1000, 600, 400],
  ]);
  const hz = sheet("杭州", [
    ["指标名称", "杭州市目标", "上城区", "拱墅区"],
    ["新增就业(人)", 610, 300, 310],
  ]);
  const nb = sheet("宁波", [
    ["指标名称", "宁波市", "海曙区", "江北区"],
    ["新增就业(人)", 400, 200, 200],
  ]);
  const r = checkWorkbook(workbook(short, hz, nb));
  expect(
    r.findings.filter((f) => f.rule === "cross-sheet-mismatch").map((f) => `${f.sheet}!${f.cell}`),
  ).toEqual(["杭州!B2"]);
});
