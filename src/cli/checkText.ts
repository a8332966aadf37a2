/**
 * What `tdcheck check` says beyond the findings themselves (those are core's: core/messages.ts):
 * its text output's table lines and totals, acceptances, the copies it wrote or would not write, and
 * a batch's summary table. One catalog per language; the command picks by `lang`, never by branching.
 */
import type { CheckSummary, ProgressionSummary, SplitSummary } from "../core/check";
import type { Lang } from "../core/messages";
import type { BatchSummary } from "./batch";
import { plural } from "./plural";
import { TABLE_TEXT } from "./tableText";

/** A batch's verdict on one file, the summary table's last column. */
export type FileStatus =
  "unusable" | "unreadable" | "copyNotWritten" | "errors" | "warnings" | "strictWarnings" | "clean";

interface CheckCatalog {
  /** A split found, after its place (分解表!A3:Q8); `counts` is "3 比率, 2 可加". */
  split(t: SplitSummary, counts: string): string;
  /** A progression found, after its place. */
  progression(p: ProgressionSummary): string;
  /** The last line: what was found and checked, and how it came out. */
  summary(s: CheckSummary): string;
  /** Appended to the summary when the workbook holds acceptances. */
  acceptedCounts(accepted: number, lapsed: number): string;
  /** Before the ranges detection looked at and did not check. */
  lookedAtNotChecked(described: readonly string[]): string;
  /** Heading of the findings accepted with a reason. */
  acceptedHeading: string;
  /** Under an accepted finding: the reason, who accepted it and when (a date). */
  acceptedReason(reason: string, by: string, date: string): string;
  /** A stored acceptance that no longer applies: a cell it covers changed, or the finding is gone. */
  lapsed(where: string, rule: string, why: "changed" | "gone"): string;
  /** The stored acceptances cannot be read (the code stays out of the Chinese line). */
  acceptancesUnreadable(file: string, code: string): string;
  /** The stored change trail cannot be read, so the report leaves it out. */
  trailUnreadable(file: string, code: string): string;
  /** A copy's path is one of the inputs. */
  overwritesInput(out: string): string;
  /** The copies, as "cannot write the …" names them. */
  copyName: { annotate: string; report: string };
  /** A copy that would lose content of the input is not written; `parts` lists the parts at fault. */
  cannotWriteCopy(what: string, detail: string, parts: string): string;
  annotatedWritten(out: string): string;
  reportWritten(out: string): string;
  /** A batch's copies: the folders they went to. */
  annotatedFolder(dir: string): string;
  reportFolder(dir: string): string;
  /** With several files, --annotate and --report name folders, and this one is a file. */
  folderNeeded(dir: string): string;
  /** The batch summary table's headings: file, tables, errors, warnings, status. */
  batchHeadings: [string, string, string, string, string];
  status: Record<FileStatus, string>;
  /** Under the batch summary table: the totals. */
  batchTotal(s: BatchSummary): string;
}

const ZH: CheckCatalog = {
  split: (t, counts) =>
    `分解表（${TABLE_TEXT.zh.orientation[t.orientation]}）：上级“${t.parent}”${t.assignment ? `，下达“${t.assignment}”` : ""}，${t.children.length} 个下级单位，${t.indicators.length} 个指标（${counts}）`,
  progression: (p) => `年度进度表（${p.periods.join("、")}）：${p.indicators.length} 个指标，不跨年相加`,
  summary: (s) =>
    `共 ${s.tables} 张分解表、${s.progressions} 张进度表、${s.indicators} 个指标；执行 ${s.checks} 项校核，通过 ${s.passed} 项；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}`,
  acceptedCounts: (accepted, lapsed) => `；已接受 ${accepted}，接受失效 ${lapsed}`,
  lookedAtNotChecked: (described) => `查看但未校核：${described.join("；")}`,
  acceptedHeading: "已接受（上报说明）：",
  acceptedReason: (reason, by, date) => `说明：${reason}（${by}，${date}）`,
  lapsed: (where, rule, why) =>
    `接受已失效：${where} ${rule}（${why === "changed" ? "所涉单元格已修改，需重新确认" : "该问题已不再出现"}）`,
  acceptancesUnreadable: (file) => `${file}：本工具保存的接受记录已损坏，无法读取，按没有接受记录处理`,
  trailUnreadable: (file) => `${file}：本工具保存的变更记录已损坏，无法读取，报告中不列出`,
  overwritesInput: (out) => `不会覆盖输入文件，请为输出副本另选文件名：${out}`,
  copyName: { annotate: "标注副本", report: "审核报告" },
  cannotWriteCopy: (what, detail, parts) =>
    `无法在不丢失内容的前提下写出${what}（${detail}${parts ? `：${parts}` : ""}），未写任何文件`,
  annotatedWritten: (out) => `已写出标注副本：${out}`,
  reportWritten: (out) => `已写出审核报告：${out}`,
  annotatedFolder: (dir) => `标注副本已写入：${dir}`,
  reportFolder: (dir) => `审核报告已写入：${dir}`,
  folderNeeded: (dir) => `检查多个文件时 --annotate/--report 须指定文件夹：${dir} 是文件`,
  batchHeadings: ["文件", "表格", "错误", "警告", "结果"],
  status: {
    unusable: "无法校核",
    unreadable: "有工作表无法读取",
    copyNotWritten: "未能写出副本",
    errors: "有错误",
    warnings: "有警告",
    strictWarnings: "有警告（严格）",
    clean: "通过",
  },
  batchTotal: (s) =>
    `共 ${s.files} 个文件：${s.checked} 个已校核，${s.unusable} 个无法校核；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}${s.accepted ? `，已接受 ${s.accepted}` : ""}`,
};

