/**
 * What a label says about its line, from the vocabulary (src/core/vocabulary): a total, a unit's
 * own target, an assignment, a period, a part, a header word… Words are evidence only: the
 * reading of a table (reading.ts) weighs them against the cells and the arithmetic
 * (docs/table-understanding.md).
 */
import {
  containing,
  endingWith,
  englishKey,
  exactly,
  labelOf,
  startingWith,
  type Label,
} from "../vocabulary/words";
import {
  ASSIGNMENT_WORDS,
  DERIVED_ENDINGS,
  DERIVED_PREFIXES,
  GROUP_CAPTION_WORDS,
  LEVEL_TARGET_WORDS,
  NOT_A_UNIT_BEFORE_TARGET,
  PART_WORDS,
  REFERENCE_ENDINGS,
  REFERENCE_PREFIXES,
  SUBTOTAL_WORDS,
  TARGET_ENDINGS,
  TOTAL_AFFIX_EN,
  TOTAL_ENDINGS,
  TOTAL_TAILS,
  TOTAL_WORDS,
  TOTAL_WORDS_EN,
} from "../vocabulary/lines";
import {
  ATTRIBUTE_HEADERS,
  INDEX_HEADERS,
  INDICATOR_HEADERS,
  LEVEL_LINE_HEADERS,
  MEASURE_HEADERS,
  NOTE_HEADERS,
  PARENT_LINE_HEADERS,
  UNIT_HEADERS,
} from "../vocabulary/headers";
import {
  COUNT_MEASURES,
  CONTINUOUS_MEASURE_CHARS,
  MEASURE_LINE,
  OTHER_MEASURES,
} from "../vocabulary/measures";
import {
  HALF_YEAR,
  MONTH,
  PLAN_PERIOD,
  QUARTER,
  SHORT_FISCAL_YEAR,
  YEAR,
  YEAR_SPAN,
} from "../vocabulary/periods";
import { NOTE_LINE_WORDS, SIGNOFF_WORDS } from "../vocabulary/notes";
import { normalizeLabel } from "../text";
import { containingAny, endingWithAny, startingWithAny } from "../charTests";
import { perDistinctText } from "../textMemo";

/** Periods within a year: a half holds two quarters and six months, a quarter three months. */
export type Grain = "half" | "quarter" | "month";

export type LabelRole =
  | { role: "index" }
  /** The header over the indicators' names (指标名称). */
  | { role: "name" }
  /** The header over the units' names (地区, 单位名称, Region). */
  | { role: "unit-header"; keyword: string }
  /** The header over measures (计量单位); 单位 is one only when its cells are measure words. */
  | { role: "measure"; keyword: string }
  | { role: "note" }
  | { role: "parent-line" }
  | { role: "level-line" }
  | { role: "assignment"; keyword: string }
  | { role: "total"; keyword: string; unit: string; grand?: boolean }
  /** Last year's result, a base (上年完成, 基数, Prior year): a comparison, never a unit. */
  | { role: "reference"; keyword: string }
  | { role: "subtotal"; keyword: string }
  | { role: "target"; unit: string; keyword: string }
  /** 省目标: the parent where no unit's own target stands beside it, else the assignment. */
  | { role: "level-target"; keyword: string }
  | { role: "part"; keyword: string }
  | { role: "derived"; keyword: string }
  | { role: "period"; year: number; span?: [number, number]; total?: boolean; grain?: Grain }
  | { role: "unit" }
  | { role: "other" };

export type RoleName = LabelRole["role"];

/**
 * Header words by their matching key (normalised Chinese, lower-cased English), first list first:
 * 单位 heads unit names as often as measures, so it is a unit header here and the cells under it
 * decide (reading.ts).
 */
