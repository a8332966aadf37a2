/**
 * `tdcheck check`: findings for people (text), machines (JSON) or Excel (CSV); an annotated copy
 * and an audit report copy on request; many files at once (one summary table, one JSON document).
 * Acceptances and the change trail come from the workbook's `_tdcheck` sheet.
 */
import { checkMaps, checkWorkbook, type CheckResult } from "../core/check";
import { contractDocument } from "../core/contract";
import { planFlags } from "../core/flagPlan";
import type { WorkbookGrid } from "../core/grid";
import { describeRejected, lookedAtText, RULE_TITLES, SEVERITY_TEXT, type Lang } from "../core/messages";
import { applyAcceptances, readAcceptances, type AcceptedCheckResult } from "../core/report/acceptance";
import { auditReport } from "../core/report/auditReport";
import { findingRows, findingsCsv, findingsCsvDocument } from "../core/report/csv";
import { batchDocument, batchText, expandInputs, outputPath, type FileEntry } from "./batch";
import { INPUT_TEXT } from "./inputText";
import { pathsOf, type CliIo } from "./io";
import { chooseJobs, parseJobs } from "./jobs";
import { loadWorkbook, uncalculatedFormulas, uncalculatedMessage, type InputSource } from "./load";
import { loadMap } from "./mapFile";
import { refusesTextName, writeOutput } from "./output";
import { runInOrder, WorkerLanes } from "./parallel";
import { findingsText, summaryText, tablesText } from "./textReport";
import { annotateXlsx } from "./xlsx/annotate";
import { addReportSheet } from "./xlsx/addSheet";
import { writeStateSection } from "./xlsx/stateSection";
import { readProductSheets, withProductSheet } from "../core/productSheets";
import { encodeSection } from "../core/report/stateSheet";

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
  /** How many files of a batch to check at once (worker threads); default: chooseJobs. */
  jobs?: string;
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
        ? `${file}：${p.sheet ? `工作表“${p.sheet}”中` : ""}未找到可识别的指标分解表（需要一行或一列合计、本级目标或等于其余各项之和的数，或按年度排列的进度表；${lookedAtText(result.rejected ?? [], lang)}）`
        : `${file}: no recognisable target table${p.sheet ? ` on sheet "${p.sheet}"` : ""} (a total, a unit's own target or a line that is the sum of the others is needed, or year columns; ${lookedAtText(result.rejected ?? [], lang)})`;
  }
}

interface Checked {
  file: string;
  /** The .xlsx that copies are made from (for a text table, a new workbook of its cells). */
  xlsx(): Uint8Array;
  source: InputSource;
  workbook: WorkbookGrid;
  result: AcceptedCheckResult;
}

/** A single file this large gets a progress line (rows read, then checking) on a terminal. */
export const LARGE_FILE_BYTES = 2 * 1024 * 1024;

type Outcome = { ok: true; checked: Checked } | { ok: false; message: string; code?: string };

/** Load, check, apply the stored acceptances: everything short of writing and printing. */
async function checkFile(file: string, options: CheckOptions, io: CliIo): Promise<Outcome> {
  const text = INPUT_TEXT[options.lang];
  const progress = io.progress && (io.fileSize?.(file) ?? 0) >= LARGE_FILE_BYTES ? io.progress : undefined;
  const name = pathsOf(io).basename(file);
  progress?.show(text.readingRows(name, 0));
  const loaded = loadWorkbook(file, io, options.lang, {
    onRows: progress && ((rows) => progress.show(text.readingRows(name, rows))),
  });
  if (!loaded.ok) return { ok: false, message: loaded.message };
  if (progress) {
    const rows = loaded.workbook.sheets.reduce((n, s) => n + s.values.length, 0);
    progress.show(text.checkingRows(name, rows));
  }
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
  if (problem) return { ok: false, message: problem, code: result.problems[0].code };
  const uncalculated = uncalculatedFormulas(loaded.workbook, result.maps);
  if (uncalculated.length)
    return {
      ok: false,
      message: uncalculatedMessage(file, uncalculated, options.lang),
      code: "UNCALCULATED",
    };
  const stored = readAcceptances(loaded.workbook);
  if (stored.problem)
    io.stderr(
      options.lang === "zh"
        ? `tdcheck: ${file}：本工具保存的接受记录已损坏，无法读取，按没有接受记录处理\n`
        : `tdcheck: ${file}: the acceptances in the _tdcheck sheet cannot be read (${stored.problem.code}); checking without them\n`,
    );
  const accepted = await applyAcceptances(result, stored.items, loaded.workbook);
  progress?.clear();
  return {
    ok: true,
    checked: { file, xlsx: loaded.xlsx, source: loaded.source, workbook: loaded.workbook, result: accepted },
  };
}

