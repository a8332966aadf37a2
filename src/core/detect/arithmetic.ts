/**
 * Arithmetic evidence for reading a table: does a line equal the sum of the lines it heads, within
 * the rounding band, on most rows? (docs/table-understanding.md). Exact decimals throughout.
 * On very long tables the rows are sampled evenly: evidence, not a check (the rules check every row).
 */
import { Decimal } from "../decimal";
import type { IndicatorLine } from "../model";
import { parseAt } from "../table";
import type { SheetView } from "./view";

/** Rows an arithmetic test reads at most, spread over the table. */
const SAMPLE_ROWS = 400;

export interface Fit {
  /** Rows with a number in the line and in at least one of the lines it heads. */
  tested: number;
  /** Rows where the line equals their sum within the rounding band. */
  holds: number;
}

function sample<T>(items: readonly T[]): readonly T[] {
  if (items.length <= SAMPLE_ROWS) return items;
  const step = items.length / SAMPLE_ROWS;
  const out: T[] = [];
  for (let k = 0; k < SAMPLE_ROWS; k++) out.push(items[Math.floor(k * step)]);
  return out;
}

/** A number as a sum reads it: blanks and dashes are exact zeros; bounds and text are not numbers. */
function valueAt(view: SheetView, row: number, line: number, measure: string) {
  const c = parseAt(view, row, line, measure);
  if (c.kind === "number")
    return c.bound ? null : { value: c.value, decimals: c.shownDecimals, empty: false };
  if (c.kind === "dash" || c.kind === "empty") return { value: Decimal.ZERO, decimals: 0, empty: true };
  return null;
}

const HALF = Decimal.parse("0.5")!;

/**
 * How often `parent` equals the sum of `children` on the additive indicators, within the rounding
 * band (n + 1)·u/2 (whole-number counts: exactly).
 */
export function sumFit(
  view: SheetView,
  indicators: readonly IndicatorLine[],
  parent: number,
  children: readonly number[],
): Fit {
  let tested = 0;
  let holds = 0;
  if (children.length === 0) return { tested, holds };
  for (const ind of sample(indicators.filter((i) => i.kind === "additive"))) {
    const p = valueAt(view, ind.line, parent, ind.measure);
    if (!p || p.empty) continue;
    let sum = Decimal.ZERO;
    let decimals = p.decimals;
    let numbers = 0;
    let usable = true;
    for (const c of children) {
      const v = valueAt(view, ind.line, c, ind.measure);
      if (!v) {
        usable = false;
        break;
      }
      if (!v.empty) numbers++;
      sum = sum.add(v.value);
      if (v.decimals > decimals) decimals = v.decimals;
    }
    if (!usable || numbers === 0) continue;
    tested++;
    const diff = sum.sub(p.value).abs();
    const band = ind.count
      ? Decimal.ZERO
      : Decimal.ONE.shift(-decimals)
          .mul(Decimal.fromInt(numbers + 1))
          .mul(HALF);
    if (diff.le(band)) holds++;
  }
  return { tested, holds };
}

/** The rule for a parent by arithmetic alone: at least 2 rows, and more than half of those tested. */
export function fitIsEvidence(fit: Fit): boolean {
  return fit.holds >= 2 && fit.holds * 2 > fit.tested;
}

/** Whether a share row adds up to 100: the parent says 100, or the children add up to it. */
export function addsToHundred(
  view: SheetView,
  row: number,
  measure: string,
  parent: number | undefined,
  children: readonly number[],
): boolean {
  const hundred = Decimal.fromInt(100);
  if (parent !== undefined) {
    const p = valueAt(view, row, parent, measure);
    if (p && !p.empty && p.value.eq(hundred)) return true;
  }
  let sum = Decimal.ZERO;
  let decimals = 0;
  let numbers = 0;
  for (const c of children) {
    const v = valueAt(view, row, c, measure);
    if (!v) return false;
    if (!v.empty) numbers++;
    sum = sum.add(v.value);
    if (v.decimals > decimals) decimals = v.decimals;
  }
  if (numbers < 2) return false;
  const band = Decimal.ONE.shift(-decimals)
    .mul(Decimal.fromInt(numbers + 1))
    .mul(HALF);
  return sum.sub(hundred).abs().le(band);
}
