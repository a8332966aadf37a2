/**
 * Whether 其中 parts fit in their whole (docs/rules.md §2), shared by part-exceeds-total (parts
 * along the indicators) and unit-part-exceeds-total (parts along the units): each part against the
 * whole, then — when no single part failed — the parts together, each judged within the rounding of
 * the values involved.
 */
import type { NumberCell } from "../cell";
import { Decimal } from "../decimal";
import type { Tolerance } from "../finding";
import type { IndicatorLine } from "../model";
import { judgeFor, toleranceFor } from "../tolerance";
import { roundingUnits } from "./rounding";

export type PartExcess =
  | { which: "part"; index: number; tolerance: Tolerance }
  | { which: "parts"; sum: Decimal; excess: Decimal; tolerance: Tolerance };

/** The parts (by index) that exceed the whole beyond rounding, or the parts together; [] when they fit. */
export function partExcesses(
  ind: IndicatorLine,
  whole: NumberCell,
  parts: readonly NumberCell[],
): PartExcess[] {
  const out: PartExcess[] = [];
  parts.forEach((p, index) => {
    const r = roundingUnits(ind, [whole, p], [whole, p]);
    const excess = p.value.sub(whole.value);
    if (excess.sign() > 0 && judgeFor(ind, excess, r).severity === "error")
      out.push({ which: "part", index, tolerance: toleranceFor(ind, r) });
  });
  if (out.length || parts.length < 2) return out;
  const cells = [whole, ...parts];
  const r = roundingUnits(ind, cells, cells);
  const sum = Decimal.sum(parts.map((p) => p.value));
  const excess = sum.sub(whole.value);
  if (excess.sign() > 0 && judgeFor(ind, excess, r).severity === "error")
    out.push({ which: "parts", sum, excess, tolerance: toleranceFor(ind, r) });
  return out;
}
