/**
 * `tdcheck check`: findings for people (text), machines (JSON) or Excel (CSV); an annotated copy
 * and an audit report copy on request; many files at once (one summary table, one JSON document).
 * Acceptances and the change trail come from the workbook's `_tdcheck` sheet.
 */
import { checkMaps, checkWorkbook, type CheckResult } from "../core/check";
import { contractDocument } from "../core/contract";
import type { WorkbookGrid } from "../core/grid";
import { lookedAtText, type Lang } from "../core/messages";
import { applyAcceptances, readAcceptances, type AcceptedCheckResult } from "../core/report/acceptance";
import { findingRows, findingsCsv, findingsCsvDocument } from "../core/report/csv";
import { batchDocument, batchText, expandInputs, forKind, outputPath, type FileEntry } from "./batch";
import { kindOf, writeCopies, type Written } from "./checkCopies";
import { CHECK_TEXT } from "./checkText";
import { FileFault } from "./files";
import { INPUT_TEXT } from "./inputText";
import { pathsOf, type CliIo, type Machine } from "./io";
import { chooseJobs, mainThreadTakes, parseJobs } from "./jobs";
import { prepareInput, withLegacyInputs, type PreparedInput } from "./legacyInput";
import { chosenUnreadable, isConverted, loadWorkbook, uncalculatedFormulas, type InputSource } from "./load";
import { loadMap } from "./mapFile";
import {
  emptyPathOption,
  maxCellsOption,
  outputTooLargeWords,
  unreadableWords,
  writeFaultWords,
} from "./messages";
import { runInOrder, WorkerLanes } from "./parallel";
import { TABLE_TEXT } from "./tableText";
import { batchCopiesText, fileText } from "./textReport";
import type { UnreadableSheet } from "./xlsx";

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
  /** How many files of a batch to check at once (the main thread and worker threads); default: chooseJobs. */
  jobs?: string;
  /** --max-cells as typed; checked by runCheck. */
  maxCells?: string;
  /** --soffice: LibreOffice's program, for .xls/.et inputs. */
  soffice?: string;
}

export const EXIT = { clean: 0, errors: 1, unusable: 2 } as const;

function problemText(result: CheckResult, file: string, lang: Lang): string | null {
  const p = result.problems[0];
  if (!p) return null;
  const words = TABLE_TEXT[lang];
  switch (p.code) {
    case "EMPTY_WORKBOOK":
      return words.nothingToCheck(file);
    case "NO_SUCH_SHEET":
      return words.noSuchSheet(file, String(p.sheet), String(p.detail));
    case "NO_TABLE":
      return words.noTableToCheck(file, p.sheet, lookedAtText(result.rejected ?? [], lang));
  }
}

export interface Checked {
  file: string;
  /** The .xlsx that copies are made from (for a text table, a new workbook of its cells). */
  xlsx(): Uint8Array;
  source: InputSource;
  workbook: WorkbookGrid;
  result: AcceptedCheckResult;
  /** Worksheets that could not be read: the findings are those of the other sheets; exit 2. */
  unreadable: UnreadableSheet[];
}

/** A single file this large gets a progress line (rows read, then checking) on a terminal. */
export const LARGE_FILE_BYTES = 2 * 1024 * 1024;

type Outcome = { ok: true; checked: Checked } | { ok: false; message: string; code?: string };

/** --max-cells as a number (runCheck has refused a bad one before any file is read). */
function cellLimitOf(options: CheckOptions): number | undefined {
  const limit = maxCellsOption(options.maxCells, options.lang);
  return limit.ok ? limit.value : undefined;
}

