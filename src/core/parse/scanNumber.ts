/**
 * Numbers found in text, exactly: plain ASCII decimals, and a number inside a cell's notation
 * (sign, digits with valid thousands groups, decimals, exponent) with the Chinese multipliers
 * after it (万, 亿, 千万…). Nothing here goes through a float.
 */
import { Decimal } from "../decimal";

// Exponents beyond this cannot come from a double (≈1e±308, 5e-324) and would make Decimal build
// enormous powers of ten, so such text is not taken as a number.
const MAX_EXPONENT = 400;

/** `[+-]digits[.digits][e[+-]digits]` spanning exactly [start, end), or null. */
export function asciiDecimal(s: string, start: number, end: number): Decimal | null {
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

function isSign(c: number): boolean {
  // Hyphen-like characters are typed as minus signs; the em dash is not (it means "no allocation").
  return c === 45 || c === 43 || c === 0x2212 || (c >= 0x2010 && c <= 0x2013);
}

interface Scanned {
  value: Decimal;
  end: number;
}

/** A number at s[i…]: sign, digits with valid thousands groups, decimals, exponent. */
export function scanNumber(s: string, i: number, end: number): Scanned | null {
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
export function multiplierAt(s: string, j: number, end: number): { exp: number; len: number } | null {
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

const MULTIPLIERS = new Map<number, Decimal>();
export function multiplierFor(exp: number): Decimal {
  let m = MULTIPLIERS.get(exp);
  if (m === undefined) {
    m = Decimal.ONE.shift(exp);
    MULTIPLIERS.set(exp, m);
  }
  return m;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
