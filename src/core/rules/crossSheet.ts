/**
 * cross-sheet-mismatch: a unit's own total on its own sheet must equal what the parent sheet
 * assigned to it (docs/rules.md §2). A city sheet is matched to a province sheet's child by the
 * city's name: in its parent label (杭州市目标), in the sheet's name, or in the title above it.
 */
import { a1, qualified } from "../address";
import type { NumberCell } from "../cell";
import { Decimal } from "../decimal";
import { normalizeLabel } from "../text";
import type { ParsedSplit } from "../table";
import { detail, evidenceWords, withTolerance } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

/** An indicator's name without its measure or 其中 prefix, for matching across sheets. */
function indicatorKey(name: string): string {
  return normalizeLabel(name)
    .replace(/^(其中|含)[:：]?/, "")
    .replace(/[(（][^()（）]*[)）]/g, "");
}

function unitKeys(unit: string): string[] {
  const u = normalizeLabel(unit);
  const short = u.replace(/(市|区|县|省|自治州|州|盟|地区)$/, "");
  return short.length >= 2 && short !== u ? [u, short] : [u];
}

const TOTAL_WORD = /^(合计|总计|全市|全省|全区|全县|全州|全盟|汇总)/;

/** The unit a table's top parent stands for: its own name, or the sheet's or title's unit. */
function ownUnitText(t: ParsedSplit): string {
  const parent = normalizeLabel(t.map.parent.unit);
  if (!TOTAL_WORD.test(parent)) return parent;
  const title: string[] = [];
  const header = t.map.range.top;
  for (let r = Math.max(0, header - 4); r < header; r++) {
    const row = t.view.grid.values[r];
    if (row) for (const v of row) if (typeof v === "string") title.push(v);
  }
  return normalizeLabel(`${t.map.sheet} ${title.join(" ")}`);
}

function decimalsShown(c: NumberCell): number {
  return c.multiplier ? 0 : c.shownDecimals;
}

/** Where a unit key names a child: split (position in the list) and child, in list order. */
interface ChildRef {
  split: number;
  child: number;
}

const KEYS = new WeakMap<readonly { unit: string }[], string[][]>();

/** Each child's unit keys, worked out once per split (a live edit re-runs this check). */
function childKeys(children: readonly { unit: string }[]): string[][] {
  let keys = KEYS.get(children);
  if (!keys) KEYS.set(children, (keys = children.map((c) => unitKeys(c.unit))));
  return keys;
}

function runCrossSheet(splits: ParsedSplit[], out: RuleOutput): void {
  const tops = splits.filter((s) => s.index === 0);
  if (tops.length === 0) return;
  // One sheet has no other sheet to answer to: the keys of 50,000 children need not be made.
  if (splits.every((s) => s.map.sheet === splits[0].map.sheet)) return;
  // Every child of every split by each of its keys, first children first: a table is matched to
  // the child naming it by lookups, not by comparing it with every child of every other split.
  const byKey = new Map<string, ChildRef[]>();
  let longest = 0;
  splits.forEach((sp, split) =>
    childKeys(sp.map.children).forEach((keys, child) => {
      for (const key of keys) {
        longest = Math.max(longest, key.length);
        const refs = byKey.get(key);
        if (!refs) byKey.set(key, [{ split, child }]);
        else if (refs[refs.length - 1].split !== split) refs.push({ split, child });
      }
    }),
  );
  for (const own of tops) {
    // A child matches when one of its keys is the table's parent name or, for a 合计 parent, occurs
    // in the sheet's name or title: every such text is looked up (a title has a few hundred).
    const parentName = normalizeLabel(own.map.parent.unit);
    const queries = new Set([parentName]);
    if (TOTAL_WORD.test(parentName)) {
      const ownText = ownUnitText(own);
      queries.add(""); // every text includes the empty one
      for (let i = 0; i < ownText.length; i++)
        for (let n = 1; n <= longest && i + n <= ownText.length; n++) queries.add(ownText.slice(i, i + n));
    }
    const firstChild = new Map<number, number>();
    const lookUp = (keys: Iterable<string>) => {
      for (const q of keys)
        for (const ref of byKey.get(q) ?? []) {
          if (splits[ref.split].map.sheet === own.map.sheet) continue;
          const seen = firstChild.get(ref.split);
          if (seen === undefined || ref.child < seen) firstChild.set(ref.split, ref.child);
        }
    };
    lookUp(queries);
    // 杭州市目标 on the city's sheet names a province sheet's child written short (杭州) too, where
    // no child is written in full.
    if (firstChild.size === 0) lookUp(unitKeys(parentName).slice(1));
    for (const [split, child] of [...firstChild].sort((a, b) => a[0] - b[0]))
      compare(own, splits[split], child, out);
  }
}

