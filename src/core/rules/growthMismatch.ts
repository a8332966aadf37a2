/**
 * growth-mismatch: within one unit a target must equal base × (1 + rate%) (潍坊: 09 = 08 × 1.22).
 * Each of the three is rounded: target to u_t, base to u_b, rate to u_r percentage points, so
 * the product can be off by u_t/2 + (1 + r)·u_b/2 + b·u_r/200. A larger gap is an error.
 */
import { a1, compressCells } from "../address";
import { isExactNumber } from "../cell";
import { Decimal } from "../decimal";
import { indicatorIndex, type ParsedSplit } from "../table";
import { pow10neg, rowDecimals } from "./rounding";
import { detail, evidenceWords, withTolerance } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

const HALF = Decimal.parse("0.5")!;
const HUNDRED = Decimal.fromInt(100);

function run(t: ParsedSplit, out: RuleOutput): void {
  if (t.index !== 0) return;
  const { table, view } = t;
  const rowIndex = indicatorIndex(table.indicators);
  for (const link of table.growth) {
    const [bi, ri, ti] = [link.base, link.rate, link.target].map((r) => rowIndex.get(r)!);
    const units = (i: number) => {
      const ind = table.indicators[i];
      return ind.count ? Decimal.ZERO : pow10neg(rowDecimals(t.lines().map((l) => l.cells[i])));
    };
    const [ub, ur, ut] = [units(bi), units(ri), units(ti)];
    for (const { line, cells } of t.lines()) {
      const b = cells[bi];
      const r = cells[ri];
      const target = cells[ti];
      if (!isExactNumber(b) || !isExactNumber(r) || !isExactNumber(target)) continue;
      const factor = HUNDRED.add(r.value); // (1 + r/100) × 100, kept exact
      const expected100 = b.value.mul(factor); // 100 × base × (1 + r%)
      const gap100 = target.value.mul(HUNDRED).sub(expected100);
      const allowed100 = ut.mul(HUNDRED).add(factor.mul(ub)).add(b.value.abs().mul(ur)).mul(HALF);
      const expected = expected100.shift(-2);
      const at = view.toSheet(link.target, line.line);
      const evidence = {
        sheet: table.sheet,
        cell: a1(at.row, at.col),
        related: compressCells([view.toSheet(link.base, line.line), view.toSheet(link.rate, line.line)]),
        indicator: table.indicators[ti].name,
        unit: line.unit,
        stated: target.value,
        computed: expected.roundTo(Math.max(ut.decimals, 0) + 2),
        difference: expected.sub(target.value).roundTo(Math.max(ut.decimals, 0) + 2),
        tolerance: {
          value: allowed100.shift(-2),
          worstCase: allowed100.shift(-2),
          basis: "shown-precision" as const,
          unit: ut,
        },
      };
      if (gap100.abs().gt(allowed100)) {
        out.failed();
        out.finding({
          ...evidence,
          rule: "growth-mismatch",
          severity: "error",
          hints: [],
          details: { base: b.value.toString(), rate: r.value.toString() },
        });
      } else out.passed({ ...evidence, rule: "growth-mismatch" });
    }
  }
}

export const growthMismatchRule: Rule<"growth-mismatch"> = {
  id: "growth-mismatch",
  scope: "group",
  group: "growth",
  reads: ["growth rows"],
  run,
  findings: {
    "growth-mismatch": {
      severities: ["error"],
      zh: {
        title: "增长计算不符",
        check: "增长计算校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return `${w.unit}：基数 ${detail(f, "base")} × (1 + ${detail(f, "rate")}%) = ${w.computed}，目标却为 ${w.stated}（超出舍入误差 ${f.tolerance?.value}）`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          return withTolerance(
            `${w.unit}：基数 × (1 + 增速) = ${w.computed}，与目标 ${w.stated} 相符`,
            w.tolerance,
            "zh",
          );
        },
      },
      en: {
        title: "Growth mismatch",
        check: "Growth check",
        message(f) {
          const w = evidenceWords(f, "en");
          return `${w.unit}: base ${detail(f, "base")} × (1 + ${detail(f, "rate")}%) = ${w.computed}, but the target is ${w.stated} (beyond the rounding tolerance ${f.tolerance?.value})`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          return withTolerance(
            `${w.unit}: base × (1 + rate) = ${w.computed}, matching the target ${w.stated}`,
            w.tolerance,
            "en",
          );
        },
      },
    },
  },
};