const HEADER_WORDS = (() => {
  const map = new Map<string, LabelRole>();
  const add = (words: readonly string[], role: (word: string) => LabelRole) => {
    for (const w of words) {
      const key = /[a-z]/i.test(w) ? englishKey(w) : normalizeLabel(w);
      if (!map.has(key)) map.set(key, role(w));
    }
  };
  add(INDEX_HEADERS, () => ({ role: "index" }));
  add(INDICATOR_HEADERS, () => ({ role: "name" }));
  add(UNIT_HEADERS, (keyword) => ({ role: "unit-header", keyword }));
  add(MEASURE_HEADERS, (keyword) => ({ role: "measure", keyword }));
  add([...NOTE_HEADERS, ...ATTRIBUTE_HEADERS], () => ({ role: "note" }));
  add(PARENT_LINE_HEADERS, () => ({ role: "parent-line" }));
  add(LEVEL_LINE_HEADERS, () => ({ role: "level-line" }));
  return map;
})();
const ASSIGNMENT = containing(ASSIGNMENT_WORDS);
const LEVEL_TARGET = exactly(LEVEL_TARGET_WORDS);
/**
 * A total word, possibly followed by a second (全市总量, 全省总体, 全区合计) and a tail (全市任务):
 * a total said twice is still a total, where a word list would need every pair.
 */
