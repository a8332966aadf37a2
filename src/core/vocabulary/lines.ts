/**
 * Words that name what a line of a table is: a total, a subtotal, a unit's own target, an
 * assignment from the level above, a part (其中), or a line derived from the others (平均, 排名).
 * Used on the unit line (the header over the units, or the column of unit names).
 */

/** A total of the units listed beside it (docs/rules.md §1). */
export const TOTAL_WORDS = [
  "合计",
  "总计",
  "总和",
  "共计",
  "汇总",
  "总数",
  "全部",
  "全市",
  "全省",
  "全区",
  "全县",
  "全国",
  "全州",
  "全盟",
  "全旗",
  "全镇",
  "全乡",
  "全街道",
  "全村",
  "全公司",
  "全集团",
  "全系统",
  "全行业",
  "全校",
  "全局",
  "全年",
  "本省",
  "本市",
  "本区",
  "本县",
  "总量",
  "总额",
  "总体",
  "累计",
  "Σ",
  "∑",
];

/** Endings that make a name a total: 三市合计, 全省汇总, 县市合计. */
export const TOTAL_ENDINGS = ["合计", "总计", "汇总", "共计", "总和"];

/** Words a total may be followed by: 合计目标, 全市任务, 全省指标. */
export const TOTAL_TAILS = ["目标", "任务", "合计", "指标", "值", "数", "总计", "汇总"];

/** English totals (matched on the lower-cased words). */
export const TOTAL_WORDS_EN = [
  "total",
  "totals",
  "grand total",
  "overall",
  "overall total",
  "sum",
  // "All <units>" (All regions, All stores) is a pattern in detect/labels.ts, not a list.
  "all",
  "whole",
  "combined",
  "consolidated",
  "company-wide",
  "company wide",
  "whole company",
  "entire company",
  "fy",
  "full year",
  "full-year",
  "annual",
  "annual total",
  "year total",
];

/** English totals written as "<something> total" or "total <something>". */
export const TOTAL_AFFIX_EN = ["total", "grand total", "totals"];

/** A subtotal: the total of the units just before (or after) it, itself part of the total. */
export const SUBTOTAL_WORDS = ["小计", "分计", "subtotal", "sub-total", "sub total"];

/** Endings that make a name a unit's own target: 杭州市目标, 全市任务数. */
export const TARGET_ENDINGS = ["年度目标", "目标值", "目标", "任务数", "任务"];

/** What an own-target's first part may not be: these name a kind of target, not a unit. */
export const NOT_A_UNIT_BEFORE_TARGET = [
  "预期",
  "约束",
  "年度",
  "计划",
  "考核",
  "奋斗",
  "力争",
  "工作",
  "发展",
  "总体",
  "主要",
  "分解",
  "下达",
  "上级",
  "省",
  "省级",
  "国家",
  "中央",
  "部",
  "省定",
  "市定",
  "基本",
  "预计",
  "原",
  "调整",
  "调整后",
  "新",
];

/** What the level above assigned (docs/rules.md §1): 省下达目标, 考核目标, 上级分解. */
export const ASSIGNMENT_WORDS = [
  "下达",
  "上级分解",
  "上级目标",
  "上级任务",
  "省定",
  "省考核",
  "国家下达",
  "分配任务",
  "考核目标",
  "考核任务",
  "考核值",
  "考核指标值",
  "省分解",
  "assigned",
  "allocated",
  "quota",
];

/**
 * The target of a level named by the level (省目标, 国家目标): the parent on the province's own
 * sheet, the assignment beside a city's own target (杭州市目标).
 */
export const LEVEL_TARGET_WORDS = [
  "省目标",
  "省级目标",
  "全省目标值",
  "国家目标",
  "中央目标",
  "市目标",
  "县目标",
  "区目标",
];

/**
 * A figure for comparison beside the units (last year's result, the base): never a unit. Matched at
 * the start of a name…
 */
export const REFERENCE_PREFIXES = ["上年", "去年", "前年", "上一年", "基期", "基年", "现状", "同期", "上期"];

/** …or at its end (2024年实际完成, 基数, 现状值). */
export const REFERENCE_ENDINGS = [
  "实际",
  "实绩",
  "完成",
  "完成数",
  "完成值",
  "执行数",
  "基数",
  "基期值",
  "现状值",
  "prior year",
  "last year",
  "previous year",
  "actual",
  "actuals",
  "baseline",
  "base year",
];

/** A part of the line above it, never a unit of its own (其中：市区). */
export const PART_WORDS = ["其中", "内含", "含", "包括", "of which", "incl.", "incl", "including"];

/** Group captions over units in a two-row header (各区县, 分区县, 下辖): not units themselves. */
export const GROUP_CAPTION_WORDS = ["各", "分", "下辖", "所辖"];

/**
 * Lines computed from the others (a mean, a rank, a change, a rate): never a unit. Matched at the
 * start of a name…
 */
export const DERIVED_PREFIXES = [
  "平均",
  "均值",
  "最高",
  "最低",
  "最大",
  "最小",
  "中位数",
  "排名",
  "名次",
  "位次",
  "排序",
  "增长",
  "增速",
  "增幅",
  "增减",
  "增量",
  "同比",
  "环比",
  "比上年",
  "较上年",
  "占比",
  "比重",
  "差额",
  "差值",
  "完成率",
  "完成进度",
  "average",
  "avg",
  "mean",
  "median",
  "max",
  "min",
  "maximum",
  "minimum",
  "rank",
  "change",
  "growth",
  "difference",
  "variance",
  "share",
  "percent",
];

/** …or at its end (完成率, 增长(%), 占比). */
export const DERIVED_ENDINGS = [
  "率",
  "比重",
  "占比",
  "增长",
  "增幅",
  "增速",
  "(%)",
  "%",
  "平均",
  "平均分",
  "均值",
  "名次",
  "排名",
  "位次",
  "排序",
  "rank",
  "average",
];
