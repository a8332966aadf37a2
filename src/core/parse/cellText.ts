/**
 * What a planner's cell means (PRODUCT §2): numbers stored or typed as text, bounds (超500),
 * qualifiers (累计, 新增), multipliers (1.7万), glued units (23项), dashes, error codes and wording.
 *
 * Conventions the rest of the engine may rely on:
 * - `value` is exact (Decimal, never a float) and is expressed in the row's measure when the cell's
 *   own multiplier/unit can be reconciled with it (3500万元 in a 亿元 row → 0.35).
 * - A NumberCell is known to ±½ · 10^-shownDecimals · (multiplier ?? 1) in `value` units:
 *   `shownDecimals` counts the digits as written or shown (1.7万 → 1), and `multiplier` is the factor
 *   that turned the written digits into `value` (10000 for 1.7万, 0.0001 for 3500万元 in a 亿元 row).
 * - `suffix` is the unit `value` is expressed in as far as the cell says: an applied multiplier is
 *   not part of it (56.7亿元 with no measure → 5670000000, suffix 元), a multiplier that belongs to
 *   the measure is (42.0万亩 in a 万亩 row → 42.0, suffix 万亩), and a converted value carries the
 *   measure (3500万元 in a 亿元 row → suffix 亿元).
 * - parseCell never throws.
 */
import { Decimal } from "../decimal";
import type { RawValue } from "../grid";
import type { Bound, CellValue, EmptyCell, NumberCell, ParseContext, Qualifier, TextCell } from "../cell";
import { normalizeText } from "../text";
import { perDistinctTextAnd } from "../textMemo";

// ---------------------------------------------------------------------------------------------
// Number formats

interface FormatInfo {
  /** Fewest and most decimals the format shows; undefined when the format does not decide them. */
  minDecimals?: number;
  maxDecimals?: number;
  percent: boolean;
}

const NO_FORMAT: FormatInfo = { percent: false };
const formatCache = new Map<string, FormatInfo>();
let lastFormat: string | undefined;
let lastFormatInfo: FormatInfo = NO_FORMAT;

function formatInfo(format: string | null | undefined): FormatInfo {
  if (format === undefined || format === null || format === "") return NO_FORMAT;
  // Formats repeat along a row, so the last one answers most calls without a hash lookup.
  if (format === lastFormat) return lastFormatInfo;
  let info = formatCache.get(format);
  if (info === undefined) {
    info = analyzeFormat(format);
    if (formatCache.size > 4096) formatCache.clear();
    formatCache.set(format, info);
  }
  lastFormat = format;
  lastFormatInfo = info;
  return info;
}

function analyzeFormat(format: string): FormatInfo {
  let percent = false;
  let afterPoint = false;
  let minD = 0;
  let maxD = 0;
  let placeholders = 0;
  let lastPlaceholder = -1;
  let lastComma = -1;
  let decides = true;
  const n = format.length;
  for (let i = 0; i < n; i++) {
    const ch = format[i];
    if (ch === ";") break; // only the first (positive) section
    switch (ch) {
      case '"': {
        const close = format.indexOf('"', i + 1);
        i = close < 0 ? n : close;
        break;
      }
      case "\\":
      case "_":
      case "*":
        i++; // escaped literal, width-of-char padding, fill char: the next char is not a code
        break;
      case "[": {
        const close = format.indexOf("]", i + 1);
        i = close < 0 ? n : close;
        break;
      }
      case "%":
        percent = true;
        break;
      case ".":
        afterPoint = true;
        break;
      case "0":
      case "#":
      case "?":
        placeholders++;
        lastPlaceholder = i;
        if (afterPoint) {
          maxD++;
          if (ch === "0") minD++;
        }
        break;
      case ",":
        lastComma = i;
        break;
      case "@":
      case "/":
        decides = false; // text or fraction/date formats: decimals are not what is shown
        break;
      default: {
        const c = ch.toLowerCase();
        if (c === "e" && (format[i + 1] === "+" || format[i + 1] === "-")) decides = false;
        else if (c === "y" || c === "m" || c === "d" || c === "h" || c === "s") decides = false;
        else if (c === "g" && format.slice(i, i + 7).toLowerCase() === "general") {
          decides = false;
          i += 6;
        }
      }
    }
  }
  // A comma after the last digit placeholder scales the shown value by 1000 (0.0, shows
  // thousands); the shown digits are then not decimals of the value, so the format decides nothing.
  if (lastComma > lastPlaceholder) decides = false;
  if (!decides || placeholders === 0) return { percent };
  return { minDecimals: minD, maxDecimals: maxD, percent };
}