/** Load, check, apply the stored acceptances: everything short of writing and printing. */
async function checkFile(
  file: string,
  options: CheckOptions,
  io: CliIo,
  prepared: PreparedInput | undefined,
): Promise<Outcome> {
  const text = INPUT_TEXT[options.lang];
  const progress = io.progress && (io.fileSize?.(file) ?? 0) >= LARGE_FILE_BYTES ? io.progress : undefined;
  const name = pathsOf(io).basename(file);
  progress?.show(text.readingRows(name, 0));
  const loaded = loadWorkbook(file, io, options.lang, {
    onRows: progress && ((rows) => progress.show(text.readingRows(name, rows))),
    maxCells: cellLimitOf(options),
    prepared,
  });
  if (!loaded.ok) return { ok: false, message: loaded.message };
  if (progress) {
    const rows = loaded.workbook.sheets.reduce((n, s) => n + s.values.length, 0);
    progress.show(text.checkingRows(name, rows));
  }
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
      message: unreadable ?? text.uncalculated(file, uncalculated),
      code: unreadable ? "UNREADABLE_SHEET" : "UNCALCULATED",
    };
  const stored = readAcceptances(loaded.workbook);
  if (stored.problem)
    io.stderr(`tdcheck: ${CHECK_TEXT[options.lang].acceptancesUnreadable(file, stored.problem.code)}\n`);
  const accepted = await applyAcceptances(result, stored.items, loaded.workbook);
  progress?.clear();
  return {
    ok: true,
    checked: {
      file,
      xlsx: loaded.xlsx,
      source: loaded.source,
      workbook: loaded.workbook,
      result: accepted,
      unreadable: unreadableSheets,
    },
  };
}

function failing(summary: AcceptedCheckResult["summary"], strict: boolean): boolean {
  return summary.errors + (strict ? summary.warnings : 0) > 0;
}

/** One file, printed as before batches existed: the plain tdcheck/1 document for --format json. */
async function runSingle(file: string, options: CheckOptions, io: CliIo): Promise<number> {
  const prepared = await prepareInput(file, options, io);
  const outcome = await checkFile(file, options, io, prepared);
  if (!outcome.ok) {
    io.stderr(`tdcheck: ${outcome.message}\n`);
    return EXIT.unusable;
  }
  const c = outcome.checked;
  const result = c.result;
  // A sheet that could not be read: the others' findings are printed, but no copy is written.
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
    const copies = partial
      ? { skippedNotes }
      : { annotate: options.annotate, report: options.report, skippedNotes };
    const lines = fileText(file, c.source, result, copies, options.lang);
    io.stdout(lines.join("\n") + "\n");
  }
  if (partial) {
    io.stderr(
      `tdcheck: ${unreadableWords(file, c.unreadable, !!(options.annotate || options.report))[options.lang]}\n`,
    );
    return EXIT.unusable;
  }
  return failing(result.summary, options.strict) ? EXIT.errors : EXIT.clean;
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
 * The tdcheck/1 document of one file, with fields added (none renamed): how a text table was read,
 * or that LibreOffice converted the file (`input`); the sheets that could not be read; and the notes
 * an annotated copy left out because the cell has a note of the user's.
 */
function fileDocument(c: Checked, lang: Lang, skippedNotes: string[] = []): unknown {
  const doc = contractDocument(c.file, c.result, lang);
  const input =
    c.source.format === "csv"
      ? {
          input: {
            format: c.source.format,
            encoding: c.source.encoding,
            delimiter: c.source.delimiter,
            rows: c.source.rows,
          },
        }
      : isConverted(c.source)
        ? { input: { format: c.source.format, convertedBy: c.source.convertedBy } }
        : {};
  return {
    ...doc,
    ...input,
    ...(c.unreadable.length
      ? { unreadableSheets: c.unreadable.map((u) => ({ sheet: u.name, part: u.part, detail: u.detail })) }
      : {}),
    ...(skippedNotes.length ? { skippedNotes } : {}),
  };
}

function ensureFolder(dir: string, options: CheckOptions, io: CliIo): boolean {
  if (io.isDirectory(dir)) return true;
  if (io.exists(dir)) {
    io.stderr(`tdcheck: ${CHECK_TEXT[options.lang].folderNeeded(dir)}\n`);
    return false;
  }
  try {
    io.makeDirectory(dir);
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException)?.code ?? "EIO";
    io.stderr(`tdcheck: ${writeFaultWords(new FileFault("IO", dir, { errno }))[options.lang]}\n`);
    return false;
  }
  return true;
}

