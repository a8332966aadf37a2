/**
 * unit-misplaced (docs/rules.md §2), from the division dictionary: a district listed under a city it
 * does not belong to (上城区 under 宁波市). Units the dictionary does not know are never judged.
 */
import { findDivisions, placeUnder } from "../divisions";
import type { ParsedSplit } from "../table";
import { detail, evidenceWords } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";
import { headerCell, namesNoDivision } from "./unitPlacement";

function runMisplaced(t: ParsedSplit, out: RuleOutput): void {
  const { map } = t;
  const parentName = map.parent.unit;
  if (namesNoDivision(parentName) || findDivisions(parentName).length === 0) return;
  let judged = 0;
  let failed = false;
  for (const child of map.children) {
    const relation = placeUnder(child.unit, parentName);
    if (relation === "unknown") continue;
    judged++;
    if (relation === "no") {
      failed = true;
      out.finding({
        rule: "unit-misplaced",
        severity: "warning",
        sheet: map.sheet,
        cell: headerCell(t, child.line),
        related: [headerCell(t, map.parent.line)],
        unit: child.unit,
        hints: [],
        details: {
          parent: parentName,
          homes: findDivisions(child.unit)
            .map((d) => d.parent ?? "")
            .join(","),
        },
      });
    }
  }
  if (judged === 0) return;
  if (failed) out.failed();
  else
    out.passed({
      rule: "unit-misplaced",
      sheet: map.sheet,
      cell: headerCell(t, map.parent.line),
      related: [],
      unit: parentName,
    });
}

export const unitMisplacedRule: Rule<"unit-misplaced"> = {
  id: "unit-misplaced",
  scope: "header",
  reads: ["unit names", "division dictionary"],
  run: runMisplaced,
  findings: {
    "unit-misplaced": {
      severities: ["warning"],
      zh: {
        title: "单位归属错误",
        check: "单位归属校核",
        message: (f) =>
          `“${evidenceWords(f, "zh").unit}”不属于${detail(f, "parent")}，却列在其下级中（按行政区划）`,
        passed: (c) => `各下级单位均属于${evidenceWords(c, "zh").unit}（按行政区划）`,
      },
      en: {
        title: "Unit misplaced",
        check: "Unit placement check",
        message: (f) =>
          `"${evidenceWords(f, "en").unit}" does not belong to ${detail(f, "parent")} but is listed among its units (by the division dictionary)`,
        passed: (c) => `Every child belongs to ${evidenceWords(c, "en").unit} (by the division dictionary)`,
      },
    },
  },
};