const TOTAL_WORD_ALTERNATION = [...TOTAL_WORDS].sort((a, b) => b.length - a.length).join("|");
const TOTAL_ZH = new RegExp(
  `^(${TOTAL_WORD_ALTERNATION})(?:${TOTAL_WORD_ALTERNATION})?(${TOTAL_TAILS.join("|")})?$`,
);
const TOTAL_ENDING = endingWith(TOTAL_ENDINGS);
const TOTAL_EN = exactly(TOTAL_WORDS_EN);
/** "All stores", "All product lines": everything listed; "All other regions" is one more unit. */
const TOTAL_EN_ALL = /^all (?!others?\b|else\b|remaining\b|rest\b)[a-z][a-z0-9 &'-]{1,40}$/;
const TOTAL_EN_AFFIX = new RegExp(
  `^(?:(?:${TOTAL_AFFIX_EN.join("|")})(?: [a-z0-9 &'-]{1,40})?|[a-z0-9 &'-]{1,40} (?:${TOTAL_AFFIX_EN.join("|")}))$`,
);
const SUBTOTAL = containing(SUBTOTAL_WORDS);
const PART = startingWith(PART_WORDS);
const GROUP_CAPTION = startingWith(GROUP_CAPTION_WORDS);
const DERIVED_START = startingWith(DERIVED_PREFIXES);
const REFERENCE_START = startingWith(REFERENCE_PREFIXES);
const REFERENCE_END = endingWith(REFERENCE_ENDINGS);
const SIGNOFF = startingWith(SIGNOFF_WORDS);
/** "name：value" (填表人：张三, 制表单位：市统计局): a field of a form, not a unit's name. */
const FIELD_LINE = /^[^:：]{1,12}[:：].+/;
const TRAILING_BRACKET = /[(（][^()（）]*[)）]$/;
const DERIVED_END = endingWith(DERIVED_ENDINGS);
const NOT_A_UNIT = exactly(NOT_A_UNIT_BEFORE_TARGET);
const TARGET = new RegExp(
  `^(.{1,20}?)(${[...TARGET_ENDINGS].sort((a, b) => b.length - a.length).join("|")})$`,
);

/** Suffixes of administrative and functional units: evidence that a label names a unit. */
export const UNIT_SUFFIXES = [
  ..."省市区县旗州盟镇乡",
  ..."街道 开发区 新区 园区 高新区 风景区 度假区 管委会 本级 经开区 示范区 林场 农场 片区 地区 自治县 自治州 特区 保护区".split(
    " ",
  ),
];
const UNIT_SUFFIX = endingWithAny(UNIT_SUFFIXES);

const CHINESE_ORDINAL: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Quarters, months and halves: periods within a year, ordered by their place in it. */
function subPeriodOf(key: string): LabelRole | undefined {
  const q = QUARTER.exec(key);
  if (q)
    return { role: "period", year: q[1] ? CHINESE_ORDINAL[q[1]] : Number(q[2] ?? q[3]), grain: "quarter" };
  const m = MONTH.exec(key);
  if (m)
    return {
      role: "period",
      year: m[1] ? Number(m[1]) : MONTHS.indexOf(m[2].toLowerCase()) + 1,
      grain: "month",
    };
  const h = HALF_YEAR.exec(key);
  if (h) return { role: "period", year: /^(上|h1)/i.test(h[1]) ? 1 : 2, grain: "half" };
  return undefined;
}

function periodOf(key: string, en: string): LabelRole | undefined {
  const sub = key.length <= 10 ? subPeriodOf(key) : undefined;
  if (sub) return sub;
  const c = key.charCodeAt(0);
  const lead = (c >= 48 && c <= 57) || key[0] === "十" || key[0] === "“" || /^(fy|cy)/i.test(key);
  if (!lead) return undefined;
  const span = YEAR_SPAN.exec(key);
  if (span) {
    const a = Number(span[1]);
    const b = Number(span[2]);
    return { role: "period", year: b, span: [a, b], total: true };
  }
  const year = YEAR.exec(key) ?? YEAR.exec(en);
  if (year) return { role: "period", year: Number(year[1]) };
  const fy = SHORT_FISCAL_YEAR.exec(key);
  if (fy) return { role: "period", year: 2000 + Number(fy[1]) };
  const plan = PLAN_PERIOD.exec(key);
  if (plan) return { role: "period", year: 0, total: true };
  return undefined;
}

/**
 * A total: a whole total word is a grand total (合计, Total); one that qualifies what it totals
 * (三市合计, Total personnel) may be a group's total beside a grand one.
 */
function totalOf(label: Label): LabelRole | undefined {
  const zh = TOTAL_ZH.exec(label.key);
  if (zh) return { role: "total", keyword: zh[1], unit: zh[1], grand: true };
  const ending = TOTAL_ENDING.find(label);
  if (ending) return { role: "total", keyword: ending, unit: label.key, grand: false };
  if (TOTAL_EN.test(label) || TOTAL_EN_ALL.test(label.en))
    return { role: "total", keyword: label.en, unit: label.en, grand: true };
  if (TOTAL_EN_AFFIX.test(label.en))
    return { role: "total", keyword: label.en, unit: label.en, grand: false };
  return undefined;
}

/** What a label says about its line. Accepts the text as written (it is normalised here). */
/** Per distinct long label (a shared string may head thousands of cells); roles are never changed by callers. */
export const classifyLabel = perDistinctText((text: string): LabelRole => classify(labelOf(text)));

/** What a character may be in a label, for maybeWorded (bits of one table). */
const FIRST_SIGNAL = 1; // first: a digit, 第, 十, an opening quote… (periods, numbered lines)
const LAST_SIGNAL = 2; // last: a closing bracket that may hide a total's measure
const ANY_SIGNAL = 4; // anywhere: a colon (a form's field)
const OPENS_WORD = 8; // the first character of a word a label may open with
const CLOSES_WORD = 16; // the last character of a word a label may close with
const STARTS_INSIDE_WORD = 32; // the first character of a word a label may hold anywhere

/**
 * The words of the lists where a matcher looks for them (opening a label, closing it, or anywhere
 * in it), and characters that are a signal on their own (a leading digit or 第 for periods, a
 * closing bracket that may hide a total's measure, a colon that makes a form's field). A label of
 * Chinese characters (no Latin letters) that holds none of these at its place can only be a unit's
 * name: every matcher below would miss it. Words, not only their first characters: 单位负责人 is a
 * sign-off, and 单位1…单位50000 must not each run every matcher.
 */
const SIGNALS = (() => {
  const zh = (words: readonly string[]) =>
    words
      .filter((w) => !/[a-z]/i.test(w))
      .map((w) => normalizeLabel(w))
      .filter((w) => w !== "");
  const opening = zh([
    ...TOTAL_WORDS,
    ...PART_WORDS,
    ...GROUP_CAPTION_WORDS,
    ...DERIVED_PREFIXES,
    ...LEVEL_TARGET_WORDS,
    ...REFERENCE_PREFIXES,
    ...SIGNOFF_WORDS,
  ]);
  const closing = zh([
    ...TOTAL_ENDINGS,
    ...TOTAL_TAILS,
    ...DERIVED_ENDINGS,
    ...TARGET_ENDINGS,
    ...REFERENCE_ENDINGS,
  ]);
  const inside = zh([...SUBTOTAL_WORDS, ...ASSIGNMENT_WORDS]);
  // What each character can be: one table, so most labels are told in one pass over their text.
  const bits = new Uint8Array(0x10000);
  const mark = (chars: string, bit: number) => {
    for (let i = 0; i < chars.length; i++) bits[chars.charCodeAt(i)] |= bit;
  };
  mark("0123456789十“第一二三四上下", FIRST_SIGNAL);
  mark(")）", LAST_SIGNAL);
  mark(":：", ANY_SIGNAL);
  for (const w of opening) bits[w.charCodeAt(0)] |= OPENS_WORD;
  for (const w of closing) bits[w.charCodeAt(w.length - 1)] |= CLOSES_WORD;
  for (const w of inside) bits[w.charCodeAt(0)] |= STARTS_INSIDE_WORD;
  return {
    bits,
    opening: startingWithAny(opening),
    closing: endingWithAny(closing),
    inside: containingAny(inside),
  };
})();

/**
 * Whether a (non-empty) key may hold a list word or a signal character where a matcher looks: a
 * signal first or last character, a colon anywhere, or a list word at its start, its end or inside
 * it. The words are tested only where the table says a character could begin or end one.
 */
function maybeWorded(key: string): boolean {
  const { bits } = SIGNALS;
  const n = key.length;
  const first = bits[key.charCodeAt(0)];
  const last = bits[key.charCodeAt(n - 1)];
  if (first & FIRST_SIGNAL || last & LAST_SIGNAL) return true;
  if (first & OPENS_WORD && SIGNALS.opening.test(key)) return true;
  if (last & CLOSES_WORD && SIGNALS.closing.test(key)) return true;
  let inside = false;
  for (let i = 0; i < n; i++) {
    const b = bits[key.charCodeAt(i)];
    if (b & ANY_SIGNAL) return true;
    if (b & STARTS_INSIDE_WORD) inside = true;
  }
  return inside && SIGNALS.inside.test(key);
}

const OTHER: LabelRole = Object.freeze({ role: "other" });
/** A division's name (上城区, 单位1镇): the name is the label itself, so one shared answer serves all. */
const UNIT: LabelRole = Object.freeze({ role: "unit" });

/** What a label says about its line (its key normalised, its English words). */
export function classify(label: Label): LabelRole {
  // A long label is classified once (textMemo.ts); its English words follow from its text.
  return label.key.length >= 64 ? classifyLong(`${label.key}\u0000${label.en}`) : classifyUncached(label);
}

const classifyLong = perDistinctText((both: string): LabelRole => {
  const at = both.indexOf("\u0000");
  return classifyUncached({ key: both.slice(0, at), en: both.slice(at + 1) });
});

/** `shortcut: false` runs every matcher, for tests that prove the shortcut changes no answer. */
export function classifyUncached(label: Label, shortcut = true): LabelRole {
  const key = label.key;
  if (key === "") return OTHER;
  if (shortcut && !label.en && !HEADER_WORDS.has(key) && !maybeWorded(key))
    return UNIT_SUFFIX.test(key) ? UNIT : OTHER;
  const period = periodOf(key, label.en);
  if (period) return period;
  // Header words are whole labels: one lookup instead of a pattern each.
  const header = HEADER_WORDS.get(key) ?? (label.en ? HEADER_WORDS.get(label.en) : undefined);
  if (header) return header;
  const subtotal = SUBTOTAL.find(label);
  if (subtotal) return { role: "subtotal", keyword: subtotal };
  const part = PART.find(label);
  if (part) return { role: "part", keyword: part };
  // A form's margin (填表人：张三, 填表日期, 附件2) and any "name：value" line are no units.
  if (SIGNOFF.test(label) || FIELD_LINE.test(key)) return { role: "note" };
  // A measure in brackets after a total (合计(万元), 全县（市、区）) does not change what it is.
  const bare = key.replace(TRAILING_BRACKET, "") || key;
  // 全省目标 is the province's own total; 省目标 beside a city's units is what the province assigned.
  const whole = TOTAL_ZH.exec(bare);
  if (whole) return { role: "total", keyword: whole[1], unit: whole[1], grand: true };
  const assignment = ASSIGNMENT.find(label);
  if (assignment) return { role: "assignment", keyword: assignment };
  const level = LEVEL_TARGET.find(label);
  if (level) return { role: "level-target", keyword: level };
  const total = totalOf(bare === key ? label : { key: bare, en: label.en });
  if (total) return total;
  if (GROUP_CAPTION.test(label) && !UNIT_SUFFIX.test(key)) return { role: "other" };
  const reference = REFERENCE_START.find(label) ?? REFERENCE_END.find(label);
  if (reference) return { role: "reference", keyword: reference };
  const target = TARGET.exec(key);
  if (target && !NOT_A_UNIT.test({ key: target[1], en: "" }) && !/性$/.test(target[1])) {
    return { role: "target", unit: target[1], keyword: target[2] };
  }
  const derived = DERIVED_START.find(label) ?? DERIVED_END.find(label);
  if (derived) return { role: "derived", keyword: derived };
  if (UNIT_SUFFIX.test(key)) return UNIT;
  return { role: "other" };
}

/** Whether a label is a total word (合计, 全市, Total): such a parent is no division of its own. */
export function isTotalLabel(text: string): boolean {
  return classifyLabel(text).role === "total";
}

const MEASURE_LINE_WORDS = MEASURE_LINE;

/** Text at the start of a table that sets the measure for all of it: 单位：万元, Unit: $M. */
export function measureLine(text: string): string | undefined {
  const m = MEASURE_LINE_WORDS.exec(text.trim());
  if (!m) return undefined;
  const measure = normalizeLabel(m[1]).replace(/[)）]$/, "");
  return measure || undefined;
}

