/**
 * Units listed as 其中 under another unit (杭州市 / 其中：市区 / 上城区…): parts of the unit above
 * them, checked by rules/unitPartExceedsTotal.ts, never more children (docs/rules.md §2).
 */
import type { UnitLine, UnitPartGroup } from "../model";
import { PART_WORDS } from "../vocabulary/lines";

/** What the reading knows of a unit line. */
export interface PartCandidate {
  line: number;
  role: string;
  display: string;
  label: string;
}

const PART_LEAD = new RegExp(`^(?:${PART_WORDS.join("|").replace(/\./g, "\\.")})[:：]?\\s*`, "i");

/** 其中 units with the unit they belong to: the nearest line above them that is not a part. */
export function unitPartGroups(units: readonly PartCandidate[]): UnitPartGroup[] {
  const groups: UnitPartGroup[] = [];
  const line = (u: PartCandidate): UnitLine => ({
    line: u.line,
    label: u.display,
    // 其中：市区 is the unit 市区.
    unit: u.role === "part" ? u.display.replace(PART_LEAD, "") || u.display : u.display,
    why: { by: "keyword", evidence: u.label },
  });
  units.forEach((u, k) => {
    if (u.role !== "part" || k === 0) return;
    const whole = units[k - 1];
    if (whole.role === "part") {
      groups[groups.length - 1]?.parts.push(line(u));
      return;
    }
    if (whole.role !== "child" && whole.role !== "subtotal" && whole.role !== "total") return;
    groups.push({ whole: line(whole), parts: [line(u)] });
  });
  return groups;
}
