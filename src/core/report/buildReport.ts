/**
 * The audit report (审核报告) as data: header, summary, every check that ran (passed ones
 * included), accepted findings with their written reason, lapsed acceptances, and the change
 * trail — all text already rendered in the reader's language, so the command line's sheet
 * writer and the add-in's pane draw the same report. layout.ts turns it into sheet rows.
 */
import { parseA1, parseRange, quotedSheet } from "../address";
import type { CheckResult, CheckSummary } from "../check";
import { Decimal } from "../decimal";
import type { RuleId, Severity } from "../finding";
import {
  CHECK_TITLES,
  SEVERITY_TEXT,
  describeTolerance,
  formatValue,
  renderHint,
  renderMessage,
  type Lang,
} from "../messages";
import type { PassedCheck } from "../rules/rule";
import type { AcceptanceMark, AcceptedFinding, LapsedAcceptance } from "./acceptance";
import { splitQualified } from "./fingerprint";
import { foldedMessage, foldRepeatedInfos, type Folded } from "./folding";
import { passedMessage } from "./passedText";
import { REPORT_TEXT, reportLabels, type ReportLabels } from "./reportText";
import { methodText, type TrailEntry, type TrailValue } from "./trail";

export type { ReportLabels } from "./reportText";
export { reportLabels } from "./reportText";

export type CheckStatus = "failed" | "accepted" | "passed" | "info";

/** A cell or range the report points at; `location` is the hyperlink target (`'分解表'!D7`). */
export interface ReportCellRef {
  /** As shown: `分解表!D7`, `分解表!E7:Q7`. */
  text: string;
  sheet: string;
  range: string;
  location: string;
}

export interface ReportCheck {
  /** 1-based, in report order. */
  no: number;
  status: CheckStatus;
  /** Set for findings (failed, accepted, info); undefined for a passed check. */
  severity?: Severity;
  /** ✓ 通过, ✗ 错误, ! 警告, i 提示, 已接受 (with the severity it had). */
  statusText: string;
  rule: RuleId;
  ruleTitle: string;
  sheet: string;
  cell: ReportCellRef;
  related: ReportCellRef[];
  indicator: string;
  unit: string;
  stated: string;
  /** The computed value, or what the level above assigned (below-assignment, cross-sheet). */
  computed: string;
  difference: string;
  tolerance: string;
  toleranceText: string;
  /** The footing mark ✓ on a sum that was footed and agrees (sum-mismatch, components-mismatch). */
  footing: "✓" | "";
  message: string;
  hints: string[];
  accepted?: AcceptanceMark;
}

export interface ReportSummary extends CheckSummary {
  accepted: number;
  lapsed: number;
}

export interface ReportLapsed {
  rule: RuleId;
  ruleTitle: string;
  cell: ReportCellRef;
  indicator: string;
  unit: string;
  reason: string;
  by: string;
  at: string;
  why: LapsedAcceptance["why"];
  whyText: string;
}

export interface ReportTrailChange {
  unit: string;
  cell: ReportCellRef;
  before: string;
  after: string;
  /** after − before, when both are numbers. */
  change: string;
}

export interface ReportTrailEntry {
  no: number;
  time: string;
  kind: TrailEntry["kind"];
  kindText: string;
  indicator: string;
  sheet: string;
  method: string;
  methodText: string;
  /** Target, locks, bounds, step, who: one line for people. */
  details: string;
  changes: ReportTrailChange[];
}

export interface ReportHeader {
  title: string;
  file: string;
  /** The sheet checked, or all sheets. */
  scope: string;
  /** Shown time with its UTC offset; `timeIso` for machines. */
  time: string;
  timeIso: string;
  fingerprint: string;
  /** The cells the fingerprint covers, as sheet-qualified ranges. */
  fingerprintCells: string[];
  preparer: string;
  reviewer: string;
}

export interface ReportModel {
  lang: Lang;
  /** The name the report sheet wants (审核报告 / Audit report); writers add (2), (3) on a clash. */
  sheetName: string;
  header: ReportHeader;
  summary: ReportSummary;
  checks: ReportCheck[];
  /** The accepted findings again, with their reason (上报说明), as the 已接受 section lists them. */
  accepted: ReportCheck[];
  lapsed: ReportLapsed[];
  trail: ReportTrailEntry[];
  labels: ReportLabels;
}

export interface ReportOptions {
  file: string;
  /** The sheet checked (`--sheet`), when only one was. */
  sheet?: string;
  time: Date | string;
  preparer?: string;
  reviewer?: string;
  /** SHA-256 of the checked cells (fingerprint.ts). */
  fingerprint: string;
  fingerprintCells?: string[];
  /** Acceptances that no longer apply (applyAcceptances). Accepted findings carry their mark. */
  lapsed?: LapsedAcceptance[];
  trail?: TrailEntry[];
  lang: Lang;
}

