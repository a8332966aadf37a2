/**
 * `tdcheck check`: findings for people (text), machines (JSON) or Excel (CSV); an annotated copy
 * and an audit report copy on request; many files at once (one summary table, one JSON document).
 * Acceptances and the change trail come from the workbook's `_tdcheck` sheet.
 */
import * as path from "path";
import { checkMaps, checkWorkbook, type CheckResult } from "../core/check";
import { contractDocument } from "../core/contract";
import { planFlags } from "../core/flagPlan";
import { qualified } from "../core/address";
import type { WorkbookGrid } from "../core/grid";
import { RULE_TITLES, SEVERITY_TEXT, type Lang } from "../core/messages";
import { applyAcceptances, readAcceptances, type AcceptedCheckResult } from "../core/report/acceptance";
import { auditReport } from "../core/report/auditReport";
import { findingsCsv } from "../core/report/csv";
import { batchDocument, batchText, expandInputs, type FileEntry } from "./batch";
import { FileFault } from "./files";
import type { CliIo } from "./io";
import {
  emptyPathOption,
  maxCellsOption,
  outputTooLargeWords,
  skippedNotesWords,
  unreadableWords,
  writeFaultWords,
} from "./messages";
import { chosenUnreadable, loadWorkbook, uncalculatedFormulas, uncalculatedMessage } from "./load";
import { loadMap } from "./mapFile";
import { findingsText, summaryText, tablesText } from "./textReport";
import { annotateXlsx } from "./xlsx/annotate";
import { addReportSheet } from "./xlsx/addSheet";
import { problemMessage } from "./xlsx/problems";
import type { PackageKind, UnreadableSheet } from "./xlsx";
import { copyKind, kindProblem } from "./outputKind";

export interface CheckOptions {
  sheet?: string;
  /** A corrected table map (tdcheck-map/1) to use instead of detection. */
  map?: string;
  format: "text" | "json" | "csv";
  /** One file: the annotated copy's path. Several files: a folder for one copy per file. */
  annotate?: string;
  /** One file: the report copy's path. Several files: a folder for one copy per file. */
  report?: string;
  preparer?: string;
  reviewer?: string;
  strict: boolean;
  lang: Lang;
  /** --max-cells as typed; checked by runCheck. */
  maxCells?: string;
}

export const EXIT = { clean: 0, errors: 1, unusable: 2 } as const;

function problemText(result: CheckResult, file: string, lang: Lang): string | null {
  const p = result.problems[0];
  if (!p) return null;
  const zh = lang === "zh";
  switch (p.code) {
    case "EMPTY_WORKBOOK":
      return zh
        ? `${file}：工作簿是空的，没有可校核的内容`
        : `${file}: the workbook is empty; there is nothing to check`;
    case "NO_SUCH_SHEET":
      return zh
        ? `${file}：没有名为“${p.sheet}”的工作表（现有：${p.detail}）`
        : `${file}: no sheet named "${p.sheet}" (sheets: ${p.detail})`;
    case "NO_TABLE":
      return zh
        ? `${file}：${p.sheet ? `工作表“${p.sheet}”中` : ""}未找到可识别的指标分解表（需要表头含“合计”“全市”“X市目标”等上级列与区县等下级列，或按年度排列的进度表）`
        : `${file}: no recognisable target table${p.sheet ? ` on sheet "${p.sheet}"` : ""} (a header with a total such as 合计/全市/X市目标 and unit columns, or year columns, is needed)`;
  }
}

interface Checked {
  file: string;
  bytes: Uint8Array;
  workbook: WorkbookGrid;
  result: AcceptedCheckResult;
  /** Worksheets that could not be read: the findings are those of the other sheets; exit 2. */
  unreadable: UnreadableSheet[];
}

type Outcome = { ok: true; checked: Checked } | { ok: false; message: string; code?: string };