/** One file of a batch: where its copies go (their extension follows the copy's kind once read). */
export interface FileTask {
  file: string;
  targets: { annotate?: string; report?: string };
  /** An .xls/.et LibreOffice converted before the batch began (or could not). */
  input?: PreparedInput;
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
  const outcome = await checkFile(file, options, quiet, task.input);
  if (!outcome.ok) {
    // Text output lists the reasons under its table; JSON and CSV keep stdout for machines.
    if (options.format !== "text") stderr.push(`tdcheck: ${outcome.message}\n`);
    return { entry: { file, ok: false, error: outcome.message, code: outcome.code }, stderr };
  }
  const c = outcome.checked;
  const partial = c.unreadable.length
    ? unreadableWords(file, c.unreadable, !!(task.targets.annotate || task.targets.report))[options.lang]
    : undefined;
  if (partial && options.format !== "text") stderr.push(`tdcheck: ${partial}\n`);
  let written: Written | false = { skippedNotes: [] };
  if (!partial && (task.targets.annotate || task.targets.report)) {
    const kind = kindOf(c);
    const targets = {
      annotate: task.targets.annotate && forKind(task.targets.annotate, kind, io),
      report: task.targets.report && forKind(task.targets.report, kind, io),
    };
    written = await writeCopies(c, targets, options, inputs, quiet);
  }
  const skippedNotes = written ? written.skippedNotes : [];
  // Only the document the batch prints is built: a long text repeated per finding can be too large.
  let documentJson: string | undefined;
  let csvRows: string[][] | undefined;
  let outputTooLarge = false;
  try {
    if (options.format === "json") documentJson = JSON.stringify(fileDocument(c, options.lang, skippedNotes));
    if (options.format === "csv") csvRows = findingRows(file, c.result, options.lang);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    outputTooLarge = true;
  }
  return {
    entry: {
      file,
      ok: true,
      summary: c.result.summary,
      ...(documentJson !== undefined ? { documentJson } : {}),
      ...(csvRows ? { csvRows } : {}),
      ...(outputTooLarge ? { outputTooLarge } : {}),
      ...(written ? {} : { writeFailed: true }),
      ...(partial ? { unreadable: partial } : {}),
      ...(skippedNotes.length ? { skippedNotes } : {}),
      ...(isConverted(c.source) ? { converted: true } : {}),
    },
    stderr,
  };
}

/**
 * A file whose check threw: checkBatchFile turns every problem of a file into a report, so this is
 * a bug's last resort, in the main thread and in a worker alike; the batch goes on, and the file is
 * said unusable as a dying worker's are (JSON and CSV: the reason on stderr).
 */
export function failedCheck(
  file: string,
  e: unknown,
  options: Pick<CheckOptions, "lang" | "format">,
): FileReport {
  const error = INPUT_TEXT[options.lang].checkFailed(file, (e as Error)?.message ?? String(e));
  return {
    entry: { file, ok: false, error, code: "CHECK_FAILED" },
    stderr: options.format !== "text" ? [`tdcheck: ${error}\n`] : [],
  };
}

