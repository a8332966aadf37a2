/**
 * A reading whose units are periods (2023, 2024, 2025): a progression, never summed, except under
 * a period total (十四五合计), which is a split across the years (docs/table-understanding.md §6).
 */
import type { Evidence, Orientation, PeriodLine, Reason, SplitTable, TableMap, UnitLine } from "../model";
import type { Grain, LabelRole } from "./labels";
import type { UnitInfo } from "./lineRoles";
import type { Reading } from "./reading";
import { SCORE } from "./score";

/** From the finest grain up, and how many months each spans. */
const FINER: Grain[] = ["month", "quarter", "half"];
const SPAN: Record<Grain, number> = { month: 1, quarter: 3, half: 6 };

export function progression(
  periodUnits: UnitInfo[],
  units: UnitInfo[],
  base: Omit<SplitTable, "type" | "policy" | "splits">,
  score: number,
  evidence: Evidence[],
  orientation: Orientation,
): Reading {
  const grains = new Map<number, Grain | undefined>();
  const periods: PeriodLine[] = periodUnits.map((u) => {
    const role = u.word as Extract<LabelRole, { role: "period" }>;
    grains.set(u.line, role.grain);
    return { line: u.line, label: u.display, year: role.year, span: role.span, total: role.total };
  });
  // A total word beside the years (合计) is the period total.
  const totalWord = units.find((u) => u.role === "total" || u.role === "target");
  if (totalWord && !periods.some((p) => p.total))
    periods.push({ line: totalWord.line, label: totalWord.display, year: 0, total: true });
  // Halves among quarters, quarters among months (上半年 beside 一季度…四季度): each coarser period is
  // the total of the finer ones within it, not one more period beside them.
  const finest = FINER.find((g) => periods.some((p) => grains.get(p.line) === g));
  const within = (outer: PeriodLine, inner: PeriodLine): boolean => {
    const [o, i] = [grains.get(outer.line), grains.get(inner.line)];
    if (!o || !i || SPAN[o] <= SPAN[i]) return false;
    const per = SPAN[o] / SPAN[i];
    return inner.year > (outer.year - 1) * per && inner.year <= outer.year * per;
  };
  const coarser = periods.filter(
    (p) => !p.total && finest && grains.get(p.line) && grains.get(p.line) !== finest,
  );
  const subtotals = coarser
    .map((outer) => ({
      outer,
      inner: periods.filter((p) => grains.get(p.line) === finest && within(outer, p)),
    }))
    .filter((g) => g.inner.length >= 2);
  const single = periods.filter((p) => !p.total && !coarser.includes(p));
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
  const line = (p: PeriodLine, reason: Reason = why): UnitLine => ({
    line: p.line,
    label: p.label,
    unit: p.label,
    why: reason,
  });
  const split: TableMap = {
    ...base,
    type: "split",
    policy: "exact",
    acrossPeriods: true,
    splits: [
      { parent: line(total), children: years.map((p) => line(p)), level: 0, why },
      ...subtotals.map((g) => {
        const within: Reason = { by: "keyword", evidence: g.outer.label };
        return {
          parent: line(g.outer, within),
          children: g.inner.map((p) => line(p, within)),
          level: 1,
          why: within,
        };
      }),
    ],
  };
  evidence.push({ code: "period-total", label: total.label });
  return { orientation, tables: single.length >= 2 ? [split, prog] : [split], score, evidence };
}
