/** The rounding units of a row's values, for the tolerance of docs/rules.md §3. */
import { Decimal } from "../decimal";
import type { CellValue, NumberCell } from "../cell";
import type { IndicatorLine } from "../model";
import type { RoundingUnits } from "../tolerance";

function pow10neg(d: number): Decimal {
  return Decimal.of(1n, d);
}

/** The largest number of decimals the row's plainly written numbers show. */
export function rowDecimals(cells: readonly CellValue[]): number {
  let d = 0;
  for (const c of cells) if (c.kind === "number" && !c.multiplier && c.shownDecimals > d) d = c.shownDecimals;
  return d;
}

/** The rounding units of the values that take part (the parent and each numeric child). */
export function roundingUnits(
  indicator: IndicatorLine,
  values: readonly NumberCell[],
  allCells: readonly CellValue[],
): RoundingUnits {
  const written = writtenUnits(values);
  return roundingOf(indicator, rowDecimals(allCells), values.length - written.length, written);
}

/** The rounding units of the values written with a multiplier (1.7万 → 1000). */
export function writtenUnits(values: readonly NumberCell[]): Decimal[] {
  const written: Decimal[] = [];
  for (const v of values) if (v.multiplier) written.push(v.multiplier.mul(pow10neg(v.shownDecimals)));
  return written;
}

/**
 * The same from what a row's cells come to: the most decimals its plainly written numbers show,
 * how many of the values are plainly written, and writtenUnits of the others.
 */
export function roundingOf(
  indicator: IndicatorLine,
  decimals: number,
  plainCount: number,
  written: Decimal[],
): RoundingUnits {
  const plain = indicator.count ? Decimal.ZERO : pow10neg(decimals);
  const basis: RoundingUnits["basis"] = written.length
    ? "written-multiplier"
    : indicator.count
      ? "exact-count"
      : "shown-precision";
  return { plain, plainCount, written, basis };
}

export { pow10neg };
