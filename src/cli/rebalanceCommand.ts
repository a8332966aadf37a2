/**
 * `tdcheck rebalance`: make one indicator's split add up, and write the result to a copy.
 * The engine decides (core/rebalanceRequest/, core/rebalance); this file only reads the file,
 * prints, and writes the copy. Exit 0 when the copy was written, 1 when the rebalance was
 * refused (infeasible, zero bases blocked, or formulas in the way: nothing is written), 2 on bad
 * input (missing file, unknown sheet, indicator, parent or unit, a bad number, --out = input).
 * The input file is never modified.
 */
import { detectWorkbook } from "../core/check";
import { Decimal } from "../core/decimal";
import type { Lang } from "../core/messages";
import type { RebalanceOk, RebalanceResult } from "../core/rebalance/rebalance";
import {
  explanationText,
  isBoundChild,
  planAndRebalance,
  plannedWrites,
  rebalanceDocument,
  renderInvalidInput,
  renderRequestProblem,
  type CellWrite,
  type MethodChoice,
  type RebalanceChoices,
  type RebalanceDocument,
  type RebalancePlan,
  type UnitValue,
} from "../core/rebalanceRequest";
import { renderRefusal } from "../core/rebalance/rebalance";
import { EXIT } from "./checkCommand";
import { INPUT_TEXT } from "./inputText";
import { pathsOf, type CliIo } from "./io";
import {
  dependentsText,
  emptyPathOption,
  maxCellsOption,
  unreadableWords,
  writeFaultWords,
} from "./messages";
import { refusesConvertedName, refusesTextName, writeOutput } from "./output";
import { copyKind, kindProblem } from "./outputKind";
import { cliOptionLabel } from "./optionLabels";
import { prepareInput } from "./legacyInput";
import { isConverted, loadWorkbook, uncalculatedFormulas, uncalculatedMessage } from "./load";
import { displayWidth, padEnd, maxWidth } from "./width";
import { plural } from "./plural";
import { writeCellValues } from "./xlsx/writeValues";
import { problemMessage } from "./xlsx/problems";
import { dependentFormulas } from "../core/dependents";
import { writeStateSection } from "./xlsx/stateSection";
import type { WorkbookGrid } from "../core/grid";
import { appendTrail, readTrail, trailEntryFor } from "../core/report";

export interface RebalanceOptions {
  sheet?: string;
  indicator: string;
  target?: string;
  method?: MethodChoice;
  reference?: string;
  weights?: string;
  parent?: string;
  edit?: string;
  fix?: "parent";
  zeroBase?: "equal";
  lock: string[];
  min: string[];
  max: string[];
  step?: string;
  /** Where to write the copy; without it the preview is printed and nothing is written. */
  out?: string;
  overwriteFormulas: boolean;
  /** Who applies the change, for the trail (填表人). */
  by?: string;
  format: "text" | "json";
  lang: Lang;
  /** --max-cells as typed. */
  maxCells?: string;
  /** --soffice: LibreOffice's program, for an .xls/.et input. */
  soffice?: string;
}

function unitValue(option: string, text: string, lang: Lang): UnitValue | string {
  const m = /^(.*?)[=＝](.*)$/.exec(text);
  if (!m || !m[1].trim() || !m[2].trim())
    return lang === "zh"
      ? `${option} ${text}：格式应为 单位=数值，例如 ${option} 西湖区=170`
      : `${option} ${text}: expected UNIT=VALUE, e.g. ${option} 西湖区=170`;
  return { unit: m[1].trim(), value: m[2].trim() };
}

function choicesOf(options: RebalanceOptions): RebalanceChoices | string {
  const choices: RebalanceChoices = { indicator: options.indicator };
  if (options.sheet !== undefined) choices.sheet = options.sheet;
  if (options.target !== undefined) choices.target = options.target;
  if (options.method) choices.method = options.method;
  if (options.reference) choices.reference = options.reference;
  if (options.weights) choices.weights = options.weights;
  if (options.parent !== undefined) choices.parent = options.parent;
  if (options.fix === "parent") choices.fixParent = true;
  if (options.zeroBase === "equal") choices.zeroBase = "equal";
  if (options.step !== undefined) choices.step = options.step;
  if (options.lock.length) choices.locks = options.lock;
  if (options.edit !== undefined) {
    const e = unitValue("--edit", options.edit, options.lang);
    if (typeof e === "string") return e;
    choices.edit = e;
  }
  for (const key of ["min", "max"] as const) {
    const list: UnitValue[] = [];
    for (const text of options[key]) {
      const b = unitValue(`--${key}`, text, options.lang);
      if (typeof b === "string") return b;
      list.push(b);
    }
    if (list.length) choices[key] = list;
  }
  return choices;
}

