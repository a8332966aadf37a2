/**
 * A reading whose units are periods (2023, 2024, 2025): a progression, never summed, except under
 * a period total (十四五合计), which is a split across the years (docs/table-understanding.md §6).
 */
import type { Evidence, Orientation, PeriodLine, Reason, SplitTable, TableMap, UnitLine } from "../model";
import type { LabelRole } from "./labels";
import type { UnitInfo } from "./lineRoles";
import type { Reading } from "./reading";
import { SCORE } from "./score";

export function progression(
  periodUnits: UnitInfo[],
  units: UnitInfo[],
  base: Omit<SplitTable, "type" | "policy" | "splits">,
  score: number,
  evidence: Evidence[],
  orientation: Orientation,
): Reading {
  const periods: PeriodLine[] = periodUnits.map((u) => {
    const role = u.word as Extract<LabelRole, { role: "period" }>;
    return { line: u.line, label: u.display, year: role.year, span: role.span, total: role.total };
  });
  // A total word beside the years (合计) is the period total.
  const totalWord = units.find((u) => u.role === "total" || u.role === "target");
  if (totalWord && !periods.some((p) => p.total))
    periods.push({ line: totalWord.line, label: totalWord.display, year: 0, total: true });
  const single = periods.filter((p) => !p.total);
  evidence.push({ code: "periods", label: single.map((p) => p.label).join("、") });
  score += SCORE.progression + Math.min(single.length, 4);
  if (single.length === 0) return { orientation, tables: [], score: 0, evidence, miss: "single-period" };
  const prog: TableMap = { ...base, type: "progression", periods: single };
  const total = periods.find((p) => p.total);
  const years = total
    ? single.filter((p) => !total.span || (p.year >= total.span[0] && p.year <= total.span[1]))
    : [];
  if (!total || years.length < 2) {
    if (single.length < 2) return { orientation, tables: [], score: 0, evidence, miss: "single-period" };
    return { orientation, tables: [prog], score, evidence };
  }
  const why: Reason = { by: "keyword", evidence: total.label };
  const line = (p: PeriodLine): UnitLine => ({ line: p.line, label: p.label, unit: p.label, why });
  const split: TableMap = {
    ...base,
    type: "split",
    policy: "exact",
    acrossPeriods: true,
    splits: [{ parent: line(total), children: years.map(line), level: 0, why }],
  };
  evidence.push({ code: "period-total", label: total.label });
  return { orientation, tables: single.length >= 2 ? [split, prog] : [split], score, evidence };
}