/** Decimals a number format fixes ("0.00" → 2, "#,##0.0" → 1, "0.0%" → 1); undefined when it does not. */
export function decimalsFromFormat(format: string | undefined): number | undefined {
  const info = formatInfo(format);
  return info.minDecimals !== undefined && info.minDecimals === info.maxDecimals
    ? info.minDecimals
    : undefined;
}

/** Whether the format multiplies the stored value by 100 for display (an unquoted, unescaped %). */
export function isPercentFormat(format: string | undefined): boolean {
  return formatInfo(format).percent;
}

function shownDecimalsFor(value: Decimal, info: FormatInfo): number {
  const own = value.scale;
  if (info.minDecimals === undefined || info.maxDecimals === undefined) return own;
  return own < info.minDecimals ? info.minDecimals : own > info.maxDecimals ? info.maxDecimals : own;
}

// ---------------------------------------------------------------------------------------------
// Exact decimals from ASCII text

// Exponents beyond this cannot come from a double (≈1e±308, 5e-324) and would make Decimal build
// enormous powers of ten, so such text is not taken as a number.
const MAX_EXPONENT = 400;

/** `[+-]digits[.digits][e[+-]digits]` spanning exactly [start, end), or null. */
function asciiDecimal(s: string, start: number, end: number): Decimal | null {
  let i = start;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  const digitsStart = i;
  let acc = 0;
  let nd = 0;
  let frac = 0;
  let dot = -1;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      nd++;
      if (dot >= 0) frac++;
    } else if (c === 46 && dot < 0) dot = i;
    else break;
  }
  if (nd === 0) return null;
  const digitsEnd = i;
  let exp = 0;
  if (i < end) {
    if (c !== 101 && c !== 69) return null;
    i++;
    let eneg = false;
    c = s.charCodeAt(i);
    if (c === 43 || c === 45) {
      eneg = c === 45;
      i++;
    }
    let ed = 0;
    for (; i < end; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      exp = exp * 10 + (c - 48);
      if (exp > MAX_EXPONENT) return null;
      ed++;
    }
    if (ed === 0) return null;
    if (eneg) exp = -exp;
  }
  let units: bigint;
  if (nd <= 15) units = BigInt(acc);
  else {
    const digits =
      dot < 0 ? s.slice(digitsStart, digitsEnd) : s.slice(digitsStart, dot) + s.slice(dot + 1, digitsEnd);
    units = BigInt(digits);
  }
  return Decimal.of(neg ? -units : units, frac - exp);
}

// ---------------------------------------------------------------------------------------------
// Shared results

const EMPTY: EmptyCell = Object.freeze({ kind: "empty" }) as EmptyCell;

const MULTIPLIERS = new Map<number, Decimal>();
function multiplierFor(exp: number): Decimal {
  let m = MULTIPLIERS.get(exp);
  if (m === undefined) {
    m = Decimal.ONE.shift(exp);
    MULTIPLIERS.set(exp, m);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** Parses one raw cell value; never throws. */
export function parseCell(raw: RawValue, ctx?: ParseContext): CellValue {
  try {
    if (typeof raw === "number") return fromNumber(raw, ctx === undefined ? undefined : ctx.numberFormat);
    if (typeof raw === "string")
      return fastText(raw) ?? parseTextOnce(raw, ctx === undefined ? undefined : ctx.measure);
    if (raw === null || raw === undefined) return EMPTY;
    if (typeof raw === "boolean") return { kind: "text", text: raw ? "TRUE" : "FALSE", qualitative: false };
    return fromOther(raw);
  } catch {
    return { kind: "text", text: safeString(raw), qualitative: false };
  }
}

/**
 * What `parseCell` would make of a text — a number (with the measure glued to it), a dash, an
 * error, or text — without judging the wording of text (layout detection asks this of every label
 * on a sheet and needs no more).
 */
/**
 * Whether a text opens with an ideograph that no prefix word (超, 不低于, 约…) or dash word (无,
 * 暂无) opens with: such a text is text, since a number must follow the prefix words at once.
 */
export function opensAsText(raw: string): boolean {
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 0x3000)) i++;
  const lead = raw.charCodeAt(i);
  if (!(lead >= 0x3400 && lead <= 0x9fff)) return false;
  const ch = normalizeText(raw[i]);
  return !PREFIX_INDEX.has(ch) && !DASH_LEADS.has(ch);
}

