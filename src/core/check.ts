/**
 * The engine's front door: a workbook of raw cells in, tables and findings out.
 * cells → table maps (detection) → parsed tables → rules → findings. Nothing here throws for
 * bad input: problems are values.
 */
import { detectSheet, type RejectReason } from "./detect/detectTables";
import { rangeA1 } from "./address";
import type { Finding } from "./finding";
import type { SheetGrid, WorkbookGrid } from "./grid";
import type { Direction, IndicatorKind, Orientation, Policy, TableMap } from "./model";
import type { PassedCheck } from "./rules/rule";
import { Checker } from "./checker";
import { readProductSheets, sheetsToSkip, type ProductSheet } from "./productSheets";

/** The very hidden sheet where the add-in and the command line keep maps, acceptances and the trail. */
export const STATE_SHEET = "_tdcheck";

export interface CheckOptions {
  /** Only check this sheet. */
  sheet?: string;
  /**
   * The sheets the product wrote (audit reports), skipped by detection. Read from the workbook's
   * own `_tdcheck` sheet when absent (the command line reads every sheet); the add-in, which does
   * not read `_tdcheck` as a grid, passes what it read from the section.
   */
  productSheets?: readonly ProductSheet[];
}

export interface IndicatorSummary {
  name: string;
  measure: string;
  kind: IndicatorKind;
  direction: Direction;
}

/** One split: a parent and its children (a three-level sheet gives several). */
export interface SplitSummary {
  sheet: string;
  range: string;
  orientation: Orientation;
  policy: Policy;
  /** 0 for the top split of a table, 1 for the splits below it, … */
  level: number;
  parent: string;
  /** The unit the parent line stands for (杭州市目标 → 杭州市). */
  parentUnit: string;
  assignment?: string;
  children: string[];
  indicators: IndicatorSummary[];
}

export interface ProgressionSummary {
  sheet: string;
  range: string;
  orientation: Orientation;
  periods: string[];
  indicators: IndicatorSummary[];
}

/** A range detection looked at and did not read as something to check, with the reason. */
export interface RejectedRange {
  sheet: string;
  /** A1 range, e.g. "A1:F9". */
  range: string;
  /** A stable code: no-parent, no-numbers, no-header, no-label-line, unreadable-labels, … */
  reason: RejectReason;
}

/** A problem that makes the input unusable (CLI exit 2); never thrown across a door. */
export interface InputProblem {
  code: "NO_TABLE" | "EMPTY_WORKBOOK" | "NO_SUCH_SHEET";
  sheet?: string;
  detail?: string;
}

