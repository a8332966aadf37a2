/**
 * The audit report's words, one catalog per language: the sheet's labels and column heads, the
 * legend, statuses, what a change-trail entry did and why an acceptance lapsed. buildReport.ts
 * picks by language and never branches on it.
 */
import type { Severity } from "../finding";
import type { Lang } from "../messages";
import type { LapsedAcceptance } from "./acceptance";
import type { ReportSummary } from "./buildReport";
import type { TrailEntry } from "./trail";

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

/** The report's phrases beyond its labels. */
export interface ReportPhrases {
  /** The name the report sheet wants. */
  sheetName: string;
  /** A lapsed acceptance's status. */
  lapsedStatus: string;
  /** The printed page's footer (Excel's header/footer codes: &F file, &P page, &N pages). */
  pageFooter: string;
  status: { passed: string; accepted: string } & Record<Severity, string>;
  /** An accepted finding's status: 已接受（警告）. */
  acceptedStatus(severity: string): string;
  kind: Record<TrailEntry["kind"], string>;
  lapse: Record<LapsedAcceptance["why"], string>;
  /** A change-trail entry's details column. */
  trail: {
    target(value: string): string;
    locked(units: readonly string[]): string;
    /** Between a bound's ≥ and ≤. */
    boundSep: string;
    step(value: string): string;
    reference(row: string): string;
    undoes(time: string): string;
    by(who: string): string;
    partSep: string;
  };
}

export const REPORT_TEXT: Record<Lang, ReportPhrases> = {
  zh: {
    sheetName: "审核报告",
    lapsedStatus: "已失效",
    pageFooter: "&L&F&R第 &P 页，共 &N 页",
    status: STATUS_TEXT.zh,
    acceptedStatus: (severity) => `${STATUS_TEXT.zh.accepted}（${severity}）`,
    kind: KIND_TEXT.zh,
    lapse: LAPSE_TEXT.zh,
    trail: {
      target: (v) => `目标 ${v}`,
      locked: (units) => `锁定：${units.join("、")}`,
      boundSep: "，",
      step: (v) => `步长 ${v}`,
      reference: (row) => `参考：${row}`,
      undoes: (time) => `撤销 ${time} 的调整`,
      by: (who) => `应用人：${who}`,
      partSep: "；",
    },
  },
  en: {
    sheetName: "Audit report",
    lapsedStatus: "lapsed",
    pageFooter: "&L&F&RPage &P of &N",
    status: STATUS_TEXT.en,
    acceptedStatus: (severity) => `${STATUS_TEXT.en.accepted} (${severity})`,
    kind: KIND_TEXT.en,
    lapse: LAPSE_TEXT.en,
    trail: {
      target: (v) => `target ${v}`,
      locked: (units) => `locked: ${units.join(", ")}`,
      boundSep: ", ",
      step: (v) => `step ${v}`,
      reference: (row) => `reference: ${row}`,
      undoes: (time) => `undoes the change of ${time}`,
      by: (who) => `applied by ${who}`,
      partSep: "; ",
    },
  },
};
