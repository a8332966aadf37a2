/**
 * "Use the selection as a table" with the lines the user names (issue 15): a split detection does
 * not read (an invented total word that does not add up) is read as declared, across or down, and
 * checked; index, measure and assignment lines keep their roles; a line naming nothing is refused.
 */
import { checkMaps, detectWorkbook } from "../../src/core/check";
import { declareSplit, lineLabels } from "../../src/core/declare";
import { sheet, workbook } from "../helpers/grid";

/** Departments under an invented total word (总盘子) whose row does not add up: detection reads no split. */
const ACROSS = sheet("部门", [
  ["2025年部门任务表"],
  ["序号", "任务", "单位", "总盘子", "市发改委", "市科技局", "市财政局"],
  [1, "新增项目(个)", "个", 30, 10, 12, 7],
  [2, "投资额(亿元)", "亿元", 12.5, 4.1, 5.2, 3.2],
]);

test("across: departments under 总盘子 are read as declared; the count row's 29 against 30 is an error", () => {
  const wb = workbook(ACROSS);
  expect(detectWorkbook(wb).maps.filter((m) => m.type === "split")).toEqual([]);
  const box = { top: 1, left: 0, bottom: 3, right: 6 };
  expect(lineLabels(ACROSS, box, "indicators-in-rows", 1).map((l) => l.label)).toEqual([
    "序号",
    "任务",
    "单位",
    "总盘子",
    "市发改委",
    "市科技局",
    "市财政局",
  ]);
  const declared = declareSplit(ACROSS, box, {
    orientation: "indicators-in-rows",
    unitLine: 1,
    parentLine: 3,
  });
  if (!declared.ok) throw new Error(declared.reason);
  const map = declared.map;
  expect(map.splits[0].parent).toMatchObject({ line: 3, label: "总盘子" });
  expect(map.splits[0].children.map((c) => c.unit)).toEqual(["市发改委", "市科技局", "市财政局"]);
  expect(map.indexLine).toBe(0);
  expect(map.measureLine).toBe(2);
  expect(map.indicators.map((i) => [i.name, i.measure, i.kind, i.count])).toEqual([
    ["新增项目(个)", "个", "additive", true],
    ["投资额(亿元)", "亿元", "additive", false],
  ]);
  const result = checkMaps(wb, [map]);
  expect(result.summary.checks).toBeGreaterThan(0);
  expect(result.findings.filter((f) => f.severity === "error").map((f) => [f.rule, f.cell])).toEqual([
    ["sum-mismatch", "D3"],
  ]);
});

test("down: units in rows, the parent row at the bottom; the same sums, transposed", () => {
  const down = sheet("各村", [
    ["村（社区）", "常住人口(人)", "耕地(亩)"],
    ["东山村", 1200, 300.5],
    ["南湖社区", 900, 120],
    ["汇总数", 2100, 420.5],
  ]);
  const box = { top: 0, left: 0, bottom: 3, right: 2 };
  expect(lineLabels(down, box, "units-in-rows", 0).map((l) => l.line)).toEqual([0, 1, 2, 3]);
  const declared = declareSplit(down, box, { orientation: "units-in-rows", unitLine: 0, parentLine: 3 });
  if (!declared.ok) throw new Error(declared.reason);
  expect(declared.map.splits[0].children.map((c) => c.unit)).toEqual(["东山村", "南湖社区"]);
  const result = checkMaps(workbook(down), [declared.map]);
  expect(result.summary.checks).toBeGreaterThanOrEqual(2);
  expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
});

test("a parent line that names nothing, or no number below the header, is refused", () => {
  const box = { top: 0, left: 0, bottom: 3, right: 6 };
  expect(
    declareSplit(ACROSS, box, { orientation: "indicators-in-rows", unitLine: 0, parentLine: 3 }),
  ).toEqual({
    ok: false,
    reason: "no-parent",
  });
  expect(
    declareSplit(ACROSS, box, { orientation: "indicators-in-rows", unitLine: 3, parentLine: 3 }),
  ).toEqual({
    ok: false,
    reason: "no-indicators",
  });
  expect(
    declareSplit(ACROSS, box, { orientation: "indicators-in-rows", unitLine: 1, parentLine: 9 }),
  ).toEqual({
    ok: false,
    reason: "outside",
  });
});
