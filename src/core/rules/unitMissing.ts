/**
 * unit-missing (docs/rules.md §2), from the division dictionary: a city's known sub-unit absent from its
 * split (info: a table may cover part of a city on purpose). Only a split of the parent's own
 * units is judged, never a list of 开发区 or of towns.
 */
import { findDivisions, isFunctionalUnit, missingChildren, placeUnder } from "../divisions";
import type { ParsedSplit } from "../table";
import { detail, evidenceWords } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";
import { headerCell, namesNoDivision } from "./unitPlacement";

function runMissing(t: ParsedSplit, out: RuleOutput): void {
  const { map } = t;
  if (namesNoDivision(map.parent.unit)) return;
  const parents = findDivisions(map.parent.unit).filter((d) => d.level !== "county" && !d.former);
  if (parents.length !== 1) return;
  const names = map.children.map((c) => c.unit);
  // Only a split of the city's own units can miss one of them (not a list of 开发区 or of towns).
  const belonging = names.filter(
    (n) => !isFunctionalUnit(n) && placeUnder(n, map.parent.unit) === "yes",
  ).length;
  if (belonging * 2 < names.length) return;
  const missing = missingChildren(parents[0].code, names);
  if (missing.length === 0) {
    out.passed({
      rule: "unit-missing",
      sheet: map.sheet,
      cell: headerCell(t, map.parent.line),
      related: [],
      unit: map.parent.unit,
    });
    return;
  }
  out.failed();
  out.finding({
    rule: "unit-missing",
    severity: "info",
    sheet: map.sheet,
    cell: headerCell(t, map.parent.line),
    related: [],
    unit: map.parent.unit,
    hints: [],
    details: { missing: missing.map((d) => d.name).join("、"), count: missing.length },
  });
}

export const unitMissingRule: Rule<"unit-missing"> = {
  id: "unit-missing",
  scope: "header",
  reads: ["unit names", "division dictionary"],
  run: runMissing,
  findings: {
    "unit-missing": {
      severities: ["info"],
      zh: {
        title: "缺少下级单位",
        check: "下级完整校核",
        message: (f) =>
          `${evidenceWords(f, "zh").unit}的下级单位中缺少 ${detail(f, "count")} 个：${detail(f, "missing")}（如为有意只列部分单位，可忽略）`,
        passed: (c) => `${evidenceWords(c, "zh").unit}已知的下级单位均已列出`,
      },
      en: {
        title: "Unit missing",
        check: "Completeness check",
        message: (f) =>
          `${evidenceWords(f, "en").unit}'s split leaves out ${detail(f, "count")} of its units: ${detail(f, "missing")} (ignore if the table covers part of it on purpose)`,
        passed: (c) => `Every known sub-unit of ${evidenceWords(c, "en").unit} is listed`,
      },
    },
  },
};
