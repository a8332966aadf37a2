/**
 * `tdcheck rebalance`: make one indicator's split add up, and write the result to a copy.
 * The engine decides (core/rebalanceRequest/, core/rebalance); this file only reads the file,
 * prints, and writes the copy. Exit 0 when the copy was written, 1 when the rebalance was
 * refused (infeasible, zero bases blocked, or formulas in the way: nothing is written), 2 on bad
 * input (missing file, unknown sheet, indicator, parent or unit, a bad number, --out = input).
 * The input file is never modified.
 */
import { detectWorkbook } from "../core/check";
import type { Lang } from "../core/messages";
import type { RebalanceOk } from "../core/rebalance/rebalance";
import {
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
import { EXIT } from "./checkFile";
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
import { isConverted, loadWorkbook, uncalculatedFormulas } from "./load";
import { headerText, previewLines, solvedText, summaryLine, tableText } from "./rebalancePreviewText";
import { REBALANCE_TEXT } from "./rebalanceText";
import { TABLE_TEXT } from "./tableText";
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
  if (!m || !m[1].trim() || !m[2].trim()) return REBALANCE_TEXT[lang].badUnitValue(option, text);
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
  const t = REBALANCE_TEXT[lang];
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
    return fail(t.overwritesInput(options.out));

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
    const words = TABLE_TEXT[lang];
    switch (problem.code) {
      case "NO_SUCH_SHEET":
        return fail(words.noSuchSheet(file, String(problem.sheet), String(problem.detail)));
      case "EMPTY_WORKBOOK":
        return fail(words.emptyWorkbook(file));
      case "NO_TABLE":
        return fail(words.noTable(file));
    }
  }

  const uncalculated = uncalculatedFormulas(loaded.workbook, maps);
  if (uncalculated.length) return fail(INPUT_TEXT[lang].uncalculated(file, uncalculated));

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
    if (result.status === "zero-base-blocked") lines.push(`  ${t.zeroBaseHint}`);
    lines.push("", t.refused[result.status]);
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
      t.formulasInTheWay(list),
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
      io.stderr(`tdcheck: ${t.formulaCells(p.cells)}\n`);
      return EXIT.errors;
    }
    if (p.code === "PROTECTED") return fail(t.protectedSheet(plan.sheet));
    if (p.code === "CORRUPT" || p.code === "TRUNCATED" || p.code === "TOO_LARGE" || p.code === "ENCRYPTED")
      return fail(problemMessage(p, file)[lang]);
    return fail(t.cannotWriteCopy(p.detail));
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
  if (!trail.recorded && written.cells.length) io.stderr(`tdcheck: ${t.trailNotRecorded}\n`);
  const lines = solvedText(pathsOf(io).basename(file), plan, result, lang);
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
  const doc = rebalanceDocument(plan, result, { lang, file, label: cliOptionLabel });
  doc.written = null;
  doc.preview = { cells: writes.map((w) => w.cell) };
  const lines = solvedText(file, plan, result, lang);
  lines.push("", ...previewLines(writes, lang));
  show(doc, lines);
  return EXIT.clean;
}
