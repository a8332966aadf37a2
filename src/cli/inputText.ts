/**
 * What the command line says about its inputs and outputs beyond the .xlsx door's own problems:
 * text tables (CSV) and their encodings, files held open by Excel, copies written as new workbooks,
 * progress, parallel jobs, a --map file, formulas without results. One catalog per language; the
 * commands pick by `lang`, never by branching.
 */
import type { DelimitedProblem, DelimitedSource, Delimiter, TextEncodingName } from "../core/csv";
import type { Lang } from "../core/messages";
import type { LegacyFormat } from "./legacyInput";

const ENCODING_NAME: Record<TextEncodingName, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  gb18030: "GB18030",
  big5: "Big5",
};

interface InputCatalog {
  delimiter: Record<Delimiter, string>;
  /** "CSV, GB18030, comma-separated": how a text table was read. */
  source(s: DelimitedSource): string;
  delimitedProblem(file: string, p: DelimitedProblem): string;
  notFound(file: string): string;
  isFolder(file: string): string;
  /** A folder named in a batch with nothing in it to check. */
  emptyFolder(dir: string): string;
  cannotRead(file: string, code: string): string;
  /** The input cannot be opened because Excel holds it (EBUSY / EPERM on Windows). */
  lockedByExcel(file: string): string;
  /** Excel's owner file (~$name) lies beside the input: Excel has it open, unsaved edits are not in the file. */
  openInExcel(file: string, owner: string): string;
  /** An output that cannot be written because Excel holds it. */
  outputLocked(out: string): string;
  /** A copy of a text table is a new workbook; a .csv name would hide that. */
  copyNeedsXlsx(out: string): string;
  /** Appended to "written" lines for copies of a text table. */
  newWorkbookNote: string;
  readingRows(file: string, rows: number): string;
  checkingRows(file: string, rows: number): string;
  filesDone(done: number, total: number): string;
  badJobs(value: string): string;
  workerFailed(file: string, detail: string): string;
  /** A check that threw (a bug): the file is unusable, the batch goes on. */
  checkFailed(file: string, detail: string): string;
  /** The line refusing an .xls/.et, with how to install LibreOffice (or that --soffice names no program). */
  installLibreOffice(refusal: string, soffice: string | undefined): string;
  /** How a converted input was read (the text output's first line, beside the file's name). */
  convertedSource(format: LegacyFormat): string;
  /** The file's name as an audit report of a converted input shows it. */
  convertedName(name: string): string;
  /** Appended to "written" lines for copies of a converted input. */
  convertedCopyNote(format: LegacyFormat): string;
  /** A copy of a converted input is an .xlsx; any other name is refused with the one to use. */
  convertedCopyNeedsXlsx(out: string, format: LegacyFormat, suggested: string): string;
  /** A batch's converted inputs, under its table. */
  convertedFiles(files: readonly string[]): string;
  /** The copy LibreOffice converts could not be made in the temporary folder (full, read-only, missing). */
  noTemporaryCopy(file: string, folder: string, errno: string): string;
  /** The progress line while LibreOffice converts (a terminal only). */
  converting(files: number): string;
  /** LibreOffice took longer than the timeout; its processes were killed. */
  conversionTimedOut(file: string, seconds: number): string;
  /** LibreOffice could not be started, or ended with a failure. */
  conversionFailed(file: string, program: string): string;
  /** The file starts like an .xls/.et but its header is damaged: LibreOffice is not started for it. */
  damagedLegacy(file: string, format: LegacyFormat): string;
  /** LibreOffice ran but could not read this file. */
  notConverted(file: string, format: LegacyFormat): string;
  /** --map names no file. */
  mapNotFound(path: string): string;
  /** The --map file is not JSON; `detail` is the parser's own words. */
  mapNotJson(path: string, detail: string): string;
  /** The --map file is JSON but not a table map that fits the workbook: where, and what is wrong. */
  mapWrong(path: string, at: string, problem: string): string;
  /** Formula cells of the tables carry no cached result (a program that does not calculate wrote the file). */
  uncalculated(file: string, cells: readonly string[]): string;
}

/** The first five of the cells, then "…". */
const firstCells = (cells: readonly string[], sep: string): string =>
  cells.slice(0, 5).join(sep) + (cells.length > 5 ? "…" : "");

const count = (n: number): string => n.toLocaleString("en-US");

