/**
 * The copies `tdcheck check` writes of a checked file: the annotated copy (flags and notes on the
 * cells of the findings) and the report copy (an audit report sheet), or both in one file. Never
 * over an input; nothing half-written (every output is written atomically).
 */
import { qualified } from "../core/address";
import { planFlags } from "../core/flagPlan";
import { readProductSheets, withProductSheet } from "../core/productSheets";
import { readAcceptances } from "../core/report/acceptance";
import { auditReport } from "../core/report/auditReport";
import { encodeSection } from "../core/report/stateSheet";
import type { CheckOptions, Checked } from "./checkFile";
import { CHECK_TEXT } from "./checkText";
import { INPUT_TEXT } from "./inputText";
import { pathsOf, type CliIo } from "./io";
import { isConverted } from "./load";
import { writeFaultWords } from "./messages";
import { refusesConvertedName, refusesTextName, writeOutput } from "./output";
import { copyKind, kindProblem } from "./outputKind";
import type { PackageKind } from "./xlsx";
import { annotateXlsx } from "./xlsx/annotate";
import { addReportSheet } from "./xlsx/addSheet";
import { problemMessage } from "./xlsx/problems";
import { writeStateSection } from "./xlsx/stateSection";

/** Refuses a path that is one of the inputs (the input is never modified). */
function isAnInput(out: string, inputs: string[], io: CliIo): boolean {
  return io.exists(out) && inputs.some((i) => io.exists(i) && io.sameFile(out, i));
}

/** Problems of the input found while writing a copy (not of the copy): said as a read would say them. */
const DAMAGED = new Set(["CORRUPT", "TRUNCATED", "TOO_LARGE", "ENCRYPTED"]);

/** What writing the copies left out: notes not added because the cell has a note of the user's. */
export interface Written {
  skippedNotes: string[];
}

/** The kind of package a checked file's copies are: its input's (a text table's or converted file's: .xlsx). */
export function kindOf(c: Checked): PackageKind {
  return c.source.format === "csv" || isConverted(c.source) ? "xlsx" : copyKind(c.xlsx());
}

/**
 * Writes the annotated copy and/or the report copy of one checked file; when both go to the
 * same path, that one file gets the flags and the report sheet. Returns false when it failed
 * (said on stderr; nothing half-written: every output is written atomically).
 */
export async function writeCopies(
  c: Checked,
  targets: { annotate?: string; report?: string },
  options: CheckOptions,
  inputs: string[],
  io: CliIo,
): Promise<Written | false> {
  const t = CHECK_TEXT[options.lang];
  const paths = pathsOf(io);
  for (const out of [targets.annotate, targets.report]) {
    if (out && c.source.format === "csv" && refusesTextName(out, io, options.lang)) return false;
    if (out && isConverted(c.source) && refusesConvertedName(out, c.source, io, options.lang)) return false;
    if (out && isAnInput(out, inputs, io)) {
      io.stderr(`tdcheck: ${t.overwritesInput(out)}\n`);
      return false;
    }
  }
  const kind = kindOf(c);
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
    io.stderr(`tdcheck: ${t.cannotWriteCopy(what, problem.detail, problem.parts.join(", "))}\n`);
    return false;
  };
  let annotated: Uint8Array | undefined;
  const skippedNotes: string[] = [];
  if (targets.annotate) {
    const r = annotateXlsx(c.xlsx(), planFlags(c.workbook, c.result.findings, options.lang));
    if (!r.ok) return refused(t.copyName.annotate, r.problem);
    annotated = r.bytes;
    skippedNotes.push(...r.skippedNotes.map((n) => qualified(n.sheet, n.cell)));
  }
  let reported: Uint8Array | undefined;
  const combined = !!(
    targets.annotate &&
    targets.report &&
    paths.resolve(targets.annotate) === paths.resolve(targets.report)
  );
  if (targets.report) {
    const report = await auditReport(c.workbook, c.result, {
      file: isConverted(c.source)
        ? INPUT_TEXT[options.lang].convertedName(paths.basename(c.file))
        : paths.basename(c.file),
      sheet: options.sheet,
      time: new Date(),
      preparer: options.preparer,
      reviewer: options.reviewer,
      lang: options.lang,
      acceptances: readAcceptances(c.workbook).items,
    });
    for (const p of report.storageProblems)
      if (p.section === "trail") io.stderr(`tdcheck: ${t.trailUnreadable(c.file, p.code)}\n`);
    const r = addReportSheet(combined ? annotated! : c.xlsx(), report.sheet, {
      fileName: paths.basename(c.file),
    });
    if (!r.ok) return refused(t.copyName.report, r.problem);
    // The report is marked as the product's own in `_tdcheck`, so checking the copy skips it.
    const marks = withProductSheet(
      readProductSheets(c.workbook),
      { name: r.sheetName, kind: "report", at: new Date().toISOString() },
      [...c.workbook.sheets.map((s) => s.name), r.sheetName],
    );
    const marked = writeStateSection(r.bytes, c.workbook, "sheets", encodeSection("sheets", marks), {
      fileName: paths.basename(c.file),
    });
    if (!marked.ok) return refused(t.copyName.report, { code: "", detail: marked.detail, parts: [] });
    reported = marked.bytes;
  }
  if (annotated && !combined && !writeOutput(io, targets.annotate!, annotated, options.lang)) return false;
  if (reported && !writeOutput(io, targets.report!, reported, options.lang)) return false;
  return { skippedNotes };
}
