/**
 * One line per unusable input, in the reader's language, saying what the file is and what to do.
 * The CLI prints this and exits 2; nothing here decides anything about the cells.
 */
import type { XlsxProblem } from "./read";

export interface ProblemText {
  zh: string;
  en: string;
}

/** What package.ts finds a legacy file to be, said in Chinese (its details are English, for logs and JSON). */
const LEGACY_ZH: Record<string, string> = {
  "an Excel 97–2003 (.xls) workbook": "Excel 97–2003 (.xls) 工作簿",
  "an XML Spreadsheet 2003 file": "XML 电子表格 2003 文件",
  "a web page (HTML) saved with a spreadsheet name": "以表格文件名保存的网页 (HTML)",
  "not an .xlsx file (named .xls)": "文件名为 .xls，但内容不是 .xlsx",
};

export function problemMessage(
  problem: XlsxProblem | { code: string; detail: string },
  fileName = "文件",
): ProblemText {
  const f = fileName;
  const d = problem.detail;
  switch (problem.code) {
    case "LEGACY_XLS":
      return {
        zh: `${f} 是旧版或非标准的 Excel 文件（${LEGACY_ZH[d] ?? d}），无法直接读取：请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿 (.xlsx) 后再检查。`,
        en: `${f} is ${d}, which cannot be read directly: open it in Excel or WPS and use Save As → Excel Workbook (.xlsx), then check the .xlsx.`,
      };
    case "WPS_ET":
      return {
        zh: `${f} 是 WPS 表格 (.et) 文件：请在 WPS 中打开，“另存为” Excel 工作簿 (.xlsx) 后再检查。`,
        en: `${f} is a WPS Spreadsheets (.et) file: open it in WPS and use Save As → Excel Workbook (.xlsx), then check the .xlsx.`,
      };
    case "ENCRYPTED":
      return {
        zh: `${f} 设有打开密码（已加密），无法读取：请在 Excel 中打开后取消“用密码进行加密”，另存一份再检查。`,
        en: `${f} is password-protected (encrypted): open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password), save a copy and check that.`,
      };
    case "TRUNCATED":
      return {
        zh: `${f} 不完整（文件被截断，可能下载或传输中断）：请重新获取原文件。（${d}）`,
        en: `${f} is incomplete (cut short, perhaps an interrupted download or transfer): get the file again. (${d})`,
      };
    case "TOO_LARGE":
      // Checked against the sizes the zip declares, before anything is inflated: true as said.
      return {
        zh: `${f} 超出读取上限，为安全起见未解压：${d}。如确需检查，请拆分工作簿。`,
        en: `${f} exceeds a read limit and was not decompressed, for safety: ${d}. Split the workbook to check it.`,
      };
    case "TOO_MANY_CELLS":
      // Counted while reading (the sheet was decompressed): the limit is --max-cells.
      return {
        zh: `${f} 的单元格数超出读取上限，未检查：${d}。如确信文件可靠，可用 --max-cells 调高上限（需要相应的内存），或拆分工作簿。`,
        en: `${f} has too many cells to check: ${d}. Raise the limit with --max-cells if you trust the file (it needs memory to match), or split the workbook.`,
      };
    case "NO_SHEETS":
      return {
        zh: `${f} 中没有可检查的工作表：${d}。`,
        en: `${f} has no worksheet to check: ${d}.`,
      };
    case "NOT_XLSX":
      return {
        zh: `${f} 不是 Excel 工作簿 (.xlsx)（${d}）：请在 Excel 或 WPS 中打开并另存为 .xlsx。`,
        en: `${f} is not an Excel workbook (.xlsx) (${d}): open it in Excel or WPS and save it as .xlsx.`,
      };
    case "CANNOT_PRESERVE":
      return {
        zh: `无法在保留原有内容的前提下写出 ${f} 的标注副本，已放弃写出：${d}。`,
        en: `Cannot write an annotated copy of ${f} that keeps everything it had, so nothing was written: ${d}.`,
      };
    default:
      return {
        zh: `${f} 已损坏，无法读取（${d}）：请在 Excel 中打开并另存一份后再检查。`,
        en: `${f} is damaged and cannot be read (${d}): open it in Excel, save a copy and check that.`,
      };
  }
}