const ZH: InputCatalog = {
  delimiter: { ",": "逗号分隔", "\t": "制表符分隔", ";": "分号分隔" },
  source: (s) => `CSV，${ENCODING_NAME[s.encoding]} 编码，${ZH.delimiter[s.delimiter]}，${count(s.rows)} 行`,
  delimitedProblem: (f, p) => {
    switch (p.code) {
      case "BINARY":
        return `${f} 不是文本表格（含有文本中不会出现的控制字符，可能是其他程序的二进制文件）：请在 Excel 或 WPS 中打开并另存为 .xlsx 后再检查`;
      case "UNKNOWN_ENCODING":
        return `${f}：无法确定文本编码（已尝试 ${p.tried.map((e) => ENCODING_NAME[e]).join("、")}）：请在 Excel 或 WPS 中打开，另存为 .xlsx 或“CSV UTF-8”后再检查`;
      case "UNTERMINATED_QUOTE":
        return `${f}：第 ${p.line} 行的引号没有闭合，其后的全部内容会并入一个单元格：请检查该行后再检查`;
      case "TOO_MANY_CELLS":
        return `${f} 超出读取上限（${count(p.maxCells)} 个单元格），为安全起见未读取：如确信文件可靠，可用 --max-cells 调高上限（需要相应的内存），或拆分文件`;
      case "EMPTY":
        return `${f}：文件是空的，没有可校核的内容`;
    }
  },
  notFound: (f) => `找不到文件：${f}`,
  isFolder: (f) => `这是一个文件夹，不是工作簿或 CSV 文件：${f}`,
  emptyFolder: (d) => `${d}：文件夹中没有可校核的文件（.xlsx、.csv、.tsv、.xls、.et）`,
  // The system's code (EACCES) stays out of Chinese text: it is said in words.
  cannotRead: (f, code) =>
    `无法读取文件 ${f}（${code === "EACCES" || code === "EPERM" ? "没有读取权限" : "系统拒绝读取"}）`,
  lockedByExcel: (f) => `${f}：文件正在 Excel 中打开（已被锁定）：请在 Excel 中关闭它，或先复制一份再检查`,
  openInExcel: (f, owner) =>
    `注意：${f} 正在 Excel 中打开（旁边有 ${owner}）：校核的是最后一次保存的内容，未保存的修改不在其中；请保存并关闭，或复制一份再检查`,
  outputLocked: (out) =>
    `无法写出 ${out}：该文件正在 Excel 中打开：请在 Excel 中关闭它，或另选文件名；未写出该文件`,
  copyNeedsXlsx: (out) =>
    `${out}：CSV 文件的副本是新建的 .xlsx 工作簿（CSV 无法保存标注与报告），请用 .xlsx 作输出文件名；未写出任何文件`,
  newWorkbookNote: "（由 CSV 新建的 .xlsx 工作簿，含原表的数值与文字）",
  readingRows: (f, rows) => `读取 ${f}：已读 ${count(rows)} 行…`,
  checkingRows: (f, rows) => `校核 ${f}：${count(rows)} 行…`,
  filesDone: (done, total) => `已校核 ${count(done)}/${count(total)} 个文件…`,
  badJobs: (v) => `--jobs ${v}：应为不小于 1 的整数`,
  workerFailed: (f, detail) => `${f}：校核进程意外停止（${detail}），该文件未能校核`,
  checkFailed: (f, detail) => `${f}：校核时出现内部错误（${detail}），该文件未能校核`,
  installLibreOffice: (refusal, soffice) =>
    refusal +
    (soffice === undefined
      ? "也可以安装 LibreOffice，由本工具自动转换后校核（Debian/Ubuntu：apt-get install libreoffice-calc-nogui；Windows、macOS：安装 LibreOffice，或用 --soffice 指定 soffice 程序的位置）。"
      : `--soffice 指定的 ${soffice} 不是可运行的程序：请给出 LibreOffice 的 soffice 程序的位置（Debian/Ubuntu 可用 apt-get install libreoffice-calc-nogui 安装）。`),
  convertedSource: (format) => `经 LibreOffice 由 .${format} 转换为 .xlsx 后读取`,
  convertedName: (name) => `${name}（经 LibreOffice 转换）`,
  convertedCopyNote: (format) => `（由 LibreOffice 从 .${format} 转换而来的 .xlsx 工作簿）`,
  convertedCopyNeedsXlsx: (out, format, suggested) =>
    `${out}：.${format} 文件的副本是经 LibreOffice 转换的 .xlsx 工作簿（本工具不写 .${format}），请用 .xlsx 作输出文件名（例如 ${suggested}）；未写出任何文件`,
  convertedFiles: (files) => `经 LibreOffice 转换为 .xlsx 后读取：${files.join("、")}`,
  noTemporaryCopy: (f, dir, errno) =>
    `${f}：无法在临时文件夹 ${dir} 中为 LibreOffice 准备副本（${errno === "ENOSPC" || errno === "EDQUOT" ? "磁盘空间不足" : errno === "EACCES" || errno === "EPERM" || errno === "EROFS" ? "没有写入权限" : "系统拒绝写入"}），文件未转换：请腾出空间或设置 TMPDIR 后重试，或在 Excel 或 WPS 中另存为 .xlsx`,
  converting: (n) => `正在用 LibreOffice 把 ${count(n)} 个 .xls/.et 文件转换为 .xlsx…`,
  conversionTimedOut: (f, s) =>
    `${f}：LibreOffice 转换超时（${count(s)} 秒内未完成，已终止其进程）：请在 Excel 或 WPS 中另存为 .xlsx 后再检查，或用环境变量 TDCHECK_SOFFICE_TIMEOUT 放宽时限（秒）`,
  conversionFailed: (f, program) =>
    `${f}：LibreOffice（${program}）未能运行完成，文件未转换：请在 Excel 或 WPS 中另存为 .xlsx 后再检查`,
  damagedLegacy: (f, format) =>
    `${f} 不是有效的 .${format} 工作簿（文件头已损坏，可能下载或传输不完整）：请重新获取原文件，或在 Excel 或 WPS 中打开并另存为 .xlsx 后再检查`,
  notConverted: (f, format) =>
    `${f}：LibreOffice 无法读取此文件（不是有效的 .${format} 工作簿，或已损坏、设有密码）：请在 Excel 或 WPS 中打开并另存为 .xlsx 后再检查`,
  mapNotFound: (path) => `找不到表格映射文件：${path}`,
  mapNotJson: (path, detail) => `${path} 不是有效的 JSON：${detail}`,
  mapWrong: (path, at, problem) => `${path} 中的表格映射有误：${at}：${problem}`,
  uncalculated: (f, cells) =>
    `${f}：表中 ${cells.length} 个公式单元格没有计算结果（${firstCells(cells, "、")}），文件可能由不计算公式的程序生成：请在 Excel 或 WPS 中打开并保存后再检查`,
};

