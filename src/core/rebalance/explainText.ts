/**
 * The rebalancing engine's words, one catalog per language: the method names (the one wording the
 * preview, the pane's explanation and the change trail share), the explanation's lines and the
 * refusals. `explain.ts` picks by language and never branches on it.
 */
import type { Lang } from "../messages";
import type { Method } from "./types";

export interface ExplainCatalog {
  /** What each method does, as one name: the preview, the explanation and the change trail all say it so. */
  method: Record<Method, string>;
  /** Between names in a list: 滨江区、上城区 / Binjiang, Shangcheng. */
  listSep: string;
  /** The method and its spread, e.g. 比率指标（按现值比例）. */
  methodWithSpread(method: string, spread: string | undefined): string;
  /** The first line: method, target, what is locked, what is spread, the step. */
  summary(method: string, target: string, lockedTotal: string, toSpread: string, step: string): string;
  scale(factor: string): string;
  increment(amount: string): string;
  perReference(amount: string): string;
  shift(points: string): string;
  marginalCost: string;
  allZeroSplitEqually: string;
  zeroBaseSpreadEqually: string;
  atMax(names: string): string;
  atMin(names: string): string;
  largestRemainder(leftoverSteps: number, step: string): string;
  halfAwayEach: string;
  tieByBase: string;
  tieBySheetOrder: string;
  tie(contenders: string, winners: string, by: string): string;
  unbounded: string;
  infeasible(target: string, range: string): string;
  shortBy(amount: string): string;
  lockedOverBy(amount: string): string;
  overBy(amount: string): string;
  zeroBaseBlocked(range: string): string;
  badStep: string;
  targetOffGrid(value: string): string;
  valueOffGrid(child: string, value: string): string;
  emptyBounds(child: string, min: string, max: string): string;
  missingReference(child: string): string;
  negativeReference(child: string): string;
  badWeight(child: string): string;
  missingDenominator(child: string): string;
  badParentDenominator: string;
  /** An edit naming a child that is not there: by position (zh) or as #n (en). */
  editOutOfRange(position: number, child: string): string;
  editOffGrid(value: string): string;
}

const ZH: ExplainCatalog = {
  method: {
    proportional: "按现值比例",
    "equal-increment": "等额增减",
    reference: "按参考行比例（因素法）",
    "minimal-change": "加权最小调整",
    ratio: "比率指标按分子调整",
    "edit-one": "改一项、保持合计",
    "fix-parent": "按下级合计修正上级",
  },
  listSep: "、",
  methodWithSpread: (method, spread) => `${method}${spread ? `（${spread}）` : ""}`,
  summary: (method, target, locked, toSpread, step) =>
    `方法：${method}；目标 ${target}，其中锁定的单位合计 ${locked}，其余单位分配 ${toSpread}；取整到 ${step}。`,
  scale: (f) => `可调整的单位按现值同比例增减（乘以 ${f}）。`,
  increment: (a) => `每个可调整的单位增减相同的量：${a}。`,
  perReference: (a) => `按参考行分配：参考值每 1 分得 ${a}。`,
  shift: (p) => `各单位的比率统一增减 ${p} 个百分点。`,
  marginalCost: "按权重分摊：权重越大的单位改动越小，使加权后的改动总量最小。",
  allZeroSplitEqually: "可调下级现值均为零，平均分配。",
  zeroBaseSpreadEqually: "按所选方式，余额平均分配给现值为零的下级。",
  atMax: (names) => `达到上限：${names}。`,
  atMin: (names) => `达到下限：${names}。`,
  largestRemainder: (n, step) => `先全部向下取整，剩下的 ${n} 个 ${step} 分给小数部分最大的单位。`,
  halfAwayEach: "各项分别四舍五入到步长。",
  tieByBase: "基数较大者优先",
  tieBySheetOrder: "按表中顺序",
  tie: (contenders, winners, by) => `${contenders}的小数部分相同，多出的给了${winners}（${by}）。`,
  unbounded: "无上限",
  infeasible: (target, range) =>
    `无法达到目标 ${target}：锁定与上下限允许的上级范围为 ${range}，未作任何修改。`,
  shortBy: (a) => `还差 ${a}。`,
  lockedOverBy: (a) => `锁定项合计已超出目标 ${a}。`,
  overBy: (a) => `超出 ${a}。`,
  zeroBaseBlocked: (range) =>
    `现值为正的下级在上下限内只能达到 ${range}，而现值为零的下级按比例保持为零；可选择“将余额平均分给现值为零的下级”。`,
  badStep: "步长无效",
  targetOffGrid: (v) => `目标 ${v} 不在步长网格上`,
  valueOffGrid: (child, v) => `${child} 的值 ${v} 不在步长网格上`,
  emptyBounds: (child, min, max) => `${child} 的下限 ${min} 高于上限 ${max}`,
  missingReference: (child) => `${child} 缺少参考值`,
  negativeReference: (child) => `${child} 的参考值为负`,
  badWeight: (child) => `${child} 的权重须为正`,
  missingDenominator: (child) => `${child} 缺少正的分母`,
  badParentDenominator: "上级分母须为正",
  editOutOfRange: (position) => `没有第 ${position} 项`,
  editOffGrid: (v) => `修改值 ${v} 不在步长网格上`,
};

