/**
 * mean-out-of-range: a ratio parent is a weighted mean of its children, so for any positive
 * weights it lies within [min, max] of them (docs/rules.md §2). Values are rounded to the row's
 * precision u, so only a parent more than u outside the range is certainly impossible.
 */
import { Decimal } from "../decimal";
import type { NumberCell } from "../cell";
import { compressCells } from "../address";
import { address, sheetPos, type ParsedSplit } from "../table";
import { rowDecimals, pow10neg } from "./rounding";
import { detail, evidenceWords, upperFirst } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

function run(t: ParsedSplit, out: RuleOutput): void {
  const { map, view } = t;
  for (const row of t.rows) {
    const ind = row.indicator;
    if (ind.kind !== "ratio") continue;
    const p = row.parent;
    if (p.kind !== "number" || p.bound) continue;
    let lo: NumberCell | null = null;
    let hi: NumberCell | null = null;
    let lowOpen = false; // a child written as an upper bound makes the true minimum unknown
    let highOpen = false;
    for (const c of row.children) {
      if (c.kind !== "number") continue;
      if (c.bound === "gt" || c.bound === "ge") highOpen = true;
      if (c.bound === "lt" || c.bound === "le") lowOpen = true;
      if (!lo || c.value.lt(lo.value)) lo = c;
      if (!hi || c.value.gt(hi.value)) hi = c;
    }
    if (!lo || !hi) continue;
    const u = pow10neg(rowDecimals([p, ...row.children]));
    // Every child at the minimum or maximum is related: a tie has no "first" that layout could decide.
    const extremes = map.children.filter((_, i) => {
      const c = row.children[i];
      return c.kind === "number" && (c.value.eq(lo!.value) || c.value.eq(hi!.value));
    });
    const related = compressCells(extremes.map((c) => sheetPos(view, ind, c)));
    const base = {
      sheet: map.sheet,
      cell: address(view, ind, map.parent),
      related,
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

export const meanOutOfRangeRule: Rule<"mean-out-of-range"> = {
  id: "mean-out-of-range",
  scope: "split",
  reads: ["parent", "children"],
  run,
  findings: {
    "mean-out-of-range": {
      severities: ["error"],
      zh: {
        title: "均值越界",
        check: "比率范围校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return `${w.parent} ${w.stated} 不在下级单位的最小值 ${detail(f, "min")} 与最大值 ${detail(f, "max")} 之间；比率指标的总体值是下级的加权平均，不可能超出此范围`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          return `${w.parent} ${w.stated} 在下级单位的最小值与最大值之间（比率指标的总体值是下级的加权平均）`;
        },
      },
      en: {
        title: "Mean out of range",
        check: "Ratio range check",
        message(f) {
          const w = evidenceWords(f, "en");
          return `${upperFirst(w.parent)} ${w.stated} lies outside the children's range [${detail(f, "min")}, ${detail(f, "max")}]; a ratio's total is a weighted mean of its children and cannot leave that range`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          return `${w.parent.replace(/^t/, "T")} ${w.stated} lies within the children's range (a ratio's total is a weighted mean of its children)`;
        },
      },
    },
  },
};