const EN: CheckCatalog = {
  split: (t, counts) =>
    `split (${TABLE_TEXT.en.orientation[t.orientation]}): parent "${t.parent}"${t.assignment ? `, assignment "${t.assignment}"` : ""}, ${t.children.length} children, ${t.indicators.length} indicators (${counts})`,
  progression: (p) =>
    `progression (${p.periods.join(", ")}): ${p.indicators.length} indicators, never summed across periods`,
  summary: (s) =>
    `${plural(s.tables, "split table", "split tables")}, ${plural(s.progressions, "progression", "progressions")}, ${plural(s.indicators, "indicator", "indicators")}; ${plural(s.checks, "check", "checks")} run, ${s.passed} passed; ${plural(s.errors, "error", "errors")}, ${plural(s.warnings, "warning", "warnings")}, ${s.infos} info`,
  acceptedCounts: (accepted, lapsed) => `; ${accepted} accepted, ${lapsed} lapsed`,
  lookedAtNotChecked: (described) => `Looked at, not checked: ${described.join("; ")}`,
  acceptedHeading: "Accepted (with a reason):",
  acceptedReason: (reason, by, date) => `reason: ${reason} (${by}, ${date})`,
  lapsed: (where, rule, why) =>
    `Acceptance lapsed: ${where} ${rule} (${why === "changed" ? "a covered cell changed; confirm it again" : "the finding no longer occurs"})`,
  acceptancesUnreadable: (file, code) =>
    `${file}: the acceptances in the _tdcheck sheet cannot be read (${code}); checking without them`,
  trailUnreadable: (file, code) =>
    `${file}: the change trail in the _tdcheck sheet cannot be read (${code}); the report leaves it out`,
  overwritesInput: (out) => `refusing to overwrite an input; choose another name for the copy: ${out}`,
  copyName: { annotate: "annotated copy", report: "report" },
  cannotWriteCopy: (what, detail, parts) =>
    `cannot write the ${what} without losing content (${detail}${parts ? `: ${parts}` : ""}); nothing written`,
  annotatedWritten: (out) => `Annotated copy written: ${out}`,
  reportWritten: (out) => `Audit report written: ${out}`,
  annotatedFolder: (dir) => `Annotated copies written to: ${dir}`,
  reportFolder: (dir) => `Audit reports written to: ${dir}`,
  folderNeeded: (dir) => `with several files, --annotate/--report name a folder; ${dir} is a file`,
  batchHeadings: ["File", "Tables", "Errors", "Warnings", "Status"],
  status: {
    unusable: "unusable",
    unreadable: "sheet unreadable",
    copyNotWritten: "copy not written",
    errors: "errors",
    warnings: "warnings",
    strictWarnings: "warnings (strict)",
    clean: "clean",
  },
  batchTotal: (s) =>
    `${plural(s.files, "file", "files")}: ${s.checked} checked, ${s.unusable} unusable; ${plural(s.errors, "error", "errors")}, ${plural(s.warnings, "warning", "warnings")}, ${s.infos} info${s.accepted ? `, ${s.accepted} accepted` : ""}`,
};

export const CHECK_TEXT: Record<Lang, CheckCatalog> = { zh: ZH, en: EN };