const EN: InputCatalog = {
  delimiter: { ",": "comma-separated", "\t": "tab-separated", ";": "semicolon-separated" },
  source: (s) => `CSV, ${ENCODING_NAME[s.encoding]}, ${EN.delimiter[s.delimiter]}, ${count(s.rows)} rows`,
  delimitedProblem: (f, p) => {
    switch (p.code) {
      case "BINARY":
        return `${f} is not a text table (it holds control characters text never has; perhaps another program's binary file): open it in Excel or WPS, save it as .xlsx, then check that`;
      case "UNKNOWN_ENCODING":
        return `${f}: cannot tell the text's encoding (tried ${p.tried.map((e) => ENCODING_NAME[e]).join(", ")}): open it in Excel or WPS, save it as .xlsx or "CSV UTF-8", then check that`;
      case "UNTERMINATED_QUOTE":
        return `${f}: the quote opened on line ${p.line} is never closed, so everything after it would become one cell: fix that line, then check again`;
      case "TOO_MANY_CELLS":
        return `${f} exceeds a read limit (${count(p.maxCells)} cells) and was not read, for safety: raise the limit with --max-cells if you trust the file (it needs memory to match), or split the file`;
      case "EMPTY":
        return `${f}: the file is empty; there is nothing to check`;
    }
  },
  notFound: (f) => `No such file: ${f}`,
  isFolder: (f) => `This is a folder, not a workbook or CSV file: ${f}`,
  emptyFolder: (d) => `${d}: the folder holds no file to check (.xlsx, .csv, .tsv, .xls, .et)`,
  cannotRead: (f, code) => `Cannot read ${f} (${code})`,
  lockedByExcel: (f) => `${f}: the file is open in Excel (locked): close it or copy it, then check again`,
  openInExcel: (f, owner) =>
    `note: ${f} is open in Excel (${owner} beside it): what is checked is the last saved version, without unsaved edits; save and close it, or copy it`,
  outputLocked: (out) =>
    `cannot write ${out}: the file is open in Excel: close it or choose another name; that file was not written`,
  copyNeedsXlsx: (out) =>
    `${out}: the copy of a CSV file is a new .xlsx workbook (a CSV cannot carry flags or a report): give the output an .xlsx name; nothing was written`,
  newWorkbookNote: " (a new .xlsx workbook made from the CSV: its numbers and text)",
  readingRows: (f, rows) => `Reading ${f}: ${count(rows)} rows…`,
  checkingRows: (f, rows) => `Checking ${f}: ${count(rows)} rows…`,
  filesDone: (done, total) => `Checked ${count(done)}/${count(total)} files…`,
  badJobs: (v) => `--jobs ${v}: expected a whole number of at least 1`,
  workerFailed: (f, detail) =>
    `${f}: the checking worker stopped unexpectedly (${detail}); the file was not checked`,
  checkFailed: (f, detail) =>
    `${f}: an internal error stopped its check (${detail}); the file was not checked`,
  installLibreOffice: (refusal, soffice) =>
    `${refusal} ` +
    (soffice === undefined
      ? "Or install LibreOffice and tdcheck converts it itself (Debian/Ubuntu: apt-get install libreoffice-calc-nogui; Windows, macOS: install LibreOffice, or pass --soffice with the path of its soffice program)."
      : `--soffice ${soffice} is not a program that can be run: give the path of LibreOffice's soffice program (Debian/Ubuntu: apt-get install libreoffice-calc-nogui).`),
  convertedSource: (format) => `read through LibreOffice, converted from .${format} to .xlsx`,
  convertedName: (name) => `${name} (converted by LibreOffice)`,
  convertedCopyNote: (format) => ` (an .xlsx workbook converted from the .${format} by LibreOffice)`,
  convertedCopyNeedsXlsx: (out, format, suggested) =>
    `${out}: the copy of an .${format} file is an .xlsx workbook converted by LibreOffice (tdcheck does not write .${format}): give the output an .xlsx name (e.g. ${suggested}); nothing was written`,
  convertedFiles: (files) => `Read through LibreOffice, converted to .xlsx: ${files.join(", ")}`,
  noTemporaryCopy: (f, dir, errno) =>
    `${f}: cannot make the copy LibreOffice converts in the temporary folder ${dir} (${errno === "ENOSPC" || errno === "EDQUOT" ? "the disk is full" : errno}), so it was not converted: free some space or set TMPDIR and try again, or save it as .xlsx in Excel or WPS`,
  converting: (n) =>
    `Converting ${count(n)} .xls/.et ${n === 1 ? "file" : "files"} to .xlsx with LibreOffice…`,
  conversionTimedOut: (f, s) =>
    `${f}: LibreOffice did not finish converting it within ${count(s)} s (its processes were stopped): save it as .xlsx in Excel or WPS, or allow more time with TDCHECK_SOFFICE_TIMEOUT (seconds)`,
  conversionFailed: (f, program) =>
    `${f}: LibreOffice (${program}) did not run to the end, so the file was not converted: save it as .xlsx in Excel or WPS, then check that`,
  damagedLegacy: (f, format) =>
    `${f} is not a valid .${format} workbook (its header is damaged, perhaps an incomplete download or transfer): get the file again, or open it in Excel or WPS, save it as .xlsx and check that`,
  notConverted: (f, format) =>
    `${f}: LibreOffice could not read it (not a valid .${format} workbook, or damaged, or password-protected): open it in Excel or WPS, save it as .xlsx, then check that`,
  mapNotFound: (path) => `No such map file: ${path}`,
  mapNotJson: (path, detail) => `${path} is not valid JSON: ${detail}`,
  mapWrong: (path, at, problem) => `${path}: the table map is wrong at ${at}: ${problem}`,
  uncalculated: (f, cells) =>
    `${f}: ${cells.length === 1 ? "1 formula cell in the table has" : `${cells.length} formula cells in the table have`} no calculated result (${firstCells(cells, ", ")}); the file was probably written by a program that does not calculate formulas: open it in Excel or WPS, save it, and check again`,
};

export const INPUT_TEXT: Record<Lang, InputCatalog> = { zh: ZH, en: EN };