/** The table's own totals against what the other sheet's split assigned to the child naming it. */
function compare(own: ParsedSplit, parentSplit: ParsedSplit, child: number, out: RuleOutput): void {
  const assignedRows = new Map(parentSplit.rows.map((r) => [indicatorKey(r.indicator.name), r]));
  for (const row of own.rows) {
    const assigned = assignedRows.get(indicatorKey(row.indicator.name));
    if (!assigned) continue;
    const mine = row.parent;
    const theirs = assigned.child(child);
    if (mine.kind !== "number" || theirs.kind !== "number" || mine.bound || theirs.bound) continue;
    const difference = mine.value.sub(theirs.value);
    // Both are typed targets; a copy shown to fewer decimals may differ by half its last digit.
    const d = Math.min(decimalsShown(mine), decimalsShown(theirs));
    const tol = row.indicator.count ? Decimal.ZERO : Decimal.of(5n, d + 1);
    const ownAt = own.view.toSheet(row.indicator.line, own.map.parent.line);
    const theirAt = parentSplit.view.toSheet(assigned.indicator.line, parentSplit.map.children[child].line);
    const evidence = {
      sheet: own.map.sheet,
      cell: a1(ownAt.row, ownAt.col),
      related: [qualified(parentSplit.map.sheet, a1(theirAt.row, theirAt.col))],
      indicator: row.indicator.name,
      unit: parentSplit.map.children[child].unit,
      stated: mine.value,
      expected: theirs.value,
      difference,
      tolerance: {
        value: tol,
        worstCase: tol,
        basis: row.indicator.count ? ("exact-count" as const) : ("shown-precision" as const),
        unit: Decimal.of(1n, d),
      },
    };
    if (difference.abs().gt(tol)) {
      out.failed();
      out.finding({
        ...evidence,
        rule: "cross-sheet-mismatch",
        severity: "error",
        hints: [],
        details: { parentSheet: parentSplit.map.sheet },
      });
    } else out.passed({ ...evidence, rule: "cross-sheet-mismatch" });
  }
}

export const crossSheetRule: Rule<"cross-sheet-mismatch"> = {
  id: "cross-sheet-mismatch",
  scope: "cross-sheet",
  reads: ["parent", "other sheets"],
  run: runCrossSheet,
  findings: {
    "cross-sheet-mismatch": {
      severities: ["error"],
      zh: {
        title: "跨表不符",
        check: "跨表一致校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return `${w.unit}本表目标 ${w.stated} 与上级表“${detail(f, "parentSheet")}”下达的 ${w.expected} 不一致（相差 ${w.diff}）`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          return withTolerance(
            `${w.unit}本表目标 ${w.stated} 与上级表下达的 ${w.expected} 一致`,
            w.tolerance,
            "zh",
          );
        },
      },
      en: {
        title: "Cross-sheet mismatch",
        check: "Cross-sheet check",
        message(f) {
          const w = evidenceWords(f, "en");
          return `${w.unit}'s own total ${w.stated} differs from the ${w.expected} assigned on sheet "${detail(f, "parentSheet")}" (difference ${w.diff})`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          return withTolerance(
            `${w.unit}'s own total ${w.stated} agrees with the ${w.expected} assigned on the parent sheet`,
            w.tolerance,
            "en",
          );
        },
      },
    },
  },
};
