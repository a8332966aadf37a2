/**
 * What a planner's cell means (docs/rules.md §1): numbers stored or typed as text, bounds (超500),
 * qualifiers (累计, 新增), multipliers (1.7万), glued units (23项), dashes, error codes and wording.
 *
 * Conventions the rest of the engine may rely on:
 * - `value` is exact (Decimal, never a float) and is expressed in the row's measure when the cell's
 *   own multiplier/unit can be reconciled with it (3500万元 in a 亿元 row → 0.35).
 * - A NumberCell is known to ±½ · 10^-shownDecimals · (multiplier ?? 1) in `value` units:
 *   `shownDecimals` counts the digits as written or shown (1.7万 → 1), and `multiplier` is the factor
 *   that turned the written digits into `value` (10000 for 1.7万, 0.0001 for 3500万元 in a 亿元 row).
 * - `suffix` is the unit `value` is expressed in as far as the cell says: an applied multiplier is
 *   not part of it (56.7亿元 with no measure → 5670000000, suffix 元), a multiplier that belongs to
 *   the measure is (42.0万亩 in a 万亩 row → 42.0, suffix 万亩), and a converted value carries the
 *   measure (3500万元 in a 亿元 row → suffix 亿元).
 * - parseCell never throws.
 *
 * This file holds the entry points; the room beside it: numberFormat.ts (what a format shows),
 * storedNumber.ts (doubles as exact decimals), scanNumber.ts (numbers in text), cellWords.ts (the
 * words of cell text), normalize.ts (text made comparable), notation.ts (a number with its words,
 * multiplier and unit), qualitative.ts (wording or a broken number).
 */
import type { CellValue, EmptyCell, ParseContext } from "../cell";
import { Decimal } from "../decimal";
import { isExcelErrorCode } from "../errorCodes";
import type { RawValue } from "../grid";
import { normalizeText } from "../text";
import { perDistinctTextAnd } from "../textMemo";
import { DASH_LEADS, isDash, PREFIX_INDEX } from "./cellWords";
import { normalizeCellText, squeeze } from "./normalize";
import { measureInfo, parseNumberText } from "./notation";
import { textCell } from "./qualitative";
import { fromNumber } from "./storedNumber";

export { decimalsFromFormat, isPercentFormat } from "./numberFormat";
export { pow10Number, storedNumber, storedScale } from "./storedNumber";

const EMPTY: EmptyCell = Object.freeze({ kind: "empty" }) as EmptyCell;

/** Parses one raw cell value; never throws. */
export function parseCell(raw: RawValue, ctx?: ParseContext): CellValue {
  try {
    if (typeof raw === "number") return fromNumber(raw, ctx === undefined ? undefined : ctx.numberFormat);
    if (typeof raw === "string")
      return fastText(raw) ?? parseTextOnce(raw, ctx === undefined ? undefined : ctx.measure);
    if (raw === null || raw === undefined) return EMPTY;
    if (typeof raw === "boolean") return { kind: "text", text: raw ? "TRUE" : "FALSE", qualitative: false };
    return fromOther(raw);
  } catch {
    return { kind: "text", text: safeString(raw), qualitative: false };
  }
}

/**
 * Whether a text opens with an ideograph that no prefix word (超, 不低于, 约…) or dash word (无,
 * 暂无) opens with: such a text is text, since a number must follow the prefix words at once.
 */
export function opensAsText(raw: string): boolean {
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 0x3000)) i++;
  const lead = raw.charCodeAt(i);
  if (!(lead >= 0x3400 && lead <= 0x9fff)) return false;
  const ch = normalizeText(raw[i]);
  return !PREFIX_INDEX.has(ch) && !DASH_LEADS.has(ch);
}

/**
 * What `parseCell` would make of a text — a number (with the measure glued to it), a dash, an
 * error, or text — without judging the wording of text (layout detection asks this of every label
 * on a sheet and needs no more).
 */
export function textKind(raw: string): { kind: CellValue["kind"]; suffix?: string } {
  if (opensAsText(raw)) return TEXT_KIND;
  // A text with no digit (of any width) is a number only as a dash word (无, 暂无) or a dash.
  if (!HAS_DIGIT.test(raw)) {
    if (raw.length > 6) return TEXT_KIND;
    const compact = raw.trim();
    if (compact.length === 0) return { kind: "empty" };
    if (isDash(compact)) return { kind: "dash" };
    if (compact.charCodeAt(0) !== 35) return TEXT_KIND;
  }
  try {
    const fast = fastText(raw);
    if (fast) return { kind: fast.kind };
    const { compact } = squeeze(normalizeCellText(raw));
    if (compact.length === 0) return { kind: "empty" };
    if (compact.charCodeAt(0) === 35 && isExcelErrorCode(compact.toUpperCase())) return { kind: "error" };
    if (isDash(compact)) return { kind: "dash" };
    const num = parseNumberText(compact, measureInfo(undefined));
    return num ? { kind: "number", suffix: num.suffix } : { kind: "text" };
  } catch {
    return { kind: "text" };
  }
}

const HAS_DIGIT = /[0-9０-９]/;

const TEXT_KIND = Object.freeze({ kind: "text" as const });

/** Plain ASCII decimals ("123", "-4.5") without building any intermediate string. */
function fastText(s: string): CellValue | undefined {
  const n = s.length;
  if (n === 0) return EMPTY;
  if (n > 17) return undefined;
  let i = 0;
  let c = s.charCodeAt(0);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i = 1;
  }
  let acc = 0;
  let nd = 0;
  let frac = 0;
  let dot = false;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      acc = acc * 10 + (c - 48);
      nd++;
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else return undefined;
  }
  if (nd === 0 || nd > 15) return undefined;
  return {
    kind: "number",
    value: Decimal.fromUnits(neg ? -acc : acc, frac),
    shownDecimals: frac,
    fromText: true,
    text: s,
  };
}

function fromOther(raw: object): CellValue {
  const v = raw as { error?: unknown };
  if (typeof v.error === "string") return { kind: "error", code: v.error };
  if (typeof (raw as unknown) === "bigint") {
    return {
      kind: "number",
      value: Decimal.of(raw as unknown as bigint, 0),
      shownDecimals: 0,
      fromText: false,
    };
  }
  return { kind: "text", text: safeString(raw), qualitative: false };
}

function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return "";
  }
}

/**
 * parseText once per distinct text and measure (textMemo.ts): thousands of cells may hold one long
 * shared string. The cell values are built here and never changed by their readers, so cells of
 * one text share one.
 */
const parseTextOnce = perDistinctTextAnd((raw: string, measure: string | undefined) =>
  parseText(raw, measure),
);

function parseText(raw: string, measure: string | undefined): CellValue {
  const { compact, display } = squeeze(normalizeCellText(raw));
  if (compact.length === 0) return EMPTY;
  if (compact.charCodeAt(0) === 35) {
    const code = compact.toUpperCase();
    if (isExcelErrorCode(code)) return { kind: "error", code };
  }
  if (isDash(compact)) return { kind: "dash", text: display };
  const num = parseNumberText(compact, measureInfo(measure));
  if (num !== null) {
    num.text = raw;
    return num;
  }
  return textCell(display, compact);
}
