/**
 * A rebalance request's problems in words, one catalog per language: each problem code (and each
 * solver problem kind) has its sentence; messages.ts fills in the door's names for the options
 * and picks the catalog by language, never branching on it.
 */
import type { Lang } from "../messages";
import type { InputProblem as SolverProblem } from "../rebalance/rebalance";
import type { OptionId, RowRole } from "./choices";
import type { RequestProblem } from "./problems";

/** What a sentence needs from the door and the request: names for options, lists, a lead-in. */
export interface RequestWords {
  list(xs: readonly string[]): string;
  /** The door's name for an option (a flag, a field). */
  name(option: OptionId, value?: string): string;
  /** The name inside a sentence (spaced apart in Chinese when it is a flag). */
  named(option: OptionId, value?: string): string;
  /** "--max 建德市：" before a sentence about one option, unless it is shown at its field. */
  lead(option: OptionId, unit?: string): string;
}

/** What a solver problem's sentence needs: the step, the step option's name, a child by name and cell. */
export interface SolverWords {
  step: string;
  stepName: string;
  who(child: number): string;
}

type Sentences<P extends { code: string }, W> = {
  [C in P["code"]]: (p: Extract<P, { code: C }>, w: W) => string;
};
type KindSentences = {
  [K in SolverProblem["kind"]]: (p: Extract<SolverProblem, { kind: K }>, w: SolverWords) => string;
};

export interface RequestCatalog {
  role: Record<RowRole, string>;
  listSep: string;
  /** After an option's name that leads a sentence. */
  leadSep: string;
  problem: Sentences<RequestProblem, RequestWords>;
  /** An option's name inside a sentence: a Latin name (a flag) stands apart with spaces in Chinese. */
  inSentence(name: string): string;
  /** --fix parent when the parent already states the children's sum. */
  fixParentNothing(sum: string, unit: string, cell: string): string;
  /** --fix parent: the parent becomes the children's sum (was: its old value or text, "" if blank). */
  fixParentSet(sum: string, unit: string, cell: string, was: string): string;
  solver: KindSentences;
}

const ZH: RequestCatalog = {
  role: { indicator: "指标", reference: "参考行", weights: "权重行" },
  listSep: "、",
  leadSep: "：",
  inSentence: (name) => (/^[\x21-\x7e]/.test(name) ? ` ${name} ` : name),
  fixParentNothing: (sum, unit, cell) => `下级合计 ${sum} 与上级 ${unit}（${cell}）一致，无需修改。`,
  fixParentSet: (sum, unit, cell, was) =>
    `下级保持不变；上级 ${unit}（${cell}）由 ${was || "空白"} 改为下级合计 ${sum}。`,
  problem: {
    NO_TABLE: (p) => `${p.sheet ? `工作表“${p.sheet}”中` : ""}未找到可识别的指标分解表`,
    UNKNOWN_INDICATOR: (p, w) => `没有名称含“${p.text}”的${ZH.role[p.role]}；可选：${w.list(p.indicators)}`,
    AMBIGUOUS_INDICATOR: (p, w) =>
      `“${p.text}”匹配多个${ZH.role[p.role]}，请写得更具体：${w.list(p.candidates)}`,
    NOT_A_SPLIT: (p) => `“${p.indicator}”在工作表“${p.sheet}”的年度进度表中，不是上下级分解，无法调整分配`,
    UNKNOWN_PARENT: (p, w) => `没有以“${p.text}”为上级的分解；可选：${w.list(p.parents)}`,
    UNKNOWN_UNIT: (p, w) =>
      `${w.lead(p.option)}没有名称含“${p.text}”的下级单位；下级单位有：${w.list(p.units)}`,
    AMBIGUOUS_UNIT: (p, w) =>
      `${w.lead(p.option)}“${p.text}”匹配多个下级单位，请写得更具体：${w.list(p.candidates)}`,
    BAD_NUMBER: (p, w) =>
      `${w.lead(p.option, p.unit)}“${p.text}”不是有效数字${p.option === "step" ? "（步长须为正数）" : ""}`,
    QUALITATIVE_INDICATOR: (p) => `“${p.indicator}”是定性指标（文字目标），无法按数值调整分配`,
    RATIO_NEEDS_WEIGHTS: (p, w) =>
      `“${p.indicator}”是比率指标，上级是加权平均而不是合计：请用${w.named("weights")}指定分母行（如 GDP）`,
    NOT_FOR_RATIO: (p, w) => {
      const what =
        p.option === "minimal-change" ? w.named("method", "minimal-change") : w.named(p.option as OptionId);
      return `“${p.indicator}”是比率指标，不支持${what.trimEnd()}`;
    },
    CELL_NOT_NUMERIC: (p) => {
      const what =
        p.holds === "error"
          ? `错误值 ${p.text}`
          : p.holds === "bound"
            ? `范围值“${p.text}”`
            : `文字“${p.text}”`;
      return `${ZH.role[p.role]}“${p.row}”中 ${p.unit}（${p.cell}）是${what}，不是数值，无法参与调整`;
    },
    NO_TARGET: (p, w) =>
      `上级 ${p.unit}（${p.cell}）没有数值目标${p.text ? `（“${p.text}”）` : ""}：请用${w.named("target")}指定`,
    CONFLICTING_OPTIONS: (p, w) =>
      `选项不能同时使用：${w.list(p.options.map((o) => w.name(o.option, o.value)))}`,
    METHOD_NEEDS_REFERENCE: (_p, w) =>
      `${w.named("method", "reference").trimStart()}需要用${w.named("reference")}指定参考行`,
  },
  solver: {
    "bad-step": (_p, w) => `步长无效：${w.step}`,
    "target-off-grid": (p, w) =>
      `目标 ${p.value} 不在步长 ${w.step} 的网格上：请用${w.stepName}指定更细的步长`,
    "value-off-grid": (p, w) =>
      `${w.who(p.child)}的值 ${p.value} 比步长 ${w.step} 更精细：请用${w.stepName}指定步长`,
    "edit-off-grid": (p, w) => `修改值 ${p.value} 不在步长 ${w.step} 的网格上`,
    "empty-bounds": (p, w) => `${w.who(p.child)}的下限 ${p.min} 高于上限 ${p.max}`,
    "missing-reference": (p, w) => `${w.who(p.child)}缺少参考值`,
    "negative-reference": (p, w) => `${w.who(p.child)}的参考值为负`,
    "bad-weight": (p, w) => `${w.who(p.child)}的权重须为正数`,
    "missing-denominator": (p, w) => `${w.who(p.child)}的分母（权重行）须为正数`,
    "bad-parent-denominator": () => `上级的分母（权重行）须为正数`,
    "edit-out-of-range": () => `没有要修改的下级单位`,
  },
};

