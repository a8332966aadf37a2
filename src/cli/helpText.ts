/**
 * The command line's help in both languages (the language rule: cliLang.ts; commander's own errors
 * and an option's facts: usageText.ts). Flags, formats and method names are typed as they are in
 * either language; everything else a person reads is in theirs.
 */
import type { Lang } from "../core/messages";

export interface HelpWords {
  program: string;
  usage: string;
  options: string;
  commands: string;
  arguments: string;
  help: string;
  helpCommand: string;
  version: string;
  choices: string;
  default: string;
  check: {
    description: string;
    files: string;
    sheet: string;
    map: string;
    format: string;
    annotate: string;
    report: string;
    preparer: string;
    reviewer: string;
    strict: string;
    jobs: string;
  };
  detect: { description: string; file: string; sheet: string; format: string };
  rebalance: {
    description: string;
    file: string;
    sheet: string;
    indicator: string;
    target: string;
    method: string;
    reference: string;
    weights: string;
    parent: string;
    edit: string;
    fix: string;
    zeroBase: string;
    lock: string;
    min: string;
    max: string;
    step: string;
    out: string;
    overwriteFormulas: string;
    by: string;
    format: string;
  };
  lang: string;
  /** --max-cells, the same on check, detect and rebalance. */
  maxCells: string;
  /** --soffice, the same on check, detect and rebalance. */
  soffice: string;
  /** What help shows for `[options]` and `[command]`. */
  optionsTerm: string;
  commandTerm: string;
  /** Placeholders of option values and arguments, as help shows them (`--sheet <name>`). */
  arg: Record<
    | "name"
    | "map"
    | "format"
    | "out"
    | "person"
    | "files"
    | "file"
    | "text"
    | "n"
    | "method"
    | "row"
    | "unitValue"
    | "what"
    | "policy"
    | "unit"
    | "step"
    | "xlsx"
    | "program"
    | "lang",
    string
  >;
}

