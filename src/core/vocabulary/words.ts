/**
 * Turns word lists into matchers. A list may mix Chinese and English words:
 * - Chinese (and symbols) are matched on the normalised label (no spaces, simplified characters,
 *   half-width forms: `normalizeLabel`), so 合  計 matches 合计;
 * - words with Latin letters are matched on the label's English key (lower case, punctuation as
 *   spaces) at word boundaries, so "rate" matches "Growth rate" but not "Corporate".
 */
import { anyCharOf, LATIN_LETTERS } from "../charTests";
import { normalizeLabel, normalizeText } from "../text";

/** A label in the two forms words are matched on. */
export interface Label {
  /** normalizeLabel(text): 合计, 新增企业数(家) */
  key: string;
  /** Lower-cased words: "grand total", "revenue ($m)" */
  en: string;
}

export function englishKey(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/[^a-z0-9%$#&'./+-]+/g, " ")
    .trim();
}

const HAS_LATIN = anyCharOf(LATIN_LETTERS);

/** A label whose normalised key is already known. */
export function labelWith(key: string, text: string): Label {
  return { key, en: HAS_LATIN.test(text) ? englishKey(text) : "" };
}

export function labelOf(text: string): Label {
  // Most labels are Chinese: their English key is empty, and no English word is looked for.
  return { key: normalizeLabel(text), en: HAS_LATIN.test(text) ? englishKey(text) : "" };
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const LATIN = /[a-z]/i;
const CJK = /[\u3400-\u9fff]/;

function alternatives(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");
}

type Position = "exact" | "start" | "end" | "anywhere";

/** Matches a label against a list in one position; `find` gives the word found. */
export class WordMatcher {
  private readonly zh?: RegExp;
  private readonly en?: RegExp;

  constructor(words: readonly string[], position: Position) {
    // A word with any Chinese in it (单位GDP) is matched whole on the normalised label, in any
    // case; only a word of Latin letters alone is an English word. (Taking 单位GDP as English
    // would keep only "gdp" of it and call a plain GDP row a ratio.)
    const english = (w: string) => LATIN.test(w) && !CJK.test(w);
    const zh = words.filter((w) => !english(w)).map((w) => normalizeLabel(w));
    const en = words.filter(english).map((w) => englishKey(w));
    // English words stand alone: "rate" is found in "growth rate", never in "corporate".
    const wrap = (alt: string, isEnglish: boolean): RegExp => {
      const before = isEnglish ? "(?<![a-z0-9])" : "";
      const after = isEnglish ? "(?![a-z0-9])" : "";
      const flags = isEnglish ? "" : "i";
      const body = `(${alt})`;
      switch (position) {
        case "exact":
          return new RegExp(`^${body}$`, flags);
        case "start":
          return new RegExp(`^${body}${after}`, flags);
        case "end":
          return new RegExp(`${before}${body}$`, flags);
        default:
          return new RegExp(`${before}${body}${after}`, flags);
      }
    };
    if (zh.length) this.zh = wrap(alternatives(zh), false);
    if (en.length) this.en = wrap(alternatives(en), true);
  }

  find(label: Label): string | undefined {
    const z = this.zh?.exec(label.key);
    if (z) return z[1];
    const e = label.en ? this.en?.exec(label.en) : undefined;
    return e ? e[1] : undefined;
  }

  test(label: Label): boolean {
    return this.find(label) !== undefined;
  }
}

export const exactly = (words: readonly string[]) => new WordMatcher(words, "exact");
export const startingWith = (words: readonly string[]) => new WordMatcher(words, "start");
export const endingWith = (words: readonly string[]) => new WordMatcher(words, "end");
export const containing = (words: readonly string[]) => new WordMatcher(words, "anywhere");
