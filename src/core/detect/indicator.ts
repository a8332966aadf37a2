/**
 * An indicator's kind, direction and flow/stock from its name and measure (PRODUCT §2).
 * A wrong "additive" would sum a ratio row, so ratio wording wins over count measures
 * (每万人高价值发明专利拥有量(件) is a ratio although its measure is 件).
 */
import { perDistinctTextAnd } from "../textMemo";
import type { Direction, FlowStock, IndicatorKind, Reason } from "../model";
import { COUNT_MEASURES } from "./labels";

const SHARE =
  /占(全市|全省|全区|全县|全国|全州|本市|本省|本区|总量|合计|总数|总额)[^，,]*?(比重|比例|份额)|份额|构成|结构比|占比分配/;
const RATIO =
  /比重|比例|比率|强度|增长|增幅|增速|增长率|率$|率[(（]|率\b|每万人|每千人|每百人|每万|人均|亩均|地均|平均|密度|指数|单位GDP|万元GDP|万元增加值|占GDP|占地区生产总值|覆盖率|达标率|利用率|合格率|占比/;
const CAP =
  /控制在|以内|不超过|不高于|上限|能耗|碳排放|排放量|排放强度|二氧化碳|失业率|事故|死亡率|死亡人数|发病率|PM2\.?5|PM10|浓度|负债率|超标|用水总量|用地规模|亏损/;
const STOCK = /拥有量|保有量|存量|总数|总量|累计|余额|规模以上.*数$|在库|库存|有效.*数|总规模/;
const FLOW =
  /新增|年度|当年|每年|本年|全年|新建|新引进|新培育|投资额|增加值|支出|收入|产值|销售额|交易额|完成额/;

export interface IndicatorFacts {
  kind: IndicatorKind;
  direction: Direction;
  flow: FlowStock;
  count: boolean;
  why: Reason[];
}

/**
 * Per distinct name and measure (a long shared string may name thousands of rows); each caller gets
 * its own `why` list, since the facts are spread into an indicator that may be corrected later.
 */
const classifyOnce = perDistinctTextAnd(classifyIndicatorText);
export function classifyIndicator(name: string, measure: string): IndicatorFacts {
  const facts = classifyOnce(name, measure);
  return { ...facts, why: [...facts.why] };
}

function classifyIndicatorText(name: string, measure: string): IndicatorFacts {
  const why: Reason[] = [];
  let kind: IndicatorKind = "additive";
  const share = SHARE.exec(name);
  const ratio = RATIO.exec(name);
  if (share) {
    kind = "share";
    why.push({ by: "keyword", evidence: share[0] });
  } else if (ratio) {
    kind = "ratio";
    why.push({ by: "keyword", evidence: ratio[0] });
  } else if (
    measure === "%" ||
    measure === "‰" ||
    measure === "个百分点" ||
    measure === "百分点" ||
    measure === "倍"
  ) {
    kind = "ratio";
    why.push({ by: "keyword", evidence: measure });
  } else {
    why.push({ by: "default", evidence: measure ? `measure ${measure}` : "no ratio wording" });
  }
  const cap = CAP.exec(name);
  const direction: Direction = cap ? "cap" : "floor";
  if (cap) why.push({ by: "keyword", evidence: cap[0] });
  const stock = STOCK.exec(name);
  const flowWord = FLOW.exec(name);
  // 每年新增… is named like a flow; the cells' own 累计 decides later (PRODUCT §2).
  const flow: FlowStock = flowWord && !/累计/.test(name) ? "flow" : stock ? "stock" : "unknown";
  const count = kind === "additive" && COUNT_MEASURES.has(measure);
  return { kind, direction, flow, count, why };
}
