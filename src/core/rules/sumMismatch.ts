/**
 * sum-mismatch / sum-rounding: an additive row's children must add up to the parent, a share
 * row's children to 100 (docs/rules.md §2). Bounds (超500) make interval sums; those fail only when
 * certainly violated. Under the at-least policy (层层加码) children may exceed the parent.
 */
import type { NumberCell } from "../cell";
import { endingWithAny } from "../charTests";
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
import type { Rule, RuleOutput } from "./rule";
import { detail, evidenceWords, roundingDifference, withTolerance } from "./evidenceText";

const HUNDRED = Decimal.fromInt(100);

const NOUNS = new WeakMap<object, ReturnType<typeof nounOf>>();

/** What to call the children in a message (worked out once per split, not per row). */
function childNoun(children: { unit: string }[]): ReturnType<typeof nounOf> {
  let noun = NOUNS.get(children);
  if (!noun) NOUNS.set(children, (noun = nounOf(children)));
  return noun;
}

/** The endings that name a county-level unit and a town (tested on every child of a split). */
const COUNTY_ENDING = endingWithAny(["区", "县", "市", "旗"]);
const TOWN_ENDING = endingWithAny(["镇", "乡", "街道"]);

/** 区县 when the children all are, 乡镇 likewise, years, else units. */
function nounOf(children: { unit: string }[]): "county" | "town" | "period" | "unit" {
  if (children.every((c) => /^(19|20)\d{2}/.test(c.unit))) return "period";
  if (children.every((c) => COUNTY_ENDING.test(c.unit))) return "county";
  if (children.every((c) => TOWN_ENDING.test(c.unit))) return "town";
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
    const unknown: number[] = [];
    const children = row.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.kind === "number") {
        numeric.push(c);
        values.push(c.value);
        if (c.bound) bounded = true;
      } else if (c.kind === "text" && !/\d/.test(c.text)) unknown.push(i);
      // Words without a figure (待定) may be any amount ≥ 0; text with digits may be a figure misread.
      else if (c.kind === "text") return;
      else if (c.kind !== "empty" && c.kind !== "dash") return; // Cannot add errors.
    }
    if (unknown.length) {
      if (!bounded && parentCell.kind === "number") knownExceed(t, row, parentCell, numeric, unknown, out);
      return; // Cannot add text: what the rest add up to is all that is known.
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
      approx: plain?.values,
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

/**
 * Some children hold words (待定, 另行下达) where a number belongs: the sum cannot be checked, but
 * when every number of the row is non-negative the others already set a floor. If they exceed the
 * parent beyond rounding, no value the missing children can take makes the split add up.
 */
function knownExceed(
  t: ParsedSplit,
  row: ParsedRow,
  parentCell: NumberCell,
  numeric: NumberCell[],
  unknown: number[],
  out: RuleOutput,
): void {
  const { map, view } = t;
  const ind = row.indicator;
  if (parentCell.value.sign() < 0 || numeric.some((c) => c.value.sign() < 0)) return;
  const known = Decimal.sum(numeric.map((c) => c.value));
  const difference = known.sub(parentCell.value);
  if (difference.sign() <= 0 || map.policy === "at-least") return;
  const rounding = roundingUnits(ind, [parentCell, ...numeric], [parentCell, ...row.children]);
  const verdict = judgeFor(ind, difference, rounding);
  if (verdict.severity !== "error" && verdict.severity !== "warning") return;
  out.failed();
  out.finding({
    rule: "sum-mismatch",
    severity: verdict.severity,
    sheet: map.sheet,
    cell: address(view, ind, map.parent),
    related: lineRanges(view, ind.line, map.children),
    indicator: ind.name,
    unit: map.parent.unit,
    stated: parentCell.value,
    computed: known,
    computedBound: "ge",
    difference,
    tolerance: verdict.tolerance,
    hints: [],
    details: {
      children: numeric.length,
      total: map.children.length,
      childNoun: childNoun(map.children),
      unknown: unknown.map((i) => map.children[i].unit).join("、"),
    },
  });
}

/** What the children are called in a message: 13 个区县, the 13 districts and counties. */
const NOUN = {
  zh: { county: "区县", town: "乡镇（街道）", period: "年度", unit: "下级单位" },
  en: { county: "districts and counties", town: "towns", period: "years", unit: "children" },
} as const;

function noun(f: Finding, lang: "zh" | "en"): string {
  const n = detail(f, "childNoun");
  return n === "county" || n === "town" || n === "period" ? NOUN[lang][n] : NOUN[lang].unit;
}

const isShare = (f: { details?: Finding["details"] }) => detail(f, "expected") === "100";

export const sumMismatchRule: Rule<"sum-mismatch", "sum-rounding"> = {
  id: "sum-mismatch",
  scope: "split",
  reads: ["parent", "children"],
  run(t, out) {
    for (const row of t.rows) checkRow(t, row, out);
  },
  findings: {
    "sum-mismatch": {
      severities: ["error", "warning"],
      zh: {
        title: "合计不符",
        check: "加总校核",
        message: (f) => sumMessageZh(f),
        passed(c) {
          const w = evidenceWords(c, "zh");
          const n = c.details?.children;
          const diff = roundingDifference(c.difference);
          const within = diff ? `（相差 ${diff}，在舍入范围内）` : "";
          if (isShare(c))
            return withTolerance(
              `${n} 个下级单位占比合计 ${w.computed}，与 100 相符${within}`,
              w.tolerance,
              "zh",
            );
          if (c.statedBound || c.computedBound)
            return withTolerance(
              `${n} 个下级单位合计 ${w.computed}，与${w.parent} ${w.stated} 不矛盾（含界限值）`,
              w.tolerance,
              "zh",
            );
          return withTolerance(
            `${n} 个下级单位合计 ${w.computed}，与${w.parent} ${w.stated} 相符${within}`,
            w.tolerance,
            "zh",
          );
        },
      },
      en: {
        title: "Sum mismatch",
        check: "Sum check",
        message: (f) => sumMessageEn(f),
        passed(c) {
          const w = evidenceWords(c, "en");
          const n = c.details?.children;
          const diff = roundingDifference(c.difference);
          const within = diff ? ` (difference ${diff}, within rounding)` : "";
          if (isShare(c))
            return withTolerance(
              `The shares of the ${n} children add up to ${w.computed}, matching 100${within}`,
              w.tolerance,
              "en",
            );
          if (c.statedBound || c.computedBound)
            return withTolerance(
              `The ${n} children add up to ${w.computed}, consistent with ${w.parent} ${w.stated} (bounds involved)`,
              w.tolerance,
              "en",
            );
          return withTolerance(
            `The ${n} children add up to ${w.computed}, matching ${w.parent} ${w.stated}${within}`,
            w.tolerance,
            "en",
          );
        },
      },
    },
    "sum-rounding": {
      severities: ["info"],
      zh: { title: "舍入差异", check: "加总校核", message: (f) => sumMessageZh(f) },
      en: { title: "Rounding difference", check: "Sum check", message: (f) => sumMessageEn(f) },
    },
  },
};

/** sum-mismatch and sum-rounding say the same sum, with what the difference means at the end. */
function sumMessageZh(f: Finding): string {
  const w = evidenceWords(f, "zh");
  const n = detail(f, "children");
  const unknown = detail(f, "unknown");
  if (unknown)
    return `${unknown}尚无数值，其余 ${n} 个${noun(f, "zh")}合计已达 ${f.computed}，超过${w.parent} ${w.stated}（相差 ${w.diff}）；${w.tolerance}`;
  const head = isShare(f)
    ? `${n} 个${noun(f, "zh")}占比合计 ${w.computed}，应为 100，相差 ${w.diff}`
    : `${n} 个${noun(f, "zh")}合计 ${w.computed}，与${w.parent} ${w.stated} 相差 ${w.diff}`;
  const tail =
    f.rule === "sum-rounding"
      ? f.tolerance?.basis === "user"
        ? "，在设定的允许误差内"
        : "，在舍入范围内"
      : f.severity === "warning"
        ? "，超出通常的舍入误差"
        : "";
  return `${head}${tail}；${w.tolerance}`;
}

function sumMessageEn(f: Finding): string {
  const w = evidenceWords(f, "en");
  const n = detail(f, "children");
  const unknown = detail(f, "unknown");
  if (unknown)
    return `${unknown} holds no number yet, and the other ${n} ${noun(f, "en")} already add up to ${f.computed}, more than ${w.parent} ${w.stated} (difference ${w.diff}); ${w.tolerance}`;
  const head = isShare(f)
    ? `the shares of the ${n} ${noun(f, "en")} add up to ${w.computed}, not 100 (difference ${w.diff})`
    : `the ${n} ${noun(f, "en")} add up to ${w.computed}; ${w.parent} is ${w.stated} (difference ${w.diff})`;
  const tail =
    f.rule === "sum-rounding"
      ? f.tolerance?.basis === "user"
        ? ", within the difference allowed"
        : ", within rounding"
      : f.severity === "warning"
        ? ", larger than rounding usually explains"
        : "";
  return `${head[0].toUpperCase()}${head.slice(1)}${tail}; ${w.tolerance}`;
}
