/**
 * Text normalisation for matching labels and parsing cells: full-width forms, traditional
 * characters and padding spaces must not change what a label means (合  計 = 合计).
 */

import { anyCharOf, JS_WHITE_SPACE } from "./charTests";
import { perDistinctText } from "./textMemo";

// Traditional → simplified for the characters that occur in target tables' labels and cells.
const TRADITIONAL =
  "計鄉鎮區縣標額數項億萬總業產資長園開發務設經費術規準達劃級導實際註備號單値價內範圍減構權稅農糧積畝戶個來對與於為從這並應當屬轄門關環綠節專學醫衛電車氣體龍陽陰東寧蘇廣灣興華國雲貴遼黃營紹溫麗臺島橋濱蕭臨廬陸順鄭葉張樂漢滄齊魯濟寶鹽揚無錫層碼錯誤強創礎將動過讓處審報類別萊濰壽陝晉贛閩滬瓊綜測檢驗約爭餘噸輛條較確現預頃隻筆幣釐暫適領絡責擁";
const SIMPLIFIED =
  "计乡镇区县标额数项亿万总业产资长园开发务设经费术规准达划级导实际注备号单值价内范围减构权税农粮积亩户个来对与于为从这并应当属辖门关环绿节专学医卫电车气体龙阳阴东宁苏广湾兴华国云贵辽黄营绍温丽台岛桥滨萧临庐陆顺郑叶张乐汉沧齐鲁济宝盐扬无锡层码错误强创础将动过让处审报类别莱潍寿陕晋赣闽沪琼综测检验约争余吨辆条较确现预顷只笔币厘暂适领络责拥";
const SINGLE_TRADITIONAL = new Map([...TRADITIONAL].map((ch, i) => [ch, SIMPLIFIED[i]]));

const HAS_TRADITIONAL = new RegExp(`[${TRADITIONAL}]`);
const TRADITIONAL_CHARS = new RegExp(`[${TRADITIONAL}]`, "g");

const CJK_FIRST = 0x4e00;
const CJK_LAST = 0x9fff;
/** 1 for each CJK unified ideograph that normalising changes (the traditional ones above). */
const TRADITIONAL_BITS = (() => {
  const bits = new Uint8Array(CJK_LAST - CJK_FIRST + 1);
  for (const ch of TRADITIONAL) {
    const c = ch.charCodeAt(0);
    if (c >= CJK_FIRST && c <= CJK_LAST) bits[c - CJK_FIRST] = 1;
  }
  return bits;
})();

/**
 * Text that normalising leaves as it is: printable ASCII and CJK unified ideographs (which NFKC
 * does not touch) other than the traditional characters above. Unit names are nearly all such
 * text, and a header of 50,000 of them is normalised more than once. With `spaces` false a space
 * unsettles the text too (a label loses its spaces).
 */
function isSettled(text: string, spaces: boolean): boolean {
  const lowest = spaces ? 0x20 : 0x21;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= lowest && c <= 0x7e) continue;
    if (c >= CJK_FIRST && c <= CJK_LAST && TRADITIONAL_BITS[c - CJK_FIRST] === 0) continue;
    return false;
  }
  return true;
}

/** Full-width → ASCII (NFKC) and traditional → simplified; spaces kept. */
export const normalizeText = perDistinctText((text: string): string => {
  if (isSettled(text, true)) return text;
  const s = text.normalize("NFKC");
  return HAS_TRADITIONAL.test(s) ? s.replace(TRADITIONAL_CHARS, (ch) => SINGLE_TRADITIONAL.get(ch) ?? ch) : s;
});

/** A label as matched against keywords and names: normalised, every kind of space removed. */
const LABEL_SPACE = /[\s\u00a0\u3000\u200b]/;

/** Per distinct long text (textMemo.ts); most labels hold no space at all and are no copy. */
export const normalizeLabel = perDistinctText((text: string): string => {
  // Settled and without a space (上城区, 单位123): nothing to change, one pass over it.
  if (isSettled(text, false)) return text;
  const t = normalizeText(text);
  return LABEL_SPACE.test(t) ? t.replace(/[\s\u00a0\u3000\u200b]+/g, "") : t;
});

/** A label's text for display: normalised whitespace only (the planner's own characters kept). */
const DISPLAY_SPACE = anyCharOf(JS_WHITE_SPACE);

export const displayLabel = perDistinctText((text: string): string => {
  if (!DISPLAY_SPACE.test(text)) return text;
  return text
    .replace(/[\s\u00a0\u3000]+/g, (m, offset: number, whole: string) => {
      // Padding between CJK characters (宝 应 县) is layout, not meaning.
      const before = whole[offset - 1] ?? "";
      const after = whole[offset + m.length] ?? "";
      const cjk = /[\u3400-\u9fff]/;
      return cjk.test(before) && cjk.test(after) ? "" : " ";
    })
    .trim();
});

/** UTF-8 length of a string (what a request or response carries), without encoding a copy. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