function sameTarget(file: string, out: string, io: CliIo): boolean {
  const paths = pathsOf(io);
  if (paths.resolve(file) === paths.resolve(out)) return true;
  return io.exists(out) && io.sameFile(out, file);
}

export async function runRebalance(file: string, options: RebalanceOptions, io: CliIo): Promise<number> {
  const lang = options.lang;
  const zh = lang === "zh";
  const fail = (message: string | string[]): number => {
    for (const line of Array.isArray(message) ? message : [message]) io.stderr(`tdcheck: ${line}\n`);
    return EXIT.unusable;
  };

  const limit = maxCellsOption(options.maxCells, lang);
  if (!limit.ok) return fail(limit.message);
  const empty = emptyPathOption({ "--out": options.out }, lang);
  if (empty) return fail(empty);
  const choices = choicesOf(options);
  if (typeof choices === "string") return fail(choices);
  if (options.out !== undefined && sameTarget(file, options.out, io))
    return fail(
      zh
        ? `不会覆盖输入文件，请用 --out 另选文件名：${options.out}`
        : `refusing to overwrite the input; choose another name with --out: ${options.out}`,
    );

  const outProblem = options.out !== undefined ? io.outputProblem(options.out) : null;
  if (outProblem) return fail(writeFaultWords(outProblem)[lang]);

  const prepared = await prepareInput(file, options, io);
  const loaded = loadWorkbook(file, io, lang, { maxCells: limit.value, prepared });
  if (!loaded.ok) return fail(loaded.message);
  const source = loaded.source;
  const converted = isConverted(source) ? source : undefined;
  // A text table's or a converted file's copy is a new .xlsx, and its name must say so.
  const fromText = source.format === "csv" || converted !== undefined;
  if (source.format === "csv" && options.out !== undefined && refusesTextName(options.out, io, lang))
    return EXIT.unusable;
  if (converted && options.out !== undefined && refusesConvertedName(options.out, converted, io, lang))
    return EXIT.unusable;
  const copyNote = converted
    ? INPUT_TEXT[lang].convertedCopyNote(converted.format)
    : fromText
      ? INPUT_TEXT[lang].newWorkbookNote
      : "";
  const inputField = converted
    ? { input: { format: converted.format, convertedBy: converted.convertedBy } }
    : {};
  // A copy of a workbook with a sheet we cannot read would carry the damage on, unchecked.
  if (loaded.unreadable.length)
    return fail(unreadableWords(file, loaded.unreadable, options.out !== undefined)[lang]);
  const { maps, problems } = detectWorkbook(loaded.workbook, { sheet: options.sheet });
  const problem = problems[0];
  if (problem) {
    switch (problem.code) {
      case "NO_SUCH_SHEET":
        return fail(
          zh
            ? `${file}：没有名为“${problem.sheet}”的工作表（现有：${problem.detail}）`
            : `${file}: no sheet named "${problem.sheet}" (sheets: ${problem.detail})`,
        );
      case "EMPTY_WORKBOOK":
        return fail(zh ? `${file}：工作簿是空的` : `${file}: the workbook is empty`);
      case "NO_TABLE":
        return fail(zh ? `${file}：未找到可识别的指标分解表` : `${file}: no recognisable target table`);
    }
  }

  const uncalculated = uncalculatedFormulas(loaded.workbook, maps);
  if (uncalculated.length) return fail(uncalculatedMessage(file, uncalculated, lang));

  const solved = planAndRebalance(loaded.workbook, maps, choices);
  if (!solved.ok) return fail(`${file}: ${renderRequestProblem(solved.problem, lang, cliOptionLabel)}`);
  const { plan, result } = solved;
  if (result.status === "invalid-input")
    return fail(renderInvalidInput(plan, result, lang, cliOptionLabel).map((l) => `${file}: ${l}`));

  // A converted input is said first (text) and in the document's `input` field, as check says it.
  const show = (doc: RebalanceDocument, lines: string[]): void => {
    if (options.format === "json") io.stdout(JSON.stringify({ ...doc, ...inputField }, null, 2) + "\n");
    else {
      const head = converted ? [`${file}  (${INPUT_TEXT[lang].convertedSource(converted.format)})`] : [];
      io.stdout([...head, ...lines].join("\n") + "\n");
    }
  };

  if (result.status !== "ok") {
    const doc = rebalanceDocument(plan, result, { lang, file, label: cliOptionLabel });
    const lines = [
      ...headerText(pathsOf(io).basename(file), plan, result, lang),
      "",
      ...tableText(plan, result, lang),
      "",
      ...renderRefusal(result, lang).map((l) => `  ${l}`),
    ];
    if (result.status === "zero-base-blocked")
      lines.push(
        zh
          ? "  如需把余额平均分给现值为零的下级，请加 --zero-base equal。"
          : "  To spread the rest equally over the zero-base children, add --zero-base equal.",
      );
    lines.push("", REFUSED[lang][result.status]);
    show(doc, lines);
    return EXIT.errors;
  }

  const writes = plannedWrites(plan, result);
  const formulaWrites = writes.filter((w) => w.formula !== undefined);
  if (options.out === undefined) return preview(plan, result, writes, file, options, show);
  if (formulaWrites.length && !options.overwriteFormulas) {
    const doc = rebalanceDocument(plan, result, { lang, file, label: cliOptionLabel });
    doc.written = null;
    doc.refused = { code: "FORMULA_CELLS", cells: formulaWrites.map((w) => w.cell) };
    const list = formulaWrites.map((w) => `${w.cell} = ${w.formula}`);
    const lines = [
      ...headerText(pathsOf(io).basename(file), plan, result, lang),
      "",
      ...tableText(plan, result, lang),
      "",
      zh
        ? `这些单元格是公式，写入数值会替换公式：${list.join("；")}。确认替换请加 --overwrite-formulas；未写出任何文件。`
        : `These cells hold formulas that writing would replace: ${list.join("; ")}. Add --overwrite-formulas to replace them; nothing was written.`,
    ];
    show(doc, lines);
    return EXIT.errors;
  }

  const out = options.out;
  // The copy keeps its input's kind (a text table's copy is a new .xlsx), and its name must say so.
  const wrongName = kindProblem(out, fromText ? "xlsx" : copyKind(loaded.xlsx()), lang);
  if (wrongName) return fail(wrongName);
  // Formulas elsewhere that read the changed cells: new cached results where the engine can compute
  // them (a program that does not recalculate on opening shows those), the others named.
  const dependents = dependentFormulas(
    loaded.workbook,
    writes.map((w) => ({ sheet: plan.sheet, row: w.row, col: w.col, value: w.value })),
  );
  const written = writeCellValues(
    loaded.xlsx(),
    plan.sheet,
    writes.map((w) => ({ cell: w.cell, value: w.value })),
    {
      overwriteFormulas: options.overwriteFormulas,
      fileName: pathsOf(io).basename(file),
      cachedResults: dependents.recalculated.map((d) => ({ sheet: d.sheet, cell: d.cell, value: d.after })),
    },
  );
  if (!written.ok) {
    const p = written.problem;
    if (p.code === "FORMULA_CELLS") {
      io.stderr(
        zh
          ? `tdcheck: 这些单元格是公式：${p.cells.join("、")}；确认替换请加 --overwrite-formulas；未写出任何文件\n`
          : `tdcheck: these cells hold formulas: ${p.cells.join(", ")}; add --overwrite-formulas to replace them; nothing was written\n`,
      );
      return EXIT.errors;
    }
    if (p.code === "PROTECTED")
      return fail(
        zh
          ? `工作表“${plan.sheet}”受保护：请在 Excel 中撤销工作表保护后再调整；未写出任何文件`
          : `sheet "${plan.sheet}" is protected: unprotect it in Excel first; nothing was written`,
      );
    if (p.code === "CORRUPT" || p.code === "TRUNCATED" || p.code === "TOO_LARGE" || p.code === "ENCRYPTED")
      return fail(problemMessage(p, file)[lang]);
    return fail(
      zh
        ? `无法在保留原有内容的前提下写出副本（${p.detail}），未写出任何文件`
        : `cannot write the copy without losing content (${p.detail}); nothing was written`,
    );
  }
  // A result the file could not take (a cell of an array formula) is Excel's to recalculate after all.
  if (written.cachedResultsLeft.length) {
    const left = new Set(written.cachedResultsLeft);
    const key = (d: { sheet: string; cell: string }) => `${d.sheet}!${d.cell}`;
    dependents.excelRecalculates.push(
      ...dependents.recalculated
        .filter((d) => left.has(key(d)))
        .map((d) => ({ sheet: d.sheet, cell: d.cell, formula: d.formula, why: "outside-subset" as const })),
    );
    dependents.recalculated = dependents.recalculated.filter((d) => !left.has(key(d)));
  }
  // Nothing written, nothing to record: the copy stays identical to the input.
  const trail = written.cells.length
    ? recordTrail(loaded, written.bytes, plan, result, writes, options, pathsOf(io).basename(file))
    : ({ bytes: written.bytes, recorded: false, reason: "no change" } as const);
  if (!writeOutput(io, out, trail.bytes, lang)) return EXIT.unusable;

  const doc = rebalanceDocument(plan, result, {
    lang,
    file,
    label: cliOptionLabel,
    written: { file: out, cells: written.cells },
  });
  if (written.removedFormulas.length) doc.removedFormulas = written.removedFormulas;
  if (written.fullCalcOnLoad) doc.fullCalcOnLoad = true;
  if (dependents.recalculated.length || dependents.excelRecalculates.length)
    doc.dependents = {
      recalculated: dependents.recalculated.map((d) => ({
        sheet: d.sheet,
        cell: d.cell,
        formula: d.formula,
        before: typeof d.before === "number" || typeof d.before === "string" ? d.before : null,
        after: d.after.toJSON(),
      })),
      excelRecalculates: dependents.excelRecalculates.map((d) => ({
        sheet: d.sheet,
        cell: d.cell,
        formula: d.formula,
        why: d.why,
      })),
    };
  doc.trail = trail.recorded
    ? { recorded: true, entries: trail.entries }
    : { recorded: false, reason: trail.reason };
  if (!trail.recorded && written.cells.length)
    io.stderr(
      zh
        ? "tdcheck: 注意：调整已写出，但副本中已有的变更记录无法读取，未能记入这次调整（原记录保持不变）\n"
        : "tdcheck: note: the copy is written, but the trail it already holds cannot be read, so this change was not added to it (the trail is left as it was)\n",
    );
  const lines = [
    ...headerText(pathsOf(io).basename(file), plan, result, lang),
    "",
    ...tableText(plan, result, lang),
    "",
    ...explanationText(plan, result, lang).map((l) => `  ${l}`),
  ];
  const ratio = ratioLine(result, lang);
  if (ratio) lines.push(`  ${ratio}`);
  lines.push("", summaryLine(plan, result, writes, out, written.removedFormulas, lang) + copyNote);
  lines.push(...dependentsText(dependents, lang));
  show(doc, lines);
  return EXIT.clean;
}

