/**
 * Words in an indicator's name that say what kind of figure it is (docs/rules.md §1): a share of the
 * parent's own total, a ratio (never summed), a cap (lower is better), a stock or a flow.
 */

/** What a share is a share of: the parent's own total (占全市比重). */
export const SHARE_OF_OWN_TOTAL = [
  "全市",
  "全省",
  "全区",
  "全县",
  "全国",
  "全州",
  "本市",
  "本省",
  "本区",
  "总量",
  "合计",
  "总数",
  "总额",
];

/** Words that name a share outright (份额, 构成). */
export const SHARE_WORDS = [
  "份额",
  "构成",
  "结构比",
  "占比分配",
  "share of total",
  "% of total",
  "percent of total",
];

/**
 * Words that name a share when the numbers say so (the children add up to 100 or the parent is
 * 100) and a ratio otherwise: 占比, 比重, share, proportion.
 */
export const SHARE_OR_RATIO_WORDS = ["占比", "比重", "比例", "share", "proportion", "distribution"];

/** Ratios: never summed; the parent lies within its children's range. */
export const RATIO_WORDS = [
  "比重",
  "比例",
  "比率",
  "强度",
  "增长",
  "增幅",
  "增速",
  "增长率",
  "每万人",
  "每千人",
  "每百人",
  "每万",
  "人均",
  "户均",
  "亩均",
  "校均",
  "床均",
  "均价",
  "单价",
  "地均",
  "平均",
  "密度",
  "指数",
  "单位GDP",
  "万元GDP",
  "万元增加值",
  "占GDP",
  "占地区生产总值",
  "覆盖率",
  "浓度",
  "系数",
  "得分",
  "评分",
  "满意度",
  "优良天数",
  "达标率",
  "利用率",
  "合格率",
  "占比",
  "per capita",
  "per user",
  "per customer",
  "per head",
  "per employee",
  "arpu",
  "arppu",
  "aov",
  "days sales outstanding",
  "days payable outstanding",
  "days inventory outstanding",
  "dso",
  "dpo",
  "dio",
  "days to pay",
  "turnover days",
  "ctr",
  "cpc",
  "cpm",
  "roi",
  "roe",
  "roa",
  "headcount ratio",
  "average",
  "avg",
  "mean",
  "rate",
  "ratio",
  "margin",
  "score",
  "satisfaction",
  "utilization",
  "utilisation",
  "coefficient",
  "concentration",
  "nps",
  "growth",
  "index",
  "per",
  "yield",
];

/** Measures that make an indicator a ratio whatever its name. */
export const RATIO_MEASURES = ["%", "‰", "个百分点", "百分点", "倍", "pct", "percent"];

/** A place in a ranking: never summed nor averaged, and a smaller number is better. */
export const RANK_WORDS = ["排名", "名次", "位次", "排位", "rank", "ranking"];

/** Words that say outright that the target is a ceiling, whatever else the name says. */
export const EXPLICIT_CAP_WORDS = ["控制在", "以内", "不超过", "不高于", "上限"];

/**
 * Words that make a target the size of a reduction (能耗降低率, 排放下降): more is better, so a
 * cap word beside one (能耗, 排放) names what is reduced, not a ceiling.
 */
export const REDUCTION_WORDS = [
  "降低",
  "下降",
  "减少",
  "削减",
  "压减",
  "减排",
  "降幅",
  "reduction",
  "decrease",
];

/** Caps: meeting the assignment means staying at or below it. */
export const CAP_WORDS = [
  "能源消费",
  "总量控制",
  "增量控制",
  ...EXPLICIT_CAP_WORDS,
  "能耗",
  "碳排放",
  "排放量",
  "排放强度",
  "二氧化碳",
  "失业率",
  "事故",
  "死亡率",
  "死亡人数",
  "发病率",
  "PM2.5",
  "PM25",
  "PM10",
  "浓度",
  "负债率",
  "超标",
  "用水总量",
  "用地规模",
  "亏损",
];

/** Stocks: levels and cumulative amounts that should not fall from one year to a later one. */
export const STOCK_WORDS = [
  "拥有量",
  "保有量",
  "存量",
  "总数",
  "总量",
  "累计",
  "余额",
  "在库",
  "库存",
  "总规模",
];

/** Flows: amounts of one period. */
export const FLOW_WORDS = [
  "新增",
  "年度",
  "当年",
  "每年",
  "本年",
  "全年",
  "新建",
  "新引进",
  "新培育",
  "投资额",
  "增加值",
  "支出",
  "收入",
  "产值",
  "销售额",
  "交易额",
  "完成额",
];

/** A GDP row: the weights of ratios measured against GDP. */
export const GDP_WORDS = ["地区生产总值", "GDP", "生产总值"];

/**
 * Words a target given in words is written with (快于全省平均, 确保完成, 持续提升): a line of text that
 * holds them is a row of qualitative targets; one without (names, departments) describes the units.
 */
export const QUALITATIVE_TARGET_WORDS = [
  "快于",
  "高于",
  "低于",
  "不低于",
  "不高于",
  "优于",
  "领先",
  "同步",
  "达到",
  "提升",
  "提高",
  "增长",
  "下降",
  "降低",
  "完成",
  "确保",
  "力争",
  "争取",
  "持续",
  "稳定",
  "保持",
  "控制",
  "以上",
  "以内",
  "实现",
  "建成",
  "推进",
  "基本",
  "全面",
  "有序",
  "above",
  "below",
  "at least",
  "at most",
  "maintain",
  "improve",
  "increase",
  "reduce",
  "complete",
];
