/**
 * weighted-mean-mismatch: a ratio's parent is its children's mean weighted by the weights row
 * (GDP): r = Σ rᵢdᵢ / d, with d the parent's own weight (district GDPs need not add up to the
 * city's; docs/rules.md §2) or Σdᵢ when the parent shows none. Each ratio is rounded to u, so the
 * numerators can be off by Σdᵢ·u/2 and the parent by d·u/2: a larger gap is an error.
 * Compared exactly: |Σrᵢdᵢ − r·d| > (Σdᵢ + d)·u/2.
 */
import { a1, compressCells } from "../address";
import { isExactNumber } from "../cell";
import { Decimal } from "../decimal";
import type { ParsedSplit } from "../table";
import { pow10neg, rowDecimals } from "./rounding";
import { detail, evidenceWords, withTolerance } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

const HALF = Decimal.parse("0.5")!;

function run(t: ParsedSplit, out: RuleOutput): void {
  const { map, view, rows } = t;
  const byLine = new Map(rows.map((r) => [r.indicator.line, r]));
  for (const link of map.weights) {
    const ratio = byLine.get(link.ratio);
    const weight = byLine.get(link.weight);
    if (!ratio || !weight || !isExactNumber(ratio.parent)) continue;
    let numerator = Decimal.ZERO;
    let weights = Decimal.ZERO;
    let usable = true;
    ratio.children.forEach((r, i) => {
      const w = weight.children[i];
      if (r.kind === "empty" || r.kind === "dash") return;
      if (!isExactNumber(r) || !isExactNumber(w)) usable = false;
      else {
        numerator = numerator.add(r.value.mul(w.value));
        weights = weights.add(w.value);
      }
    });
    if (!usable || weights.isZero()) continue;
    const d = isExactNumber(weight.parent) && !weight.parent.value.isZero() ? weight.parent.value : weights;
    const u = pow10neg(rowDecimals([ratio.parent, ...ratio.children]));
    const gap = numerator.sub(ratio.parent.value.mul(d));
    const allowed = weights.add(d).mul(u).mul(HALF);
    // The weighted mean itself, for the message only (a quotient has no exact decimal).
    const mean = Decimal.fromNumber(Number((numerator.toNumber() / d.toNumber()).toFixed(u.decimals + 3)));
    const at = view.toSheet(ratio.indicator.line, map.parent.line);
    const related = compressCells(
      map.children.flatMap((c) => [
        view.toSheet(ratio.indicator.line, c.line),
        view.toSheet(weight.indicator.line, c.line),
      ]),
    );
    const evidence = {
      sheet: map.sheet,
      cell: a1(at.row, at.col),
      related,
      indicator: ratio.indicator.name,
      unit: map.parent.unit,
      stated: ratio.parent.value,
      computed: mean,
      difference: mean.sub(ratio.parent.value),
      tolerance: { value: u, worstCase: u, basis: "shown-precision" as const, unit: u },
    };
    if (gap.abs().gt(allowed)) {
      out.failed();
      out.finding({
        ...evidence,
        rule: "weighted-mean-mismatch",
        severity: "error",
        hints: [],
        details: { weights: weight.indicator.name },
      });
    } else out.passed({ ...evidence, rule: "weighted-mean-mismatch" });
  }
}

export const weightedMeanMismatchRule: Rule<"weighted-mean-mismatch"> = {
  id: "weighted-mean-mismatch",
  scope: "weights",
  reads: ["parent", "children", "weights row"],
  run,
  findings: {
    "weighted-mean-mismatch": {
      severities: ["error"],
      zh: {
        title: "加权平均不符",
        check: "加权平均校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return `按“${detail(f, "weights")}”加权，下级单位的平均值为 ${w.computed}，与${w.parent} ${w.stated} 不符（超出舍入误差）`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          return withTolerance(
            `下级单位的加权平均 ${w.computed} 与${w.parent} ${w.stated} 相符`,
            w.tolerance,
            "zh",
          );
        },
      },
      en: {
        title: "Weighted mean mismatch",
        check: "Weighted mean check",
        message(f) {
          const w = evidenceWords(f, "en");
          return `Weighted by "${detail(f, "weights")}", the children's mean is ${w.computed}, not ${w.parent} ${w.stated} (beyond rounding)`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          return withTolerance(
            `The children's weighted mean ${w.computed} matches ${w.parent} ${w.stated}`,
            w.tolerance,
            "en",
          );
        },
      },
    },
  },
};
