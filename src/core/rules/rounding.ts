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

/** One unit per value that takes part (the parent and each numeric child). */
export function roundingUnits(indicator: IndicatorLine, values: readonly NumberCell[], allCells: readonly CellValue[]): RoundingUnits {
  const d = rowDecimals(allCells);
  const plain = indicator.count ? Decimal.ZERO : pow10neg(d);
  let written = false;
  const units = values.map((v) => {
    if (v.multiplier) {
      written = true;
      return v.multiplier.mul(pow10neg(v.shownDecimals));
    }
    return plain;
  });
  const basis: RoundingUnits["basis"] = written ? "written-multiplier" : indicator.count ? "exact-count" : "shown-precision";
  return { units, basis, unit: indicator.count ? undefined : plain };
}

export { pow10neg };
