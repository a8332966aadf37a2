/**
 * What a header label says about its column (PRODUCT §2, §3): total, a unit's own target,
 * assignment, period, index, indicator name, measure, notes, or a unit.
 * Labels arrive normalised (normalizeLabel: no spaces, simplified, half-width).
 */
import { perDistinctText } from "../textMemo";

export type LabelRole =
  | { role: "index" }
  | { role: "name" }
  | { role: "measure" }
  | { role: "note" }
  | { role: "assignment"; keyword: string }
  | { role: "total"; keyword: string; unit: string }
  | { role: "target"; unit: string; keyword: string }
  | { role: "period"; year: number; span?: [number, number]; total?: boolean }
  | { role: "unit"; unit: string }
  | { role: "other" };

const INDEX = /^(序号|编号|序|No\.?|NO\.?|#)$/i;
const NAME = /^(指标名称|指标|指标项目|项目|名称|主要指标|考核指标|指标内容|内容)$/;
/** The header over a list of units (units-in-rows tables): it is the name line of the view. */
const UNIT_HEADER =
  /^(地区|地区名称|区域|区县|县区|县市区|区县市|区、县\(市\)|区县\(市\)|各区县\(市\)|单位名称|地方|行政区|行政区划|市县|市州|城市|地市|设区市|乡镇|乡镇\(街道\)|镇街|街道)$/;
const MEASURE = /^(单位|计量单位|指标单位)$/;
const NOTE =
  /^(备注|说明|注|责任单位|牵头单位|责任部门|配合单位|牵头部门|责任处室|数据来源|来源|完成时限|口径说明)$/;
const ASSIGNMENT = /(下达|上级分解|省定|国家下达|分配任务|考核目标值)/;
export const TOTAL_KEYWORDS = [
  "合计",
  "总计",
  "全市",
  "全省",
  "全区",
  "全县",
  "全国",
  "全州",
  "全盟",
  "全旗",
  "小计",
  "总数",
  "汇总",
];
const TOTAL = new RegExp(`^(${TOTAL_KEYWORDS.join("|")})(目标|任务|合计|指标|值)?$`);
const UNIT_TARGET = /^(.{2,20}?)(年度目标|目标值|目标|任务数|任务)$/;
/** UNIT_TARGET's endings alone: a cheap test that spares its lazy scan on every unit's name. */
const TARGET_ENDING = /(目标|目标值|任务|任务数)$/;
const YEAR = /^(?:(19\d{2}|20\d{2})\s*(?:年)?(?:度)?(?:目标|计划|预期)?)$/;
const YEAR_SPAN = /^(19\d{2}|20\d{2})\s*[-~至—–]\s*(19\d{2}|20\d{2})\s*年?(合计|累计|总计)?(目标)?$/;
const PLAN_PERIOD = /^(十[一二三四五六七八九]五|“十[一二三四五六七八九]五”)(期间)?(合计|累计|总计|目标)?$/;

/** Suffixes of administrative and functional units that receive targets. */
const UNIT_SUFFIX =
  /(省|市|区|县|旗|州|盟|镇|乡|街道|开发区|新区|园区|高新区|风景区|度假区|管委会|本级|经开区|示范区|林场|农场|片区|地区|自治县|自治州|特区|保护区)$/;

/** Group captions over the units in a two-row header (各区县, 其中, 分区县), not units themselves. */
const GROUP_CAPTION = /^(各|其中|分|下辖|所辖)/;

/** Per distinct label (a long shared string may head thousands of cells); the role is never changed by callers. */
export const classifyLabel = perDistinctText(classifyLabelText);

function classifyLabelText(label: string): LabelRole {
  if (label === "" || GROUP_CAPTION.test(label)) return { role: "other" };
  if (INDEX.test(label)) return { role: "index" };
  if (NAME.test(label) || UNIT_HEADER.test(label)) return { role: "name" };
  if (MEASURE.test(label)) return { role: "measure" };
  if (NOTE.test(label)) return { role: "note" };
  // Periods start with a year or 十/“ (十四五): a header of 50,000 unit names skips three patterns.
  const c = label.charCodeAt(0);
  if ((c >= 48 && c <= 57) || label[0] === "十" || label[0] === "“") {
    const span = YEAR_SPAN.exec(label);
    if (span) {
      const a = Number(span[1]);
      const b = Number(span[2]);
      return { role: "period", year: b, span: [a, b], total: true };
    }
    const year = YEAR.exec(label);
    if (year) return { role: "period", year: Number(year[1]) };
    const plan = PLAN_PERIOD.exec(label);
    if (plan) return { role: "period", year: 0, total: true };
  }
  if (ASSIGNMENT.test(label)) return { role: "assignment", keyword: ASSIGNMENT.exec(label)![1] };
  const total = TOTAL.exec(label);
  if (total) return { role: "total", keyword: total[1], unit: total[1] };
  const target = TARGET_ENDING.test(label) ? UNIT_TARGET.exec(label) : null;
  if (target && (UNIT_SUFFIX.test(target[1]) || /^全/.test(target[1]))) {
    return { role: "target", unit: target[1], keyword: target[2] };
  }
  if (UNIT_SUFFIX.test(label)) return { role: "unit", unit: label };
  return { role: "other" };
}

/** Text at the start of a table that sets the measure for all of it: 单位：万元. */
export function measureLine(text: string): string | undefined {
  const m = /^(?:计量)?单位[:：]\s*(.+)$/.exec(text);
  return m ? m[1].trim() : undefined;
}

/** Lines below a table that end it: 注：…, 说明：…, 数据来源：… */
export function isNoteLine(text: string): boolean {
  return (
    /^(注|备注|说明|数据来源|资料来源|填表说明|附注)\s*\d*[:：.、]/.test(text) || /^注\d*[:：]?$/.test(text)
  );
}

/** Measure written in an indicator's name: 新增高新技术企业数(家) → 家; the last bracket wins. */
export const measureFromName = perDistinctText(measureInName);

function measureInName(name: string): string | undefined {
  const re = /[(（]([^()（）]{1,12})[)）]/g;
  let found: string | undefined;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    const inner = m[1].trim();
    if (looksLikeMeasure(inner)) found = inner;
  }
  return found;
}

const MEASURE_WORDS =
  /^(%|‰|家|个|项|户|人|件|名|所|座|台|套|辆|次|人次|篇|部|条|只|头|张|元|万元|亿元|千元|美元|万美元|亿美元|亩|万亩|公顷|平方米|万平方米|平方公里|公里|千米|米|吨|万吨|千克|公斤|立方米|万立方米|千瓦|万千瓦|千瓦时|万千瓦时|亿千瓦时|吨标准煤|万吨标准煤|吨标煤|天|小时|岁|年|床|张床位|万人|亿人|万户|倍|分|级|星|个百分点|百分点|标箱|万标箱|TEU|kWh|km|t|m²|m2)$/;

export function looksLikeMeasure(text: string): boolean {
  return MEASURE_WORDS.test(text);
}

/** Whole-number counts: exact, tolerance 0 (PRODUCT §4). */
export const COUNT_MEASURES = new Set([
  "家",
  "个",
  "项",
  "户",
  "人",
  "件",
  "名",
  "所",
  "座",
  "台",
  "套",
  "辆",
  "次",
  "人次",
  "篇",
  "部",
  "条",
  "只",
  "头",
  "张",
]);
