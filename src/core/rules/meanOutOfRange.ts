/**
 * mean-out-of-range: a ratio parent is a weighted mean of its children, so for any positive
 * weights it lies within [min, max] of them (PRODUCT §4). Values are rounded to the row's
 * precision u, so only a parent more than u outside the range is certainly impossible.
 */
import { Decimal } from "../decimal";
import type { NumberCell } from "../cell";
import { address, type ParsedSplit } from "../table";
import { rowDecimals, pow10neg } from "./rounding";
import type { RuleOutput, SplitRule } from "./rule";

function run(t: ParsedSplit, out: RuleOutput): void {
  const { map, view } = t;
  for (const row of t.rows) {
    const ind = row.indicator;
    if (ind.kind !== "ratio") continue;
    const p = row.parent;
    if (p.kind !== "number" || p.bound) continue;
    let min: { cell: NumberCell; i: number } | null = null;
    let max: { cell: NumberCell; i: number } | null = null;
    let lowOpen = false; // a child written as an upper bound makes the true minimum unknown
    let highOpen = false;
    row.children.forEach((c, i) => {
      if (c.kind !== "number") return;
      if (c.bound === "gt" || c.bound === "ge") highOpen = true;
      if (c.bound === "lt" || c.bound === "le") lowOpen = true;
      if (!min || c.value.lt(min.cell.value)) min = { cell: c, i };
      if (!max || c.value.gt(max.cell.value)) max = { cell: c, i };
    });
    if (!min || !max) continue;
    const lo = (min as { cell: NumberCell; i: number }).cell;
    const hi = (max as { cell: NumberCell; i: number }).cell;
    const u = pow10neg(rowDecimals([p, ...row.children]));
    const related = [
      address(view, ind, map.children[(min as { i: number }).i]),
      address(view, ind, map.children[(max as { i: number }).i]),
    ];
    const base = {
      sheet: map.sheet,
      cell: address(view, ind, map.parent),
      related: related[0] === related[1] ? [related[0]] : related,
      indicator: ind.name,
      unit: map.parent.unit,
      stated: p.value,
    };
    const tolerance = { value: u, worstCase: u, basis: "shown-precision" as const, unit: u };
    const below = !lowOpen && p.value.lt(lo.value.sub(u));
    const above = !highOpen && p.value.gt(hi.value.add(u));
    if (below || above) {
      const bound = below ? lo.value : hi.value;
      out.failed();
      out.finding({
        ...base,
        rule: "mean-out-of-range",
        severity: "error",
        computed: bound,
        difference: bound.sub(p.value),
        tolerance,
        hints: [],
        details: { min: lo.value.toString(), max: hi.value.toString(), side: below ? "below" : "above" },
      });
    } else {
      out.passed({ ...base, rule: "mean-out-of-range", tolerance, difference: Decimal.ZERO });
    }
  }
}

export const meanOutOfRangeRule: SplitRule = { id: "mean-out-of-range", scope: "split", run };
