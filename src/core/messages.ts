/**
 * Renders a finding's evidence as a sentence in the reader's language, at the edge
 * (CLI, pane, report). Findings themselves carry no prose.
 */
import type { Finding, Hint, RuleId, Severity, Tolerance } from "./finding";
import type { Evidence } from "./model";
import { FINDING_KINDS } from "./rules";
import type { Lang } from "./rules/evidenceText";

export type { Lang } from "./rules/evidenceText";
export { describeTolerance, formatValue, parentTarget } from "./rules/evidenceText";

const titles = (key: "title" | "check") =>
  Object.fromEntries(
    Object.entries(FINDING_KINDS).map(([id, kind]) => [id, { zh: kind.zh[key], en: kind.en[key] }]),
  ) as Record<RuleId, Record<Lang, string>>;

/** Each finding's name (合计不符), from its rule module (rules/). */
export const RULE_TITLES = titles("title");

/**
 * Each rule as the check it makes (an audit report lists passed checks too: "加总校核 ✓ 通过",
 * never "合计不符 ✓ 通过"), from its rule module (rules/).
 */
export const CHECK_TITLES = titles("check");

export const SEVERITY_TEXT: Record<Severity, Record<Lang, string>> = {
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "info" },
};

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

/** A finding as a sentence in the reader's language, by its rule module's texts (rules/). */
export function renderMessage(f: Finding, lang: Lang): string {
  return FINDING_KINDS[f.rule][lang].message(f);
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