export interface CheckSummary {
  tables: number;
  progressions: number;
  indicators: number;
  checks: number;
  passed: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface CheckResult {
  maps: TableMap[];
  tables: SplitSummary[];
  progressions: ProgressionSummary[];
  findings: Finding[];
  /** Every check that ran and passed, for the audit report. */
  passed: PassedCheck[];
  summary: CheckSummary;
  problems: InputProblem[];
  /** What was looked at and not checked (docs/table-understanding.md: honest outcomes). */
  rejected?: RejectedRange[];
}

function isEmptySheet(grid: SheetGrid): boolean {
  for (const row of grid.values) {
    if (!row) continue;
    for (const v of row) if (v !== undefined && v !== null && v !== "") return false;
  }
  return true;
}

export function detectWorkbook(
  workbook: WorkbookGrid,
  options: CheckOptions = {},
): { maps: TableMap[]; problems: InputProblem[]; rejected: RejectedRange[] } {
  const problems: InputProblem[] = [];
  const rejected: RejectedRange[] = [];
  // The add-in's memory and the sheets it wrote (reports) are not tables (productSheets.ts).
  const skip = sheetsToSkip(
    workbook.sheets.map((s) => s.name),
    options.productSheets ?? readProductSheets(workbook),
  );
  let sheets = workbook.sheets.filter((s) => !skip.has(s.name));
  if (options.sheet !== undefined) {
    // The product's own sheet asked for by name: it exists, and holds no table of the user's.
    if (skip.has(options.sheet) && options.sheet !== STATE_SHEET) {
      problems.push({ code: "NO_TABLE", sheet: options.sheet });
      return { maps: [], problems, rejected };
    }
    sheets = sheets.filter((s) => s.name === options.sheet);
    if (sheets.length === 0) {
      problems.push({
        code: "NO_SUCH_SHEET",
        sheet: options.sheet,
        detail: workbook.sheets
          .filter((s) => !skip.has(s.name))
          .map((s) => s.name)
          .join(", "),
      });
      return { maps: [], problems, rejected };
    }
  } else if (sheets.length === 0 && [...skip].some((n) => n !== STATE_SHEET)) {
    // Only the product's own sheets were read (the add-in checking a report sheet it wrote).
    problems.push({ code: "NO_TABLE" });
    return { maps: [], problems, rejected };
  }
  if (sheets.every(isEmptySheet)) {
    problems.push({ code: "EMPTY_WORKBOOK" });
    return { maps: [], problems, rejected };
  }
  const maps: TableMap[] = [];
  for (const grid of sheets) {
    const found = detectSheet(grid);
    maps.push(...found.tables);
    for (const r of found.rejected)
      rejected.push({ sheet: r.sheet, range: rangeA1(r.range), reason: r.reason });
  }
  if (maps.length === 0) problems.push({ code: "NO_TABLE", sheet: options.sheet });
  return { maps, problems, rejected };
}

/** Runs every rule on tables already mapped (detected, or corrected by the user). */
export function checkMaps(workbook: WorkbookGrid, maps: TableMap[]): Omit<CheckResult, "problems"> {
  const checker = new Checker(workbook, maps);
  checker.checkAll();
  return resultOf(checker);
}

/** The result as it stands in a checker (after a full check or after edits). */
export function resultOf(checker: Checker): Omit<CheckResult, "problems"> {
  const findings = checker.findings();
  const passed = checker.passed();
  const { tables, progressions } = checker.tableSummaries();
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    maps: checker.maps,
    tables,
    progressions,
    findings,
    passed,
    summary: {
      tables: tables.length,
      progressions: progressions.length,
      indicators: checker.maps.reduce((n, m) => n + m.indicators.length, 0),
      checks: checker.checks(),
      passed: passed.length,
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
    },
  };
}

/** Whether no sheet of the workbook holds anything (Check has nothing to read). */
export function isEmptyWorkbook(workbook: WorkbookGrid): boolean {
  return workbook.sheets.every(isEmptySheet);
}

/**
 * The maps to check: the user's saved ones (for the sheets they are on, while those sheets exist),
 * detection for every other sheet; the detection's problems only when nothing is left to check.
 */
export function mapsToCheck(
  workbook: WorkbookGrid,
  saved: readonly TableMap[],
  productSheets: readonly ProductSheet[],
): { maps: TableMap[]; problems: InputProblem[]; rejected: RejectedRange[] } {
  const savedSheets = new Set(saved.map((m) => m.sheet));
  const rest: WorkbookGrid = { ...workbook, sheets: workbook.sheets.filter((s) => !savedSheets.has(s.name)) };
  const detected = rest.sheets.length
    ? detectWorkbook(rest, { productSheets })
    : { maps: [], problems: [], rejected: [] };
  const maps = [...saved.filter((m) => workbook.sheets.some((s) => s.name === m.sheet)), ...detected.maps];
  const problems = maps.length ? [] : detected.problems;
  // What detection looked at and did not read is said in the pane as in the command line.
  return { maps, problems, rejected: detected.rejected };
}

export function checkWorkbook(workbook: WorkbookGrid, options: CheckOptions = {}): CheckResult {
  const { maps, problems, rejected } = detectWorkbook(workbook, options);
  return { ...checkMaps(workbook, maps), problems, rejected };
}