/** Lets the main thread take the workers' answers (and print) before it checks its next file. */
function betweenFiles(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function runBatch(
  files: string[],
  emptyFolders: string[],
  options: CheckOptions,
  io: CliIo,
  prepared: Map<string, PreparedInput>,
): Promise<number> {
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
  // As for a file that cannot be read: JSON and CSV keep stdout for machines, so the reason goes to stderr.
  if (options.format !== "text") for (const e of entries) if (!e.ok) io.stderr(`tdcheck: ${e.error}\n`);
  const usedAnnotate = new Set<string>();
  const usedReport = new Set<string>();
  const tasks: FileTask[] = files.map((file) => ({
    file,
    targets: {
      annotate: options.annotate ? outputPath(options.annotate, file, usedAnnotate, io) : undefined,
      report: options.report ? outputPath(options.report, file, usedReport, io) : undefined,
    },
    ...(prepared.has(file) ? { input: prepared.get(file) } : {}),
  }));
  const machine: Machine = io.machine?.() ?? { cores: 1, freeBytes: 0 };
  const sizes = files.map((f) => io.fileSize?.(f) ?? 0);
  const jobs = chooseJobs({ requested, cores: machine.cores, freeBytes: machine.freeBytes, sizes });
  // One job is the main thread, the others worker threads, each started on first use; with one job,
  // a worker only for a file the main thread should not hold (docs/architecture.md, "Parallel batches").
  const script = io.workerScript;
  const lanes = script
    ? new WorkerLanes<FileTask, FileReport>(script, { options, inputs: files })
    : undefined;
  const workers = lanes ? jobs - 1 : 0;
  const heapLimit = machine.heapLimitBytes ?? 0;
  const progress = io.progress;
  progress?.show(text.filesDone(0, tasks.length));
  try {
    await runInOrder(
      tasks,
      // Slot 0 is the main thread, one file at a time; two tasks in flight per worker, the next
      // queued there while the main thread checks or prints.
      lanes ? 1 + 2 * workers : 1,
      async (task, i, slot): Promise<FileReport> => {
        if (!lanes || (slot === 0 && mainThreadTakes(sizes[i], heapLimit, workers))) {
          if (workers) await betweenFiles();
          return checkBatchFile(task, options, files, io).catch((e: unknown) =>
            failedCheck(task.file, e, options),
          );
        }
        // The main thread's slot passes a file on to the least busy worker.
        const lane = slot === 0 ? lanes.leastBusy(Math.max(1, workers)) : (slot - 1) % workers;
        try {
          return await lanes.run(lane, task);
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
  if (entries.some((e) => e.ok && e.outputTooLarge)) {
    io.stderr(`tdcheck: ${outputTooLargeWords(options.format)[options.lang]}\n`);
    return EXIT.unusable;
  }
  if (options.format === "json") {
    if (!emit(io, options, () => JSON.stringify(batchDocument(entries), null, 2) + "\n"))
      return EXIT.unusable;
  } else if (options.format === "csv") {
    const rows = entries.flatMap((e) => (e.ok ? (e.csvRows ?? []) : []));
    if (!emit(io, options, () => findingsCsvDocument(rows))) return EXIT.unusable;
  } else {
    const lines = [
      ...batchText(entries, options.strict, options.lang),
      ...batchCopiesText(entries, options, options.lang),
    ];
    io.stdout(lines.join("\n") + "\n");
  }
  if (entries.some((e) => !e.ok || e.writeFailed || e.unreadable)) return EXIT.unusable;
  return entries.some((e) => e.ok && failing(e.summary, options.strict)) ? EXIT.errors : EXIT.clean;
}

/** Exit 2 if any input was unusable (the others are still checked), else 1 on errors (--strict: warnings too), else 0. */
export async function runCheck(inputs: string | string[], options: CheckOptions, io: CliIo): Promise<number> {
  const args = typeof inputs === "string" ? [inputs] : inputs;
  if (options.jobs !== undefined && parseJobs(options.jobs) === undefined) {
    io.stderr(`tdcheck: ${INPUT_TEXT[options.lang].badJobs(options.jobs)}\n`);
    return EXIT.unusable;
  }
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
  const expanded = expandInputs(args, io, options.lang);
  if (!expanded.batch) return runSingle(expanded.files[0], options, io);
  // .xls/.et files are converted by one LibreOffice start before the batch begins; workers read the results.
  return withLegacyInputs(expanded.files, options, io, (prepared) =>
    runBatch(expanded.files, expanded.emptyFolders, options, io, prepared),
  );
}
