/**
 * How a finding's evidence is said in words, the pieces every rule's texts are made of: a value
 * with its bound (超500), a signed difference, the tolerance with its reason (docs/rules.md,
 * "Tolerance"), and the parent as a sentence names it. Findings themselves carry no prose.
 */
import type { Bound } from "../cell";
import type { Decimal } from "../decimal";
import type { Finding, Tolerance } from "../finding";
import { MESSAGE_TEXT } from "../messageText";

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

/** A difference with its sign: +3, -1, 0; empty when there is none. */
export function signed(v: Decimal | undefined): string {
  if (!v) return "";
  const s = v.toString();
  return v.sign() > 0 ? `+${s}` : s;
}

/** A passed check's difference: signed, and empty when it is zero (nothing to explain). */
export function roundingDifference(v: Decimal | undefined): string {
  return v && !v.isZero() ? signed(v) : "";
}

/**
 * The tolerance in plain words, as a person would say it: how much difference is allowed and why
 * (docs/rules.md, "Tolerance"). The statistics behind the rounding band are `toleranceDetail`
 * (messages.ts), for a line the reader can open.
 */
export function describeTolerance(t: Tolerance | undefined, lang: Lang): string {
  if (!t) return "";
  const w = MESSAGE_TEXT[lang].tolerance;
  const v = `${t.value}`;
  switch (t.basis) {
    case "exact-count":
      return w.exactCount;
    case "exact":
      return w.exact;
    case "user":
      return w.user(v);
    case "written-multiplier":
      return w.writtenMultiplier(v);
    case "shown-precision":
      return t.values === undefined
        ? w.shownPrecision(v, `${t.unit}`)
        : w.shownPrecisionOf(v, t.values, `${t.unit}`);
  }
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

export function upperFirst(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** The parent as a sentence names it: 杭州市目标 / the 杭州市 target, or just 合计 / Total. */
export function parentTarget(unit: string, lang: Lang): string {
  const t = MESSAGE_TEXT[lang];
  return namesASum(unit) ? t.sumWord(unit) : t.parentTarget(unit);
}

/** One of a finding's details as text ("" when absent). */
export function detail(f: Pick<Finding, "details">, key: string): string {
  const v = f.details?.[key];
  return v === undefined ? "" : String(v);
}

/** The evidence of a finding or passed check as the words a sentence is made of, in one language. */
export function evidenceWords(f: Omit<Finding, "severity" | "hints">, lang: Lang) {
  return {
    stated: formatValue(f.stated, f.statedBound, lang),
    computed: formatValue(f.computed, f.computedBound, lang),
    expected: formatValue(f.expected, f.expectedBound, lang),
    diff: signed(f.difference),
    unit: f.unit ?? "",
    text: detail(f, "text"),
    tolerance: describeTolerance(f.tolerance, lang),
    parent: parentTarget(f.unit ?? "", lang),
  };
}

/** A sentence followed by the tolerance it was judged with, when there is one. */
export function withTolerance(text: string, tolerance: string, lang: Lang): string {
  return tolerance ? `${text}${MESSAGE_TEXT[lang].toleranceSep}${tolerance}` : text;
}
