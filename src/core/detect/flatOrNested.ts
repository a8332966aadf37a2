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

/**
 * Groups by arithmetic (docs/table-understanding.md §2): where a flat split's total is not the sum
 * of its children on most rows, but the children part into runs each headed by a line that is the
 * sum of the run after it (EMEA = France + Germany; APAC = Japan + China), and the total is the sum
 * of those heads, the table has two levels. Every child must fall in a run of two lines or more,
 * and all the sums together hold on at least 2 rows and more than half of those tested (a wrong
 * figure in one group is then an error, not a misreading).
 */
export function nestBySums(view: SheetView, indicators: IndicatorLine[], flat: Split): Split[] | undefined {
  const kids = flat.children;
  if (kids.length < 4 || kids.length > 500) return undefined;
  const lines = (units: readonly UnitLine[]) => units.map((u) => u.line);
  if (fitIsEvidence(sumFit(view, indicators, flat.parent.line, lines(kids)))) return undefined;
  const groups: { head: UnitLine; members: UnitLine[] }[] = [];
  let tested = 0;
  let holds = 0;
  let i = 0;
  while (i < kids.length) {
    let found = 0;
    // The shortest run after line i that it is the sum of (members are kids[i + 1 … i + k]); at
    // least half its rows add up (one wrong figure may sit in any group).
    for (let k = 2; i + k < kids.length; k++) {
      const fit = sumFit(view, indicators, kids[i].line, lines(kids.slice(i + 1, i + 1 + k)));
      if (fit.holds >= 1 && fit.holds * 2 >= fit.tested) {
        found = k;
        tested += fit.tested;
        holds += fit.holds;
        break;
      }
    }
    if (!found) return undefined;
    groups.push({ head: kids[i], members: kids.slice(i + 1, i + 1 + found) });
    i += 1 + found;
  }
  if (groups.length < 2) return undefined;
  const heads = groups.map((g) => g.head);
  const top = sumFit(view, indicators, flat.parent.line, lines(heads));
  // All the sums together must hold on most rows, the total's among them.
  if (top.holds === 0 || !fitIsEvidence({ tested: tested + top.tested, holds: holds + top.holds }))
    return undefined;
  const why = { by: "arithmetic" as const, evidence: "group sums" };
  return [
    { ...flat, children: heads },
    ...groups.map((g) => ({ parent: g.head, children: g.members, level: flat.level + 1, why })),
  ];
}
