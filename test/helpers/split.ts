import { checkWorkbook, type CheckResult } from "../../src/core/check";
import type { RawValue } from "../../src/core/grid";
import { sheet, workbook } from "./grid";

/**
 * A one-table sheet: header on row 1 (序号, 指标名称, 省下达目标, 全市目标, children…), one row per
 * indicator. Columns: A 序号, B 指标名称, C 省下达目标, D 全市目标 (the parent), E… children.
 */
export function checkSplit(
  children: string[],
  rows: [string, RawValue, RawValue, ...RawValue[]][],
  extraRows: RawValue[][] = [],
): CheckResult {
  const values: RawValue[][] = [["序号", "指标名称", "省下达目标", "全市目标", ...children]];
  rows.forEach(([name, assignment, parent, ...kids], i) =>
    values.push([i + 1, name, assignment, parent, ...kids]),
  );
  values.push(...extraRows);
  return checkWorkbook(workbook(sheet("表", values)));
}

export const NINE = [
  "上城区",
  "拱墅区",
  "西湖区",
  "滨江区",
  "萧山区",
  "余杭区",
  "临平区",
  "钱塘区",
  "富阳区",
];
export const THREE = ["上城区", "拱墅区", "西湖区"];

export function only(result: CheckResult, rule: string) {
  return result.findings.filter((f) => f.rule === rule);
}

export function notInfo(result: CheckResult) {
  return result.findings.filter((f) => f.severity !== "info");
}
