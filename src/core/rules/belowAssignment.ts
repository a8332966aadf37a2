/**
 * below-assignment: the parent's own target must meet what the level above assigned — at or
 * above a floor, at or below a cap (PRODUCT §2). Targets are typed, so the comparison is exact;
 * bounds fail only when certainly violated.
 */
import { Decimal } from "../decimal";
import { certainlyBelow, describe, intervalOf } from "../interval";
import { address, type ParsedSplit } from "../table";
import type { RuleOutput, SplitRule } from "./rule";

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

export const belowAssignmentRule: SplitRule = { id: "below-assignment", scope: "split", run };
