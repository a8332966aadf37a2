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