export function textKind(raw: string): { kind: CellValue["kind"]; suffix?: string } {
  if (opensAsText(raw)) return TEXT_KIND;
  // A text with no digit (of any width) is a number only as a dash word (无, 暂无) or a dash.
  if (!HAS_DIGIT.test(raw)) {
    if (raw.length > 6) return TEXT_KIND;
    const compact = raw.trim();
    if (compact.length === 0) return { kind: "empty" };
    if (isDash(compact)) return { kind: "dash" };
    if (compact.charCodeAt(0) !== 35) return TEXT_KIND;
  }
  try {
    const fast = fastText(raw);
    if (fast) return { kind: fast.kind };
    const { compact } = squeeze(normalizeCellText(raw));
    if (compact.length === 0) return { kind: "empty" };
    if (compact.charCodeAt(0) === 35 && ERROR_CODES.has(compact.toUpperCase())) return { kind: "error" };
    if (isDash(compact)) return { kind: "dash" };
    const num = parseNumberText(compact, measureInfo(undefined));
    return num ? { kind: "number", suffix: num.suffix } : { kind: "text" };
  } catch {
    return { kind: "text" };
  }
}

const HAS_DIGIT = /[0-9０-９]/;

const TEXT_KIND = Object.freeze({ kind: "text" as const });

const POW10_NUM = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/**
 * How many decimals the shortest round-trip text of a double has, as parseCell reads a stored
 * number: 0 for a safe integer, else the fewest k ≤ 8 for which round(n·10^k) / 10^k === n with
 * |round(n·10^k)| ≤ 10^15; -1 when neither holds (parseCell then reads the double's text).
 * Division by an exact power of ten is correctly rounded, so m / 10^k === n says the decimal
 * m·10^-k reads back as n; with at most 15 significant digits (which doubles keep distinct) and
 * the smallest such k it is exactly the shortest round-trip text.
 */
export function storedScale(n: number): number {
  if (Number.isSafeInteger(n)) return 0;
  for (let k = 1; k <= 8; k++) {
    const p = POW10_NUM[k];
    const m = Math.round(n * p);
    if (m > 1e15 || m < -1e15) return -1;
    if (m / p === n) return k;
  }
  return -1;
}

/** 10^k for the scales storedScale returns. */
export function pow10Number(k: number): number {
  return POW10_NUM[k];
}

/**
 * The decimals a stored number with `scale` own decimals shows under `format`, as its NumberCell's
 * shownDecimals; -1 for a percent format (the cell's value is then the stored one × 100).
 */
export function shownDecimalsOfStored(scale: number, format: string | undefined): number {
  const info = formatInfo(format);
  if (info.percent) return -1;
  if (info.minDecimals === undefined || info.maxDecimals === undefined) return scale;
  return scale < info.minDecimals ? info.minDecimals : scale > info.maxDecimals ? info.maxDecimals : scale;
}

function viaString(n: number): Decimal {
  const s = String(n);
  return asciiDecimal(s, 0, s.length) ?? Decimal.fromNumber(n);
}

/** The exact decimal of a stored number as parseCell reads it; undefined for anything else. */
export function storedNumber(raw: RawValue): Decimal | undefined {
  if (typeof raw !== "number" || !Number.isFinite(raw)) return undefined;
  const k = storedScale(raw);
  return k < 0 ? viaString(raw) : Decimal.fromUnits(k === 0 ? raw : Math.round(raw * POW10_NUM[k]), k);
}

function fromNumber(n: number, format: string | undefined): CellValue {
  // Excel cannot hold NaN or ±∞; a door that produced one met an overflow, which Excel shows as #NUM!.
  if (!Number.isFinite(n)) return { kind: "error", code: "#NUM!" };
  const value = storedNumber(n)!;
  const info = formatInfo(format);
  if (info.percent) {
    const shown = value.shift(2);
    return {
      kind: "number",
      value: shown,
      shownDecimals: shownDecimalsFor(shown, info),
      suffix: "%",
      fromText: false,
      percentFormat: true,
    };
  }
  if (info === NO_FORMAT && value.units >= 0n && value.units < 100_000n && value.scale < 5) {
    // Small plain numbers fill most tables: their (immutable) cells are shared like their decimals.
    let cell = PLAIN_CELLS.get(value);
    if (!cell)
      PLAIN_CELLS.set(value, (cell = { kind: "number", value, shownDecimals: value.scale, fromText: false }));
    return cell;
  }
  return { kind: "number", value, shownDecimals: shownDecimalsFor(value, info), fromText: false };
}

/** Shared cells of small unformatted numbers, keyed by their shared decimals (Decimal.fromUnits). */
const PLAIN_CELLS = new Map<Decimal, NumberCell>();

/** Plain ASCII decimals ("123", "-4.5") without building any intermediate string. */
function fastText(s: string): CellValue | undefined {
  const n = s.length;
  if (n === 0) return EMPTY;
  if (n > 17) return undefined;
  let i = 0;
  let c = s.charCodeAt(0);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i = 1;
  }
  let acc = 0;
  let nd = 0;
  let frac = 0;
  let dot = false;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      nd++;
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else return undefined;
  }
  if (nd === 0 || nd > 15) return undefined;
  return {
    kind: "number",
    value: Decimal.fromUnits(neg ? -acc : acc, frac),
    shownDecimals: frac,
    fromText: true,
    text: s,
  };
}