export const HELP: Record<Lang, HelpWords> = {
  zh: {
    program: "指标分解校核：检查省、市、区县指标分解是否加总一致",
    usage: "用法：",
    options: "选项：",
    commands: "命令：",
    arguments: "参数：",
    help: "显示帮助",
    helpCommand: "显示某个命令的帮助",
    version: "显示版本号",
    choices: "可选",
    default: "默认",
    check: {
      description:
        "校核 .xlsx、CSV 或（经 LibreOffice 转换的）.xls/.et 文件中的指标分解表（退出码 0 无错误，1 有错误，2 有文件无法使用）",
      files:
        ".xlsx 工作簿、CSV/TSV 表格（UTF-8、UTF-16、GB18030/GBK、Big5）、.xls 或 WPS .et（装有 LibreOffice 时自动转换），或存放它们的文件夹（只看文件夹本层的这些文件）",
      sheet: "只校核这张工作表",
      map: "按此表格映射文件（tdcheck detect --format json 的输出，可修改）读取表格，不再自动识别",
      format: "输出格式（csv：供 Excel 打开的问题清单，UTF-8 带 BOM）",
      annotate:
        "写出一份标出问题单元格的副本（从不修改输入文件；CSV 或 .xls/.et 的副本是新的 .xlsx）；校核多个文件时为一个文件夹",
      report: "写出一份加了“审核报告”工作表的副本；校核多个文件时为一个文件夹",
      preparer: "填表人，写在审核报告上",
      reviewer: "审核人，写在审核报告上",
      strict: "有警告也按失败处理（退出码 1）",
      jobs: "批量校核时同时处理的文件数（主线程算一个，其余为工作线程）；默认每 1.5 个 CPU 核一个，内存不足时更少；输出与一个时相同",
    },
    detect: {
      description: "显示识别结果：表格、上级、下级、各指标类型（--format json 输出可供 --map 使用的映射）",
      file: ".xlsx 工作簿、CSV/TSV 表格或 .xls/.et",
      sheet: "只看这张工作表",
      format: "输出格式",
    },
    rebalance: {
      description:
        "让一个指标的下级合计等于上级，显示预览；给出 --out 时写出调整后的副本（退出码 0 成功，1 无法调整，2 输入有误）",
      file: ".xlsx 工作簿、CSV/TSV 表格或 .xls/.et（从不修改）",
      sheet: "表格所在的工作表",
      indicator: "指标：名称，或名称中唯一的一部分",
      target: "上级的新目标（默认：表中上级现值）",
      method: "未锁定的下级如何分摊变化",
      reference: "参考行（基期、GDP 或任何因素），用于 --method reference",
      weights: "比率指标的分母行，或加权最小调整的权重行",
      parent: "分解的上级（三级表中的某个市）",
      edit: "改动一个下级并保持合计，写作 单位=数值",
      fix: "下级不变，上级改为下级合计",
      zeroBase: "将余额平均分给现值为零的下级",
      lock: "保持该下级不变（可重复；单位名称或其中唯一的一部分）",
      min: "下级的下限，写作 单位=数值（可重复）",
      max: "下级的上限，写作 单位=数值（可重复）",
      step: "取整步长（默认：指标自身的小数位；计数为 1）",
      out: "写出调整后副本的位置；不给则只显示预览，不写任何文件",
      overwriteFormulas: "允许用数值替换要写入单元格中的公式",
      by: "应用调整的人（填表人），记入副本的变更记录",
      format: "输出格式",
    },
    lang: "输出语言（默认：按系统语言，中文或英文；其他为中文）",
    maxCells: "最多读取多少个有数值或公式的单元格（默认 10,000,000；只有格式的空单元格不计）",
    soffice:
      "LibreOffice 的 soffice 程序，用于把 .xls/.et 转换为 .xlsx 后校核（默认：环境变量 TDCHECK_SOFFICE，或在 PATH 及常见安装位置中查找）",
    optionsTerm: "[选项]",
    commandTerm: "[命令]",
    arg: {
      name: "<名称>",
      map: "<映射.json>",
      format: "<格式>",
      out: "<输出>",
      person: "<姓名>",
      files: "文件...",
      file: "文件",
      text: "<指标>",
      n: "<数值>",
      method: "<方法>",
      row: "<行>",
      unitValue: "<单位=数值>",
      what: "<对象>",
      policy: "<方式>",
      unit: "<单位>",
      step: "<步长>",
      xlsx: "<输出.xlsx>",
      program: "<程序>",
      lang: "<语言>",
    },
  },
  en: {
    program: "指标分解校核 · Target Decomposition Check — checks that target splits add up",
    usage: "Usage:",
    options: "Options:",
    commands: "Commands:",
    arguments: "Arguments:",
    help: "display help",
    helpCommand: "display help for a command",
    version: "output the version number",
    choices: "choices",
    default: "default",
    check: {
      description:
        "check the target tables in .xlsx, CSV or (converted by LibreOffice) .xls/.et files (exit 0 clean, 1 errors, 2 any input unusable)",
      files:
        ".xlsx workbooks, CSV/TSV tables (UTF-8, UTF-16, GB18030/GBK, Big5), .xls or WPS .et files (converted when LibreOffice is installed), or folders of them (each folder's own such files, not its subfolders)",
      sheet: "only check this sheet",
      map: "use this table map (from `tdcheck detect --format json`, corrected) instead of detection",
      format: "output format (csv: findings for Excel, UTF-8 with BOM)",
      annotate:
        "write a copy with the flagged cells marked (the input is never modified; a CSV's or .xls/.et's copy is a new .xlsx); a folder when several files are checked",
      report:
        "write a copy with an audit report sheet 审核报告 added; a folder when several files are checked",
      preparer: "填表人, shown on the audit report",
      reviewer: "审核人, shown on the audit report",
      strict: "also fail (exit 1) on warnings",
      jobs: "files of a batch checked at once: the main thread and N−1 worker threads (default: one per 1.5 cores, fewer when memory is short); output as with one",
    },
    detect: {
      description:
        "show what was detected: tables, parents, children, indicator kinds (--format json gives a map for --map)",
      file: ".xlsx workbook, CSV/TSV table or .xls/.et",
      sheet: "only this sheet",
      format: "output format",
    },
    rebalance: {
      description:
        "make one indicator's split add up: shows the preview, and writes the result to a copy with --out (exit 0 done, 1 refused, 2 bad input)",
      file: ".xlsx workbook, CSV/TSV table or .xls/.et (never modified)",
      sheet: "the sheet holding the table",
      indicator: "the indicator: its name or a unique part of it",
      target: "the parent's new total (default: the parent's stated value)",
      method: "how the free children absorb the change",
      reference: "reference row (base year, GDP, any factor) for --method reference",
      weights: "denominator row of a ratio indicator, or minimal-change weights",
      parent: "the parent of the split (a city in a three-level table)",
      edit: "set one child and keep the total: UNIT=VALUE",
      fix: "keep the children and set the parent to their sum",
      zeroBase: "spread the rest equally over zero-base children",
      lock: "keep this child's value (repeatable; its name or a unique part of it)",
      min: "lower bound for a child: UNIT=VALUE (repeatable)",
      max: "upper bound for a child: UNIT=VALUE (repeatable)",
      step: "rounding grid (default: the indicator's own decimals; counts 1)",
      out: "where to write the rebalanced copy; without it the preview is shown and nothing is written",
      overwriteFormulas: "replace formulas in the cells to write",
      by: "who applies the change, for the copy's change trail (填表人)",
      format: "output format",
    },
    lang: "message language (default: the system's, Chinese or English; otherwise Chinese)",
    maxCells:
      "most cells with values or formulas to read (default 10,000,000; empty styled cells do not count)",
    soffice:
      "LibreOffice's soffice program, to convert .xls/.et to .xlsx before checking (default: $TDCHECK_SOFFICE, else found on PATH and in the usual places)",
    optionsTerm: "[options]",
    commandTerm: "[command]",
    arg: {
      name: "<name>",
      map: "<map.json>",
      format: "<format>",
      out: "<out>",
      person: "<name>",
      files: "files...",
      file: "file",
      text: "<text>",
      n: "<n>",
      method: "<method>",
      row: "<row>",
      unitValue: "<unit=value>",
      what: "<what>",
      policy: "<policy>",
      unit: "<unit>",
      step: "<s>",
      xlsx: "<out.xlsx>",
      program: "<path>",
      lang: "<lang>",
    },
  },
};
