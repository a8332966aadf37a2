/**
 * Everything a report needs in one call: the fingerprint of the checked cells, the stored
 * acceptances applied (and the lapsed ones found), the stored trail, the model and its sheet.
 */
import type { CheckResult } from "../check";
import type { WorkbookGrid } from "../grid";
import type { Lang } from "../messages";
import {
  applyAcceptances,
  readAcceptances,
  type Acceptance,
  type AcceptedCheckResult,
  type StoredRead,
} from "./acceptance";
import { buildReport, type ReportModel } from "./buildReport";
import { cellRanges, checkedCells, fingerprint, orderCells } from "./fingerprint";
import { layoutReport, type ReportSheet } from "./layout";
import { readTrail, type TrailEntry } from "./trail";

export interface AuditReportOptions {
  file: string;
  sheet?: string;
  time: Date | string;
  preparer?: string;
  reviewer?: string;
  lang: Lang;
  /** The stored acceptances; read from the workbook's `_tdcheck` sheet when omitted. */
  acceptances?: Acceptance[];
  /** The stored change trail; read from the workbook's `_tdcheck` sheet when omitted. */
  trail?: TrailEntry[];
}

export interface AuditReport {
  model: ReportModel;
  sheet: ReportSheet;
  result: AcceptedCheckResult;
  fingerprint: string;
  /** Sections of `_tdcheck` that were present but could not be read (the report goes on without them). */
  storageProblems: { section: "acceptances" | "trail"; code: string; detail?: string }[];
}

export async function auditReport(
  workbook: WorkbookGrid,
  result: CheckResult,
  options: AuditReportOptions,
): Promise<AuditReport> {
  const storageProblems: AuditReport["storageProblems"] = [];
  // What the workbook stores, unless given; a section that cannot be read is said in the report.
  const stored = <T>(section: "acceptances" | "trail", read: () => StoredRead<T>): T[] => {
    const { items, problem } = read();
    if (problem)
      storageProblems.push({
        section,
        code: problem.code,
        detail: "detail" in problem ? String(problem.detail) : undefined,
      });
    return items;
  };
  const acceptances = options.acceptances ?? stored("acceptances", () => readAcceptances(workbook));
  const trail = options.trail ?? stored("trail", () => readTrail(workbook));
  // In order once, for the fingerprint and the header alike.
  const cells = orderCells(workbook, checkedCells(result.maps));
  const print = await fingerprint(workbook, cells);
  const accepted = await applyAcceptances(result, acceptances, workbook);
  const model = buildReport(accepted, {
    file: options.file,
    sheet: options.sheet,
    time: options.time,
    preparer: options.preparer,
    reviewer: options.reviewer,
    fingerprint: print,
    fingerprintCells: cellRanges(workbook, cells),
    lapsed: accepted.lapsed,
    trail,
    lang: options.lang,
  });
  return { model, sheet: layoutReport(model), result: accepted, fingerprint: print, storageProblems };
}