function fromOther(raw: object): CellValue {
  const v = raw as { error?: unknown };
  if (typeof v.error === "string") return { kind: "error", code: v.error };
  if (typeof (raw as unknown) === "bigint") {
    return {
      kind: "number",
      value: Decimal.of(raw as unknown as bigint, 0),
      shownDecimals: 0,
      fromText: false,
    };
  }
  return { kind: "text", text: safeString(raw), qualitative: false };
}

function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return "";
  }
}

// ---------------------------------------------------------------------------------------------
// Text

// CJK unified ideographs have no compatibility decomposition, so for text made of them and ASCII
// normalisation is a per-character mapping (traditional → simplified) that can be memoised;
// whole-string NFKC would otherwise dominate the cost of every 23项 or 1.7万.
const IDEOGRAPH_MEMO = new Map<number, string>();

/**
 * Footnote marks after a number (1000①, 1000¹, 1000*, 1100※): a note on the figure, not digits of
 * it. NFKC would turn ① and ¹ into 1 and make 1000① read as 10001, so they go first. A mark after
 * a letter (500m²) is part of a measure and stays.
 */
const FOOTNOTE_MARKS =
  /(?<=[\d.)）%])\s*[\u2460-\u2473\u2474-\u2487\u2488-\u249b\u00b9\u00b2\u00b3\u2070\u2074-\u2079*※†‡§]+$/;

/** The same marks written before the number (＊1100). */
const LEADING_MARKS = /^\s*[*＊※†‡]+\s*(?=[-+]?[\d０-９])/;

function normalizeCellText(raw: string): string {
  if (FOOTNOTE_MARKS.test(raw)) raw = raw.replace(FOOTNOTE_MARKS, "");
  if (LEADING_MARKS.test(raw)) raw = raw.replace(LEADING_MARKS, "");
  let changed = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x3400 || c > 0x9fff) return normalizeText(raw);
    let m = IDEOGRAPH_MEMO.get(c);
    if (m === undefined) {
      m = normalizeText(raw[i]);
      IDEOGRAPH_MEMO.set(c, m);
    }
    if (m !== raw[i]) changed = true;
  }
  if (!changed) return raw;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    out += c < 0x80 ? raw[i] : (IDEOGRAPH_MEMO.get(c) ?? raw[i]);
  }
  return out;
}

/** 0 = visible, 1 = whitespace or control (separates words), 2 = invisible (zero width, soft hyphen). */
function spaceClass(c: number): 0 | 1 | 2 {
  if (c <= 0x20 || (c >= 0x7f && c <= 0xa0)) return 1;
  if (c < 0x1680) return c === 0xad ? 2 : 0;
  if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff) return 2;
  if (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029) return 1;
  if (c === 0x202f || c === 0x205f || c === 0x3000) return 1;
  return 0;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * `compact` drops every space (what numbers, dashes and codes are matched on: `1 234 户`, `N / A`);
 * `display` keeps one space only between two latin letters or digits, because padding between
 * CJK characters (`合  计`) is layout while `to be set` would lose its words.
 */
function squeeze(s: string): { compact: string; display: string } {
  let compact = "";
  let display = "";
  let pending = false;
  let prev = -1;
  let start = 0; // start of the current run of visible characters
  for (let i = 0; i < s.length; i++) {
    const cls = spaceClass(s.charCodeAt(i));
    if (cls === 0) continue;
    const run = s.slice(start, i);
    if (run.length > 0) {
      if (pending && prev >= 0 && isAsciiAlnum(prev) && isAsciiAlnum(run.charCodeAt(0))) display += " ";
      compact += run;
      display += run;
      prev = run.charCodeAt(run.length - 1);
      pending = false;
    }
    if (cls === 1) pending = true;
    start = i + 1;
  }
  const run = s.slice(start);
  if (run.length > 0) {
    if (pending && prev >= 0 && isAsciiAlnum(prev) && isAsciiAlnum(run.charCodeAt(0))) display += " ";
    compact += run;
    display += run;
  }
  return { compact, display };
}