/** Load, check, apply the stored acceptances: everything short of writing and printing. */
async function checkFile(
  file: string,
  options: CheckOptions,
  io: CliIo,
  cellLimit: number | undefined,
): Promise<Outcome> {
  const loaded = loadWorkbook(file, io, options.lang, { maxCells: cellLimit });
  if (!loaded.ok) return { ok: false, message: loaded.message };
  const copiesAsked = !!(options.annotate || options.report);
  const unreadableSheets = chosenUnreadable(loaded.unreadable, options.sheet);
  // A sheet that could not be read may hold what the others' problems are about: that is the line.
  const unreadable = unreadableSheets.length
    ? unreadableWords(file, unreadableSheets, copiesAsked)[options.lang]
    : undefined;
  let result: CheckResult;
  if (options.map) {
    const maps = loadMap(options.map, loaded.workbook, options.lang, io);
    if (!maps.ok) return { ok: false, message: maps.message, code: "BAD_MAP" };
    const chosen =
      options.sheet === undefined ? maps.maps : maps.maps.filter((m) => m.sheet === options.sheet);
    result = {
      ...checkMaps(loaded.workbook, chosen),
      problems: chosen.length ? [] : [{ code: "NO_TABLE", sheet: options.sheet }],
    };
  } else result = checkWorkbook(loaded.workbook, { sheet: options.sheet });
  const problem = problemText(result, file, options.lang);
  if (problem)
    return {
      ok: false,
      message: unreadable ?? problem,
      code: unreadable ? "UNREADABLE_SHEET" : result.problems[0].code,
    };
  const uncalculated = uncalculatedFormulas(loaded.workbook, result.maps);
  if (uncalculated.length)
    return {
      ok: false,
      message: unreadable ?? uncalculatedMessage(file, uncalculated, options.lang),
      code: unreadable ? "UNREADABLE_SHEET" : "UNCALCULATED",
    };
  const stored = readAcceptances(loaded.workbook);
  if (stored.problem)
    io.stderr(
      options.lang === "zh"
        ? `tdcheck: ${file}：_tdcheck 工作表中的接受记录无法读取（${stored.problem.code}），按无接受记录处理\n`
        : `tdcheck: ${file}: the acceptances in the _tdcheck sheet cannot be read (${stored.problem.code}); checking without them\n`,
    );
  const accepted = await applyAcceptances(result, stored.items, loaded.workbook);
  return {
    ok: true,
    checked: {
      file,
      bytes: loaded.bytes,
      workbook: loaded.workbook,
      result: accepted,
      unreadable: unreadableSheets,
    },
  };
}

/** Refuses a path that is one of the inputs (the input is never modified). */
function isAnInput(out: string, inputs: string[], io: CliIo): boolean {
  return io.exists(out) && inputs.some((i) => io.exists(i) && io.sameFile(out, i));
}

/** Problems of the input found while writing a copy (not of the copy): said as a read would say them. */
const DAMAGED = new Set(["CORRUPT", "TRUNCATED", "TOO_LARGE", "ENCRYPTED"]);

/** What writing the copies left out: notes not added because the cell has a note of the user's. */
interface Written {
  skippedNotes: string[];
}

/**
 * Writes the annotated copy and/or the report copy of one checked file; when both go to the
 * same path, that one file gets the flags and the report sheet. Returns false when it failed
 * (said on stderr; nothing half-written).
 */
