import { checkWorkbook } from "../../../src/core/check";
import { checkSplit, notInfo, only } from "../../helpers/split";
import { HANGZHOU_DISTRICTS, sheet, workbook } from "../../helpers/grid";

const HANGZHOU = HANGZHOU_DISTRICTS;

function city(name: string, units: string[], values?: number[]) {
  const v = values ?? units.map(() => 10);
  const total = v.reduce((a, b) => a + b, 0);
  return checkWorkbook(
    workbook(
      sheet("分解", [
        ["指标名称", `${name}目标`, ...units],
        ["新增企业数(家)", total, ...v],
      ]),
    ),
  );
}

describe("unit-misplaced", () => {
  test("clean: 杭州市's 13 units, 建德市 (a county-level city) included", () => {
    const r = city("杭州市", HANGZHOU);
    expect(notInfo(r)).toEqual([]);
    expect(only(r, "unit-missing")).toEqual([]);
  });

  test("上城区 listed under 宁波市 is a warning on its name cell", () => {
    const r = city("宁波市", ["海曙区", "江北区", "上城区", "北仑区"]);
    const [f] = only(r, "unit-misplaced");
    expect(f).toMatchObject({ severity: "warning", cell: "E1", related: ["B1"], unit: "上城区" });
  });

  test("functional units (开发区, 市本级, 风景区) are valid children", () => {
    const r = city("杭州市", [...HANGZHOU, "西湖风景名胜区", "杭州经济技术开发区", "市本级"]);
    expect(only(r, "unit-misplaced")).toEqual([]);
  });
});

describe("unit-missing", () => {
  test("杭州市 without 淳安县 is reported as info, naming it", () => {
    const r = city(
      "杭州市",
      HANGZHOU.filter((u) => u !== "淳安县"),
    );
    const [f] = only(r, "unit-missing");
    expect(f).toMatchObject({ severity: "info", cell: "B1" });
    expect(f.details?.missing).toBe("淳安县");
  });

  test("a table still listing the former 江干区 and 下城区 does not miss their successors", () => {
    const old = [
      "上城区",
      "下城区",
      "江干区",
      "拱墅区",
      "西湖区",
      "滨江区",
      "萧山区",
      "余杭区",
      "富阳区",
      "临安区",
      "桐庐县",
      "淳安县",
      "建德市",
    ];
    const r = city("杭州市", old);
    expect(only(r, "unit-misplaced")).toEqual([]);
  });
});

describe("levels from names alone", () => {
  test("province, cities and districts nest by the dictionary, without indentation", () => {
    const r = checkWorkbook(
      workbook(
        sheet("三级", [
          ["地区", "新增企业数(家)"],
          ["浙江省", 600],
          ["杭州市", 300],
          ["上城区", 100],
          ["建德市", 200],
          ["宁波市", 300],
          ["海曙区", 150],
          ["余姚市", 140],
        ]),
      ),
    );
    expect(r.tables.map((t) => [t.parentUnit, t.children])).toEqual([
      ["浙江省", ["杭州市", "宁波市"]],
      ["杭州市", ["上城区", "建德市"]],
      ["宁波市", ["海曙区", "余姚市"]],
    ]);
    expect(only(r, "sum-mismatch").map((f) => f.unit)).toEqual(["宁波市"]);
  });

  test("a flat list with one misplaced district stays flat", () => {
    const r = checkSplit(["海曙区", "上城区", "江北区"], [["企业数(家)", 30, 30, 10, 10, 10]]);
    expect(r.tables).toHaveLength(1);
  });
});