const NOTE_WORD = new RegExp(
  `^(${[...NOTE_LINE_WORDS].sort((a, b) => b.length - a.length).join("|")})\\s*\\d*\\s*[:：.、]`,
  "i",
);

/** A footnote: a mark, then words (* Includes one-off items, † 含开发区, a) Estimated). */
const FOOTNOTE = /^(?:[*†‡§¶]+|\(?[a-z]\)|\[\d+\]|[¹²³⁴⁵⁶⁷⁸⁹]|\d+\))\s*\S/i;

/** Lines below a table that end it: 注：…, 说明：…, Note: …, Source: …, * footnotes. */
export function isNoteLine(text: string): boolean {
  const t = text.trim();
  return NOTE_WORD.test(t) || /^注\d*[:：]?$/.test(t) || FOOTNOTE.test(t);
}

/** A sentence, which no unit's or indicator's name is: it ends in a full stop or holds a clause break. */
export function isSentence(text: string): boolean {
  const t = text.trim();
  return /[。；;]/.test(t) || (/\s\S+\s/.test(t) && /[.!?]$/.test(t));
}

const ALL_MEASURES = new Set([...COUNT_MEASURES, ...OTHER_MEASURES].map((m) => m.toLowerCase()));
const COUNTS = new Set(COUNT_MEASURES.map((m) => m.toLowerCase()));
const CJK_ONE = /^[\u3400-\u9fff]$/;

