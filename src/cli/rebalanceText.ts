/**
 * What `tdcheck rebalance` says around the engine's explanation (that is core's:
 * core/rebalance/explain.ts): the header and table of the preview, each child's notes, the preview
 * and "written" lines, and why a copy was not written. One catalog per language; the command and
 * its preview (rebalancePreviewText.ts) pick by `lang`, never by branching.
 */
import type { Decimal } from "../core/decimal";
import type { Lang } from "../core/messages";
import { plural } from "./plural";

/** How the engine's refusals end: why nothing was written (the code stays in the JSON). */
type Refusal = "infeasible" | "zero-base-blocked";

interface RebalanceCatalog {
  /** --edit, --min or --max not written UNIT=VALUE. */
  badUnitValue(option: string, text: string): string;
  /** --out names the input. */
  overwritesInput(out: string): string;
  /** After a zero-base refusal: the option that spreads the rest equally. */
  zeroBaseHint: string;
  refused: Record<Refusal, string>;
  /** --out without --overwrite-formulas, and cells to write hold formulas ("G2 = 50*2"). */
  formulasInTheWay(formulas: readonly string[]): string;
  /** The same, found only while writing the copy. */
  formulaCells(cells: readonly string[]): string;
  protectedSheet(sheet: string): string;
  /** The copy would lose content of the input. */
  cannotWriteCopy(detail: string): string;
  /** The copy is written, but the trail it already holds could not be read, so this change is not in it. */
  trailNotRecorded: string;
  /** Without --out: nothing to change, or the cells that would change. */
  previewNothing: string;
  preview(cells: readonly string[]): string;
  /** Cells of the preview that hold formulas. */
  previewFormulas(cells: readonly string[]): string;
  /** The method, as the header names it. */
  /** After the target: where it came from, when the table gave it (not --target). */
  targetFrom: Record<"parent" | "share-100", string>;
  referenceRow(name: string): string;
  weightsRow(name: string): string;
  /** The header's second line: the parent, its target, the method, the step and rows used. */
  parentTarget(
    unit: string,
    cell: string,
    target: string,
    from: string,
    method: string,
    step: string,
    rows: readonly string[],
  ): string;
  /** The same for --fix parent: what the parent held ("" when blank) and the children's sum. */
  parentFixed(unit: string, cell: string, was: string, sum: string, method: string): string;
  /** The table's headings: unit, cell, before, after, change, note. */
  columns: [string, string, string, string, string, string];
  /** The table's line of the children's sum, and the note on the parent's line. */
  childrenTotal: string;
  parentNote: string;
  /** A child's notes, joined by noteSep. */
  locked: string;
  edited: string;
  atMax(max: Decimal | undefined): string;
  atMin(min: Decimal | undefined): string;
  zeroBase: string;
  /** A refused target: which bound stopped this child. */
  stoppedBy: { max: string; min: string };
  /** The child got a step left over by rounding. */
  remainder: string;
  formula(formula: string): string;
  noteSep: string;
  /** A ratio target: the parent recomputed from the rounded ratios, against the rounding tolerance. */
  ratioCheck(recomputed: string, difference: string, tolerance: string, pass: boolean): string;
  /** The end of the "written" line: the parent's target (a ratio), or the children's sum and the parent. */
  ratioTail(unit: string, target: string): string;
  sumTail(sum: string, eq: " =" | " ≠", unit: string, parent: string): string;
  writtenNothing(out: string, tail: string): string;
  /** `list` shows the first cells changed. */
  written(out: string, count: number, list: string, replaced: string, tail: string): string;
  /** In the "written" line: formulas the copy replaced with values. */
  formulasReplaced(count: number): string;
  /** Between cells in a list. */
  listSep: string;
}

const ZH: RebalanceCatalog = {
  badUnitValue: (option, text) => `${option} ${text}：格式应为 单位=数值，例如 ${option} 西湖区=170`,
  overwritesInput: (out) => `不会覆盖输入文件，请用 --out 另选文件名：${out}`,
  zeroBaseHint: "如需把余额平均分给现值为零的下级，请加 --zero-base equal。",
  refused: {
    infeasible: "已拒绝：在这些锁定和上下限下达不到目标，未写出任何文件。",
    "zero-base-blocked": "已拒绝：现值为零的单位按比例无法增加，未写出任何文件。",
  },
  formulasInTheWay: (formulas) =>
    `这些单元格是公式，写入数值会替换公式：${formulas.join("；")}。确认替换请加 --overwrite-formulas；未写出任何文件。`,
  formulaCells: (cells) =>
    `这些单元格是公式：${cells.join("、")}；确认替换请加 --overwrite-formulas；未写出任何文件`,
  protectedSheet: (sheet) => `工作表“${sheet}”受保护：请在 Excel 中撤销工作表保护后再调整；未写出任何文件`,
  cannotWriteCopy: (detail) => `无法在保留原有内容的前提下写出副本（${detail}），未写出任何文件`,
  trailNotRecorded: "注意：调整已写出，但副本中已有的变更记录无法读取，未能记入这次调整（原记录保持不变）",
  previewNothing: "预览：无需改动任何单元格。未写出任何文件。",
  preview: (cells) =>
    `预览：将改动 ${cells.length} 个单元格（${cells.join("、")}）。未写出任何文件；要写出调整后的副本，请加 --out 文件名。`,
  previewFormulas: (cells) => `其中 ${cells.join("、")} 是公式，写出时需加 --overwrite-formulas。`,
  targetFrom: { parent: "（表中所列）", "share-100": "（占比合计 100）" },
  referenceRow: (name) => `参考行“${name}”`,
  weightsRow: (name) => `权重行“${name}”`,
  parentTarget: (unit, cell, target, from, method, step, rows) =>
    `上级 ${unit}（${cell}）：目标 ${target}${from}；方法：${method}；步长 ${step}${rows.length ? `；${rows.join("；")}` : ""}`,
  parentFixed: (unit, cell, was, sum, method) =>
    `上级 ${unit}（${cell}）：${was || "空白"} → 下级合计 ${sum}；方法：${method}`,
  columns: ["单位", "单元格", "调整前", "调整后", "变化", "说明"],
  childrenTotal: "下级合计",
  parentNote: "上级",
  locked: "锁定",
  edited: "修改",
  atMax: (max) => `达上限${max ? ` ${max}` : ""}`,
  atMin: (min) => `达下限${min ? ` ${min}` : ""}`,
  zeroBase: "零基数",
  stoppedBy: { max: "受上限限制", min: "受下限限制" },
  remainder: "得余数",
  formula: (formula) => `公式 =${formula}`,
  noteSep: "，",
  ratioCheck: (recomputed, difference, tolerance, pass) =>
    `按分母加权重算上级为 ${recomputed}，与目标相差 ${difference}，舍入容差 ${tolerance}：${pass ? "通过" : "未通过"}`,
  ratioTail: (unit, target) => `${unit}目标 ${target}`,
  sumTail: (sum, eq, unit, parent) => `下级合计 ${sum}${eq} ${unit} ${parent}`,
  writtenNothing: (out, tail) => `已写出 ${out}：无需改动任何单元格；${tail}`,
  written: (out, count, list, replaced, tail) =>
    `已写出 ${out}：改动 ${count} 个单元格（${list}）${replaced}；${tail}`,
  formulasReplaced: (count) => `，替换公式 ${count} 个`,
  listSep: "、",
};

