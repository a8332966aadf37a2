/**
 * Renders a finding's evidence as a sentence in the reader's language, at the edge
 * (CLI, pane, report). Findings themselves carry no prose.
 */
import type { Bound } from "./cell";
import type { Decimal } from "./decimal";
import type { Finding, Hint, RuleId, Severity, Tolerance } from "./finding";
import type { Evidence } from "./model";

export type Lang = "zh" | "en";

const BOUND_TEXT: Record<Lang, Record<Bound, string>> = {
  zh: { gt: "超", ge: "不低于", lt: "低于", le: "不超过" },
  en: { gt: "more than ", ge: "at least ", lt: "less than ", le: "at most " },
};

export function formatValue(v: Decimal | undefined, bound: Bound | undefined, lang: Lang): string {
  if (!v) return "";
  const text = v.toString();
  return bound ? BOUND_TEXT[lang][bound] + text : text;
}

function signed(v: Decimal | undefined): string {
  if (!v) return "";
  const s = v.toString();
  return v.sign() > 0 ? `+${s}` : s;
}

export const RULE_TITLES: Record<RuleId, Record<Lang, string>> = {
  "sum-mismatch": { zh: "合计不符", en: "Sum mismatch" },
  "sum-rounding": { zh: "舍入差异", en: "Rounding difference" },
  "mean-out-of-range": { zh: "均值越界", en: "Mean out of range" },
  "weighted-mean-mismatch": { zh: "加权平均不符", en: "Weighted mean mismatch" },
  "growth-mismatch": { zh: "增长计算不符", en: "Growth mismatch" },
  "below-assignment": { zh: "未达下达目标", en: "Below assignment" },
  "part-exceeds-total": { zh: "其中项超总数", en: "Part exceeds total" },
  "components-mismatch": { zh: "分项合计不符", en: "Components mismatch" },
  "cross-sheet-mismatch": { zh: "跨表不符", en: "Cross-sheet mismatch" },
  "progression-decrease": { zh: "逐年递减", en: "Decrease over time" },
  "formula-omits-child": { zh: "公式漏项", en: "Formula omits a child" },
  "unit-misplaced": { zh: "单位归属错误", en: "Unit misplaced" },
  "unit-missing": { zh: "缺少下级单位", en: "Unit missing" },
  "duplicate-unit": { zh: "单位重复", en: "Duplicate unit" },
  "error-value": { zh: "错误值", en: "Error value" },
  "not-a-number": { zh: "非数值", en: "Not a number" },
  "missing-value": { zh: "空缺值", en: "Missing value" },
  "qualitative-target": { zh: "定性目标", en: "Qualitative target" },
};

/**
 * Each rule as the check it makes (an audit report lists passed checks too: "加总校核 ✓ 通过",
 * never "合计不符 ✓ 通过").
 */
export const CHECK_TITLES: Record<RuleId, Record<Lang, string>> = {
  "sum-mismatch": { zh: "加总校核", en: "Sum check" },
  "sum-rounding": { zh: "加总校核", en: "Sum check" },
  "mean-out-of-range": { zh: "比率范围校核", en: "Ratio range check" },
  "weighted-mean-mismatch": { zh: "加权平均校核", en: "Weighted mean check" },
  "growth-mismatch": { zh: "增长计算校核", en: "Growth check" },
  "below-assignment": { zh: "下达目标校核", en: "Assignment check" },
  "part-exceeds-total": { zh: "“其中”项校核", en: "Part-of-total check" },
  "components-mismatch": { zh: "分项加总校核", en: "Components check" },
  "cross-sheet-mismatch": { zh: "跨表一致校核", en: "Cross-sheet check" },
  "progression-decrease": { zh: "逐年不减校核", en: "Progression check" },
  "formula-omits-child": { zh: "合计公式校核", en: "Total formula check" },
  "unit-misplaced": { zh: "单位归属校核", en: "Unit placement check" },
  "unit-missing": { zh: "下级完整校核", en: "Completeness check" },
  "duplicate-unit": { zh: "单位重复校核", en: "Duplicate unit check" },
  "error-value": { zh: "单元格校核", en: "Cell check" },
  "not-a-number": { zh: "单元格校核", en: "Cell check" },
  "missing-value": { zh: "单元格校核", en: "Cell check" },
  "qualitative-target": { zh: "定性目标", en: "Qualitative target" },
};

export const SEVERITY_TEXT: Record<Severity, Record<Lang, string>> = {
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "info" },
};

