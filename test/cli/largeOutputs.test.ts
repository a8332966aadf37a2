/**
 * Text for people stays within the stack however long it gets: column widths over 150,000 lines
 * (Math.max(...widths) overflowed past about 120,000 arguments).
 */
import { checkWorkbook } from "../../src/core/check";
import type { RawValue } from "../../src/core/grid";
import { findingsText } from "../../src/cli/textReport";
import { maxWidth } from "../../src/cli/width";
import { sheet, workbook } from "../helpers/grid";

test("maxWidth over 200,000 texts, CJK counting two", () => {
  const texts = Array.from({ length: 200_000 }, (_, i) => (i === 123_456 ? "分解表!AB123456" : "D7"));
  expect(maxWidth(texts)).toBe(3 * 2 + 9);
  expect(maxWidth([], 4)).toBe(4);
});

test("the findings of a table with 150,000 error cells are listed, not a stack overflow", () => {
  const n = 150_000;
  const values: RawValue[][] = [
    ["地区", "新增企业(家)"],
    ["合计", n],
  ];
  for (let i = 0; i < n; i++) values.push([`单位${i + 1}镇`, { error: "#REF!" }]);
  const result = checkWorkbook(workbook(sheet("表", values)));
  expect(result.findings.filter((f) => f.rule === "error-value")).toHaveLength(n);
  const lines = findingsText(result, "zh");
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.join("\n")).toContain("#REF!");
}, 60_000);
