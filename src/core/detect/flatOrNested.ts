/**
 * Arithmetic beats the dictionary (docs/table-understanding.md §2): a hierarchy read from unit
 * names alone stands only where the sums support it.
 */
import type { IndicatorLine, Split, UnitLine } from "../model";
import { fitIsEvidence, sumFit } from "./arithmetic";
import type { SheetView } from "./view";

/**
 * Where the dictionary nests the units (青岛市 under 山东省) but the total is the flat sum of every
 * listed unit (计划单列市 listed beside the provinces), the table is flat.
 */
export function flatAgainstNames(
  view: SheetView,
  indicators: IndicatorLine[],
  splits: Split[],
): Split | undefined {
  const top = splits.find((s) => s.level === 0);
  if (!top) return undefined;
  const everyone = new Map<number, UnitLine>();
  for (const s of splits) for (const c of s.children) everyone.set(c.line, c);
  everyone.delete(top.parent.line);
  const flatFit = sumFit(view, indicators, top.parent.line, [...everyone.keys()]);
  let tested = 0;
  let holds = 0;
  for (const s of splits) {
    const f = sumFit(
      view,
      indicators,
      s.parent.line,
      s.children.map((c) => c.line),
    );
    tested += f.tested;
    holds += f.holds;
  }
  const hierarchyHolds = tested > 0 && holds * 2 > tested;
  const flatHolds = fitIsEvidence(flatFit) || (flatFit.tested > 0 && flatFit.holds === flatFit.tested);
  if (!flatHolds || (hierarchyHolds && holds / tested >= flatFit.holds / flatFit.tested)) return undefined;
  return {
    parent: top.parent,
    children: [...everyone.values()].sort((a, b) => a.line - b.line),
    level: 0,
    why: { by: "arithmetic", evidence: `flat sum holds on ${flatFit.holds} of ${flatFit.tested} rows` },
  };
}