/**
 * The tolerance in plain words, as a person would say it: how much difference is allowed and why
 * (PRODUCT §4). The statistics behind the rounding band are `toleranceDetail`, for a line the
 * reader can open.
 */
export function describeTolerance(t: Tolerance | undefined, lang: Lang): string {
  if (!t) return "";
  const zh = lang === "zh";
  switch (t.basis) {
    case "exact-count":
      return zh ? "不允许误差：整数计数须完全相等" : "no difference allowed: whole-number counts must match";
    case "exact":
      return zh ? "不允许误差（精确比较）" : "no difference allowed (exact comparison)";
    case "user":
      return zh ? `允许 ±${t.value} 的误差（用户设定）` : `difference allowed: ±${t.value} (set by the user)`;
    case "written-multiplier":
      return zh
        ? `允许 ±${t.value} 的四舍五入误差（有的数以“万”“亿”书写，只精确到末位）`
        : `rounding allowed: ±${t.value} (some values are written with 万/亿 and known only to their last digit)`;
    case "shown-precision":
      if (t.values === undefined)
        return zh
          ? `允许 ±${t.value} 的四舍五入误差（各数保留到 ${t.unit}）`
          : `rounding allowed: ±${t.value} (values shown to ${t.unit})`;
      return zh
        ? `允许 ±${t.value} 的四舍五入误差（${t.values} 个数都保留到 ${t.unit}）`
        : `rounding allowed: ±${t.value} (${t.values} values, each shown to ${t.unit})`;
  }
}

/**
 * How the rounding band was derived, for the reader who wants the statistics: each of the n rounded
 * values is off by at most half its last digit, so together by at most the worst case; a difference
 * within about 3.5 standard deviations of that noise is rounding, beyond it but within the worst
 * case a warning, beyond the worst case an error. Empty where there is nothing to derive.
 */
export function toleranceDetail(t: Tolerance | undefined, lang: Lang): string {
  if (!t || (t.basis !== "shown-precision" && t.basis !== "written-multiplier")) return "";
  const zh = lang === "zh";
  const n = t.values;
  if (n === undefined) return "";
  return zh
    ? `${n} 个数的舍入误差加在一起最多 ±${t.worstCase}；差额在 ±${t.value} 以内（约 3.5 个标准差，按 min(u·√n, n·u/2) 计）视为四舍五入，超过 ±${t.value} 但不超过 ±${t.worstCase} 为警告，超过 ±${t.worstCase} 则四舍五入无法解释，为错误。`
    : `Together the rounding of the ${n} values can be off by at most ±${t.worstCase}; a difference within ±${t.value} (about 3.5 standard deviations, min(u·√n, n·u/2)) is rounding, beyond it but within ±${t.worstCase} a warning, beyond ±${t.worstCase} rounding cannot explain it: an error.`;
}

/**
 * Words that name a sum rather than a unit (合计, Total): "与合计 75.6", never "与合计目标 75.6".
 * Compared without spaces (合  计) and case.
 */
const SUM_WORDS = new Set([
  "合计",
  "总计",
  "小计",
  "共计",
  "汇总",
  "总和",
  "total",
  "grandtotal",
  "subtotal",
  "sum",
]);

function namesASum(unit: string): boolean {
  return SUM_WORDS.has(unit.replace(/\s+/g, "").toLowerCase());
}

