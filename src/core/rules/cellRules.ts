/**
 * Per-cell findings (docs/rules.md §2): error values, text that is not a number, blank or `-` children
 * of additive rows, and qualitative targets. One finding per cell; none of these counts as a check.
 */
import type { CellValue } from "../cell";
import type { Finding } from "../finding";
import type { IndicatorLine, UnitLine } from "../model";
import { address, type ParsedProgression, type ParsedSplit } from "../table";
import type { SheetView } from "../detect/view";
import { evidenceWords } from "./evidenceText";
import type { ProgressionRun, Rule, RuleOutput, SplitRun } from "./rule";

type Role = "parent" | "assignment" | "child" | "period";

function cellFinding(
  view: SheetView,
  sheet: string,
  indicator: IndicatorLine,
  line: UnitLine | { line: number; label: string; unit?: string },
  cell: CellValue,
  role: Role,
  out: RuleOutput,
): void {
  // Most cells are numbers: decide before building anything.
  if (cell.kind === "number") return;
  if (
    (cell.kind === "dash" || cell.kind === "empty") &&
    (role !== "child" || (indicator.kind !== "additive" && indicator.kind !== "share"))
  )
    return;
  const base = {
    sheet,
    cell: address(view, indicator, line),
    related: [] as string[],
    indicator: indicator.name,
    unit: "unit" in line && line.unit ? line.unit : line.label,
    hints: [],
  };
  const f = ((): Finding | null => {
    switch (cell.kind) {
      case "error":
        return { ...base, rule: "error-value", severity: "error", details: { text: cell.code, role } };
      case "text":
        return cell.qualitative
          ? { ...base, rule: "qualitative-target", severity: "info", details: { text: cell.text, role } }
          : { ...base, rule: "not-a-number", severity: "warning", details: { text: cell.text, role } };
      case "dash":
      case "empty":
        if (role !== "child" || (indicator.kind !== "additive" && indicator.kind !== "share")) return null;
        return {
          ...base,
          rule: "missing-value",
          severity: "info",
          details: { text: cell.kind === "dash" ? cell.text : "", role },
        };
      default:
        return null;
    }
  })();
  if (f) out.finding(f);
}

const runSplit: SplitRun = (t: ParsedSplit, out: RuleOutput) => {
  const { map, view } = t;
  for (const row of t.rows) {
    const ind = row.indicator;
    if (row.assignment && map.assignment)
      cellFinding(view, map.sheet, ind, map.assignment, row.assignment, "assignment", out);
    cellFinding(view, map.sheet, ind, map.parent, row.parent, "parent", out);
    // Stored numbers make no cell finding, nor do blanks outside additive rows: such children
    // (nearly all of a large table) need no cells built.
    const plain = row.plainChildren();
    const additive = ind.kind === "additive" || ind.kind === "share";
    if (plain && (plain.blanks === 0 || !additive)) continue;
    row.children.forEach((c, i) => cellFinding(view, map.sheet, ind, map.children[i], c, "child", out));
  }
};

const runProgression: ProgressionRun = (t: ParsedProgression, out: RuleOutput) => {
  const { map, view } = t;
  map.indicators.forEach((ind, i) => {
    map.periods.forEach((p, j) => {
      const cell = t.cells[i][j];
      // A blank or dash in a year column is not missing: progressions are not splits.
      if (cell.kind === "error" || cell.kind === "text")
        cellFinding(view, map.sheet, ind, { line: p.line, label: p.label }, cell, "period", out);
    });
  });
};

/** The cell checks record no passed check: a number in a cell is no check of its own. */
export const cellRule: Rule<"error-value", "not-a-number" | "missing-value" | "qualitative-target"> = {
  id: "error-value",
  scope: "cells",
  reads: ["parent", "assignment", "children", "periods"],
  run: { split: runSplit, progression: runProgression },
  findings: {
    "error-value": {
      severities: ["error"],
      zh: {
        title: "错误值",
        check: "单元格校核",
        message: (f) => `单元格为错误值 ${evidenceWords(f, "zh").text}，无法参与校核`,
      },
      en: {
        title: "Error value",
        check: "Cell check",
        message: (f) => `The cell holds the error value ${evidenceWords(f, "en").text} and cannot be checked`,
      },
    },
    "not-a-number": {
      severities: ["warning"],
      zh: {
        title: "非数值",
        check: "单元格校核",
        message: (f) => `“${evidenceWords(f, "zh").text}”既不是数值、界限值，也不是定性表述，无法参与校核`,
      },
      en: {
        title: "Not a number",
        check: "Cell check",
        message: (f) =>
          `"${evidenceWords(f, "en").text}" is neither a number, a bound, "-", nor qualitative wording`,
      },
    },
    "missing-value": {
      severities: ["info"],
      zh: {
        title: "空缺值",
        check: "单元格校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return `${w.unit}未分配（${w.text || "空白"}），按 0 计入合计`;
        },
      },
      en: {
        title: "Missing value",
        check: "Cell check",
        message(f) {
          const w = evidenceWords(f, "en");
          return `${w.unit} has no allocation (${w.text || "blank"}), counted as 0 in the sum`;
        },
      },
    },
    "qualitative-target": {
      severities: ["info"],
      zh: {
        title: "定性目标",
        check: "定性目标",
        message: (f) => `定性目标“${evidenceWords(f, "zh").text}”，无法进行数值校核`,
      },
      en: {
        title: "Qualitative target",
        check: "Qualitative target",
        message: (f) => `Qualitative target "${evidenceWords(f, "en").text}" cannot be checked numerically`,
      },
    },
  },
};
