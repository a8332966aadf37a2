/**
 * formula-omits-child: the parent is a SUM whose ranges skip a child (docs/rules.md §2). Read from
 * the formula, not the values, so it is caught even when the skipped child is 0 today. A
 * sum-mismatch on the same cell is reported too when the values disagree.
 */
import { a1, compressCells, type CellPosition } from "../address";
import { covers, formulaRefs } from "../formulaRefs";
import { sheetPos, type ParsedSplit } from "../table";
import { detail, evidenceWords } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

function run(t: ParsedSplit, out: RuleOutput): void {
  const { map, view } = t;
  for (const row of t.rows) {
    const ind = row.indicator;
    if (ind.kind !== "additive" && ind.kind !== "share") continue;
    const at = sheetPos(view, ind, map.parent);
    const formula = view.formula(ind.line, map.parent.line);
    if (!formula) continue;
    const refs = formulaRefs(formula, map.sheet);
    if (!refs.additive || refs.other.length) continue;
    const children = map.children.map((c) => ({ unit: c, pos: sheetPos(view, ind, c) }));
    // One pass: a SUM over 50,000 children must not test each against the list of the covered.
    const skipped = children.filter((c) => !covers(refs.local, c.pos.row, c.pos.col));
    // A formula that reads none of the children is some other calculation, not a short SUM.
    if (skipped.length === children.length) continue;
    const base = { sheet: map.sheet, cell: a1(at.row, at.col), indicator: ind.name, unit: map.parent.unit };
    if (skipped.length === 0) {
      out.passed({
        ...base,
        rule: "formula-omits-child",
        related: compressCells(children.map((c) => c.pos)),
      });
      continue;
    }
    out.failed();
    out.finding({
      ...base,
      rule: "formula-omits-child",
      severity: "error",
      related: compressCells(skipped.map((c) => c.pos as CellPosition)),
      hints: [],
      details: {
        formula: `=${formula.replace(/^=/, "")}`,
        skipped: skipped.map((c) => c.unit.unit).join("、"),
        count: skipped.length,
      },
    });
  }
}

export const formulaOmitsChildRule: Rule<"formula-omits-child"> = {
  id: "formula-omits-child",
  scope: "split",
  reads: ["parent formula", "children"],
  run,
  findings: {
    "formula-omits-child": {
      severities: ["error"],
      zh: {
        title: "公式漏项",
        check: "合计公式校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return `${w.unit}的合计公式 ${detail(f, "formula")} 漏掉了 ${detail(f, "count")} 个下级单位：${detail(f, "skipped")}`;
        },
        passed: (c) => `${evidenceWords(c, "zh").unit}的合计公式包含全部下级单位`,
      },
      en: {
        title: "Formula omits a child",
        check: "Total formula check",
        message(f) {
          const w = evidenceWords(f, "en");
          return `The ${w.unit} total's formula ${detail(f, "formula")} leaves out ${detail(f, "count")} child(ren): ${detail(f, "skipped")}`;
        },
        passed: (c) => `The ${evidenceWords(c, "en").unit} total's formula includes every child`,
      },
    },
  },
};
