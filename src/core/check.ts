/**
 * The engine's front door: a workbook of raw cells in, tables and findings out.
 * (Implementation in progress: detection + rules are wired here.)
 */
import type { WorkbookGrid } from "./grid";
import type { Finding } from "./finding";

export interface CheckOptions {
  /** Only check this sheet. */
  sheet?: string;
}

export interface IndicatorSummary {
  name: string;
  measure: string;
  kind: "additive" | "share" | "ratio" | "qualitative";
  direction: "floor" | "cap";
}

/** One split: a parent and its children (a three-level sheet gives several). */
export interface SplitSummary {
  sheet: string;
  range: string;
  orientation: "indicators-in-rows" | "units-in-rows";
  policy: "exact" | "at-least";
  parent: string;
  assignment?: string;
  children: string[];
  indicators: IndicatorSummary[];
}

/** A problem that makes the input unusable (CLI exit 2); never thrown across a door. */
export interface InputProblem {
  code: "NO_TABLE" | "EMPTY_WORKBOOK" | "NO_SUCH_SHEET";
  sheet?: string;
  detail?: string;
}

export interface CheckSummary {
  tables: number;
  indicators: number;
  checks: number;
  passed: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface CheckResult {
  tables: SplitSummary[];
  findings: Finding[];
  summary: CheckSummary;
  problems: InputProblem[];
}

export function checkWorkbook(workbook: WorkbookGrid, options: CheckOptions = {}): CheckResult {
  void workbook;
  void options;
  throw new Error("not implemented yet");
}
