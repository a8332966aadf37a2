/**
 * An indicator's kind, direction and flow/stock from its name and measure (docs/rules.md §1).
 * A wrong "additive" would sum a ratio row, so ratio wording wins over count measures
 * (每万人高价值发明专利拥有量(件) is a ratio although its measure is 件). Words that name a share
 * or a ratio depending on the numbers (占比, 比重) are left for the reading to decide
 * (`shareCandidate`): a share's children add up to 100.
 */
import { perDistinctTextAnd } from "../textMemo";
import type { Direction, FlowStock, IndicatorKind, Reason } from "../model";
import { containing, endingWith, labelOf } from "../vocabulary/words";
import {
  CAP_WORDS,
  RANK_WORDS,
  EXPLICIT_CAP_WORDS,
  REDUCTION_WORDS,
  FLOW_WORDS,
  RATIO_MEASURES,
  RATIO_WORDS,
  SHARE_OF_OWN_TOTAL,
  SHARE_OR_RATIO_WORDS,
  SHARE_WORDS,
  STOCK_WORDS,
} from "../vocabulary/indicators";
import { isCountMeasure } from "./labels";

const SHARE_OF_OWN = new RegExp(`占(${SHARE_OF_OWN_TOTAL.join("|")})[^，,]*?(比重|比例|份额)`);
const SHARE = containing(SHARE_WORDS);
const SHARE_OR_RATIO = containing(SHARE_OR_RATIO_WORDS);
const RATIO = containing(RATIO_WORDS);
const CAP = containing(CAP_WORDS);
/** A ranking is what the name ends on (综合排名, GDP增速全省位次(位)); 排名前十企业数 counts firms. */
const RANK = endingWith(RANK_WORDS);
const EXPLICIT_CAP = containing(EXPLICIT_CAP_WORDS);
const REDUCTION = containing(REDUCTION_WORDS);
const STOCK = containing(STOCK_WORDS);
/** Counts of what exists (规模以上工业企业数, 有效发明专利数) are stocks too. */
const STOCK_COUNT = /规模以上.*数$|有效.*数/;
const FLOW = containing(FLOW_WORDS);
const RATIO_MEASURE = new Set(RATIO_MEASURES);
/** A measure per something (微克/立方米, mg/L, 元/人, $/h): a rate, never summed. */
const PER_MEASURE = /[/／每]/;
/** 率 closing a name, before any bracket: 增长率, 完成率(%), but not 效率提升工程. */
const RATE_ENDING = /率(?:[(（][^()（）]*[)）])?$/;
/**
 * Per head of population written without 每: 千人口执业医师数, 万人高价值发明专利拥有量, 百户拥有量.
 * Only at the start of a name that goes on (城镇新增就业万人 is a count in 万人), and never a
 * programme's name (千人计划, 万人计划).
 */
const PER_POPULATION = /^(?:十|百|千|万|十万)(?:人口|人|户|名)(?!计划|次)(?=.{2,})/;

export interface IndicatorFacts {
  kind: IndicatorKind;
  direction: Direction;
  flow: FlowStock;
  count: boolean;
  why: Reason[];
  /** Named 占比/比重/share: a share when its children add up to 100, else a ratio. */
  shareCandidate?: boolean;
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
  const label = labelOf(name);
  const why: Reason[] = [];
  let kind: IndicatorKind = "additive";
  let shareCandidate = false;
  const ownShare = SHARE_OF_OWN.exec(label.key)?.[0] ?? SHARE.find(label);
  const ratio =
    RATIO.find(label) ??
    (RATE_ENDING.test(label.key) ? "率" : undefined) ??
    PER_POPULATION.exec(label.key)?.[0];
  const rank = RANK.find({ key: label.key.replace(/[(（][^()（）]*[)）]$/, ""), en: label.en });
  if (rank) {
    // A place in a ranking (排名, 位次) is neither summed nor averaged; lower is better.
    kind = "qualitative";
    why.push({ by: "keyword", evidence: rank });
  } else if (ownShare) {
    kind = "share";
    why.push({ by: "keyword", evidence: ownShare });
  } else if (ratio) {
    kind = "ratio";
    shareCandidate = SHARE_OR_RATIO.test(label);
    why.push({ by: "keyword", evidence: ratio });
  } else if (RATIO_MEASURE.has(measure) || PER_MEASURE.test(measure)) {
    kind = "ratio";
    shareCandidate = SHARE_OR_RATIO.test(label);
    why.push({ by: "keyword", evidence: measure });
  } else {
    why.push({ by: "default", evidence: measure ? `measure ${measure}` : "no ratio wording" });
  }
  const cap = CAP.find(label) ?? rank;
  const reduction = cap && !EXPLICIT_CAP.test(label) ? REDUCTION.find(label) : undefined;
  const direction: Direction = cap && !reduction ? "cap" : "floor";
  if (cap) why.push({ by: "keyword", evidence: cap });
  if (reduction) why.push({ by: "keyword", evidence: reduction });
  const stock = STOCK.find(label) ?? STOCK_COUNT.exec(label.key)?.[0];
  const flowWord = FLOW.find(label);
  // 每年新增… is named like a flow; the cells' own 累计 decides later (docs/rules.md §1).
  const flow: FlowStock = flowWord && !label.key.includes("累计") ? "flow" : stock ? "stock" : "unknown";
  const count = kind === "additive" && isCountMeasure(measure);
  return shareCandidate
    ? { kind, direction, flow, count, why, shareCandidate }
    : { kind, direction, flow, count, why };
}