async function writeCopies(
  c: Checked,
  targets: { annotate?: string; report?: string },
  options: CheckOptions,
  inputs: string[],
  io: CliIo,
): Promise<Written | false> {
  const zh = options.lang === "zh";
  for (const out of [targets.annotate, targets.report]) {
    if (out && isAnInput(out, inputs, io)) {
      io.stderr(
        zh
          ? `tdcheck: 不会覆盖输入文件，请为输出副本另选文件名：${out}\n`
          : `tdcheck: refusing to overwrite an input; choose another name for the copy: ${out}\n`,
      );
      return false;
    }
  }
  const kind = copyKind(c.bytes);
  for (const out of [targets.annotate, targets.report]) {
    const problem = out ? io.outputProblem(out) : null;
    if (problem) {
      io.stderr(`tdcheck: ${writeFaultWords(problem)[options.lang]}\n`);
      return false;
    }
    const wrongName = out ? kindProblem(out, kind, options.lang) : null;
    if (wrongName) {
      io.stderr(`tdcheck: ${wrongName}\n`);
      return false;
    }
  }
  const refused = (what: string, problem: { code: string; detail: string; parts: string[] }): false => {
    // A part found damaged while copying (its CRC) is the input's fault, said as for reading it.
    if (DAMAGED.has(problem.code)) {
      io.stderr(`tdcheck: ${problemMessage(problem, c.file)[options.lang]}\n`);
      return false;
    }
    const detail = problem.detail;
    const list = problem.parts.join(", ");
    io.stderr(
      zh
        ? `tdcheck: 无法在不丢失内容的前提下写出${what}（${detail}${list ? `：${list}` : ""}），未写任何文件\n`
        : `tdcheck: cannot write the ${what} without losing content (${detail}${list ? `: ${list}` : ""}); nothing written\n`,
    );
    return false;
  };
  let annotated: Uint8Array | undefined;
  const skippedNotes: string[] = [];
  if (targets.annotate) {
    const r = annotateXlsx(c.bytes, planFlags(c.workbook, c.result.findings, options.lang));
    if (!r.ok) return refused(zh ? "标注副本" : "annotated copy", r.problem);
    annotated = r.bytes;
    skippedNotes.push(...r.skippedNotes.map((n) => qualified(n.sheet, n.cell)));
  }
  let reported: Uint8Array | undefined;
  const combined = !!(
    targets.annotate &&
    targets.report &&
    path.resolve(targets.annotate) === path.resolve(targets.report)
  );
  if (targets.report) {
    const report = await auditReport(c.workbook, c.result, {
      file: path.basename(c.file),
      sheet: options.sheet,
      time: new Date(),
      preparer: options.preparer,
      reviewer: options.reviewer,
      lang: options.lang,
      acceptances: readAcceptances(c.workbook).items,
    });
    for (const p of report.storageProblems)
      if (p.section === "trail")
        io.stderr(
          zh
            ? `tdcheck: ${c.file}：_tdcheck 工作表中的变更记录无法读取（${p.code}），报告中不列出\n`
            : `tdcheck: ${c.file}: the change trail in the _tdcheck sheet cannot be read (${p.code}); the report leaves it out\n`,
        );
    const r = addReportSheet(combined ? annotated! : c.bytes, report.sheet, {
      fileName: path.basename(c.file),
    });
    if (!r.ok) return refused(zh ? "审核报告" : "report", r.problem);
    reported = r.bytes;
  }
  try {
    if (annotated && !combined) io.writeFile(targets.annotate!, annotated);
    if (reported) io.writeFile(targets.report!, reported);
  } catch (e) {
    if (!(e instanceof FileFault)) throw e;
    io.stderr(`tdcheck: ${writeFaultWords(e)[options.lang]}\n`);
    return false;
  }
  return { skippedNotes };
}

function acceptedText(result: AcceptedCheckResult, lang: Lang): string[] {
  const zh = lang === "zh";
  const lines: string[] = [];
  const accepted = result.findings.filter((f) => f.accepted);
  if (accepted.length) {
    lines.push(zh ? "  已接受（上报说明）：" : "  Accepted (with a reason):");
    for (const f of accepted)
      lines.push(
        `    ${SEVERITY_TEXT[f.severity][lang]}  ${f.sheet}!${f.cell}  ${RULE_TITLES[f.rule][lang]}  ${f.indicator ?? ""}`,
        zh
          ? `      说明：${f.accepted!.reason}（${f.accepted!.by}，${f.accepted!.at.slice(0, 10)}）`
          : `      reason: ${f.accepted!.reason} (${f.accepted!.by}, ${f.accepted!.at.slice(0, 10)})`,
      );
  }
  for (const l of result.lapsed)
    lines.push(
      zh
        ? `  接受已失效：${l.acceptance.sheet}!${l.acceptance.cell} ${RULE_TITLES[l.acceptance.rule]?.zh ?? l.acceptance.rule}（${l.why === "changed" ? "所涉单元格已修改，需重新确认" : "该问题已不再出现"}）`
        : `  Acceptance lapsed: ${l.acceptance.sheet}!${l.acceptance.cell} ${RULE_TITLES[l.acceptance.rule]?.en ?? l.acceptance.rule} (${l.why === "changed" ? "a covered cell changed; confirm it again" : "the finding no longer occurs"})`,
    );
  return lines;
}

function failing(result: AcceptedCheckResult, strict: boolean): boolean {
  return result.summary.errors + (strict ? result.summary.warnings : 0) > 0;
}

