/** duplicate-unit: the same child unit twice under one parent (docs/rules.md §2). */
import { a1 } from "../address";
import { normalizeLabel } from "../text";
import { evidenceWords } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";
import type { ParsedSplit } from "../table";

function run(t: ParsedSplit, out: RuleOutput): void {
  const { map, view } = t;
  // Lines, not addresses: a 50,000-unit split has an address to write only for a duplicate. The
  // names seen are a set (one lookup per child); where each was first is worked out at the first
  // name seen twice, and kept from then on.
  const seen = new Set<string>();
  let firstLine: Map<string, number> | undefined;
  let failed = false;
  const header = (line: number) => {
    const p = view.toSheet(map.headerLine, line);
    return a1(p.row, p.col);
  };
  // A child that heads a group of its own (小计, 市区合计) is that group's total: two groups may
  // both call theirs 小计.
  const heads = new Set(t.table.splits.map((s) => s.parent.line));
  const firstLinesBefore = (end: number): Map<string, number> => {
    const lines = new Map<string, number>();
    for (let k = 0; k < end; k++) {
      const child = map.children[k];
      const key = normalizeLabel(child.unit);
      if (!heads.has(child.line) && !lines.has(key)) lines.set(key, child.line);
    }
    return lines;
  };
  for (let k = 0; k < map.children.length; k++) {
    const child = map.children[k];
    if (heads.has(child.line)) continue;
    const key = normalizeLabel(child.unit);
    const known = seen.size;
    seen.add(key);
    if (seen.size !== known) firstLine?.set(key, child.line);
    else {
      firstLine ??= firstLinesBefore(k);
      const first = firstLine.get(key)!;
      failed = true;
      out.finding({
        rule: "duplicate-unit",
        severity: "error",
        sheet: map.sheet,
        cell: header(child.line),
        related: [header(first)],
        unit: child.unit,
        hints: [],
      });
    }
  }
  const range = `${header(map.children[0].line)}:${header(map.children[map.children.length - 1].line)}`;
  if (failed) out.failed();
  else
    out.passed({
      rule: "duplicate-unit",
      sheet: map.sheet,
      cell: header(map.parent.line),
      related: [range],
      unit: map.parent.unit,
    });
}

export const duplicateUnitRule: Rule<"duplicate-unit"> = {
  id: "duplicate-unit",
  scope: "header",
  reads: ["unit names"],
  run,
  findings: {
    "duplicate-unit": {
      severities: ["error"],
      zh: {
        title: "单位重复",
        check: "单位重复校核",
        message: (f) =>
          `单位“${evidenceWords(f, "zh").unit}”在同一上级下出现两次（首次出现于 ${f.related[0]}）`,
        passed: (c) => `${evidenceWords(c, "zh").unit}的下级单位没有重复`,
      },
      en: {
        title: "Duplicate unit",
        check: "Duplicate unit check",
        message: (f) =>
          `Unit "${evidenceWords(f, "en").unit}" appears twice under one parent (first at ${f.related[0]})`,
        passed: (c) => `No child of ${evidenceWords(c, "en").unit} appears twice`,
      },
    },
  },
};