/** Whether a short text is a known measure word (个, 万元, %, $M). */
export function looksLikeMeasure(text: string): boolean {
  // Measure words are short; most labels are longer and need no copy to be told apart.
  if (text.length > 16) return false;
  return ALL_MEASURES.has(text) || ALL_MEASURES.has(text.trim().toLowerCase());
}

/**
 * Whether the text in an indicator's brackets is its measure: a known word, or a single
 * classifier character (栋, 间, 处) — a Chinese name writes its measure so, whatever is counted.
 */
function bracketMeasure(text: string): boolean {
  const t = text.trim();
  return looksLikeMeasure(t) || CJK_ONE.test(t) || PER_SOMETHING.test(t);
}

/** A measure per something: 元/亩, 微克/立方米, mg/L, $/h. */
const PER_SOMETHING = /^[^/／\s]{1,6}[/／][^/／\s]{1,6}$/;

/** Whole-number counts: exact, tolerance 0 (docs/rules.md §3); unknown one-character classifiers too. */
export function isCountMeasure(measure: string): boolean {
  const t = measure.trim().toLowerCase();
  if (COUNTS.has(t)) return true;
  if (ALL_MEASURES.has(t)) return false;
  return CJK_ONE.test(t) && !CONTINUOUS_MEASURE_CHARS.includes(t);
}

/** Measure written in an indicator's name: 新增高新技术企业数(家) → 家; the last bracket wins. */
export const measureFromName = perDistinctText(measureInName);

function measureInName(name: string): string | undefined {
  const re = /[(（]([^()（）]{1,12})[)）]/g;
  let found: string | undefined;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    const inner = m[1].trim();
    if (bracketMeasure(inner)) found = inner;
  }
  return found;
}

export { UNIT_SUFFIX };