/** One file, printed as before batches existed: the plain tdcheck/1 document for --format json. */
async function runSingle(
  file: string,
  options: CheckOptions,
  io: CliIo,
  cellLimit: number | undefined,
): Promise<number> {
  const outcome = await checkFile(file, options, io, cellLimit);
  if (!outcome.ok) {
    io.stderr(`tdcheck: ${outcome.message}\n`);
    return EXIT.unusable;
  }
  const c = outcome.checked;
  const result = c.result;
  const partial = c.unreadable.length > 0;
  let skippedNotes: string[] = [];
  if (!partial && (options.annotate || options.report)) {
    const written = await writeCopies(
      c,
      { annotate: options.annotate, report: options.report },
      options,
      [file],
      io,
    );
    if (!written) return EXIT.unusable;
    skippedNotes = written.skippedNotes;
  }
  if (options.format === "json") {
    if (!emit(io, options, () => JSON.stringify(fileDocument(c, options.lang, skippedNotes), null, 2) + "\n"))
      return EXIT.unusable;
  } else if (options.format === "csv") {
    if (!emit(io, options, () => findingsCsv([{ file, result }], options.lang))) return EXIT.unusable;
  } else {
    const zh = options.lang === "zh";
    const open = { ...result, findings: result.findings.filter((f) => !f.accepted) };
    const lines = [file, ...tablesText(result, options.lang), ""];
    if (open.findings.length) lines.push(...findingsText(open, options.lang), "");
    const accepted = acceptedText(result, options.lang);
    if (accepted.length) lines.push(...accepted, "");
    const s = result.summary;
    const extra =
      s.accepted || s.lapsed
        ? zh
          ? `；已接受 ${s.accepted}，接受失效 ${s.lapsed}`
          : `; ${s.accepted} accepted, ${s.lapsed} lapsed`
        : "";
    lines.push(summaryText(result, options.lang) + extra);
    if (options.annotate && !partial) {
      lines.push(zh ? `已写出标注副本：${options.annotate}` : `Annotated copy written: ${options.annotate}`);
      if (skippedNotes.length) lines.push(skippedNotesWords(skippedNotes)[options.lang]);
    }
    if (options.report && !partial)
      lines.push(zh ? `已写出审核报告：${options.report}` : `Audit report written: ${options.report}`);
    io.stdout(lines.join("\n") + "\n");
  }
  if (partial) {
    io.stderr(
      `tdcheck: ${unreadableWords(file, c.unreadable, !!(options.annotate || options.report))[options.lang]}\n`,
    );
    return EXIT.unusable;
  }
  return failing(result, options.strict) ? EXIT.errors : EXIT.clean;
}

/**
 * Writes a JSON or CSV document, or says in one line that it cannot be made: a long text that many
 * cells share is one string in the workbook but a copy per finding in the document, which can
 * pass the largest string a program can build.
 */
function emit(io: CliIo, options: CheckOptions, render: () => string): boolean {
  let text: string;
  try {
    text = render();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    io.stderr(`tdcheck: ${outputTooLargeWords(options.format)[options.lang]}\n`);
    return false;
  }
  io.stdout(text);
  return true;
}

/**
 * `OUTDIR/name.xlsx`, with the extension of the copy's kind (a macro-enabled input gives name.xlsm,
 * whatever it was called), made unique within this batch (two inputs may share a name).
 */