const EN: ExplainCatalog = {
  method: {
    proportional: "proportional to current values",
    "equal-increment": "equal increment",
    reference: "proportional to a reference row",
    "minimal-change": "weighted minimal change",
    ratio: "ratio solved in numerator space",
    "edit-one": "edit one child, keep the total",
    "fix-parent": "set the parent to the children's sum",
  },
  listSep: ", ",
  methodWithSpread: (method, spread) => `${method}${spread ? ` (${spread})` : ""}`,
  summary: (method, target, locked, toSpread, step) =>
    `Method: ${method}; target ${target}: ${locked} held by the locked children, ${toSpread} spread over the others; rounded to ${step}.`,
  scale: (f) => `The free children move in proportion to their current values (× ${f}).`,
  increment: (a) => `Every free child moves by the same amount: ${a}.`,
  perReference: (a) => `Spread by the reference row: ${a} for each unit of reference.`,
  shift: (p) => `Every free child's ratio moves by ${p} percentage points.`,
  marginalCost:
    "Spread by weight: the larger a child's weight, the less it moves, so the weighted change is as small as it can be.",
  allZeroSplitEqually: "Every free child is zero: split equally.",
  zeroBaseSpreadEqually: "As chosen, the rest is spread equally over the zero-base children.",
  atMax: (names) => `At their maximum: ${names}.`,
  atMin: (names) => `At their minimum: ${names}.`,
  largestRemainder: (n, step) =>
    `Rounded down first; the ${n} step(s) of ${step} left over went to the children with the largest fractions.`,
  halfAwayEach: "Each child rounded to the step on its own (half away from zero).",
  tieByBase: "larger base first",
  tieBySheetOrder: "sheet order",
  tie: (contenders, winners, by) => `Tie between ${contenders}; went to ${winners} (${by}).`,
  unbounded: "unbounded",
  infeasible: (target, range) =>
    `Target ${target} cannot be reached: locks and bounds allow ${range}; nothing was written.`,
  shortBy: (a) => `Short by ${a}.`,
  lockedOverBy: (a) => `The locked children alone exceed it by ${a}.`,
  overBy: (a) => `Over by ${a}.`,
  zeroBaseBlocked: (range) =>
    `Children with positive values reach only ${range} within their bounds and zero values stay zero; choose "spread the rest equally over the zero-base children" to continue.`,
  badStep: "invalid step",
  targetOffGrid: (v) => `target ${v} is off the grid`,
  valueOffGrid: (child, v) => `${child}'s value ${v} is off the grid`,
  emptyBounds: (child, min, max) => `${child}'s minimum ${min} exceeds its maximum ${max}`,
  missingReference: (child) => `${child} has no reference value`,
  negativeReference: (child) => `${child}'s reference is negative`,
  badWeight: (child) => `${child}'s weight must be positive`,
  missingDenominator: (child) => `${child} needs a positive denominator`,
  badParentDenominator: "the parent's denominator must be positive",
  editOutOfRange: (_position, child) => `there is no child ${child}`,
  editOffGrid: (v) => `the edited value ${v} is off the grid`,
};

export const EXPLAIN_TEXT: Record<Lang, ExplainCatalog> = { zh: ZH, en: EN };
