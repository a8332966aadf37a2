/**
 * unit-part-exceeds-total: a unit listed as 其中 under another unit (杭州市 / 其中：市区) larger than
 * it, or such parts that together exceed it (docs/rules.md §2), row by row. The 其中 rows of
 * indicators are partExceedsTotal.ts; this is the same fact along the units. Values are compared
 * within their rounding, and only where every number involved is non-negative (a part of a fall
 * may be larger than the fall).
 */
import { a1 } from "../address";
import { isExactNumber, type NumberCell } from "../cell";
import type { UnitLine, UnitPartGroup } from "../model";
import { parseAt, type ParsedSplit } from "../table";
import { detail, evidenceWords } from "./evidenceText";
import { partExcesses } from "./partsOfWhole";
import type { Rule, RuleOutput } from "./rule";

/** Each split's groups, worked out once per split (the rule runs once per indicator row). */
const GROUPS = new WeakMap<object, UnitPartGroup[]>();

/** Each group once: under the split whose parent it is, else the split it is a child of. */
function groupsOf(t: ParsedSplit): UnitPartGroup[] {
  const all = t.table.unitParts ?? [];
  if (!all.length) return all;
  let groups = GROUPS.get(t.map);
  if (!groups) {
    const parents = new Set(t.table.splits.map((s) => s.parent.line));
    const children = new Set(t.map.children.map((c) => c.line));
    groups = all.filter(
      (g) => g.whole.line === t.map.parent.line || (children.has(g.whole.line) && !parents.has(g.whole.line)),
    );
    GROUPS.set(t.map, groups);
  }
  return groups;
}

function run(t: ParsedSplit, out: RuleOutput): void {
  const groups = groupsOf(t);
  if (!groups.length) return;
  const { view, map } = t;
  const address = (row: number, unit: UnitLine): string => {
    const at = view.toSheet(row, unit.line);
    return a1(at.row, at.col);
  };
  for (const row of t.rows) {
    const ind = row.indicator;
    if (ind.kind !== "additive") continue;
    for (const g of groups) {
      const whole = parseAt(view, ind.line, g.whole.line, ind.measure);
      if (!isExactNumber(whole) || whole.value.sign() < 0) continue;
      const parts = g.parts
        .map((p) => ({ unit: p, cell: parseAt(view, ind.line, p.line, ind.measure) }))
        .filter((p): p is { unit: UnitLine; cell: NumberCell } => isExactNumber(p.cell));
      if (!parts.length || parts.some((p) => p.cell.value.sign() < 0)) continue;
      const base = { sheet: map.sheet, indicator: ind.name, unit: g.whole.unit };
      const wholeAt = address(ind.line, g.whole);
      const excesses = partExcesses(
        ind,
        whole,
        parts.map((p) => p.cell),
      );
      for (const e of excesses) {
        if (e.which === "part") {
          const p = parts[e.index];
          out.finding({
            ...base,
            rule: "unit-part-exceeds-total",
            severity: "error",
            cell: address(ind.line, p.unit),
            related: [wholeAt],
            stated: p.cell.value,
            computed: whole.value,
            difference: whole.value.sub(p.cell.value),
            tolerance: e.tolerance,
            hints: [],
            details: { part: p.unit.unit, which: "part" },
          });
        } else
          out.finding({
            ...base,
            rule: "unit-part-exceeds-total",
            severity: "error",
            cell: wholeAt,
            related: parts.map((p) => address(ind.line, p.unit)),
            stated: whole.value,
            computed: e.sum,
            difference: e.excess,
            tolerance: e.tolerance,
            hints: [],
            details: { which: "parts", count: parts.length },
          });
      }
      const failed = excesses.length > 0;
      if (failed) out.failed();
      else
        out.passed({
          ...base,
          rule: "unit-part-exceeds-total",
          cell: wholeAt,
          related: parts.map((p) => address(ind.line, p.unit)),
          stated: whole.value,
        });
    }
  }
}

const together = (f: { details?: Record<string, string | number> }) => detail(f, "which") === "parts";

export const unitPartExceedsTotalRule: Rule<"unit-part-exceeds-total"> = {
  id: "unit-part-exceeds-total",
  scope: "split",
  reads: ["parent", "children", "part units"],
  run,
  findings: {
    "unit-part-exceeds-total": {
      severities: ["error"],
      zh: {
        title: "其中单位超总数",
        check: "“其中”单位校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return together(f)
            ? `${w.unit}下 ${detail(f, "count")} 个“其中”单位合计 ${w.computed}，超过${w.unit}的 ${w.stated}`
            : `“其中”单位“${detail(f, "part")}”为 ${w.stated}，大于${w.unit}的 ${w.computed}`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          return `${w.unit}的“其中”单位均不超过 ${w.stated}，合计亦不超过`;
        },
      },
      en: {
        title: "Part exceeds its unit",
        check: "Of-which units check",
        message(f) {
          const w = evidenceWords(f, "en");
          return together(f)
            ? `The ${detail(f, "count")} "of which" units under ${w.unit} add up to ${w.computed}, more than ${w.unit}'s ${w.stated}`
            : `The "of which" unit ${detail(f, "part")} has ${w.stated}, more than ${w.unit}'s ${w.computed}`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          return `No "of which" unit under ${w.unit}, nor their sum, exceeds its ${w.stated}`;
        },
      },
    },
  },
};