const EN: RequestCatalog = {
  role: { indicator: "indicator", reference: "reference row", weights: "weights row" },
  listSep: ", ",
  leadSep: ": ",
  inSentence: (name) => name,
  fixParentNothing: (sum, unit, cell) =>
    `The children add up to ${sum}, as the parent ${unit} (${cell}) states; nothing to change.`,
  fixParentSet: (sum, unit, cell, was) =>
    `The children stay; the parent ${unit} (${cell}) becomes their sum, ${sum}${was ? ` (was ${was})` : ""}.`,
  problem: {
    NO_TABLE: (p) => `no recognisable target split${p.sheet ? ` on sheet "${p.sheet}"` : ""}`,
    UNKNOWN_INDICATOR: (p, w) =>
      `no ${EN.role[p.role]} named like "${p.text}"; the indicators are: ${w.list(p.indicators)}`,
    AMBIGUOUS_INDICATOR: (p, w) =>
      `"${p.text}" matches several indicators; be more specific: ${w.list(p.candidates)}`,
    NOT_A_SPLIT: (p) =>
      `"${p.indicator}" is in a progression table (years) on sheet "${p.sheet}", not a split; there is nothing to rebalance`,
    UNKNOWN_PARENT: (p, w) => `no split has "${p.text}" as its parent; the parents are: ${w.list(p.parents)}`,
    UNKNOWN_UNIT: (p, w) =>
      `${w.lead(p.option)}no child is named like "${p.text}"; the children are: ${w.list(p.units)}`,
    AMBIGUOUS_UNIT: (p, w) =>
      `${w.lead(p.option)}"${p.text}" matches several children; be more specific: ${w.list(p.candidates)}`,
    BAD_NUMBER: (p, w) =>
      `${w.lead(p.option, p.unit)}"${p.text}" is not a valid number${p.option === "step" ? " (the step must be positive)" : ""}`,
    QUALITATIVE_INDICATOR: (p) =>
      `"${p.indicator}" is a qualitative target (words), which cannot be rebalanced`,
    RATIO_NEEDS_WEIGHTS: (p, w) =>
      `"${p.indicator}" is a ratio: the parent is a weighted mean, not a sum; name the denominator row (GDP, …) with ${w.name("weights")}`,
    NOT_FOR_RATIO: (p, w) => {
      const what =
        p.option === "minimal-change" ? w.name("method", "minimal-change") : w.name(p.option as OptionId);
      return `"${p.indicator}" is a ratio; ${what} does not apply`;
    },
    CELL_NOT_NUMERIC: (p) => {
      const what =
        p.holds === "error"
          ? `the error ${p.text}`
          : p.holds === "bound"
            ? `the bound "${p.text}"`
            : `the text "${p.text}"`;
      return `${p.unit} (${p.cell}) in ${EN.role[p.role]} "${p.row}" holds ${what}, not a number; it cannot take part`;
    },
    NO_TARGET: (p, w) =>
      `the parent ${p.unit} (${p.cell}) has no numeric target${p.text ? ` ("${p.text}")` : ""}; give one with ${w.name("target")}`,
    CONFLICTING_OPTIONS: (p, w) =>
      `these options cannot be used together: ${w.list(p.options.map((o) => w.name(o.option, o.value)))}`,
    METHOD_NEEDS_REFERENCE: (_p, w) =>
      `${w.name("method", "reference")} needs a reference row: ${w.name("reference")}`,
  },
  solver: {
    "bad-step": (_p, w) => `invalid step: ${w.step}`,
    "target-off-grid": (p, w) =>
      `the target ${p.value} is not a multiple of the step ${w.step}; give a finer step with ${w.stepName}`,
    "value-off-grid": (p, w) =>
      `${w.who(p.child)} holds ${p.value}, finer than the step ${w.step}; give the step with ${w.stepName}`,
    "edit-off-grid": (p, w) => `the edited value ${p.value} is not a multiple of the step ${w.step}`,
    "empty-bounds": (p, w) => `${w.who(p.child)}: the minimum ${p.min} is above the maximum ${p.max}`,
    "missing-reference": (p, w) => `${w.who(p.child)} has no reference value`,
    "negative-reference": (p, w) => `${w.who(p.child)}'s reference value is negative`,
    "bad-weight": (p, w) => `${w.who(p.child)}'s weight must be positive`,
    "missing-denominator": (p, w) => `${w.who(p.child)}'s denominator (weights row) must be positive`,
    "bad-parent-denominator": () => `the parent's denominator (weights row) must be positive`,
    "edit-out-of-range": () => `the edited child does not exist`,
  },
};

export const REQUEST_TEXT: Record<Lang, RequestCatalog> = { zh: ZH, en: EN };
