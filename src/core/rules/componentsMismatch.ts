/**
 * components-mismatch: a total row must be the sum of its component rows in every unit
 * (粮食 = 水稻 + 小麦 + 旱杂粮), with the same rounding tolerance as a split (docs/rules.md §2).
 */
import { a1, compressCells } from "../address";
import type { NumberCell } from "../cell";
import { Decimal } from "../decimal";
import { judgeFor } from "../tolerance";
import { indicatorIndex, type ParsedSplit } from "../table";
import { roundingUnits } from "./rounding";
import { detail, evidenceWords, roundingDifference, withTolerance } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

function run(t: ParsedSplit, out: RuleOutput): void {
  if (t.index !== 0) return;
  const { table, view } = t;
  const rowIndex = indicatorIndex(table.indicators);
  for (const group of table.components) {
    const ti = rowIndex.get(group.total)!;
    const total = table.indicators[ti];
    for (const { line, cells } of t.lines()) {
      const tc = cells[ti];
      if (tc.kind !== "number" || tc.bound) continue;
      const comps = group.components.map((r) => cells[rowIndex.get(r)!]);
      if (comps.some((c) => !(c.kind === "empty" || c.kind === "dash" || (c.kind === "number" && !c.bound))))
        continue;
      const numeric = comps.filter((c): c is NumberCell => c.kind === "number");
      const computed = Decimal.sum(numeric.map((c) => c.value));
      const difference = computed.sub(tc.value);
      const verdict = judgeFor(total, difference, roundingUnits(total, [tc, ...numeric], [tc, ...comps]));
      const at = view.toSheet(group.total, line.line);
      const related = compressCells(group.components.map((r) => view.toSheet(r, line.line)));
      const evidence = {
        sheet: table.sheet,
        cell: a1(at.row, at.col),
        related,
        indicator: total.name,
        unit: line.unit,
        stated: tc.value,
        computed,
        difference,
        tolerance: verdict.tolerance,
      };
      if (verdict.severity === "error" || verdict.severity === "warning") {
        out.failed();
        out.finding({
          ...evidence,
          rule: "components-mismatch",
          severity: verdict.severity,
          hints: [],
          details: { count: comps.length },
        });
      } else out.passed({ ...evidence, rule: "components-mismatch" });
    }
  }
}

export const componentsMismatchRule: Rule<"components-mismatch"> = {
  id: "components-mismatch",
  scope: "group",
  group: "components",
  reads: ["component rows"],
  run,
  findings: {
    "components-mismatch": {
      severities: ["error", "warning"],
      zh: {
        title: "分项合计不符",
        check: "分项加总校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return `${w.unit}：${detail(f, "count")} 个分项之和 ${w.computed}，与总量 ${w.stated} 相差 ${w.diff}；${w.tolerance}`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          const diff = roundingDifference(c.difference);
          const within = diff ? `（相差 ${diff}，在舍入范围内）` : "";
          return withTolerance(
            `${w.unit}：分项之和 ${w.computed} 与总量 ${w.stated} 相符${within}`,
            w.tolerance,
            "zh",
          );
        },
      },
      en: {
        title: "Components mismatch",
        check: "Components check",
        message(f) {
          const w = evidenceWords(f, "en");
          return `${w.unit}: the ${detail(f, "count")} component rows add up to ${w.computed}; the total row says ${w.stated} (difference ${w.diff}); ${w.tolerance}`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          const diff = roundingDifference(c.difference);
          const within = diff ? ` (difference ${diff}, within rounding)` : "";
          return withTolerance(
            `${w.unit}: the component rows add up to ${w.computed}, matching the total ${w.stated}${within}`,
            w.tolerance,
            "en",
          );
        },
      },
    },
  },
};
