/**
 * below-assignment: the parent's own target must meet what the level above assigned — at or
 * above a floor, at or below a cap (docs/rules.md §1). Targets are typed, so the comparison is exact;
 * bounds fail only when certainly violated.
 */
import { Decimal } from "../decimal";
import { certainlyBelow, describe, intervalOf } from "../interval";
import { address, type ParsedSplit } from "../table";
import { detail, evidenceWords, upperFirst } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

function run(t: ParsedSplit, out: RuleOutput): void {
  const { map, view } = t;
  if (!map.assignment) return;
  for (const row of t.rows) {
    const a = row.assignment;
    const p = row.parent;
    if (!a || a.kind !== "number" || p.kind !== "number") continue;
    const ind = row.indicator;
    const target = intervalOf(p);
    const assigned = intervalOf(a);
    const missed =
      ind.direction === "cap" ? certainlyBelow(assigned, target) : certainlyBelow(target, assigned);
    const stated = describe(target)!;
    const expected = describe(assigned)!;
    const base = {
      sheet: map.sheet,
      cell: address(view, ind, map.parent),
      related: [address(view, ind, map.assignment)],
      indicator: ind.name,
      unit: map.parent.unit,
      stated: stated.value,
      statedBound: stated.bound,
      expected: expected.value,
      expectedBound: expected.bound,
      difference: stated.value.sub(expected.value),
      tolerance: { value: Decimal.ZERO, worstCase: Decimal.ZERO, basis: "exact" as const },
    };
    if (missed) {
      out.failed();
      out.finding({
        ...base,
        rule: "below-assignment",
        severity: "error",
        hints: [],
        details: { direction: ind.direction },
      });
    } else {
      out.passed({ ...base, rule: "below-assignment" });
    }
  }
}

/** A floor is missed from below, a cap (能耗) from above. */
const isCap = (f: { details?: Record<string, string | number> }) => detail(f, "direction") === "cap";

export const belowAssignmentRule: Rule<"below-assignment"> = {
  id: "below-assignment",
  scope: "split",
  reads: ["parent", "assignment"],
  run,
  findings: {
    "below-assignment": {
      severities: ["error"],
      zh: {
        title: "未达下达目标",
        check: "下达目标校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return isCap(f)
            ? `${w.parent} ${w.stated} 高于上级下达的上限 ${w.expected}（相差 ${w.diff}）`
            : `${w.parent} ${w.stated} 低于上级下达目标 ${w.expected}（相差 ${w.diff}）`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          return `${w.parent} ${w.stated} 满足上级下达目标 ${w.expected}`;
        },
      },
      en: {
        title: "Below assignment",
        check: "Assignment check",
        message(f) {
          const w = evidenceWords(f, "en");
          return isCap(f)
            ? `${upperFirst(w.parent)} ${w.stated} exceeds the assigned cap ${w.expected} (difference ${w.diff})`
            : `${upperFirst(w.parent)} ${w.stated} is below the assignment ${w.expected} (difference ${w.diff})`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          return `${w.parent.replace(/^t/, "T")} ${w.stated} meets the assignment ${w.expected}`;
        },
      },
    },
  },
};