function outputPath(dir: string, file: string, kind: PackageKind, used: Set<string>): string {
  const stem = path.basename(file, path.extname(file));
  const ext = `.${kind}`;
  let name = `${stem}${ext}`;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem}(${n})${ext}`;
  used.add(name.toLowerCase());
  return path.join(dir, name);
}

function ensureFolder(dir: string, options: CheckOptions, io: CliIo): boolean {
  if (io.isDirectory(dir)) return true;
  if (io.exists(dir)) {
    io.stderr(
      options.lang === "zh"
        ? `tdcheck: 检查多个文件时 --annotate/--report 须指定文件夹：${dir} 是文件\n`
        : `tdcheck: with several files, --annotate/--report name a folder; ${dir} is a file\n`,
    );
    return false;
  }
  try {
    io.makeDirectory(dir);
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code ?? "EIO";
    io.stderr(`tdcheck: ${writeFaultWords(new FileFault("IO", dir, { errno }))[options.lang]}\n`);
    return false;
  }
  return true;
}

async function runBatch(
  files: string[],
  emptyFolders: string[],
  options: CheckOptions,
  io: CliIo,
  cellLimit: number | undefined,
): Promise<number> {
  const zh = options.lang === "zh";
  for (const dir of [options.annotate, options.report])
    if (dir && !ensureFolder(dir, options, io)) return EXIT.unusable;
  const entries: FileEntry[] = emptyFolders.map((dir) => ({
    file: dir,
    ok: false as const,
    error: zh ? `${dir}：文件夹中没有 .xlsx 文件` : `${dir}: the folder holds no .xlsx file`,
    code: "NO_WORKBOOK",
  }));
  // As for a file that cannot be read: JSON and CSV keep stdout for machines, so the reason goes to stderr.
  if (options.format !== "text") for (const e of entries) if (!e.ok) io.stderr(`tdcheck: ${e.error}\n`);
  const usedAnnotate = new Set<string>();
  const noteLines: string[] = [];
  const usedReport = new Set<string>();
  for (const file of files) {
    const outcome = await checkFile(file, options, io, cellLimit);
    if (!outcome.ok) {
      // Text output lists the reasons under its table; JSON and CSV keep stdout for machines.
      if (options.format !== "text") io.stderr(`tdcheck: ${outcome.message}\n`);
      entries.push({ file, ok: false, error: outcome.message, code: outcome.code });
      continue;
    }
    const c = outcome.checked;
    const partial = c.unreadable.length
      ? unreadableWords(file, c.unreadable, !!(options.annotate || options.report))[options.lang]
      : undefined;
    if (partial && options.format !== "text") io.stderr(`tdcheck: ${partial}\n`);
    const kind = copyKind(c.bytes);
    const targets = {
      annotate: options.annotate ? outputPath(options.annotate, file, kind, usedAnnotate) : undefined,
      report: options.report ? outputPath(options.report, file, kind, usedReport) : undefined,
    };
    const written: Written | false =
      !partial && (targets.annotate || targets.report)
        ? await writeCopies(c, targets, options, files, io)
        : { skippedNotes: [] };
    const skippedNotes = written ? written.skippedNotes : [];
    entries.push({
      file,
      ok: true,
      result: c.result,
      document: fileDocument(c, options.lang, skippedNotes),
      ...(written ? {} : { writeFailed: true }),
      ...(partial ? { unreadable: partial } : {}),
    });
    if (skippedNotes.length) noteLines.push(`  ${file}: ${skippedNotesWords(skippedNotes)[options.lang]}`);
  }
  if (options.format === "json") {
    if (!emit(io, options, () => JSON.stringify(batchDocument(entries), null, 2) + "\n"))
      return EXIT.unusable;
  } else if (options.format === "csv") {
    const rendered = emit(io, options, () =>
      findingsCsv(
        entries.flatMap((e) => (e.ok ? [{ file: e.file, result: e.result }] : [])),
        options.lang,
      ),
    );
    if (!rendered) return EXIT.unusable;
  } else {
    const lines = batchText(entries, options.strict, options.lang);
    if (options.annotate)
      lines.push(
        zh ? `标注副本已写入：${options.annotate}` : `Annotated copies written to: ${options.annotate}`,
        ...noteLines,
      );
    if (options.report)
      lines.push(zh ? `审核报告已写入：${options.report}` : `Audit reports written to: ${options.report}`);
    io.stdout(lines.join("\n") + "\n");
  }
  if (entries.some((e) => !e.ok || e.writeFailed || e.unreadable)) return EXIT.unusable;
  return entries.some((e) => e.ok && failing(e.result, options.strict)) ? EXIT.errors : EXIT.clean;
}

/** Exit 2 if any input was unusable (the others are still checked), else 1 on errors (--strict: warnings too), else 0. */
export async function runCheck(inputs: string | string[], options: CheckOptions, io: CliIo): Promise<number> {
  const limit = maxCellsOption(options.maxCells, options.lang);
  if (!limit.ok) {
    io.stderr(`tdcheck: ${limit.message}\n`);
    return EXIT.unusable;
  }
  const empty = emptyPathOption(
    { "--annotate": options.annotate, "--report": options.report, "--map": options.map },
    options.lang,
  );
  if (empty) {
    io.stderr(`tdcheck: ${empty}\n`);
    return EXIT.unusable;
  }
  const args = typeof inputs === "string" ? [inputs] : inputs;
  const expanded = expandInputs(args, io, options.lang);
  if (!expanded.batch) return runSingle(expanded.files[0], options, io, limit.value);
  return runBatch(expanded.files, expanded.emptyFolders, options, io, limit.value);
}

/**
 * The tdcheck/1 document of one file, with fields added (none renamed): the sheets that could not
 * be read, and the notes an annotated copy left out because the cell has a note of the user's.
 */
function fileDocument(c: Checked, lang: Lang, skippedNotes: string[] = []): unknown {
  const doc = contractDocument(c.file, c.result, lang);
  return {
    ...doc,
    ...(c.unreadable.length
      ? { unreadableSheets: c.unreadable.map((u) => ({ sheet: u.name, part: u.part, detail: u.detail })) }
      : {}),
    ...(skippedNotes.length ? { skippedNotes } : {}),
  };
}