// ---------------------------------------------------------------------------------------------
// Pieces

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Local time with its UTC offset, e.g. `2024-05-06 14:03:05 (UTC+08:00)`. */
export function formatTime(time: Date | string): string {
  const d = typeof time === "string" ? new Date(time) : time;
  if (Number.isNaN(d.getTime())) return String(time);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  const abs = Math.abs(off);
  return (
    `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ` +
    `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())} (UTC${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)})`
  );
}

export function cellRef(ref: string, sheet: string): ReportCellRef {
  const { sheet: s, range } = splitQualified(ref, sheet);
  const clean = range.replace(/\$/g, "");
  return { text: `${s}!${clean}`, sheet: s, range: clean, location: `${quotedSheet(s)}!${clean}` };
}

function signed(d: Decimal | undefined): string {
  if (!d) return "";
  const s = d.toString();
  return d.sign() > 0 ? `+${s}` : s;
}

const SUMS = new Set<RuleId>(["sum-mismatch", "components-mismatch"]);

function position(ref: string): { row: number; col: number } {
  const box = parseRange(ref) ?? { top: 0, left: 0 };
  const p = parseA1(ref);
  return p ?? { row: box.top, col: box.left };
}

interface Row {
  group: number;
  sheetIndex: number;
  row: number;
  col: number;
  check: Omit<ReportCheck, "no">;
}

const GROUP: Record<CheckStatus | "warning", number> = {
  failed: 0,
  warning: 1,
  accepted: 2,
  passed: 3,
  info: 4,
};

function findingRow(group: Folded<AcceptedFinding>, lang: Lang): Omit<ReportCheck, "no"> {
  const f = group.finding;
  const status: CheckStatus = f.accepted ? "accepted" : f.severity === "info" ? "info" : "failed";
  const severity = SEVERITY_TEXT[f.severity][lang];
  const statusText = f.accepted
    ? REPORT_TEXT[lang].acceptedStatus(severity)
    : REPORT_TEXT[lang].status[f.severity];
  return {
    status,
    severity: f.severity,
    statusText,
    ...evidenceColumns(f, lang),
    // Repeated infos (14 qualitative cells of one row) are one row over their cells, as in the CLI.
    ...(group.findings.length > 1
      ? { cell: { ...cellRef(group.cells[0], f.sheet), text: `${f.sheet}!${group.cells.join(",")}` } }
      : {}),
    footing: "",
    message: foldedMessage(renderMessage(f, lang), group, lang),
    hints: f.hints.map((h) => renderHint(h, lang)),
    accepted: f.accepted,
  };
}

/** The columns a failed and a passed check fill alike: the rule, the cells and the evidence. */
function evidenceColumns(c: PassedCheck, lang: Lang) {
  return {
    rule: c.rule,
    ruleTitle: CHECK_TITLES[c.rule][lang],
    sheet: c.sheet,
    cell: cellRef(c.cell, c.sheet),
    related: c.related.map((r) => cellRef(r, c.sheet)),
    indicator: c.indicator ?? "",
    unit: c.unit ?? "",
    stated: formatValue(c.stated, c.statedBound, lang),
    computed:
      formatValue(c.computed, c.computedBound, lang) || formatValue(c.expected, c.expectedBound, lang),
    difference: signed(c.difference),
    tolerance: c.tolerance ? c.tolerance.value.toString() : "",
    toleranceText: describeTolerance(c.tolerance, lang),
  };
}

function passedRow(c: PassedCheck, lang: Lang): Omit<ReportCheck, "no"> {
  return {
    status: "passed",
    statusText: REPORT_TEXT[lang].status.passed,
    ...evidenceColumns(c, lang),
    footing: SUMS.has(c.rule) ? "✓" : "",
    message: passedMessage(c, lang),
    hints: [],
  };
}

function valueText(v: TrailValue | undefined): string {
  return v === null || v === undefined ? "" : String(v);
}

function change(before: TrailValue, after: TrailValue): string {
  if (typeof before !== "number" || typeof after !== "number") return "";
  try {
    return signed(Decimal.fromNumber(after).sub(Decimal.fromNumber(before)));
  } catch {
    return "";
  }
}

function moved(c: { before: TrailValue; after: TrailValue }): boolean {
  return valueText(c.before) !== valueText(c.after);
}