function upperFirst(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** The parent as a sentence names it: 杭州市目标 / the 杭州市 target, or just 合计 / Total. */
export function parentTarget(unit: string, lang: Lang): string {
  if (namesASum(unit)) return lang === "zh" ? unit : `the ${unit}`;
  return lang === "zh" ? `${unit}目标` : `the ${unit} target`;
}

export function renderHint(h: Hint, lang: Lang): string {
  const zh = lang === "zh";
  const who = h.unit ? `${h.unit}（${h.cell}）` : h.cell;
  const whoEn = h.unit ? `${h.unit} (${h.cell})` : h.cell;
  const sug = h.suggested?.toString();
  switch (h.kind) {
    case "transposed-digits":
      return zh ? `${who}可能两位数字颠倒，应为 ${sug}？` : `${whoEn} may have two digits swapped: ${sug}?`;
    case "dropped-digit":
      return zh ? `${who}可能少录一位数字，应为 ${sug}？` : `${whoEn} may have lost a digit: ${sug}?`;
    case "extra-digit":
      return zh ? `${who}可能多录一位数字，应为 ${sug}？` : `${whoEn} may have an extra digit: ${sug}?`;
    case "omitted-child":
      return zh
        ? `差额恰等于${who}，合计可能漏计了它`
        : `the difference equals ${whoEn}: the total may leave it out`;
    case "double-counted-child":
      return zh
        ? `差额恰等于${who}，合计可能重复计入了它`
        : `the difference equals ${whoEn}: the total may count it twice`;
  }
}

function detail(f: Finding, key: string): string {
  const v = f.details?.[key];
  return v === undefined ? "" : String(v);
}

export function renderMessage(f: Finding, lang: Lang): string {
  const zh = lang === "zh";
  const stated = formatValue(f.stated, f.statedBound, lang);
  const computed = formatValue(f.computed, f.computedBound, lang);
  const diff = signed(f.difference);
  const unit = f.unit ?? "";
  const text = detail(f, "text");
  switch (f.rule) {
    case "sum-mismatch":
    case "sum-rounding": {
      const n = detail(f, "children");
      const noun = detail(f, "childNoun");
      const nounZh =
        noun === "county"
          ? "区县"
          : noun === "town"
            ? "乡镇（街道）"
            : noun === "period"
              ? "年度"
              : "下级单位";
      const nounEn =
        noun === "county"
          ? "districts and counties"
          : noun === "town"
            ? "towns"
            : noun === "period"
              ? "years"
              : "children";
      const share = detail(f, "expected") === "100";
      const tol = describeTolerance(f.tolerance, lang);
      if (zh) {
        const head = share
          ? `${n} 个${nounZh}占比合计 ${computed}，应为 100，相差 ${diff}`
          : `${n} 个${nounZh}合计 ${computed}，与${parentTarget(unit, lang)} ${stated} 相差 ${diff}`;
        const tail =
          f.rule === "sum-rounding"
            ? f.tolerance?.basis === "user"
              ? "，在设定的允许误差内"
              : "，在舍入范围内"
            : f.severity === "warning"
              ? "，超出通常的舍入误差"
              : "";
        return `${head}${tail}；${tol}`;
      }
      const head = share
        ? `the shares of the ${n} ${nounEn} add up to ${computed}, not 100 (difference ${diff})`
        : `the ${n} ${nounEn} add up to ${computed}; ${parentTarget(unit, lang)} is ${stated} (difference ${diff})`;
      const tail =
        f.rule === "sum-rounding"
          ? f.tolerance?.basis === "user"
            ? ", within the difference allowed"
            : ", within rounding"
          : f.severity === "warning"
            ? ", larger than rounding usually explains"
            : "";
      return `${head[0].toUpperCase()}${head.slice(1)}${tail}; ${tol}`;
    }
    case "mean-out-of-range": {
      const min = detail(f, "min");
      const max = detail(f, "max");
      return zh
        ? `${parentTarget(unit, lang)} ${stated} 不在下级单位的最小值 ${min} 与最大值 ${max} 之间；比率指标的总体值是下级的加权平均，不可能超出此范围`
        : `${upperFirst(parentTarget(unit, lang))} ${stated} lies outside the children's range [${min}, ${max}]; a ratio's total is a weighted mean of its children and cannot leave that range`;
    }
    case "below-assignment": {
      const expected = formatValue(f.expected, f.expectedBound, lang);
      const cap = detail(f, "direction") === "cap";
      return zh
        ? cap
          ? `${parentTarget(unit, lang)} ${stated} 高于上级下达的上限 ${expected}（相差 ${diff}）`
          : `${parentTarget(unit, lang)} ${stated} 低于上级下达目标 ${expected}（相差 ${diff}）`
        : cap
          ? `${upperFirst(parentTarget(unit, lang))} ${stated} exceeds the assigned cap ${expected} (difference ${diff})`
          : `${upperFirst(parentTarget(unit, lang))} ${stated} is below the assignment ${expected} (difference ${diff})`;
    }
    case "progression-decrease": {
      const p = detail(f, "period");
      const e = detail(f, "earlierPeriod");
      return zh
        ? `${p}的值 ${stated} 低于 ${e}的值 ${computed}；存量或累计指标不应随时间减少`
        : `The ${p} value ${stated} is lower than the ${e} value ${computed}; a stock or cumulative value should not fall over time`;
    }
    case "formula-omits-child":
      return zh
        ? `${unit}的合计公式 ${detail(f, "formula")} 漏掉了 ${detail(f, "count")} 个下级单位：${detail(f, "skipped")}`
        : `The ${unit} total's formula ${detail(f, "formula")} leaves out ${detail(f, "count")} child(ren): ${detail(f, "skipped")}`;
    case "part-exceeds-total":
      return detail(f, "which") === "parts"
        ? zh
          ? `${unit}的 ${detail(f, "count")} 个“其中”分项合计 ${computed}，超过总数 ${stated}（${detail(f, "total")}）`
          : `In ${unit}, the ${detail(f, "count")} "of which" parts add up to ${computed}, more than the total ${stated} (${detail(f, "total")})`
        : zh
          ? `${unit}的“其中”分项 ${stated} 大于其总数 ${computed}（${detail(f, "total")}）`
          : `In ${unit}, the "of which" part ${stated} exceeds its total ${computed} (${detail(f, "total")})`;
    case "components-mismatch":
      return zh
        ? `${unit}：${detail(f, "count")} 个分项之和 ${computed}，与总量 ${stated} 相差 ${diff}；${describeTolerance(f.tolerance, lang)}`
        : `${unit}: the ${detail(f, "count")} component rows add up to ${computed}; the total row says ${stated} (difference ${diff}); ${describeTolerance(f.tolerance, lang)}`;
    case "cross-sheet-mismatch": {
      const expected = formatValue(f.expected, f.expectedBound, lang);
      return zh
        ? `${unit}本表目标 ${stated} 与上级表“${detail(f, "parentSheet")}”下达的 ${expected} 不一致（相差 ${diff}）`
        : `${unit}'s own total ${stated} differs from the ${expected} assigned on sheet "${detail(f, "parentSheet")}" (difference ${diff})`;
    }
    case "weighted-mean-mismatch":
      return zh
        ? `按“${detail(f, "weights")}”加权，下级单位的平均值为 ${computed}，与${parentTarget(unit, lang)} ${stated} 不符（超出舍入误差）`
        : `Weighted by "${detail(f, "weights")}", the children's mean is ${computed}, not ${parentTarget(unit, lang)} ${stated} (beyond rounding)`;
    case "growth-mismatch":
      return zh
        ? `${unit}：基数 ${detail(f, "base")} × (1 + ${detail(f, "rate")}%) = ${computed}，目标却为 ${stated}（超出舍入误差 ${f.tolerance?.value}）`
        : `${unit}: base ${detail(f, "base")} × (1 + ${detail(f, "rate")}%) = ${computed}, but the target is ${stated} (beyond the rounding tolerance ${f.tolerance?.value})`;
    case "unit-misplaced":
      return zh
        ? `“${unit}”不属于${detail(f, "parent")}，却列在其下级中（按行政区划）`
        : `"${unit}" does not belong to ${detail(f, "parent")} but is listed among its units (by the division dictionary)`;
    case "unit-missing":
      return zh
        ? `${unit}的下级单位中缺少 ${detail(f, "count")} 个：${detail(f, "missing")}（如为有意只列部分单位，可忽略）`
        : `${unit}'s split leaves out ${detail(f, "count")} of its units: ${detail(f, "missing")} (ignore if the table covers part of it on purpose)`;
    case "duplicate-unit":
      return zh
        ? `单位“${unit}”在同一上级下出现两次（首次出现于 ${f.related[0]}）`
        : `Unit "${unit}" appears twice under one parent (first at ${f.related[0]})`;
    case "error-value":
      return zh
        ? `单元格为错误值 ${text}，无法参与校核`
        : `The cell holds the error value ${text} and cannot be checked`;
    case "not-a-number":
      return zh
        ? `“${text}”既不是数值、界限值，也不是定性表述，无法参与校核`
        : `"${text}" is neither a number, a bound, "-", nor qualitative wording`;
    case "missing-value":
      return zh
        ? `${unit}未分配（${text || "空白"}），按 0 计入合计`
        : `${unit} has no allocation (${text || "blank"}), counted as 0 in the sum`;
    case "qualitative-target":
      return zh
        ? `定性目标“${text}”，无法进行数值校核`
        : `Qualitative target "${text}" cannot be checked numerically`;
    default: {
      const title = RULE_TITLES[f.rule][lang];
      return [
        title,
        stated && `${zh ? "填报" : "stated"} ${stated}`,
        computed && `${zh ? "计算" : "computed"} ${computed}`,
        diff && `${zh ? "差" : "difference"} ${diff}`,
      ]
        .filter(Boolean)
        .join(zh ? "，" : ", ");
    }
  }
}

/** Why a range was looked at and not checked (detection's reject reasons). */
export const REJECT_TEXT: Record<string, Record<Lang, string>> = {
  "no-parent": {
    zh: "没有合计行（列）、本级目标，也没有等于其余各行之和的行",
    en: "no total line, no unit's own target, and no line that equals the sum of the others",
  },
  "no-units": { zh: "只有一个单位，无从分解", en: "only one unit: nothing is split" },
  "no-indicators": { zh: "没有带名称的指标行", en: "no named indicator lines" },
  "single-period": { zh: "只有一个年度，不构成进度表", en: "a single period: no progression" },
  "no-header": { zh: "数值上方没有表头", en: "numbers with no header above them" },
  "no-numbers": { zh: "表头下没有数值", en: "no numbers under the header" },
  "no-label-line": { zh: "没有为各行命名的列", en: "no column naming the rows" },
  "unreadable-labels": {
    zh: "多数名称无法解码（文件编码有误）",
    en: "most labels cannot be decoded (the file's encoding is wrong)",
  },
};

/** One rejected range: "分解表!A1:F9（没有合计行…）". */
export function describeRejected(r: { sheet: string; range: string; reason: string }, lang: Lang): string {
  const why = REJECT_TEXT[r.reason]?.[lang] ?? r.reason;
  return lang === "zh" ? `${r.sheet}!${r.range}（${why}）` : `${r.sheet}!${r.range} (${why})`;
}

/** What detection looked at, for a refusal: "looked at 分解表!A1:F9 (…)" or that nothing was table-shaped. */
export function lookedAtText(
  rejected: readonly { sheet: string; range: string; reason: string }[],
  lang: Lang,
): string {
  const shown = rejected.slice(0, 3).map((r) => describeRejected(r, lang));
  const more = rejected.length - shown.length;
  if (lang === "zh") {
    if (!shown.length) return "没有找到表头在上、数值在下的表格";
    return `查看了 ${shown.join("；")}${more > 0 ? ` 等 ${rejected.length} 处` : ""}`;
  }
  if (!shown.length) return "found no block of numbers under a header";
  return `looked at ${shown.join("; ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** A reading's evidence in words: "合计：合计词，13 行中 13 行加总吻合". */
export function describeEvidence(e: Evidence, lang: Lang): string {
  const zh = lang === "zh";
  const label = e.label ?? "";
  const sums =
    e.tested !== undefined
      ? zh
        ? `，${e.tested} 行中 ${e.holds} 行加总吻合`
        : ` + sums ${e.holds} of ${e.tested} rows`
      : "";
  const t: Record<Evidence["code"], [string, string]> = {
    "total-word": [`${label}：合计词${sums}`, `${label}: total word${sums}`],
    "own-target": [`${label}：本级目标${sums}`, `${label}: a unit's own target${sums}`],
    "division-names": [`${label}：行政区划名称表明上下级`, `${label}: the division names nest the units`],
    arithmetic: [
      `${label}：等于其余各项之和（${e.tested} 行中 ${e.holds} 行）`,
      `${label}: the sum of the others (${e.holds} of ${e.tested} rows)`,
    ],
    "assignment-word": [`${label}：下达目标`, `${label}: what the level above assigned`],
    "corner-header": [`${label}：表头`, `${label}: the header over the names`],
    "measures-in-names": ["指标名称中带计量单位", "measures in the indicators' names"],
    "measure-line": [`${label}：计量单位行（列）`, `${label}: a line of measures`],
    "division-suffixes": ["单位名称为行政区划", "units named as divisions"],
    periods: [`${label}：年度`, `${label}: periods`],
    "period-total": [`${label}：期间合计`, `${label}: a period total`],
    "flat-sum": [
      `${label}：所列各单位直接相加与合计吻合，优于按区划分级`,
      `${label}: the flat sum of every listed unit fits better than the division names`,
    ],
    "group-sums": [
      `${label}：部分行是其后若干行之和，按此分组`,
      `${label}: some lines are the sums of the lines after them, grouped so`,
    ],
    components: [
      `无合计行；${e.holds} 组分项在每个单位内加总`,
      `no total line; ${e.holds} group(s) of rows add up within each unit`,
    ],
    parts: ["无合计行；校核每个单位内的“其中”项", "no total line; 其中 parts within each unit"],
  };
  return t[e.code][zh ? 0 : 1];
}
