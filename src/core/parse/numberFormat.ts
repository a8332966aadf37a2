/**
 * What a cell's number format says about the number it shows: how many decimals (fixed, or a
 * range for `#`), and whether it is a percent format (the stored value × 100). Only the first
 * (positive) section counts; text, fraction, date and scientific formats decide no decimals.
 */
import type { Decimal } from "../decimal";

export interface FormatInfo {
  /** Fewest and most decimals the format shows; undefined when the format does not decide them. */
  minDecimals?: number;
  maxDecimals?: number;
  percent: boolean;
}

export const NO_FORMAT: FormatInfo = { percent: false };
const formatCache = new Map<string, FormatInfo>();
let lastFormat: string | undefined;
let lastFormatInfo: FormatInfo = NO_FORMAT;

export function formatInfo(format: string | null | undefined): FormatInfo {
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

export function shownDecimalsFor(value: Decimal, info: FormatInfo): number {
  const own = value.scale;
  if (info.minDecimals === undefined || info.maxDecimals === undefined) return own;
  return own < info.minDecimals ? info.minDecimals : own > info.maxDecimals ? info.maxDecimals : own;
}

/**
 * The decimals a stored number with `scale` own decimals shows under the format `info` describes
 * (formatInfo), as its NumberCell's shownDecimals; -1 for a percent format (the cell's value is then
 * the stored one × 100). A column's cells share one format: analysed once, asked of every cell.
 */
export function shownDecimalsOfScale(scale: number, info: FormatInfo): number {
  if (info.percent) return -1;
  if (info.minDecimals === undefined || info.maxDecimals === undefined) return scale;
  return scale < info.minDecimals ? info.minDecimals : scale > info.maxDecimals ? info.maxDecimals : scale;
}
