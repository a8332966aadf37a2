/**
 * What unit-misplaced and unit-missing share (docs/rules.md §2): both read a split's unit names against
 * the division dictionary. Units outside the dictionary (开发区, 风景区, 市本级) and totals (合计,
 * 全市) are never judged.
 */
import { a1 } from "../address";
import { classifyLabel } from "../detect/labels";
import type { ParsedSplit } from "../table";
import { normalizeLabel } from "../text";

/** A unit's name cell: where its line crosses the header line. */
export function headerCell(t: ParsedSplit, line: number): string {
  const p = t.view.toSheet(t.map.headerLine, line);
  return a1(p.row, p.col);
}

/**
 * A parent named by a total keyword (合计, 全市, 总计) is no division of its own: said without
 * loading the division dictionary, which a table under 合计 alone would otherwise build for nothing.
 */
export function namesNoDivision(unit: string): boolean {
  return classifyLabel(normalizeLabel(unit)).role === "total";
}
