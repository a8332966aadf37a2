/**
 * Whether a text is wording a target can be given in (待定, 快于面上投资增速, a range 5-8) or a
 * broken number the planner must fix (12a3, 1.2.3, TBD).
 */
import type { TextCell } from "../cell";
import { isHanLike, PREFIX_INDEX, RANGE_SEPARATORS, TAIL_WORDS, wordAt } from "./cellWords";
import { parseNumberText } from "./notation";
import { isDigit } from "./scanNumber";

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
export function isQualitative(s: string): boolean {
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

export function textCell(display: string, compact: string): TextCell {
  return { kind: "text", text: display, qualitative: isQualitative(compact) };
}
