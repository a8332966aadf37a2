/**
 * Numbers as Excel stores them (doubles), read as the exact decimal their shortest text says, and
 * shown as their number format says (a percent format shows the stored value × 100).
 */
import type { CellValue, NumberCell } from "../cell";
import { Decimal } from "../decimal";
import type { RawValue } from "../grid";
import { formatInfo, NO_FORMAT, shownDecimalsFor } from "./numberFormat";
import { asciiDecimal } from "./scanNumber";

const POW10_NUM = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/**
 * How many decimals the shortest round-trip text of a double has, as parseCell reads a stored
 * number: 0 for an integer of at most 15 digits, else the fewest k ≤ 8 for which round(n·10^k) / 10^k === n with
 * |round(n·10^k)| ≤ 10^15; -1 when neither holds (parseCell then reads the double's text).
 * Division by an exact power of ten is correctly rounded, so m / 10^k === n says the decimal
 * m·10^-k reads back as n; with at most 15 significant digits (which doubles keep distinct) and
 * the smallest such k it is exactly the shortest round-trip text.
 */
export function storedScale(n: number): number {
  if (Number.isSafeInteger(n)) return n < 1e15 && n > -1e15 ? 0 : -1; // 16 digits: read at Excel's 15
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
 * A double's shortest text can have 16 or 17 significant digits; Excel keeps and shows 15, so the
 * rest is binary noise (=0.1+0.2 is 0.3 in Excel, stored as 0.30000000000000004; =98.7*0.025 is
 * stored as 2.4675000000000002). Read at Excel's precision, a formula's result is the decimal the
 * user sees and a sum of them is judged with the tolerance of what is shown (docs/rules.md,
 * "Tolerance").
 */
const EXCEL_DIGITS = 15;

function viaString(n: number): Decimal {
  let s = String(n);
  if (significantDigits(s) > EXCEL_DIGITS) {
    const shown = Number(n.toPrecision(EXCEL_DIGITS));
    if (Number.isFinite(shown)) s = String(shown); // ±1.7976931348623157e308 rounds past the largest double
  }
  return asciiDecimal(s, 0, s.length) ?? Decimal.fromNumber(Number(s));
}

/** Significant digits of a number's text (1.2e-7, 0.000123, 98.70000000000002). */
function significantDigits(s: string): number {
  const e = s.search(/e/i);
  const mantissa = (e < 0 ? s : s.slice(0, e)).replace(/^-/, "").replace(".", "");
  return mantissa.replace(/^0+/, "").length;
}

/** The exact decimal of a stored number as parseCell reads it; undefined for anything else. */
export function storedNumber(raw: RawValue): Decimal | undefined {
  if (typeof raw !== "number" || !Number.isFinite(raw)) return undefined;
  const k = storedScale(raw);
  return k < 0 ? viaString(raw) : Decimal.fromUnits(k === 0 ? raw : Math.round(raw * POW10_NUM[k]), k);
}

export function fromNumber(n: number, format: string | undefined): CellValue {
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
      PLAIN_CELLS.set(
        value,
        (cell = Object.freeze({
          kind: "number",
          value,
          shownDecimals: value.scale,
          fromText: false,
        }) as NumberCell),
      );
    return cell;
  }
  return { kind: "number", value, shownDecimals: shownDecimalsFor(value, info), fromText: false };
}

/** Shared cells of small unformatted numbers, keyed by their shared decimals (Decimal.fromUnits). */
const PLAIN_CELLS = new Map<Decimal, NumberCell>();