/**
 * The change trail (docs/rebalancing.md §6): the copy's `_tdcheck` sheet gets this rebalance appended to the
 * trail it already holds, so `check --report` on the copy lists it. A trail that cannot be read is
 * left as it is rather than overwritten with this entry alone.
 */
function recordTrail(
  loaded: { workbook: WorkbookGrid },
  bytes: Uint8Array,
  plan: RebalancePlan,
  result: RebalanceOk,
  writes: CellWrite[],
  options: RebalanceOptions,
  fileName: string,
):
  | { bytes: Uint8Array; recorded: true; entries: number }
  | { bytes: Uint8Array; recorded: false; reason: string } {
  const stored = readTrail(loaded.workbook);
  if (stored.problem)
    return {
      bytes,
      recorded: false,
      reason: `${stored.problem.code}${"detail" in stored.problem ? `: ${stored.problem.detail}` : ""}`,
    };
  const formulas = new Map<string, string>();
  for (const w of writes) if (w.formula !== undefined) formulas.set(w.cell, w.formula);
  const entry = trailEntryFor(plan, result, writes, formulas, new Date().toISOString(), {
    by: options.by,
    source: "cli",
  });
  const written = writeStateSection(bytes, loaded.workbook, "trail", appendTrail(stored.items, entry), {
    fileName,
  });
  return written.ok
    ? { bytes: written.bytes, recorded: true, entries: stored.items.length + 1 }
    : { bytes, recorded: false, reason: written.detail };
}

