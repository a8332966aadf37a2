/**
 * Indicator kinds corrected by arithmetic (docs/table-understanding.md §2): a row named 占比 is a
 * share when it adds up to 100; a row named like a ratio whose parent is its children's sum is
 * additive in that table.
 */
import type { IndicatorLine } from "../model";
import { addsToHundred, sumFit } from "./arithmetic";
import type { SheetView } from "./view";

export type Candidate = IndicatorLine & { shareCandidate?: boolean };

export function stripCandidate(i: Candidate): IndicatorLine {
  if (!i.shareCandidate) return i;
  const { shareCandidate: _s, ...rest } = i;
  void _s;
  return rest;
}

/** 占比, 比重: a share when the row adds up to 100 (or its parent says 100), else a ratio. */
export function resolveShares(
  view: SheetView,
  indicators: Candidate[],
  parent: number | undefined,
  children: number[],
): IndicatorLine[] {
  return indicators.map((i) => {
    if (!i.shareCandidate) return ratioThatAddsUp(view, stripCandidate(i), parent, children);
    const plain = stripCandidate(i);
    if (!addsToHundred(view, i.line, i.measure, parent, children)) return plain;
    return {
      ...plain,
      kind: "share" as const,
      count: false,
      why: [
        ...plain.why.filter((w) => w.by !== "keyword"),
        { by: "arithmetic" as const, evidence: "adds up to 100" },
      ],
    };
  });
}

/**
 * A row named like a ratio (平均分, 人均…) whose parent is the sum of its children is a total of
 * such figures in this table (the class average's total score), not a mean: arithmetic beats words.
 */
function ratioThatAddsUp(
  view: SheetView,
  ind: IndicatorLine,
  parent: number | undefined,
  children: number[],
): IndicatorLine {
  if (ind.kind !== "ratio" || parent === undefined || children.length < 2) return ind;
  const additive: IndicatorLine = { ...ind, kind: "additive", count: false };
  const fit = sumFit(view, [additive], parent, children);
  if (fit.tested !== 1 || fit.holds !== 1) return ind;
  let nonZero = 0;
  for (const c of children) {
    const v = view.raw(ind.line, c);
    if (typeof v === "number" ? v !== 0 : typeof v === "string" && /[1-9]/.test(v)) nonZero++;
  }
  if (nonZero < 2) return ind;
  return { ...additive, why: [...ind.why, { by: "arithmetic", evidence: "adds up to its total" }] };
}
