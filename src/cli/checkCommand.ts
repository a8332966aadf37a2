/**
 * `tdcheck check`: findings for people (text), machines (JSON) or Excel (CSV); an annotated copy
 * and an audit report copy on request; many files at once (checkBatch.ts: one summary table, one
 * JSON document). Each file is checked as checkFile.ts does it; acceptances and the change trail
 * come from the workbook's `_tdcheck` sheet.
 */
import { findingsCsv } from "../core/report/csv";
import { expandInputs } from "./batch";
import { runBatch } from "./checkBatch";
import { writeCopies } from "./checkCopies";
import { checkFile, EXIT, emit, failing, fileDocument, type CheckOptions } from "./checkFile";
import { INPUT_TEXT } from "./inputText";
import type { CliIo } from "./io";
import { parseJobs } from "./jobs";
import { prepareInput, withLegacyInputs } from "./legacyInput";
import { emptyPathOption, maxCellsOption, unreadableWords } from "./messages";
import { fileText } from "./textReport";

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
