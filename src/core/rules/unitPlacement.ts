/**
 * unit-misplaced and unit-missing (PRODUCT §4), from the division dictionary: a district listed
 * under a city it does not belong to (上城区 under 宁波市), and a city's known sub-unit absent
 * from its split (info: a table may cover part of a city on purpose). Units outside the
 * dictionary (开发区, 风景区, 市本级) and totals (合计, 全市) are never judged.
 */
import { a1 } from "../address";
import { findDivisions, isFunctionalUnit, missingChildren, placeUnder } from "../divisions";
import { classifyLabel } from "../detect/labels";
import type { ParsedSplit } from "../table";
import { normalizeLabel } from "../text";
import type { RuleOutput, SplitRule } from "./rule";

function headerCell(t: ParsedSplit, line: number): string {
  const p = t.view.toSheet(t.map.headerLine, line);
  return a1(p.row, p.col);
}

/**
 * A parent named by a total keyword (合计, 全市, 总计) is no division of its own: said without
 * loading the division dictionary, which a table under 合计 alone would otherwise build for nothing.
 */
function namesNoDivision(unit: string): boolean {
  return classifyLabel(normalizeLabel(unit)).role === "total";
}

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

export const unitMisplacedRule: SplitRule = { id: "unit-misplaced", scope: "split", run: runMisplaced };
export const unitMissingRule: SplitRule = { id: "unit-missing", scope: "split", run: runMissing };