const EN: RebalanceCatalog = {
  badUnitValue: (option, text) => `${option} ${text}: expected UNIT=VALUE, e.g. ${option} 西湖区=170`,
  overwritesInput: (out) => `refusing to overwrite the input; choose another name with --out: ${out}`,
  zeroBaseHint: "To spread the rest equally over the zero-base children, add --zero-base equal.",
  refused: {
    infeasible: "Refused: the target cannot be reached with these locks and bounds; nothing was written.",
    "zero-base-blocked": "Refused: units at zero cannot grow proportionally; nothing was written.",
  },
  formulasInTheWay: (formulas) =>
    `These cells hold formulas that writing would replace: ${formulas.join("; ")}. Add --overwrite-formulas to replace them; nothing was written.`,
  formulaCells: (cells) =>
    `these cells hold formulas: ${cells.join(", ")}; add --overwrite-formulas to replace them; nothing was written`,
  protectedSheet: (sheet) =>
    `sheet "${sheet}" is protected: unprotect it in Excel first; nothing was written`,
  cannotWriteCopy: (detail) =>
    `cannot write the copy without losing content (${detail}); nothing was written`,
  trailNotRecorded:
    "note: the copy is written, but the trail it already holds cannot be read, so this change was not added to it (the trail is left as it was)",
  previewNothing: "Preview: no cell needs to change. Nothing was written.",
  preview: (cells) =>
    `Preview: ${plural(cells.length, "cell", "cells")} would change (${cells.join(", ")}). Nothing was written; add --out FILE to write the rebalanced copy.`,
  previewFormulas: (cells) => `${cells.join(", ")} hold formulas: writing them needs --overwrite-formulas.`,
  targetFrom: { parent: " (as stated)", "share-100": " (shares add up to 100)" },
  referenceRow: (name) => `reference row "${name}"`,
  weightsRow: (name) => `weights row "${name}"`,
  parentTarget: (unit, cell, target, from, method, step, rows) =>
    `Parent ${unit} (${cell}): target ${target}${from}; method: ${method}; step ${step}${rows.length ? `; ${rows.join("; ")}` : ""}`,
  parentFixed: (unit, cell, was, sum, method) =>
    `Parent ${unit} (${cell}): ${was || "blank"} → the children's sum ${sum}; method: ${method}`,
  columns: ["Unit", "Cell", "Before", "After", "Change", "Note"],
  childrenTotal: "Children",
  parentNote: "parent",
  locked: "locked",
  edited: "edited",
  atMax: (max) => `at max${max ? ` ${max}` : ""}`,
  atMin: (min) => `at min${min ? ` ${min}` : ""}`,
  zeroBase: "zero base",
  stoppedBy: { max: "stopped by its max", min: "stopped by its min" },
  remainder: "+remainder",
  formula: (formula) => `formula =${formula}`,
  noteSep: ", ",
  ratioCheck: (recomputed, difference, tolerance, pass) =>
    `The parent recomputed from the rounded ratios is ${recomputed}, off the target by ${difference}, rounding tolerance ${tolerance}: ${pass ? "passes" : "fails"}`,
  ratioTail: (unit, target) => `${unit} target ${target}`,
  sumTail: (sum, eq, unit, parent) => `children add up to ${sum}${eq} ${unit} ${parent}`,
  writtenNothing: (out, tail) => `Written ${out}: no cell needed to change; ${tail}`,
  written: (out, count, list, replaced, tail) =>
    `Written ${out}: ${plural(count, "cell", "cells")} changed (${list})${replaced}; ${tail}`,
  formulasReplaced: (count) => `, ${plural(count, "formula", "formulas")} replaced`,
  listSep: ", ",
};

export const REBALANCE_TEXT: Record<Lang, RebalanceCatalog> = { zh: ZH, en: EN };
