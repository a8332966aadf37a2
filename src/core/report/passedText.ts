/**
 * A sentence for a check that passed, from its evidence (a failed check is a Finding and has
 * renderMessage). The report lists both, so an auditor sees what was verified, not only what
 * went wrong.
 */
import type { PassedCheck } from "../rules/rule";
import { RULE_TITLES, describeTolerance, formatValue, parentTarget, type Lang } from "../messages";

function signed(text: string): string {
  return text && !text.startsWith("-") && text !== "0" ? `+${text}` : text;
}

export function passedMessage(c: PassedCheck, lang: Lang): string {
  const zh = lang === "zh";
  const stated = formatValue(c.stated, c.statedBound, lang);
  const computed = formatValue(c.computed, c.computedBound, lang);
  const expected = formatValue(c.expected, c.expectedBound, lang);
  const diff = c.difference && !c.difference.isZero() ? signed(c.difference.toString()) : "";
  const unit = c.unit ?? "";
  const tol = describeTolerance(c.tolerance, lang);
  const withTol = (text: string): string => (tol ? `${text}${zh ? "；" : "; "}${tol}` : text);
  switch (c.rule) {
    case "sum-mismatch": {
      const n = c.details?.children;
      const share = c.details?.expected === "100";
      const bounded = !!(c.statedBound || c.computedBound);
      if (share)
        return withTol(
          zh
            ? `${n} 个下级单位占比合计 ${computed}，与 100 相符${diff ? `（相差 ${diff}，在舍入范围内）` : ""}`
            : `The shares of the ${n} children add up to ${computed}, matching 100${diff ? ` (difference ${diff}, within rounding)` : ""}`,
        );
      if (bounded)
        return withTol(
          zh
            ? `${n} 个下级单位合计 ${computed}，与${parentTarget(unit, lang)} ${stated} 不矛盾（含界限值）`
            : `The ${n} children add up to ${computed}, consistent with ${parentTarget(unit, lang)} ${stated} (bounds involved)`,
        );
      return withTol(
        zh
          ? `${n} 个下级单位合计 ${computed}，与${parentTarget(unit, lang)} ${stated} 相符${diff ? `（相差 ${diff}，在舍入范围内）` : ""}`
          : `The ${n} children add up to ${computed}, matching ${parentTarget(unit, lang)} ${stated}${diff ? ` (difference ${diff}, within rounding)` : ""}`,
      );
    }
    case "mean-out-of-range":
      return zh
        ? `${parentTarget(unit, lang)} ${stated} 在下级单位的最小值与最大值之间（比率指标的总体值是下级的加权平均）`
        : `${parentTarget(unit, lang).replace(/^t/, "T")} ${stated} lies within the children's range (a ratio's total is a weighted mean of its children)`;
    case "below-assignment":
      return zh
        ? `${parentTarget(unit, lang)} ${stated} 满足上级下达目标 ${expected}`
        : `${parentTarget(unit, lang).replace(/^t/, "T")} ${stated} meets the assignment ${expected}`;
    case "cross-sheet-mismatch":
      return withTol(
        zh
          ? `${unit}本表目标 ${stated} 与上级表下达的 ${expected} 一致`
          : `${unit}'s own total ${stated} agrees with the ${expected} assigned on the parent sheet`,
      );
    case "growth-mismatch":
      return withTol(
        zh
          ? `${unit}：基数 × (1 + 增速) = ${computed}，与目标 ${stated} 相符`
          : `${unit}: base × (1 + rate) = ${computed}, matching the target ${stated}`,
      );
    case "weighted-mean-mismatch":
      return withTol(
        zh
          ? `下级单位的加权平均 ${computed} 与${parentTarget(unit, lang)} ${stated} 相符`
          : `The children's weighted mean ${computed} matches ${parentTarget(unit, lang)} ${stated}`,
      );
    case "components-mismatch":
      return withTol(
        zh
          ? `${unit}：分项之和 ${computed} 与总量 ${stated} 相符${diff ? `（相差 ${diff}，在舍入范围内）` : ""}`
          : `${unit}: the component rows add up to ${computed}, matching the total ${stated}${diff ? ` (difference ${diff}, within rounding)` : ""}`,
      );
    case "part-exceeds-total":
      return zh
        ? `${unit}：“其中”分项均不超过总数 ${stated}，合计亦不超过`
        : `In ${unit}, no "of which" part, nor their sum, exceeds the total ${stated}`;
    case "formula-omits-child":
      return zh ? `${unit}的合计公式包含全部下级单位` : `The ${unit} total's formula includes every child`;
    case "duplicate-unit":
      return zh ? `${unit}的下级单位没有重复` : `No child of ${unit} appears twice`;
    case "unit-misplaced":
      return zh
        ? `各下级单位均属于${unit}（按行政区划）`
        : `Every child belongs to ${unit} (by the division dictionary)`;
    case "unit-missing":
      return zh ? `${unit}已知的下级单位均已列出` : `Every known sub-unit of ${unit} is listed`;
    case "progression-decrease":
      return zh
        ? `存量或累计值逐期未减少（${computed} → ${stated}）`
        : `The stock or cumulative value never falls over time (${computed} → ${stated})`;
    default:
      return zh ? `${RULE_TITLES[c.rule].zh}：通过` : `${RULE_TITLES[c.rule].en}: passed`;
  }
}
