/**
 * Many files for `tdcheck check`: each checked as checkFile.ts checks one, in the main thread and in
 * worker threads (docs/architecture.md, "Parallel batches"), printed in input order as one summary
 * table, one tdcheck-batch/1 document or one CSV.
 */
import { findingRows, findingsCsvDocument } from "../core/report/csv";
import { batchDocument, batchText, forKind, outputPath, type FileEntry } from "./batch";
import { kindOf, writeCopies, type Written } from "./checkCopies";
import { checkFile, EXIT, emit, ensureFolder, failing, fileDocument, type CheckOptions } from "./checkFile";
import { INPUT_TEXT } from "./inputText";
import type { CliIo, Machine } from "./io";
import { chooseJobs, mainThreadTakes, parseJobs } from "./jobs";
import type { PreparedInput } from "./legacyInput";
import { isConverted } from "./load";
import { outputTooLargeWords, unreadableWords } from "./messages";
import { runInOrder, WorkerLanes } from "./parallel";
import { batchCopiesText } from "./textReport";

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
  return unusableReport(file, error, "CHECK_FAILED", options.format);
}

/** A file the batch could not check: text lists the reason under its table, JSON and CSV on stderr. */
function unusableReport(
  file: string,
  error: string,
  code: string,
  format: CheckOptions["format"],
): FileReport {
  return {
    entry: { file, ok: false, error, code },
    stderr: format !== "text" ? [`tdcheck: ${error}\n`] : [],
  };
}

/** Lets the main thread take the workers' answers (and print) before it checks its next file. */
function betweenFiles(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function runBatch(
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
          return unusableReport(task.file, error, "WORKER_FAILED", options.format);
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
