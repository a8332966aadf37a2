/**
 * sum-mismatch / sum-rounding: an additive row's children must add up to the parent, a share
 * row's children to 100 (PRODUCT §4). Bounds (超500) make interval sums; those fail only when
 * certainly violated. Under the at-least policy (层层加码) children may exceed the parent.
 */
import type { NumberCell } from "../cell";
import { Decimal } from "../decimal";
import type { Finding } from "../finding";
import {
  addIntervals,
  certainlyBelow,
  describe,
  intervalOf,
  isPoint,
  point,
  type Interval,
} from "../interval";
import { judgeFor, toleranceFor, type RoundingUnits } from "../tolerance";
import { address, lineRanges, type ParsedRow, type ParsedSplit } from "../table";
import { sumHints, type HintChildren } from "./hints";
import { storedNumber } from "../parse/cellText";
import { roundingOf, roundingUnits, rowDecimals, writtenUnits } from "./rounding";
import type { RuleOutput, SplitRule } from "./rule";

const HUNDRED = Decimal.fromInt(100);

const NOUNS = new WeakMap<object, ReturnType<typeof nounOf>>();

/** What to call the children in a message (worked out once per split, not per row). */
function childNoun(children: { unit: string }[]): ReturnType<typeof nounOf> {
  let noun = NOUNS.get(children);
  if (!noun) NOUNS.set(children, (noun = nounOf(children)));
  return noun;
}

/** 区县 when the children all are, 乡镇 likewise, years, else units. */
function nounOf(children: { unit: string }[]): "county" | "town" | "period" | "unit" {
  if (children.every((c) => /^(19|20)\d{2}/.test(c.unit))) return "period";
  if (children.every((c) => /(区|县|市|旗)$/.test(c.unit))) return "county";
  if (children.every((c) => /(镇|乡|街道)$/.test(c.unit))) return "town";
  return "unit";
}

function checkRow(t: ParsedSplit, row: ParsedRow, out: RuleOutput): void {
  const { map, view } = t;
  const ind = row.indicator;
  if (ind.kind !== "additive" && ind.kind !== "share") return;
  // A stock is not summed over years (a five-year total of 拥有量 is meaningless).
  if (map.acrossPeriods && (ind.flow === "stock" || ind.kind === "share")) return;
  const share = ind.kind === "share";
  const parentCell = row.parent;
  let stated: Interval;
  if (parentCell.kind === "number") stated = intervalOf(parentCell);
  else if (share && (parentCell.kind === "empty" || parentCell.kind === "dash")) stated = point(HUNDRED);
  else return; // No stated total to check (blank, qualitative or an error: reported per cell).

  // What the children add up to and how precisely they are shown: straight from the grid when all
  // are stored numbers or blanks (nearly every row), else in one pass over their parsed cells.
  let count: number;
  let sum: Interval;
  let rounding: RoundingUnits;
  const plain = row.plainChildren();
  if (plain) {
    count = plain.count;
    sum = point(plain.sum);
    const parentValues = parentCell.kind === "number" ? [parentCell] : [];
    const written = writtenUnits(parentValues);
    const decimals = Math.max(rowDecimals([parentCell]), plain.decimals);
    rounding = roundingOf(ind, decimals, count + parentValues.length - written.length, written);
  } else {
    const numeric: NumberCell[] = [];
    const values: Decimal[] = [];
    let bounded = false;
    const children = row.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.kind === "number") {
        numeric.push(c);
        values.push(c.value);
        if (c.bound) bounded = true;
      } else if (c.kind !== "empty" && c.kind !== "dash") return; // Cannot add text or errors.
    }
    count = numeric.length;
    // Point values add up as one exact sum; bounds need interval arithmetic.
    if (bounded) {
      sum = point(Decimal.ZERO);
      for (const c of numeric) sum = addIntervals(sum, intervalOf(c));
    } else sum = point(Decimal.sum(values));
    rounding = roundingUnits(ind, parentCell.kind === "number" ? [parentCell, ...numeric] : numeric, [
      parentCell,
      ...children,
    ]);
  }

  const parentAddress = address(view, ind, map.parent);
  const related = lineRanges(view, ind.line, map.children);
  const statedDesc = describe(stated)!;
  const computedDesc = describe(sum);
  const base = {
    sheet: map.sheet,
    cell: parentAddress,
    related,
    indicator: ind.name,
    unit: map.parent.unit,
    stated: statedDesc.value,
    statedBound: statedDesc.bound,
    details: {
      children: count,
      total: map.children.length,
      childNoun: childNoun(map.children),
      ...(share ? { expected: "100" } : {}),
    },
  };

  if (isPoint(stated) && isPoint(sum)) {
    const difference = sum.lo.sub(stated.lo);
    const verdict = judgeFor(ind, difference, rounding);
    const atLeastOk = map.policy === "at-least" && difference.sign() > 0;
    const evidence = { ...base, computed: sum.lo, difference, tolerance: verdict.tolerance };
    if (verdict.severity === "pass" || verdict.severity === "info" || atLeastOk) {
      out.passed({ ...evidence, rule: "sum-mismatch" });
      // A difference rounding explains is still noted, unless the at-least policy welcomes it.
      if (verdict.severity === "info" && !atLeastOk)
        out.finding({ ...evidence, rule: "sum-rounding", severity: "info", hints: [] });
      return;
    }
    const hintChildren: HintChildren = {
      length: map.children.length,
      // A plain row's children are read from the grid as parseCell reads them; others from their cells.
      value: plain
        ? (k) => storedNumber(view.raw(ind.line, map.children[k].line))
        : (k) => {
            const c = row.children[k];
            return c.kind === "number" && !c.multiplier ? c.value : undefined;
          },
      approx: plain
        ? (k) => {
            const v = plain.values[k];
            return Number.isNaN(v) ? undefined : v;
          }
        : undefined,
      cell: (k) => address(view, ind, map.children[k]),
      unit: (k) => map.children[k].unit,
    };
    const hints = share
      ? []
      : sumHints(
          difference,
          { cell: parentAddress, unit: map.parent.unit, value: stated.lo },
          sum.lo,
          hintChildren,
        );
    out.failed();
    out.finding({ ...evidence, rule: "sum-mismatch", severity: verdict.severity, hints });
    return;
  }

  // Bounds: certainly too small, or (exact policy) certainly too large.
  const tooSmall = certainlyBelow(sum, stated);
  const tooLarge = map.policy === "exact" && certainlyBelow(stated, sum);
  const tolerance = toleranceFor(ind, rounding);
  const withBound: Finding = {
    ...base,
    rule: "sum-mismatch",
    severity: "error",
    computed: computedDesc?.value,
    computedBound: computedDesc?.bound,
    tolerance,
    hints: [],
  };
  if (tooSmall || tooLarge) {
    const gap = tooSmall ? sum.hi!.sub(stated.lo!) : sum.lo!.sub(stated.hi!);
    out.failed();
    out.finding({ ...withBound, difference: gap });
  } else {
    out.passed({ ...base, rule: "sum-mismatch", computed: computedDesc?.value, tolerance });
  }
}

export const sumMismatchRule: SplitRule = {
  id: "sum-mismatch",
  scope: "split",
  run(t, out) {
    for (const row of t.rows) checkRow(t, row, out);
  },
};
