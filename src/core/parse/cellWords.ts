/**
 * The words of cell text, as data: words before a number (超, 不低于, 累计, 约…) and after it
 * (以上, 以内, 左右), the words and marks that mean "nothing here" (无, 不适用, —), range
 * separators, and which characters are ideographs or Latin letters.
 */
import type { Bound, Qualifier } from "../cell";

export interface Word {
  word: string;
  bound?: Bound;
  qualifier?: Qualifier;
}

export const PREFIX_WORDS: Word[] = [
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

export const TAIL_WORDS: Word[] = [
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
export const PREFIX_INDEX = indexWords(PREFIX_WORDS);

export function wordAt(index: Map<string, Word[]>, s: string, i: number): Word | undefined {
  const list = index.get(s[i]);
  if (list === undefined) return undefined;
  for (const w of list) if (s.startsWith(w.word, i)) return w;
  return undefined;
}

export function tailWordAt(s: string, end: number): Word | undefined {
  const last = s[end - 1];
  if (last !== "上" && last !== "下" && last !== "内" && last !== "右" && last !== "+") return undefined;
  for (const w of TAIL_WORDS)
    if (end - w.word.length >= 0 && s.startsWith(w.word, end - w.word.length)) return w;
  return undefined;
}

const DASH_WORDS = new Set(["无", "暂无", "不适用", "n/a", "na", "n.a.", "n.a"]);
/** First characters of the dash words (无, 暂无, 不适用). */
export const DASH_LEADS = new Set([...DASH_WORDS].map((w) => w[0]));

// Hyphens, dashes, minus, box-drawing lines, the katakana long mark and "/" are all typed as
// "nothing here"; any run made only of them (—/—, ——, --) is a dash.
const DASH_CHARS = new Set([..."-/‐‑‒–—―−─━ー"].map((ch) => ch.charCodeAt(0)));

export function isDash(compact: string): boolean {
  let all = true;
  for (let i = 0; i < compact.length; i++) {
    if (!DASH_CHARS.has(compact.charCodeAt(i))) {
      all = false;
      break;
    }
  }
  return all || (compact.length <= 4 && DASH_WORDS.has(compact.toLowerCase()));
}

export const RANGE_SEPARATORS = "-~—–〜至到";

/** CJK ideographs (incl. compatibility forms and surrogate pairs of extension B+), kana, hangul. */
export function isHanLike(c: number): boolean {
  return (
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xd840 && c <= 0xdfff) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0xac00 && c <= 0xd7af)
  );
}

export function isLatin(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
