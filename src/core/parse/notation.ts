/**
 * Number notation: [prefix words] number [余/多] [multiplier] [余/多] [unit] [tail words], read
 * against the row's measure (3500万元 in a 亿元 row → 0.35, exactly).
 */
import type { Bound, NumberCell, Qualifier } from "../cell";
import type { Decimal } from "../decimal";
import { isHanLike, isLatin, PREFIX_INDEX, tailWordAt, wordAt } from "./cellWords";
import { normalizeCellText, squeeze } from "./normalize";
import { multiplierAt, multiplierFor, scanNumber } from "./scanNumber";

/** Combines two bounds in one cell; null when they point opposite ways (超500以内). */
function combine(a: Bound | undefined, b: Bound | undefined): Bound | undefined | null {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  const upA = a === "gt" || a === "ge";
  const upB = b === "gt" || b === "ge";
  if (upA !== upB) return null;
  return upA ? "gt" : "lt"; // the strict one of a same-direction pair
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

export interface MeasureInfo {
  text: string;
  exp: number;
  base: string;
}

const measureCache = new Map<string, MeasureInfo | undefined>();
let lastMeasure: string | undefined;
let lastMeasureInfo: MeasureInfo | undefined;

export function measureInfo(measure: string | undefined): MeasureInfo | undefined {
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
export function parseNumberText(s: string, measure: MeasureInfo | undefined): NumberCell | null {
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
