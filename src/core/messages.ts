/**
 * Renders a finding's evidence as a sentence in the reader's language, at the edge
 * (CLI, pane, report). Findings themselves carry no prose.
 */
import type { Finding, Hint, RuleId, Severity, Tolerance } from "./finding";
import type { Evidence } from "./model";
import { MESSAGE_TEXT } from "./messageText";
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
  const n = t.values;
  if (n === undefined) return "";
  return MESSAGE_TEXT[lang].toleranceDetail(n, `${t.worstCase}`, `${t.value}`);
}

export function renderHint(h: Hint, lang: Lang): string {
  const t = MESSAGE_TEXT[lang];
  return t.hint[h.kind](t.unitAt(h.unit, h.cell), h.suggested?.toString() ?? "");
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
  return MESSAGE_TEXT[lang].rejected(`${r.sheet}!${r.range}`, why);
}

/** What detection looked at, for a refusal: "looked at 分解表!A1:F9 (…)" or that nothing was table-shaped. */
export function lookedAtText(
  rejected: readonly { sheet: string; range: string; reason: string }[],
  lang: Lang,
): string {
  const shown = rejected.slice(0, 3).map((r) => describeRejected(r, lang));
  const t = MESSAGE_TEXT[lang];
  if (!shown.length) return t.lookedAtNothing;
  return t.lookedAt(shown, rejected.length, rejected.length - shown.length);
}

/** A reading's evidence in words: "合计：合计词，13 行中 13 行加总吻合". */
export function describeEvidence(e: Evidence, lang: Lang): string {
  const t = MESSAGE_TEXT[lang];
  const sums = e.tested !== undefined ? t.evidenceSums(e.tested, e.holds ?? 0) : "";
  return t.evidence[e.code]({ label: e.label ?? "", sums, tested: e.tested, holds: e.holds });
}
