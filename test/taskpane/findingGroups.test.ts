/** How the pane lists findings: by indicator, worst first, and what a click selects. */
import { checkWorkbook } from "../../src/core/check";
import type { Finding } from "../../src/core/finding";
import { cellsText, groupByIndicator, selectionOf } from "../../src/taskpane/findingGroups";
import { seedWorkbook } from "../helpers/grid";

const result = checkWorkbook(seedWorkbook());

test("the sample's findings grouped by indicator, the group with the error first", () => {
  const groups = groupByIndicator(result.findings);
  expect(groups[0].indicator).toBe("新增高新技术企业数(家)");
  expect(groups[0].worst).toBe("error");
  expect(groups[0].counts.error).toBe(1);
  expect(groups.reduce((n, g) => n + g.findings.length, 0)).toBe(result.findings.length);
  const keys = groups.map((g) => g.key);
  expect(new Set(keys).size).toBe(keys.length);
});

test("within a group, errors before warnings before notes", () => {
  const f = (severity: Finding["severity"], cell: string): Finding => ({
    rule: "sum-mismatch",
    severity,
    sheet: "S",
    cell,
    related: [],
    indicator: "x",
    hints: [],
  });
  const [group] = groupByIndicator([f("info", "A1"), f("error", "A2"), f("warning", "A3")]);
  expect(group.findings.map((x) => x.cell)).toEqual(["A2", "A3", "A1"]);
});

test("a click selects the finding's cell first, then its related cells on the same sheet", () => {
  const d7 = result.findings.find((f) => f.cell === "D7")!;
  expect(selectionOf(d7)).toEqual(["D7", "E7:Q7"]);
  expect(cellsText(selectionOf({ ...d7, related: ["E7:Q7", "省!C5"] }))).toBe("D7, E7:Q7");
});
