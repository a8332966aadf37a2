/**
 * part-exceeds-total: a 其中 part larger than its total, or parts that together exceed it
 * (docs/rules.md §2), in every unit of the table. Values are compared within their rounding: a part
 * and a total each shown to u can differ by u without being wrong.
 */
import { a1, compressCells } from "../address";
import { isExactNumber, type CellValue, type NumberCell } from "../cell";
import { measureInfo } from "../parse/notation";
import { indicatorIndex, type ParsedSplit } from "../table";
import { partExcesses } from "./partsOfWhole";
import { detail, evidenceWords } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

/** The power of ten that turns a value in `from` into `to` (万元 → 亿元: −4); undefined when unlike. */
function scaleTo(from: string, to: string): number | undefined {
  if (from === to) return 0;
  const a = measureInfo(from);
  const b = measureInfo(to);
  if (!a || !b) return 0; // a measure not known on one side: compared as written, as before
  return a.base === b.base ? a.exp - b.exp : undefined;
}

function inTotalMeasure(c: CellValue, k: number): CellValue {
  if (k === 0 || c.kind !== "number") return c;
  return { ...c, value: c.value.shift(k), shownDecimals: Math.max(0, c.shownDecimals - k) };
}

function run(t: ParsedSplit, out: RuleOutput): void {
  if (t.index !== 0) return; // table-wide: once per table, over every unit line
  const { table, view } = t;
  const rowIndex = indicatorIndex(table.indicators);
  for (const group of table.parts) {
    const ti = rowIndex.get(group.total)!;
    const total = table.indicators[ti];
    // Each part in the total's measure: 万元 beside 亿元 is 10⁻⁴ of it; a part of another kind
    // (个 beside 万元) is not compared at all.
    const scales = new Map<number, number>();
    for (const p of group.parts) {
      const k = scaleTo(table.indicators[rowIndex.get(p)!].measure, total.measure);
      if (k !== undefined) scales.set(p, k);
    }
    for (const { line, cells } of t.lines()) {
      const tc = cells[ti];
      if (!isExactNumber(tc)) continue;
      const pos = (row: number) => view.toSheet(row, line.line);
      const totalAt = pos(group.total);
      const parts = group.parts
        .filter((p) => scales.has(p))
        .map((p) => ({ row: p, cell: inTotalMeasure(cells[rowIndex.get(p)!], scales.get(p)!) }));
      const numeric = parts.filter((p): p is { row: number; cell: NumberCell } => isExactNumber(p.cell));
      const base = { sheet: table.sheet, indicator: total.name, unit: line.unit };
      const excesses = partExcesses(
        total,
        tc,
        numeric.map((p) => p.cell),
      );
      for (const e of excesses) {
        if (e.which === "part") {
          const p = numeric[e.index];
          const at = pos(p.row);
          out.finding({
            ...base,
            rule: "part-exceeds-total",
            severity: "error",
            cell: a1(at.row, at.col),
            related: [a1(totalAt.row, totalAt.col)],
            indicator: table.indicators[rowIndex.get(p.row)!].name,
            stated: p.cell.value,
            computed: tc.value,
            difference: tc.value.sub(p.cell.value),
            tolerance: e.tolerance,
            hints: [],
            details: { total: total.name, which: "part" },
          });
        } else
          out.finding({
            ...base,
            rule: "part-exceeds-total",
            severity: "error",
            cell: a1(totalAt.row, totalAt.col),
            related: compressCells(numeric.map((p) => pos(p.row))),
            stated: tc.value,
            computed: e.sum,
            difference: e.excess,
            tolerance: e.tolerance,
            hints: [],
            details: { total: total.name, which: "parts", count: numeric.length },
          });
      }
      const failed = excesses.length > 0;
      if (failed) out.failed();
      else if (numeric.length)
        out.passed({
          ...base,
          rule: "part-exceeds-total",
          cell: a1(totalAt.row, totalAt.col),
          related: compressCells(numeric.map((p) => pos(p.row))),
          stated: tc.value,
        });
    }
  }
}

/** The parts together exceed the total (the finding sits on the total), rather than one part. */
const together = (f: { details?: Record<string, string | number> }) => detail(f, "which") === "parts";

export const partExceedsTotalRule: Rule<"part-exceeds-total"> = {
  id: "part-exceeds-total",
  scope: "group",
  group: "parts",
  reads: ["part rows"],
  run,
  findings: {
    "part-exceeds-total": {
      severities: ["error"],
      zh: {
        title: "其中项超总数",
        check: "“其中”项校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return together(f)
            ? `${w.unit}的 ${detail(f, "count")} 个“其中”分项合计 ${w.computed}，超过总数 ${w.stated}（${detail(f, "total")}）`
            : `${w.unit}的“其中”分项 ${w.stated} 大于其总数 ${w.computed}（${detail(f, "total")}）`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          return `${w.unit}：“其中”分项均不超过总数 ${w.stated}，合计亦不超过`;
        },
      },
      en: {
        title: "Part exceeds total",
        check: "Part-of-total check",
        message(f) {
          const w = evidenceWords(f, "en");
          return together(f)
            ? `In ${w.unit}, the ${detail(f, "count")} "of which" parts add up to ${w.computed}, more than the total ${w.stated} (${detail(f, "total")})`
            : `In ${w.unit}, the "of which" part ${w.stated} exceeds its total ${w.computed} (${detail(f, "total")})`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          return `In ${w.unit}, no "of which" part, nor their sum, exceeds the total ${w.stated}`;
        },
      },
    },
  },
};
