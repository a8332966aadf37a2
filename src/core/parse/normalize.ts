/**
 * Cell text made comparable: footnote marks dropped, full-width and traditional forms folded
 * (memoised per ideograph), and spaces squeezed two ways (`compact` for matching, `display` for
 * showing).
 */
import { normalizeText } from "../text";

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

/**
 * A note in brackets after a number (1,200（预计）, 1100(含外来), 800（暂定）): a remark on the
 * figure, which stays the figure. A measure in brackets (500(万元), 3(个)) is not a note: the
 * bracket must hold two or more ideographs and not open with a multiplier.
 */
const BRACKET_NOTE = /(?<=\d)\s*[（(](?![万亿千百])[^()（）\d]*[\u3400-\u9fff]{2}[^()（）\d]*[)）]$/;

/**
 * An accountant's negative: the whole figure in ASCII brackets, (50) or (1,234.5), is −50. Not a
 * single digit, and not in full-width brackets: （1）, (2) number the items of a list.
 */
const ACCOUNTING_NEGATIVE = /^\s*\(\s*(\d[\d,]*(?:\.\d+)?)\s*\)\s*$/;

export function normalizeCellText(raw: string): string {
  if (BRACKET_NOTE.test(raw)) raw = raw.replace(BRACKET_NOTE, "");
  const negative = ACCOUNTING_NEGATIVE.exec(raw);
  if (negative && negative[1].length > 1) raw = `-${negative[1]}`;
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
export function squeeze(s: string): { compact: string; display: string } {
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
