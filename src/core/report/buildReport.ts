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
  /** What each column of the checks means, for a reader who has not met the product. */
  legendSection: string;
  legend: [string, string][];
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
      "数据指纹的算法：对上面列出的每个单元格，按工作表在工作簿中的顺序、再按行、列的顺序各写一行——工作表名!单元格地址、制表符、存储的值、制表符、数字格式（单元格没有格式时写 General）、换行。数值写成最短的十进制形式（2000、56.7、1e-7），文字照写，空单元格什么也不写，逻辑值写 TRUE 或 FALSE，错误值写其代码（#REF!）；两栏中的反斜杠、制表符、换行、回车分别写作 \\\\、\\t、\\n、\\r。把所有行依次按 UTF-8 编码，计算 SHA-256，得到的 64 位十六进制数就是指纹。任何一个所校核单元格的值或显示精度改变，指纹都会改变；字体、填充、边框、批注和其他单元格不影响指纹。",
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
    legendSection: "栏目说明",
    legend: [
      [
        "结果",
        "✓ 通过：校核通过；✗ 错误、! 警告：未通过；i 提示：供参考，不算错误；已接受：未通过，但已写明上报说明，不再计为错误或警告",
      ],
      ["校核规则", "这一行做的是哪项校核（加总校核、下达目标校核……）"],
      ["单元格、相关单元格", "被校核的单元格（点击可跳转），以及参与计算的其他单元格"],
      ["填报值", "表中填写的值（上级的目标、合计等）"],
      ["计算/对照值", "由下级算出的值（如下级合计），或用来对照的值（如上级下达的目标、另一年的值）"],
      ["核", "✓：已将下级逐一相加核对，与上级一致"],
      ["差额", "计算/对照值减去填报值"],
      ["容差", "允许的差额：整数计数为 0；其他数值为四舍五入可能造成的误差，“说明”中写明依据"],
      ["说明、可能原因", "用文字说明校核结果；未通过时给出最可能出错的单元格"],
    ],
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
      "How the fingerprint is computed: for each cell listed above, in the order of the sheets in the workbook, then rows, then columns, write one line — Sheet!A1, a tab, the stored value, a tab, the number format (General when the cell has none), a line feed. Numbers are written in their shortest decimal form (2000, 56.7, 1e-7), text as it is, an empty cell as nothing, a boolean as TRUE or FALSE, an error as its code (#REF!); in both fields a backslash is written \\\\, a tab \\t, a line feed \\n, a carriage return \\r. Encode the lines in UTF-8, one after the other, and take SHA-256: its 64 hexadecimal digits are the fingerprint. It changes when any checked cell's value or shown precision changes, not when fonts, fills, borders, notes or other cells do.",
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
    legendSection: "What the columns mean",
    legend: [
      [
        "Result",
        "✓ passed; ✗ error, ! warning: failed; i info: for reference, not a fault; accepted: failed, but a written reason was given, so it no longer counts as an error or warning",
      ],
      ["Check", "which check the row is (sum check, assignment check, …)"],
      ["Cell, related cells", "the cell checked (a link to it) and the other cells the check used"],
      ["Stated", "the value the table states (the parent's target, a total)"],
      [
        "Computed / expected",
        "the value worked out from the children (their sum), or the value compared with (the assignment, another year's value)",
      ],
      ["✓", "the children were added up one by one and agree with the parent"],
      ["Difference", "computed or expected minus stated"],
      [
        "Tolerance",
        "the difference allowed: 0 for whole-number counts; otherwise what rounding can explain, as the explanation says",
      ],
      ["Explanation, likely cause", "the result in words; for a failed check, the cell most likely wrong"],
    ],
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
    ? lang === "zh"
      ? `${STATUS_TEXT.zh.accepted}（${severity}）`
      : `${STATUS_TEXT.en.accepted} (${severity})`
    : STATUS_TEXT[lang][f.severity];
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

function moved(c: { before: TrailValue; after: TrailValue }): boolean {
  return valueText(c.before) !== valueText(c.after);
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
  if (e.by) parts.push(zh ? `应用人：${e.by}` : `applied by ${e.by}`);
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
    kindText: KIND_TEXT[lang][e.kind],
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
      ruleTitle: CHECK_TITLES[l.acceptance.rule]?.[lang] ?? l.acceptance.rule,
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
