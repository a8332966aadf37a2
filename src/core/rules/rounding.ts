/** The rounding units of a row's values, for the tolerance of PRODUCT §4. */
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
  const plain = indicator.count ? Decimal.ZERO : pow10neg(rowDecimals(allCells));
  const written: Decimal[] = [];
  for (const v of values) if (v.multiplier) written.push(v.multiplier.mul(pow10neg(v.shownDecimals)));
  const basis: RoundingUnits["basis"] = written.length
    ? "written-multiplier"
    : indicator.count
      ? "exact-count"
      : "shown-precision";
  return { plain, plainCount: values.length - written.length, written, basis };
}

export { pow10neg };
