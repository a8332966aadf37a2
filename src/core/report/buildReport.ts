/**
 * The audit report (审核报告) as data: header, summary, every check that ran (passed ones
 * included), accepted findings with their written reason, lapsed acceptances, and the change
 * trail — all text already rendered in the reader's language, so the command line's sheet
 * writer and the add-in's pane draw the same report. layout.ts turns it into sheet rows.
 */
import { parseA1, parseRange } from "../address";
import type { CheckResult, CheckSummary } from "../check";
import { Decimal } from "../decimal";
import type { RuleId, Severity } from "../finding";
import {
  RULE_TITLES,
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
import { passedMessage } from "./passedText";
import { methodText, type TrailEntry, type TrailValue } from "./trail";

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
// Words

export interface ReportLabels {
  title: string;
  file: string;
  scope: string;
  /** The scope stated in the header: one sheet, or the whole workbook with the sheets checked. */
  scopeSheet: (sheet: string) => string;
  scopeWorkbook: (sheets: string[]) => string;
  time: string;
  fingerprint: string;
  fingerprintCells: string;
  fingerprintNote: string;
  preparer: string;
  reviewer: string;
  signDate: string;
  summaryTitle: string;
  summary: Record<keyof ReportSummary, string>;
  columns: {
    no: string;
    status: string;
    rule: string;
    cell: string;
    related: string;
    indicator: string;
    unit: string;
    stated: string;
    computed: string;
    footing: string;
    difference: string;
    tolerance: string;
    message: string;
    hints: string;
  };
  checksSection: string;
  acceptedSection: string;
  acceptedColumns: { no: string; status: string; by: string; at: string; reason: string; note: string };
  trailSection: string;
  trailColumns: {
    kind: string;
    method: string;
    before: string;
    after: string;
    change: string;
    details: string;
    time: string;
  };
  none: string;
}

const LABELS: Record<Lang, ReportLabels> = {
  zh: {
    title: "审核报告 · 指标分解校核",
    file: "文件",
    scope: "校核范围",
    scopeSheet: (sheet) => `仅工作表“${sheet}”`,
    scopeWorkbook: (sheets) => `整个工作簿${sheets.length ? `（${sheets.join("、")}）` : ""}`,
    time: "校核时间",
    fingerprint: "数据指纹（SHA-256）",
    fingerprintCells: "指纹覆盖的单元格",
    fingerprintNote:
      "数据指纹 = SHA-256（UTF-8），按工作表、行、列顺序，每个校核单元格一行：工作表!单元格、制表符、存储值、制表符、数字格式、换行。值或显示精度改变时指纹随之改变，字体、填充、边框不影响指纹（算法详见 docs/fingerprint.md）。",
    preparer: "填表人",
    reviewer: "审核人",
    signDate: "日期",
    summaryTitle: "汇总",
    summary: {
      tables: "分解表",
      progressions: "进度表",
      indicators: "指标",
      checks: "校核项",
      passed: "通过",
      errors: "错误",
      warnings: "警告",
      infos: "提示",
      accepted: "已接受",
      lapsed: "已失效",
    },
    columns: {
      no: "序号",
      status: "结果",
      rule: "校核规则",
      cell: "单元格",
      related: "相关单元格",
      indicator: "指标",
      unit: "单位",
      stated: "填报值",
      computed: "计算/对照值",
      footing: "核",
      difference: "差额",
      tolerance: "容差",
      message: "说明",
      hints: "可能原因",
    },
    checksSection: "校核明细",
    acceptedSection: "已接受的问题（上报说明）",
    acceptedColumns: {
      no: "校核序号",
      status: "状态",
      by: "接受人",
      at: "接受时间",
      reason: "上报说明",
      note: "备注",
    },
    trailSection: "变更记录",
    trailColumns: {
      kind: "类型",
      method: "方法",
      before: "调整前",
      after: "调整后",
      change: "变化",
      details: "目标、锁定与界限",
      time: "时间",
    },
    none: "无",
  },
  en: {
    title: "Audit report · Target Decomposition Check",
    file: "File",
    scope: "Scope",
    scopeSheet: (sheet) => `the sheet “${sheet}” only`,
    scopeWorkbook: (sheets) => `the whole workbook${sheets.length ? ` (${sheets.join(", ")})` : ""}`,
    time: "Checked at",
    fingerprint: "Fingerprint (SHA-256)",
    fingerprintCells: "Cells covered by the fingerprint",
    fingerprintNote:
      "Fingerprint = SHA-256 (UTF-8) over one line per checked cell, in sheet, row, column order: Sheet!A1, tab, the stored value, tab, the number format, line feed. It changes when a value or its shown precision changes, not when fonts, fills or borders do (docs/fingerprint.md).",
    preparer: "Prepared by",
    reviewer: "Reviewed by",
    signDate: "Date",
    summaryTitle: "Summary",
    summary: {
      tables: "Split tables",
      progressions: "Progressions",
      indicators: "Indicators",
      checks: "Checks run",
      passed: "Passed",
      errors: "Errors",
      warnings: "Warnings",
      infos: "Infos",
      accepted: "Accepted",
      lapsed: "Lapsed",
    },
    columns: {
      no: "No.",
      status: "Result",
      rule: "Check",
      cell: "Cell",
      related: "Related cells",
      indicator: "Indicator",
      unit: "Unit",
      stated: "Stated",
      computed: "Computed / expected",
      footing: "✓",
      difference: "Difference",
      tolerance: "Tolerance",
      message: "Explanation",
      hints: "Likely cause",
    },
    checksSection: "Checks",
    acceptedSection: "Accepted findings (reasons given)",
    acceptedColumns: {
      no: "Check no.",
      status: "Status",
      by: "Accepted by",
      at: "Accepted at",
      reason: "Reason",
      note: "Note",
    },
    trailSection: "Change trail",
    trailColumns: {
      kind: "Kind",
      method: "Method",
      before: "Before",
      after: "After",
      change: "Change",
      details: "Target, locks and bounds",
      time: "Time",
    },
    none: "none",
  },
};

export function reportLabels(lang: Lang): ReportLabels {
  return LABELS[lang];
}

const STATUS_TEXT: Record<Lang, { passed: string; accepted: string } & Record<Severity, string>> = {
  zh: { passed: "✓ 通过", accepted: "已接受", error: "✗ 错误", warning: "! 警告", info: "i 提示" },
  en: { passed: "✓ passed", accepted: "accepted", error: "✗ error", warning: "! warning", info: "i info" },
};

const KIND_TEXT: Record<Lang, Record<TrailEntry["kind"], string>> = {
  zh: { rebalance: "调整", undo: "撤销" },
  en: { rebalance: "rebalance", undo: "undo" },
};

const LAPSE_TEXT: Record<Lang, Record<LapsedAcceptance["why"], string>> = {
  zh: { changed: "所涉单元格已修改，接受已失效，需重新确认", gone: "该问题已不再出现，接受不再适用" },
  en: {
    changed: "a cell it covers has changed: the acceptance lapsed and must be confirmed again",
    gone: "the finding no longer occurs",
  },
};

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

function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

export function cellRef(ref: string, sheet: string): ReportCellRef {
  const { sheet: s, range } = splitQualified(ref, sheet);
  const clean = range.replace(/\$/g, "");
  return { text: `${s}!${clean}`, sheet: s, range: clean, location: `${quoteSheet(s)}!${clean}` };
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

function findingRow(f: AcceptedFinding, lang: Lang): Omit<ReportCheck, "no"> {
  const status: CheckStatus = f.accepted ? "accepted" : f.severity === "info" ? "info" : "failed";
  const severity = SEVERITY_TEXT[f.severity][lang];
  const statusText = f.accepted
    ? lang === "zh"
      ? `${STATUS_TEXT.zh.accepted}（${severity}）`
      : `${STATUS_TEXT.en.accepted} (${severity})`
    : STATUS_TEXT[lang][f.severity];
  return {
    status,
    severity: f.severity,
    statusText,
    ...evidenceColumns(f, lang),
    footing: "",
    message: renderMessage(f, lang),
    hints: f.hints.map((h) => renderHint(h, lang)),
    accepted: f.accepted,
  };
}

/** The columns a failed and a passed check fill alike: the rule, the cells and the evidence. */
function evidenceColumns(c: PassedCheck, lang: Lang) {
  return {
    rule: c.rule,
    ruleTitle: RULE_TITLES[c.rule][lang],
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
    statusText: STATUS_TEXT[lang].passed,
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

function trailDetails(e: TrailEntry, lang: Lang): string {
  const zh = lang === "zh";
  const parts: string[] = [];
  if (e.target !== undefined && e.target !== null) parts.push(zh ? `目标 ${e.target}` : `target ${e.target}`);
  if (e.locks.length) parts.push(zh ? `锁定：${e.locks.join("、")}` : `locked: ${e.locks.join(", ")}`);
  for (const b of e.bounds) {
    const lo = b.min !== undefined && b.min !== null ? (zh ? `≥ ${b.min}` : `≥ ${b.min}`) : "";
    const hi = b.max !== undefined && b.max !== null ? `≤ ${b.max}` : "";
    parts.push(`${b.unit} ${[lo, hi].filter(Boolean).join(zh ? "，" : ", ")}`);
  }
  if (e.step) parts.push(zh ? `步长 ${e.step}` : `step ${e.step}`);
  if (e.reference) parts.push(zh ? `参考：${e.reference}` : `reference: ${e.reference}`);
  if (e.undoes)
    parts.push(zh ? `撤销 ${formatTime(e.undoes)} 的调整` : `undoes the change of ${formatTime(e.undoes)}`);
  if (e.by) parts.push(zh ? `操作人 ${e.by}` : `by ${e.by}`);
  return parts.join(zh ? "；" : "; ");
}

// ---------------------------------------------------------------------------------------------

/**
 * The report for a check result. Pass the result of applyAcceptances to show accepted
 * findings (their marks travel on the findings) and `lapsed` for the ones that lapsed.
 */
export function buildReport(result: CheckResult, options: ReportOptions): ReportModel {
  const lang = options.lang;
  const labels = LABELS[lang];
  const sheetOrder = new Map<string, number>();
  for (const m of result.maps) if (!sheetOrder.has(m.sheet)) sheetOrder.set(m.sheet, sheetOrder.size);
  const sheetIndex = (s: string): number => sheetOrder.get(s) ?? sheetOrder.size;

  const rows: Row[] = [];
  const add = (group: number, check: Omit<ReportCheck, "no">): void => {
    const p = position(check.cell.range);
    rows.push({ group, sheetIndex: sheetIndex(check.sheet), row: p.row, col: p.col, check });
  };
  for (const f of result.findings as AcceptedFinding[]) {
    const check = findingRow(f, lang);
    add(check.status === "failed" && f.severity === "warning" ? GROUP.warning : GROUP[check.status], check);
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
    kindText: KIND_TEXT[lang][e.kind],
    indicator: e.indicator,
    sheet: e.sheet,
    method: e.method,
    methodText: methodText(e.method, lang),
    details: trailDetails(e, lang),
    changes: [...(e.parent ? [e.parent] : []), ...e.children].map((c) => ({
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
    sheetName: lang === "zh" ? "审核报告" : "Audit report",
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
      ruleTitle: RULE_TITLES[l.acceptance.rule]?.[lang] ?? l.acceptance.rule,
      cell: cellRef(l.acceptance.cell, l.acceptance.sheet),
      indicator: l.acceptance.indicator ?? "",
      unit: l.acceptance.unit ?? "",
      reason: l.acceptance.reason,
      by: l.acceptance.by,
      at: formatTime(l.acceptance.at),
      why: l.why,
      whyText: LAPSE_TEXT[lang][l.why],
    })),
    trail,
    labels,
  };
}