/** Why nothing was written, in words (the code stays in the JSON: explanation.code). */
const REFUSED: Record<Lang, Record<"infeasible" | "zero-base-blocked", string>> = {
  zh: {
    infeasible: "已拒绝：在这些锁定和上下限下达不到目标，未写出任何文件。",
    "zero-base-blocked": "已拒绝：现值为零的单位按比例无法增加，未写出任何文件。",
  },
  en: {
    infeasible: "Refused: the target cannot be reached with these locks and bounds; nothing was written.",
    "zero-base-blocked": "Refused: units at zero cannot grow proportionally; nothing was written.",
  },
};

/**
 * Without `--out`, the answer is only shown: the preview table, the explanation and what writing
 * it would change. Nothing is written; exit 0 (a refusal is still exit 1, above).
 */
function preview(
  plan: RebalancePlan,
  result: RebalanceOk,
  writes: CellWrite[],
  file: string,
  options: RebalanceOptions,
  show: (doc: RebalanceDocument, lines: string[]) => void,
): number {
  const lang = options.lang;
  const zh = lang === "zh";
  const doc = rebalanceDocument(plan, result, { lang, file, label: cliOptionLabel });
  doc.written = null;
  doc.preview = { cells: writes.map((w) => w.cell) };
  const cells = writes.map((w) => w.cell);
  const formulas = writes.filter((w) => w.formula !== undefined).map((w) => w.cell);
  const lines = [
    ...headerText(file, plan, result, lang),
    "",
    ...tableText(plan, result, lang),
    "",
    ...explanationText(plan, result, lang).map((l) => `  ${l}`),
  ];
  const ratio = ratioLine(result, lang);
  if (ratio) lines.push(`  ${ratio}`);
  const list = cells.join(zh ? "、" : ", ");
  lines.push(
    "",
    cells.length === 0
      ? zh
        ? "预览：无需改动任何单元格。未写出任何文件。"
        : "Preview: no cell needs to change. Nothing was written."
      : zh
        ? `预览：将改动 ${cells.length} 个单元格（${list}）。未写出任何文件；要写出调整后的副本，请加 --out 文件名。`
        : `Preview: ${plural(cells.length, "cell", "cells")} would change (${list}). Nothing was written; add --out FILE to write the rebalanced copy.`,
  );
  if (formulas.length)
    lines.push(
      zh
        ? `其中 ${formulas.join("、")} 是公式，写出时需加 --overwrite-formulas。`
        : `${formulas.join(", ")} hold formulas: writing them needs --overwrite-formulas.`,
    );
  show(doc, lines);
  return EXIT.clean;
}