/** Refuses a path that is one of the inputs (the input is never modified). */
function isAnInput(out: string, inputs: string[], io: CliIo): boolean {
  return io.exists(out) && inputs.some((i) => io.exists(i) && io.sameFile(out, i));
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
): Promise<boolean> {
  const zh = options.lang === "zh";
  const paths = pathsOf(io);
  for (const out of [targets.annotate, targets.report]) {
    if (out && c.source.format === "csv" && refusesTextName(out, io, options.lang)) return false;
    if (out && isAnInput(out, inputs, io)) {
      io.stderr(
        zh
          ? `tdcheck: 不会覆盖输入文件，请为输出副本另选文件名：${out}\n`
          : `tdcheck: refusing to overwrite an input; choose another name for the copy: ${out}\n`,
      );
      return false;
    }
  }
  const refused = (what: string, detail: string, parts: string[]): false => {
    const list = parts.join(", ");
    io.stderr(
      zh
        ? `tdcheck: 无法在不丢失内容的前提下写出${what}（${detail}${list ? `：${list}` : ""}），未写任何文件\n`
        : `tdcheck: cannot write the ${what} without losing content (${detail}${list ? `: ${list}` : ""}); nothing written\n`,
    );
    return false;
  };
  let annotated: Uint8Array | undefined;
  if (targets.annotate) {
    const r = annotateXlsx(c.xlsx(), planFlags(c.workbook, c.result.findings, options.lang));
    if (!r.ok) return refused(zh ? "标注副本" : "annotated copy", r.problem.detail, r.problem.parts);
    annotated = r.bytes;
  }
  let reported: Uint8Array | undefined;
  const combined = !!(
    targets.annotate &&
    targets.report &&
    paths.resolve(targets.annotate) === paths.resolve(targets.report)
  );
  if (targets.report) {
    const report = await auditReport(c.workbook, c.result, {
      file: paths.basename(c.file),
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
            ? `tdcheck: ${c.file}：本工具保存的变更记录已损坏，无法读取，报告中不列出\n`
            : `tdcheck: ${c.file}: the change trail in the _tdcheck sheet cannot be read (${p.code}); the report leaves it out\n`,
        );
    const r = addReportSheet(combined ? annotated! : c.xlsx(), report.sheet, {
      fileName: paths.basename(c.file),
    });
    if (!r.ok) return refused(zh ? "审核报告" : "report", r.problem.detail, r.problem.parts);
    // The report is marked as the product's own in `_tdcheck`, so checking the copy skips it.
    const marks = withProductSheet(
      readProductSheets(c.workbook),
      { name: r.sheetName, kind: "report", at: new Date().toISOString() },
      [...c.workbook.sheets.map((s) => s.name), r.sheetName],
    );
    const marked = writeStateSection(r.bytes, c.workbook, "sheets", encodeSection("sheets", marks), {
      fileName: paths.basename(c.file),
    });
    if (!marked.ok) return refused(zh ? "审核报告" : "report", marked.detail, []);
    reported = marked.bytes;
  }
  if (annotated && !combined && !writeOutput(io, targets.annotate!, annotated, options.lang)) return false;
  if (reported && !writeOutput(io, targets.report!, reported, options.lang)) return false;
  return true;
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

function failing(summary: AcceptedCheckResult["summary"], strict: boolean): boolean {
  return summary.errors + (strict ? summary.warnings : 0) > 0;
}

/** One file, printed as before batches existed: the plain tdcheck/1 document for --format json. */
async function runSingle(file: string, options: CheckOptions, io: CliIo): Promise<number> {
  const outcome = await checkFile(file, options, io);
  if (!outcome.ok) {
    io.stderr(`tdcheck: ${outcome.message}\n`);
    return EXIT.unusable;
  }
  const c = outcome.checked;
  const result = c.result;
  if (options.annotate || options.report) {
    const written = await writeCopies(
      c,
      { annotate: options.annotate, report: options.report },
      options,
      [file],
      io,
    );
    if (!written) return EXIT.unusable;
  }
  if (options.format === "json") {
    io.stdout(JSON.stringify(fileDocument(c, options.lang), null, 2) + "\n");
  } else if (options.format === "csv") {
    io.stdout(findingsCsv([{ file, result }], options.lang));
  } else {
    const zh = options.lang === "zh";
    const open = { ...result, findings: result.findings.filter((f) => !f.accepted) };
    const head = c.source.format === "csv" ? `${file}  (${INPUT_TEXT[options.lang].source(c.source)})` : file;
    const lines = [head, ...tablesText(result, options.lang), ""];
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
    const skipped = result.rejected ?? [];
    if (skipped.length)
      lines.push(
        (zh ? "查看但未校核：" : "Looked at, not checked: ") +
          skipped.map((r) => describeRejected(r, options.lang)).join(zh ? "；" : "; "),
      );
    lines.push(summaryText(result, options.lang) + extra);
    const note = c.source.format === "csv" ? INPUT_TEXT[options.lang].newWorkbookNote : "";
    if (options.annotate)
      lines.push(
        (zh ? `已写出标注副本：${options.annotate}` : `Annotated copy written: ${options.annotate}`) + note,
      );
    if (options.report)
      lines.push(
        (zh ? `已写出审核报告：${options.report}` : `Audit report written: ${options.report}`) + note,
      );
    io.stdout(lines.join("\n") + "\n");
  }
  return failing(result.summary, options.strict) ? EXIT.errors : EXIT.clean;
}

/** The tdcheck/1 document; a text table's adds how it was read (`input`). */
function fileDocument(c: Checked, lang: Lang) {
  const doc = contractDocument(c.file, c.result, lang);
  if (c.source.format !== "csv") return doc;
  const { format, encoding, delimiter, rows } = c.source;
  return { ...doc, input: { format, encoding, delimiter, rows } };
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
  io.makeDirectory(dir);
  return true;
}

/** One file of a batch: where its copies go. */
export interface FileTask {
  file: string;
  targets: { annotate?: string; report?: string };
}

/** One file's outcome and what it said on stderr, printed in input order by the main thread. */
export interface FileReport {
  entry: FileEntry;
  stderr: string[];
}

/**
 * Checks one file of a batch and writes its copies: the same work in-process and in a worker
 * thread, its stderr kept to be printed in order. Everything returned is plain data.
 */
export async function checkBatchFile(
  task: FileTask,
  options: CheckOptions,
  inputs: string[],
  io: CliIo,
): Promise<FileReport> {
  const stderr: string[] = [];
  const quiet: CliIo = { ...io, stderr: (t) => stderr.push(t), stdout: () => {}, progress: undefined };
  const { file } = task;
  const outcome = await checkFile(file, options, quiet);
  if (!outcome.ok) {
    // Text output lists the reasons under its table; JSON and CSV keep stdout for machines.
    if (options.format !== "text") stderr.push(`tdcheck: ${outcome.message}\n`);
    return { entry: { file, ok: false, error: outcome.message, code: outcome.code }, stderr };
  }
  const c = outcome.checked;
  const written =
    task.targets.annotate || task.targets.report
      ? await writeCopies(c, task.targets, options, inputs, quiet)
      : true;
  return {
    entry: {
      file,
      ok: true,
      summary: c.result.summary,
      documentJson: JSON.stringify(fileDocument(c, options.lang)),
      ...(options.format === "csv" ? { csvRows: findingRows(file, c.result, options.lang) } : {}),
      ...(written ? {} : { writeFailed: true }),
    },
    stderr,
  };
}

async function runBatch(
  files: string[],
  emptyFolders: string[],
  options: CheckOptions,
  io: CliIo,
): Promise<number> {
  const zh = options.lang === "zh";
  const text = INPUT_TEXT[options.lang];
  const requested = options.jobs === undefined ? undefined : parseJobs(options.jobs);
  for (const dir of [options.annotate, options.report])
    if (dir && !ensureFolder(dir, options, io)) return EXIT.unusable;
  const entries: FileEntry[] = emptyFolders.map((dir) => ({
    file: dir,
    ok: false as const,
    error: text.emptyFolder(dir),
    code: "NO_WORKBOOK",
  }));
  const usedAnnotate = new Set<string>();
  const usedReport = new Set<string>();
  const tasks: FileTask[] = files.map((file) => ({
    file,
    targets: {
      annotate: options.annotate ? outputPath(options.annotate, file, usedAnnotate, io) : undefined,
      report: options.report ? outputPath(options.report, file, usedReport, io) : undefined,
    },
  }));
  const machine = io.machine?.() ?? { cores: 1, freeBytes: 0 };
  const jobs = chooseJobs({
    requested,
    cores: machine.cores,
    freeBytes: machine.freeBytes,
    sizes: files.map((f) => io.fileSize?.(f) ?? 0),
  });
  const lanes =
    jobs > 1 && io.workerScript
      ? new WorkerLanes<FileTask, FileReport>(io.workerScript, { options, inputs: files })
      : undefined;
  const progress = io.progress;
  progress?.show(text.filesDone(0, tasks.length));
  try {
    await runInOrder(
      tasks,
      // Two tasks in flight per worker: the next is queued there while the main thread prints.
      lanes ? 2 * jobs : 1,
      async (task, _i, slot): Promise<FileReport> => {
        if (!lanes) return checkBatchFile(task, options, files, io);
        try {
          return await lanes.run(slot % jobs, task);
        } catch (e) {
          const error = text.workerFailed(task.file, (e as Error).message);
          return {
            entry: { file: task.file, ok: false, error, code: "WORKER_FAILED" },
            stderr: options.format !== "text" ? [`tdcheck: ${error}\n`] : [],
          };
        }
      },
      (report, i) => {
        for (const line of report.stderr) io.stderr(line);
        entries.push(report.entry);
        progress?.show(text.filesDone(i + 1, tasks.length));
      },
    );
  } finally {
    await lanes?.close();
    progress?.clear();
  }
  if (options.format === "json") io.stdout(JSON.stringify(batchDocument(entries), null, 2) + "\n");
  else if (options.format === "csv")
    io.stdout(findingsCsvDocument(entries.flatMap((e) => (e.ok ? (e.csvRows ?? []) : []))));
  else {
    const lines = batchText(entries, options.strict, options.lang);
    if (options.annotate)
      lines.push(
        zh ? `标注副本已写入：${options.annotate}` : `Annotated copies written to: ${options.annotate}`,
      );
    if (options.report)
      lines.push(zh ? `审核报告已写入：${options.report}` : `Audit reports written to: ${options.report}`);
    io.stdout(lines.join("\n") + "\n");
  }
  if (entries.some((e) => !e.ok || e.writeFailed)) return EXIT.unusable;
  return entries.some((e) => e.ok && failing(e.summary, options.strict)) ? EXIT.errors : EXIT.clean;
}

/** Exit 2 if any input was unusable (the others are still checked), else 1 on errors (--strict: warnings too), else 0. */
export async function runCheck(inputs: string | string[], options: CheckOptions, io: CliIo): Promise<number> {
  const args = typeof inputs === "string" ? [inputs] : inputs;
  if (options.jobs !== undefined && parseJobs(options.jobs) === undefined) {
    io.stderr(`tdcheck: ${INPUT_TEXT[options.lang].badJobs(options.jobs)}\n`);
    return EXIT.unusable;
  }
  const expanded = expandInputs(args, io);
  if (!expanded.batch) return runSingle(expanded.files[0], options, io);
  return runBatch(expanded.files, expanded.emptyFolders, options, io);
}
