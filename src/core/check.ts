/**
 * The engine's front door: a workbook of raw cells in, tables and findings out.
 * cells → table maps (detection) → parsed tables → rules → findings. Nothing here throws for
 * bad input: problems are values.
 */
import { rangeA1 } from "./address";
import { detectSheet } from "./detect/detectTables";
import { sheetView } from "./detect/view";
import { SEVERITY_ORDER, type Finding } from "./finding";
import type { SheetGrid, WorkbookGrid } from "./grid";
import type { Direction, IndicatorKind, Orientation, Policy, TableMap } from "./model";
import { PROGRESSION_RULES, SPLIT_RULES } from "./rules";
import type { PassedCheck, RuleOutput } from "./rules/rule";
import { parseProgression, parseSplits, type ParsedSplit } from "./table";
import { runCrossSheet } from "./rules/crossSheet";

/** The very hidden sheet where the add-in and the command line keep maps, acceptances and the trail. */
export const STATE_SHEET = "_tdcheck";

export interface CheckOptions {
  /** Only check this sheet. */
  sheet?: string;
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
}

function indicatorSummaries(map: TableMap): IndicatorSummary[] {
  return map.indicators.map((i) => ({ name: i.name, measure: i.measure, kind: i.kind, direction: i.direction }));
}

function isEmptySheet(grid: SheetGrid): boolean {
  for (const row of grid.values) {
    if (!row) continue;
    for (const v of row) if (v !== undefined && v !== null && v !== "") return false;
  }
  return true;
}

export function detectWorkbook(workbook: WorkbookGrid, options: CheckOptions = {}): { maps: TableMap[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  // The add-in's own very hidden sheet holds its memory, not a table (src/excel/README.md).
  let sheets = workbook.sheets.filter((s) => s.name !== STATE_SHEET);
  if (options.sheet !== undefined) {
    sheets = sheets.filter((s) => s.name === options.sheet);
    if (sheets.length === 0) {
      problems.push({ code: "NO_SUCH_SHEET", sheet: options.sheet, detail: workbook.sheets.map((s) => s.name).join(", ") });
      return { maps: [], problems };
    }
  }
  if (sheets.every(isEmptySheet)) {
    problems.push({ code: "EMPTY_WORKBOOK" });
    return { maps: [], problems };
  }
  const maps: TableMap[] = [];
  for (const grid of sheets) maps.push(...detectSheet(grid).tables);
  if (maps.length === 0) problems.push({ code: "NO_TABLE", sheet: options.sheet });
  return { maps, problems };
}

/** Runs every rule on tables already mapped (detected, or corrected by the user). */
export function checkMaps(workbook: WorkbookGrid, maps: TableMap[]): Omit<CheckResult, "problems"> {
  const findings: Finding[] = [];
  const passed: PassedCheck[] = [];
  let checks = 0;
  const out: RuleOutput = {
    finding: (f) => findings.push(f),
    passed: (c) => {
      checks++;
      passed.push(c);
    },
    failed: () => {
      checks++;
    },
  };
  const tables: SplitSummary[] = [];
  const progressions: ProgressionSummary[] = [];
  const allSplits: ParsedSplit[] = [];
  for (const map of maps) {
    const grid = workbook.sheets.find((s) => s.name === map.sheet);
    if (!grid) continue;
    const view = sheetView(grid, map.orientation);
    if (map.type === "split") {
      for (const parsed of parseSplits(view, map)) {
        allSplits.push(parsed);
        for (const rule of SPLIT_RULES) rule.run(parsed, out);
        const split = parsed.map;
        tables.push({
          sheet: map.sheet,
          range: rangeA1(map.range),
          orientation: map.orientation,
          policy: map.policy,
          level: split.level,
          parent: split.parent.label,
          parentUnit: split.parent.unit,
          assignment: split.assignment?.label,
          children: split.children.map((c) => c.unit),
          indicators: indicatorSummaries(map),
        });
      }
    } else {
      const parsed = parseProgression(view, map);
      for (const rule of PROGRESSION_RULES) rule.run(parsed, out);
      progressions.push({
        sheet: map.sheet,
        range: rangeA1(map.range),
        orientation: map.orientation,
        periods: map.periods.map((p) => p.label),
        indicators: indicatorSummaries(map),
      });
    }
  }
  runCrossSheet(allSplits, out);
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    maps,
    tables,
    progressions,
    findings,
    passed,
    summary: {
      tables: tables.length,
      progressions: progressions.length,
      indicators: maps.reduce((n, m) => n + m.indicators.length, 0),
      checks,
      passed: passed.length,
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
    },
  };
}

export function checkWorkbook(workbook: WorkbookGrid, options: CheckOptions = {}): CheckResult {
  const { maps, problems } = detectWorkbook(workbook, options);
  return { ...checkMaps(workbook, maps), problems };
}