// ---------------------------------------------------------------------------------------------
// Text for people

const METHOD_LABEL: Record<RebalancePlan["method"], Record<Lang, string>> = {
  proportional: { zh: "按现值比例", en: "proportional" },
  "equal-increment": { zh: "等额增减", en: "equal increment" },
  reference: { zh: "按参考行比例", en: "proportional to a reference row" },
  "minimal-change": { zh: "加权最小调整", en: "weighted minimal change" },
  ratio: { zh: "比率（分子空间）", en: "ratio (numerator space)" },
  "edit-one": { zh: "改一项、保持合计", en: "edit one, keep the total" },
  "fix-parent": { zh: "按下级合计修正上级", en: "parent = sum of the children" },
};

function stepDecimals(plan: RebalancePlan, result: RebalanceResult): number {
  if (result.status === "ok") return result.step.decimals;
  return plan.step instanceof Decimal ? plan.step.decimals : plan.step.decimals;
}

function fmt(d: Decimal, decimals: number): string {
  return d.toFixed(Math.max(decimals, d.decimals));
}

function signed(d: Decimal, decimals: number): string {
  if (d.isZero()) return "0";
  const s = fmt(d, decimals);
  return d.sign() > 0 ? `+${s}` : s;
}

function headerText(fileName: string, plan: RebalancePlan, result: RebalanceResult, lang: Lang): string[] {
  const zh = lang === "zh";
  const dec = stepDecimals(plan, result);
  const step = Decimal.of(1n, 0).shift(-dec);
  const stepText =
    result.status === "ok"
      ? result.step.toString()
      : plan.step instanceof Decimal
        ? plan.step.toString()
        : step.toString();
  const p = plan.parent;
  const target = result.status === "ok" && result.method === "fix-parent" ? result.parent : plan.target;
  const from =
    plan.targetFrom === "parent"
      ? zh
        ? "（表中所列）"
        : " (as stated)"
      : plan.targetFrom === "share-100"
        ? zh
          ? "（占比合计 100）"
          : " (shares add up to 100)"
        : "";
  const extra = [
    plan.referenceRow ? (zh ? `参考行“${plan.referenceRow}”` : `reference row "${plan.referenceRow}"`) : "",
    plan.weightsRow ? (zh ? `权重行“${plan.weightsRow}”` : `weights row "${plan.weightsRow}"`) : "",
  ].filter(Boolean);
  const title = `${fileName} · ${plan.sheet} · ${plan.indicator.name}`;
  if (plan.method === "fix-parent") {
    const was = p.stated ? p.stated.toString() : (p.text ?? "");
    return [
      title,
      zh
        ? `上级 ${p.unit}（${p.cell}）：${was || "空白"} → 下级合计 ${target ? target.toString() : "—"}；方法：${METHOD_LABEL[plan.method].zh}`
        : `Parent ${p.unit} (${p.cell}): ${was || "blank"} → the children's sum ${target ? target.toString() : "—"}; method: ${METHOD_LABEL[plan.method].en}`,
    ];
  }
  return [
    title,
    zh
      ? `上级 ${p.unit}（${p.cell}）：目标 ${target ? target.toString() : "—"}${from}；方法：${METHOD_LABEL[plan.method].zh}；步长 ${stepText}${extra.length ? `；${extra.join("；")}` : ""}`
      : `Parent ${p.unit} (${p.cell}): target ${target ? target.toString() : "—"}${from}; method: ${METHOD_LABEL[plan.method].en}; step ${stepText}${extra.length ? `; ${extra.join("; ")}` : ""}`,
  ];
}

