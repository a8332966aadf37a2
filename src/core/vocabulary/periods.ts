/**
 * How a period is written in a header (docs/table-understanding.md §1: years come from headers, never from
 * data): 2024, 2024年, 2024年度目标, FY2025, 2021-2025年(合计), 十四五(合计).
 */

/** A single year, optionally with what kind of figure it is (2024年目标, 2023年实际). */
export const YEAR =
  /^(?:fy|cy)?\s*'?((?:19|20)\d{2})\s*(?:年)?(?:度)?(?:目标|计划|预期|实际|完成|预计|预算|决算)?$/i;

/** A financial year written short: FY25, FY 2025. */
export const SHORT_FISCAL_YEAR = /^fy\s*'?(\d{2})$/i;

/** A span of years, optionally a total over them (2021-2025年合计). */
export const YEAR_SPAN =
  /^((?:19|20)\d{2})\s*[-~至—–到]\s*((?:19|20)\d{2})\s*年?(合计|累计|总计|total)?(目标)?$/i;

/** A five-year plan period (十四五, “十四五”期间合计). */
export const PLAN_PERIOD =
  /^(十[一二三四五六七八九]五|“十[一二三四五六七八九]五”)(期间)?(合计|累计|总计|目标)?$/;

/** Quarters: 一季度, 第一季度, 1季度, Q1. Group 1 or 2 is the quarter. */
export const QUARTER = /^(?:第?([一二三四])季度|([1-4])季度|q([1-4]))$/i;

/** Months: 1月, 12月份, Jan, January. */
export const MONTH = /^(?:(1[0-2]|[1-9])月份?|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)$/i;

/** Halves of a year. */
export const HALF_YEAR = /^(上半年|下半年|h1|h2)$/i;