function trailDetails(e: TrailEntry, lang: Lang): string {
  const t = REPORT_TEXT[lang].trail;
  const parts: string[] = [];
  if (e.target !== undefined && e.target !== null) parts.push(t.target(`${e.target}`));
  if (e.locks.length) parts.push(t.locked(e.locks));
  for (const b of e.bounds) {
    const lo = b.min !== undefined && b.min !== null ? `≥ ${b.min}` : "";
    const hi = b.max !== undefined && b.max !== null ? `≤ ${b.max}` : "";
    parts.push(`${b.unit} ${[lo, hi].filter(Boolean).join(t.boundSep)}`);
  }
  if (e.step) parts.push(t.step(`${e.step}`));
  if (e.reference) parts.push(t.reference(e.reference));
  if (e.undoes) parts.push(t.undoes(formatTime(e.undoes)));
  if (e.by) parts.push(t.by(e.by));
  return parts.join(t.partSep);
}

// ---------------------------------------------------------------------------------------------

/**
 * The report for a check result. Pass the result of applyAcceptances to show accepted
 * findings (their marks travel on the findings) and `lapsed` for the ones that lapsed.
 */
export function buildReport(result: CheckResult, options: ReportOptions): ReportModel {
  const lang = options.lang;
  const labels = reportLabels(lang);
  const sheetOrder = new Map<string, number>();
  for (const m of result.maps) if (!sheetOrder.has(m.sheet)) sheetOrder.set(m.sheet, sheetOrder.size);
  const sheetIndex = (s: string): number => sheetOrder.get(s) ?? sheetOrder.size;

  const rows: Row[] = [];
  const add = (group: number, check: Omit<ReportCheck, "no">): void => {
    const p = position(check.cell.range);
    rows.push({ group, sheetIndex: sheetIndex(check.sheet), row: p.row, col: p.col, check });
  };
  for (const group of foldRepeatedInfos(result.findings as AcceptedFinding[])) {
    const check = findingRow(group, lang);
    add(
      check.status === "failed" && group.finding.severity === "warning" ? GROUP.warning : GROUP[check.status],
      check,
    );
  }
  for (const c of result.passed) add(GROUP.passed, passedRow(c, lang));
  // Stable sort: within a group, sheet order, then row, then column; equal places keep rule order.
  rows.sort((a, b) => a.group - b.group || a.sheetIndex - b.sheetIndex || a.row - b.row || a.col - b.col);
  const checks: ReportCheck[] = rows.map((r, i) => ({ no: i + 1, ...r.check }));

  const findings = result.findings as AcceptedFinding[];
  const count = (s: Severity): number => findings.filter((f) => f.severity === s && !f.accepted).length;
  const lapsed = options.lapsed ?? [];
  const summary: ReportSummary = {
    tables: result.summary.tables,
    progressions: result.summary.progressions,
    indicators: result.summary.indicators,
    checks: result.summary.checks,
    passed: result.summary.passed,
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    accepted: findings.filter((f) => f.accepted).length,
    lapsed: lapsed.length,
  };

  const trail: ReportTrailEntry[] = (options.trail ?? []).map((e, i) => ({
    no: i + 1,
    time: formatTime(e.time),
    kind: e.kind,
    kindText: REPORT_TEXT[lang].kind[e.kind],
    indicator: e.indicator,
    sheet: e.sheet,
    method: e.method,
    methodText: methodText(e.method, lang),
    details: trailDetails(e, lang),
    // Only the cells the change moved: a rebalance of 1,000 units that moved 3 lists 3.
    changes: [...(e.parent ? [e.parent] : []), ...e.children].filter(moved).map((c) => ({
      unit: c.unit,
      cell: cellRef(c.cell, e.sheet),
      before: valueText(c.before),
      after: valueText(c.after),
      change: change(c.before, c.after),
    })),
  }));

  const timeIso = typeof options.time === "string" ? options.time : options.time.toISOString();
  return {
    lang,
    sheetName: REPORT_TEXT[lang].sheetName,
    header: {
      title: labels.title,
      file: options.file,
      scope:
        options.sheet !== undefined
          ? labels.scopeSheet(options.sheet)
          : labels.scopeWorkbook([...sheetOrder.keys()]),
      time: formatTime(options.time),
      timeIso,
      fingerprint: options.fingerprint,
      fingerprintCells: options.fingerprintCells ?? [],
      preparer: options.preparer ?? "",
      reviewer: options.reviewer ?? "",
    },
    summary,
    checks,
    accepted: checks.filter((c) => c.status === "accepted"),
    lapsed: lapsed.map((l) => ({
      rule: l.acceptance.rule,
      ruleTitle: CHECK_TITLES[l.acceptance.rule]?.[lang] ?? l.acceptance.rule,
      cell: cellRef(l.acceptance.cell, l.acceptance.sheet),
      indicator: l.acceptance.indicator ?? "",
      unit: l.acceptance.unit ?? "",
      reason: l.acceptance.reason,
      by: l.acceptance.by,
      at: formatTime(l.acceptance.at),
      why: l.why,
      whyText: REPORT_TEXT[lang].lapse[l.why],
    })),
    trail,
    labels,
  };
}