function beforeText(plan: RebalancePlan, i: number, dec: number): string {
  const c = plan.children[i];
  if (c.shown === "dash") return c.text ?? "-";
  if (c.shown === "blank") return "";
  return fmt(c.value, dec);
}

function noteText(plan: RebalancePlan, result: RebalanceResult, i: number, lang: Lang): string {
  const zh = lang === "zh";
  const notes: string[] = [];
  const role = result.status === "ok" ? result.explanation.children[i]?.role : undefined;
  const min = plan.min[i];
  const max = plan.max[i];
  if (plan.locked[i]) notes.push(zh ? "锁定" : "locked");
  if (role === "edited") notes.push(zh ? "修改" : "edited");
  if (role === "at-max") notes.push(zh ? `达上限${max ? ` ${max}` : ""}` : `at max${max ? ` ${max}` : ""}`);
  else if (max && !plan.locked[i]) notes.push(`≤ ${max}`);
  if (role === "at-min") notes.push(zh ? `达下限${min ? ` ${min}` : ""}` : `at min${min ? ` ${min}` : ""}`);
  else if (min && !plan.locked[i]) notes.push(`≥ ${min}`);
  if (role === "zero-base") notes.push(zh ? "零基数" : "zero base");
  if (isBoundChild(result, i))
    notes.push(
      result.shortBy ? (zh ? "受上限限制" : "stopped by its max") : zh ? "受下限限制" : "stopped by its min",
    );
  if (result.status === "ok" && result.explanation.children[i]?.roundedUp)
    notes.push(zh ? "得余数" : "+remainder");
  if (plan.children[i].formula)
    notes.push(zh ? `公式 =${plan.children[i].formula}` : `formula =${plan.children[i].formula}`);
  return notes.join(zh ? "，" : ", ");
}