const ERROR_CODES = new Set([
  "#REF!",
  "#DIV/0!",
  "#N/A",
  "#NAME?",
  "#NULL!",
  "#NUM!",
  "#VALUE!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

const DASH_WORDS = new Set(["无", "暂无", "不适用", "n/a", "na", "n.a.", "n.a"]);
/** First characters of the dash words (无, 暂无, 不适用). */
const DASH_LEADS = new Set([...DASH_WORDS].map((w) => w[0]));

// Hyphens, dashes, minus, box-drawing lines, the katakana long mark and "/" are all typed as
// "nothing here"; any run made only of them (—/—, ——, --) is a dash.
const DASH_CHARS = new Set([..."-/‐‑‒–—―−─━ー"].map((ch) => ch.charCodeAt(0)));

function isDash(compact: string): boolean {
  let all = true;
  for (let i = 0; i < compact.length; i++) {
    if (!DASH_CHARS.has(compact.charCodeAt(i))) {
      all = false;
      break;
    }
  }
  return all || (compact.length <= 4 && DASH_WORDS.has(compact.toLowerCase()));
}

/**
 * parseText once per distinct text and measure (textMemo.ts): thousands of cells may hold one long
 * shared string. The cell values are built here and never changed by their readers, so cells of
 * one text share one.
 */
const parseTextOnce = perDistinctTextAnd((raw: string, measure: string | undefined) =>
  parseText(raw, measure),
);

function parseText(raw: string, measure: string | undefined): CellValue {
  const { compact, display } = squeeze(normalizeCellText(raw));
  if (compact.length === 0) return EMPTY;
  if (compact.charCodeAt(0) === 35) {
    const code = compact.toUpperCase();
    if (ERROR_CODES.has(code)) return { kind: "error", code };
  }
  if (isDash(compact)) return { kind: "dash", text: display };
  const num = parseNumberText(compact, measureInfo(measure));
  if (num !== null) {
    num.text = raw;
    return num;
  }
  return textCell(display, compact);
}

// ---------------------------------------------------------------------------------------------
// Number notation: [prefix words] number [余/多] [multiplier] [余/多] [unit] [tail words]

interface Word {
  word: string;
  bound?: Bound;
  qualifier?: Qualifier;
}

const PREFIX_WORDS: Word[] = [
  ...[
    "大于等于",
    "大于或等于",
    "不低于",
    "不少于",
    "不小于",
    "至少",
    "最少",
    "最低",
    "下限",
    "≥",
    "≧",
    ">=",
  ].map((word): Word => ({ word, bound: "ge" })),
  ...[
    "小于等于",
    "小于或等于",
    "不超过",
    "不高于",
    "不大于",
    "不多于",
    "最多",
    "至多",
    "最高",
    "上限",
    "控制在",
    "≤",
    "≦",
    "<=",
  ].map((word): Word => ({ word, bound: "le" })),
  ...["超过", "超出", "大于", "高于", "多于", "超", ">"].map((word): Word => ({ word, bound: "gt" })),
  ...["低于", "少于", "小于", "不到", "不足", "<"].map((word): Word => ({ word, bound: "lt" })),
  { word: "累计", qualifier: "cumulative" },
  { word: "累积", qualifier: "cumulative" },
  { word: "新增", qualifier: "new" },
  // Words that say "the target is" without changing the number.
  ...["约", "大约", "预计", "力争", "争取", "达到", "达", "完成", "确保", "实现", "目标", "共", "共计"].map(
    (word): Word => ({ word }),
  ),
];

const TAIL_WORDS: Word[] = [
  { word: "及以上", bound: "ge" },
  { word: "以上", bound: "ge" },
  { word: "+", bound: "ge" },
  { word: "及以下", bound: "le" },
  { word: "以下", bound: "le" },
  { word: "以内", bound: "le" },
  { word: "之内", bound: "le" },
  { word: "左右" },
];

/** Words indexed by first character, longest first, so 不超过 wins over 超 and >= over >. */
function indexWords(words: Word[]): Map<string, Word[]> {
  const m = new Map<string, Word[]>();
  for (const w of [...words].sort((a, b) => b.word.length - a.word.length)) {
    const list = m.get(w.word[0]);
    if (list) list.push(w);
    else m.set(w.word[0], [w]);
  }
  return m;
}
const PREFIX_INDEX = indexWords(PREFIX_WORDS);

function wordAt(index: Map<string, Word[]>, s: string, i: number): Word | undefined {
  const list = index.get(s[i]);
  if (list === undefined) return undefined;
  for (const w of list) if (s.startsWith(w.word, i)) return w;
  return undefined;
}

function tailWordAt(s: string, end: number): Word | undefined {
  const last = s[end - 1];
  if (last !== "上" && last !== "下" && last !== "内" && last !== "右" && last !== "+") return undefined;
  for (const w of TAIL_WORDS)
    if (end - w.word.length >= 0 && s.startsWith(w.word, end - w.word.length)) return w;
  return undefined;
}

/** Combines two bounds in one cell; null when they point opposite ways (超500以内). */
function combine(a: Bound | undefined, b: Bound | undefined): Bound | undefined | null {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  const upA = a === "gt" || a === "ge";
  const upB = b === "gt" || b === "ge";
  if (upA !== upB) return null;
  return upA ? "gt" : "lt"; // the strict one of a same-direction pair
}

function isSign(c: number): boolean {
  // Hyphen-like characters are typed as minus signs; the em dash is not (it means "no allocation").
  return c === 45 || c === 43 || c === 0x2212 || (c >= 0x2010 && c <= 0x2013);
}

interface Scanned {
  value: Decimal;
  end: number;
}

/** A number at s[i…]: sign, digits with valid thousands groups, decimals, exponent. */
function scanNumber(s: string, i: number, end: number): Scanned | null {
  let neg = false;
  let c = s.charCodeAt(i);
  if (i < end && isSign(c)) {
    neg = c !== 43;
    i++;
  }
  const start = i;
  let acc = 0; // the digits' value while it is exact (≤ 15 digits)
  let nd = 0;
  let intDigits = 0;
  let commas = false;
  let group = -1; // digits in the current group after a comma; -1 = no comma seen
  let j = i;
  for (; j < end; j++) {
    c = s.charCodeAt(j);
    if (c >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      nd++;
      intDigits++;
      if (group >= 0) group++;
    } else if (c === 44 && j + 1 < end && s.charCodeAt(j + 1) >= 48 && s.charCodeAt(j + 1) <= 57) {
      // Thousands groups: a first group of 1–3 digits, then groups of exactly 3 ("1,23,4" is not a number).
      if (group < 0 ? intDigits === 0 || intDigits > 3 : group !== 3) return null;
      commas = true;
      group = 0;
    } else break;
  }
  if (group >= 0 && group !== 3) return null;
  const intEnd = j;
  let frac = 0;
  if (j < end && s.charCodeAt(j) === 46) {
    let k = j + 1;
    for (; k < end; k++) {
      c = s.charCodeAt(k);
      if (c < 48 || c > 57) break;
      acc = acc * 10 + (c - 48);
      nd++;
    }
    frac = k - j - 1;
    j = k;
  }
  if (nd === 0) return null;
  let exp = 0;
  c = s.charCodeAt(j);
  if (j < end && (c === 101 || c === 69)) {
    let k = j + 1;
    let eneg = false;
    const sc = s.charCodeAt(k);
    if (k < end && (sc === 43 || sc === 45)) {
      eneg = sc === 45;
      k++;
    }
    const expStart = k;
    while (k < end && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
    if (k > expStart) {
      if (k - expStart > 4) return null;
      exp = Number(s.slice(expStart, k));
      if (exp > MAX_EXPONENT) return null;
      if (eneg) exp = -exp;
      j = k;
    }
  }
  let units: bigint;
  if (nd <= 15) units = BigInt(acc);
  else {
    let digits = s.slice(start, intEnd);
    if (commas) digits = digits.replaceAll(",", "");
    if (frac > 0) digits += s.slice(intEnd + 1, intEnd + 1 + frac);
    units = BigInt(digits);
  }
  return { value: Decimal.of(neg ? -units : units, frac - exp), end: j };
}

/** 十百千 only count as multipliers before 万/亿 (百分点 is a unit); 千 alone is one (5千米 = 5000米). */
function multiplierAt(s: string, j: number, end: number): { exp: number; len: number } | null {
  if (j >= end) return null;
  const ch = s[j];
  const next = j + 1 < end ? s[j + 1] : "";
  let base = 0;
  let k = j;
  if (ch === "十" || ch === "百" || ch === "千") {
    if (next !== "万" && next !== "亿") return ch === "千" ? { exp: 3, len: 1 } : null;
    base = ch === "十" ? 1 : ch === "百" ? 2 : 3;
    k++;
  }
  if (s[k] === "万") {
    if (k + 1 < end && s[k + 1] === "亿") return { exp: base + 12, len: k + 2 - j };
    return { exp: base + 4, len: k + 1 - j };
  }
  if (s[k] === "亿") return { exp: base + 8, len: k + 1 - j };
  return null;
}

/** CJK ideographs (incl. compatibility forms and surrogate pairs of extension B+), kana, hangul. */
function isHanLike(c: number): boolean {
  return (
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xd840 && c <= 0xdfff) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0xac00 && c <= 0xd7af)
  );
}

function isLatin(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Superscripts become digits under NFKC (m² → m2, km³ → km3); a digit is part of a unit only
 * there, so 12a3 stays a broken number.
 */
function isUnitDigit(u: string, i: number): boolean {
  const c = u.charCodeAt(i);
  return (c === 50 || c === 51) && i > 0 && u[i - 1] === "m" && (i === u.length - 1 || u[i + 1] === "/");
}

/** A plain unit word: 项, 万亩 (after the multiplier: 亩), 公里, 元/人, km, m2, %, ‰. */
function isUnit(u: string): boolean {
  const n = u.length;
  if (n === 0) return true;
  if (n === 1 && (u === "%" || u === "‰" || u === "‱")) return true;
  if (u === "e" || u === "E") return false; // an unfinished exponent (5e), not a unit
  if (n > 8) return false;
  let han = 0;
  for (let i = 0; i < n; i++) {
    const c = u.charCodeAt(i);
    if (isHanLike(c)) han++;
    else if (isLatin(c) || c === 0x2f || c === 0xb7 || c === 0xb0)
      continue; // letters, / · °
    else if (!isUnitDigit(u, i)) return false;
  }
  return han <= 4;
}

interface MeasureInfo {
  text: string;
  exp: number;
  base: string;
}

const measureCache = new Map<string, MeasureInfo | undefined>();
let lastMeasure: string | undefined;
let lastMeasureInfo: MeasureInfo | undefined;

function measureInfo(measure: string | undefined): MeasureInfo | undefined {
  if (measure === undefined || measure === "") return undefined;
  if (measure === lastMeasure) return lastMeasureInfo;
  const known = measureCache.get(measure);
  if (known !== undefined || measureCache.has(measure)) {
    lastMeasure = measure;
    lastMeasureInfo = known;
    return known;
  }
  let m = squeeze(normalizeCellText(measure)).compact;
  if (m.startsWith("单位:")) m = m.slice(3);
  m = m.replace(/^[([【]+|[)\]】]+$/g, "");
  let info: MeasureInfo | undefined;
  if (m !== "") {
    const mult = multiplierAt(m, 0, m.length);
    info = mult ? { text: m, exp: mult.exp, base: m.slice(mult.len) } : { text: m, exp: 0, base: m };
  }
  if (measureCache.size > 4096) measureCache.clear();
  measureCache.set(measure, info);
  lastMeasure = measure;
  lastMeasureInfo = info;
  return info;
}

/** The number notation of a whole compact cell text, or null when the text is not one. */
function parseNumberText(s: string, measure: MeasureInfo | undefined): NumberCell | null {
  let i = 0;
  let end = s.length;
  let bound: Bound | undefined;
  let qualifier: Qualifier | undefined;
  for (let guard = 0; guard < 6 && i < end; guard++) {
    const w = wordAt(PREFIX_INDEX, s, i);
    if (w === undefined) break;
    if (w.bound) {
      if (bound) return null; // two bound words (超不低于…) are not a way to write a target
      bound = w.bound;
    }
    // 累计新增 is an amount added up over the period: a cumulative figure.
    if (w.qualifier && qualifier !== "cumulative") qualifier = w.qualifier;
    i += w.word.length;
  }
  let tailBound: Bound | undefined;
  for (let guard = 0; guard < 3 && end > i; guard++) {
    const w = tailWordAt(s, end);
    if (w === undefined) break;
    if (w.bound) {
      if (tailBound) return null;
      tailBound = w.bound;
    }
    end -= w.word.length;
  }
  const num = scanNumber(s, i, end);
  if (num === null) return null;
  let j = num.end;
  let more = false;
  if (j < end && (s[j] === "余" || s[j] === "多")) {
    more = true;
    j++;
  }
  const mult = multiplierAt(s, j, end);
  const multText = mult === null ? "" : s.slice(j, j + mult.len);
  if (mult !== null) j += mult.len;
  if (!more && mult !== null && j < end && (s[j] === "余" || s[j] === "多")) {
    more = true;
    j++;
  }
  const unit = s.slice(j, end);
  if (!isUnit(unit)) return null;
  let b = combine(bound, tailBound);
  if (b !== null && more) b = combine(b, "gt");
  if (b === null) return null;

  const written = num.value;
  const mc = mult === null ? 0 : mult.exp;
  let value = written;
  let multiplier: Decimal | undefined;
  let suffix: string | undefined;
  // Bare digits are in the row's measure, whatever it is (500 in a 亿元 row is 500 亿元); only a
  // written multiplier or unit can say otherwise.
  if (measure !== undefined && (mult !== null || unit !== "") && (unit === "" || unit === measure.base)) {
    // The written unit is the measure's, give or take a power of ten: convert exactly.
    const exp = mc - measure.exp;
    if (exp === 0) suffix = multText + unit || undefined;
    else {
      value = written.shift(exp);
      multiplier = multiplierFor(exp);
      suffix = unit === "" ? undefined : measure.text;
    }
  } else {
    if (mc !== 0) {
      value = written.shift(mc);
      multiplier = multiplierFor(mc);
    }
    suffix = unit || undefined;
  }
  const cell: NumberCell = { kind: "number", value, shownDecimals: written.scale, fromText: true };
  if (multiplier !== undefined) cell.multiplier = multiplier;
  if (b !== undefined) cell.bound = b;
  if (qualifier !== undefined) cell.qualifier = qualifier;
  if (suffix !== undefined) cell.suffix = suffix;
  return cell;
}

// ---------------------------------------------------------------------------------------------
// Wording

const RANGE_SEPARATORS = "-~—–〜至到";

/**
 * A range (5-8, 5%~8%, 2021-2025年) is a legitimate way to give a target that cannot be summed:
 * qualitative when it runs low → high; a "range" running backwards (2024-5) is more likely a date
 * or a typo. undefined = not range-shaped.
 */
function rangeVerdict(s: string): boolean | undefined {
  let i = 0;
  for (let guard = 0; guard < 4; guard++) {
    const w = wordAt(PREFIX_INDEX, s, i);
    if (w === undefined || w.bound) break;
    i += w.word.length;
  }
  let k = -1;
  for (let j = i + 1; j < s.length; j++) {
    if (RANGE_SEPARATORS.includes(s[j]) && s[j - 1] !== "e" && s[j - 1] !== "E") {
      k = j;
      break;
    }
  }
  if (k < 0) return undefined;
  const left = parseNumberText(s.slice(i, k), undefined);
  const right = parseNumberText(s.slice(k + 1), undefined);
  if (left === null || right === null || left.bound !== undefined) return undefined;
  if (left.suffix !== undefined && right.suffix !== undefined && left.suffix !== right.suffix)
    return undefined;
  // "1-2万" means 1万 to 2万: an unscaled low end takes the high end's multiplier.
  const low =
    left.multiplier === undefined && right.multiplier !== undefined
      ? left.value.mul(right.multiplier)
      : left.value;
  return low.le(right.value);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Number-notation words and multipliers: they never make text wording on their own. */
function notationWordLength(s: string, i: number): number {
  const w = wordAt(PREFIX_INDEX, s, i);
  if (w !== undefined) return w.word.length;
  for (const t of TAIL_WORDS) if (s.startsWith(t.word, i)) return t.word.length;
  const ch = s[i];
  return ch === "万" || ch === "亿" || ch === "千" || ch === "余" || ch === "多" ? 1 : 0;
}

/** A unit ends where the text ends, at a non-CJK character (a digit: 5件3) or at a tail word (亩以上). */
function endsUnit(s: string, j: number): boolean {
  if (j >= s.length || !isHanLike(s.charCodeAt(j))) return true;
  for (const t of TAIL_WORDS) if (s.startsWith(t.word, j)) return true;
  return false;
}

/**
 * Qualitative = the text carries Chinese words a target can be given in (快于面上投资增速, 待定,
 * 较上年增长5%以上). Latin-only text (TBD, x) and digit junk (12a3, 1.2.3, 3..5) are not wording but a
 * broken or placeholder number the planner must fix, so they are flagged rather than reported as info.
 * When digits are present, notation words (累计, 超, 以上), multipliers and a unit glued to a digit
 * (件 in 12a3件, 亩 in 1.2.3万亩) do not count as wording: they decorate a broken number. A word after
 * digits that runs on into more words (年 in 2024年完成3项, 前 in 2024.12.31前完成) is wording.
 */
function isQualitative(s: string): boolean {
  let hasDigit = false;
  let hasWordChar = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) hasDigit = true;
    else if (isHanLike(c)) hasWordChar = true;
  }
  if (hasDigit) {
    const range = rangeVerdict(s);
    if (range !== undefined) return range;
  }
  if (!hasWordChar) return false;
  if (!hasDigit) return true;
  let afterNumber = false;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isDigit(c) || ((c === 46 || c === 44 || c === 37) && afterNumber)) {
      afterNumber = true;
      i++;
      continue;
    }
    if (!isHanLike(c)) {
      afterNumber = false;
      i++;
      continue;
    }
    const w = notationWordLength(s, i);
    if (w > 0) {
      const ch = s[i];
      if (!(w === 1 && (ch === "万" || ch === "亿" || ch === "千"))) afterNumber = false;
      i += w;
      continue;
    }
    let j = i;
    while (j < s.length && isHanLike(s.charCodeAt(j)) && notationWordLength(s, j) === 0) j++;
    if (afterNumber && j - i <= 4 && endsUnit(s, j)) {
      afterNumber = false;
      i = j;
      continue;
    }
    return true;
  }
  return false;
}

function textCell(display: string, compact: string): TextCell {
  return { kind: "text", text: display, qualitative: isQualitative(compact) };
}