function tableText(plan: RebalancePlan, result: RebalanceResult, lang: Lang): string[] {
  const zh = lang === "zh";
  const dec = stepDecimals(plan, result);
  const ok = result.status === "ok" ? result : undefined;
  const header = zh
    ? ["单位", "单元格", "调整前", "调整后", "变化", "说明"]
    : ["Unit", "Cell", "Before", "After", "Change", "Note"];
  const rows: string[][] = plan.children.map((c, i) => [
    c.unit,
    c.cell,
    beforeText(plan, i, dec),
    ok
      ? c.shown !== "number" && c.shown !== "text-number" && ok.changes[i].isZero()
        ? beforeText(plan, i, dec)
        : fmt(ok.values[i], dec)
      : "",
    ok ? signed(ok.changes[i], dec) : "",
    noteText(plan, result, i, lang),
  ]);
  if (plan.method !== "ratio") {
    const before = Decimal.sum(plan.children.map((c) => c.value));
    const after = ok ? Decimal.sum(ok.values) : undefined;
    rows.push([
      zh ? "下级合计" : "Children",
      "",
      fmt(before, dec),
      after ? fmt(after, dec) : "",
      after ? signed(after.sub(before), dec) : "",
      "",
    ]);
  }
  const p = plan.parent;
  const newParent = ok ? (ok.method === "fix-parent" ? ok.parent : (plan.target ?? ok.parent)) : undefined;
  const parentBefore = p.stated ? fmt(p.stated, dec) : (p.text ?? "");
  rows.push([
    p.unit,
    p.cell,
    parentBefore,
    newParent ? fmt(newParent, dec) : "",
    newParent && p.stated ? signed(newParent.sub(p.stated), dec) : "",
    p.formula ? (zh ? `公式 =${p.formula}` : `formula =${p.formula}`) : zh ? "上级" : "parent",
  ]);
  const widths = header.map((h, k) =>
    maxWidth(
      rows.map((r) => r[k]),
      displayWidth(h),
    ),
  );
  const right = new Set([2, 3, 4]);
  const line = (cells: string[]) =>
    "  " +
    cells
      .map((c, k) =>
        right.has(k)
          ? " ".repeat(widths[k] - displayWidth(c)) + c
          : k === cells.length - 1
            ? c
            : padEnd(c, widths[k]),
      )
      .join("  ")
      .trimEnd();
  const out = [line(header)];
  rows.forEach((r, k) => {
    if (k === plan.children.length)
      out.push("  " + "─".repeat(widths.slice(0, 5).reduce((a, b) => a + b, 0) + 8));
    out.push(line(r));
  });
  return out;
}

function ratioLine(result: RebalanceOk, lang: Lang): string | null {
  const r = result.ratioCheck;
  if (!r) return null;
  const zh = lang === "zh";
  const show = (x: { toFixed(d: number): string }) => x.toFixed(6);
  return zh
    ? `按分母加权重算上级为 ${show(r.recomputed)}，与目标相差 ${show(r.difference)}，舍入容差 ${show(r.tolerance)}：${r.pass ? "通过" : "未通过"}`
    : `The parent recomputed from the rounded ratios is ${show(r.recomputed)}, off the target by ${show(r.difference)}, rounding tolerance ${show(r.tolerance)}: ${r.pass ? "passes" : "fails"}`;
}

function summaryLine(
  plan: RebalancePlan,
  result: RebalanceOk,
  writes: CellWrite[],
  out: string,
  removedFormulas: string[],
  lang: Lang,
): string {
  const zh = lang === "zh";
  const cells = writes.map((w) => w.cell);
  const list = cells.length
    ? cells.length <= 8
      ? cells.join(zh ? "、" : ", ")
      : `${cells.slice(0, 8).join(zh ? "、" : ", ")}…`
    : "";
  const replaced = removedFormulas.length
    ? zh
      ? `，替换公式 ${removedFormulas.length} 个`
      : `, ${plural(removedFormulas.length, "formula", "formulas")} replaced`
    : "";
  const p = plan.parent;
  const parentNow = result.method === "fix-parent" ? result.parent : (plan.target ?? result.parent);
  const dec = result.step.decimals;
  const parentText = fmt(parentNow, dec);
  let tail: string;
  if (plan.method === "ratio") tail = zh ? `${p.unit}目标 ${parentText}` : `${p.unit} target ${parentText}`;
  else {
    const sum = Decimal.sum(result.values);
    const eq = sum.eq(parentNow) ? " =" : " ≠";
    tail = zh
      ? `下级合计 ${fmt(sum, dec)}${eq} ${p.unit} ${parentText}`
      : `children add up to ${fmt(sum, dec)}${eq} ${p.unit} ${parentText}`;
  }
  if (cells.length === 0)
    return zh
      ? `已写出 ${out}：无需改动任何单元格；${tail}`
      : `Written ${out}: no cell needed to change; ${tail}`;
  return zh
    ? `已写出 ${out}：改动 ${cells.length} 个单元格（${list}）${replaced}；${tail}`
    : `Written ${out}: ${plural(cells.length, "cell", "cells")} changed (${list})${replaced}; ${tail}`;
}
