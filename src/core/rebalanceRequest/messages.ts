/** Request problems in words, at the edge like ../messages.ts; each door labels the options. */
import { Decimal } from "../decimal";
import type { Lang } from "../messages";
import type { InputProblem as SolverProblem, InvalidInput } from "../rebalance/rebalance";
import type { OptionId, OptionLabel, RowRole } from "./choices";
import type { RebalancePlan } from "./plan";
import type { RequestProblem } from "./problems";

const ROLE_NAME: Record<RowRole, Record<Lang, string>> = {
  indicator: { zh: "指标", en: "indicator" },
  reference: { zh: "参考行", en: "reference row" },
  weights: { zh: "权重行", en: "weights row" },
};

/** The option a problem belongs to, with the child it names: where a form shows it. */
export interface ProblemPlace {
  option: OptionId;
  unit?: string;
}

/** Where a request problem belongs (the field at fault); undefined when it is about the table. */
export function problemPlace(p: RequestProblem): ProblemPlace | undefined {
  switch (p.code) {
    case "NO_TABLE":
      return undefined;
    case "UNKNOWN_INDICATOR":
    case "AMBIGUOUS_INDICATOR":
    case "NOT_A_SPLIT":
    case "CELL_NOT_NUMERIC":
      return { option: p.role };
    case "UNKNOWN_PARENT":
      return { option: "parent" };
    case "UNKNOWN_UNIT":
    case "AMBIGUOUS_UNIT":
      return { option: p.option, unit: p.text };
    case "BAD_NUMBER":
      return { option: p.option, ...(p.unit ? { unit: p.unit } : {}) };
    case "QUALITATIVE_INDICATOR":
      return { option: "indicator" };
    case "RATIO_NEEDS_WEIGHTS":
      return { option: "weights" };
    case "NOT_FOR_RATIO":
      return { option: p.option === "minimal-change" ? "method" : p.option };
    case "NO_TARGET":
      return { option: "target" };
    case "CONFLICTING_OPTIONS":
      return p.options[0] && { option: p.options[0].option };
    case "METHOD_NEEDS_REFERENCE":
      return { option: "reference" };
  }
}

/** In a Chinese sentence, a Latin name (a flag) stands apart with spaces; a Chinese one (“目标”) does not. */
function inSentence(name: string, lang: Lang): string {
  return lang === "zh" && /^[\x21-\x7e]/.test(name) ? ` ${name} ` : name;
}

export interface RenderOptions {
  /** Shown beside the field at fault (`problemPlace`): the sentence leaves out the field's name. */
  atField?: boolean;
}

/**
 * A request problem in words. `label` is the door's name for an option: the command line says
 * `--max 建德市：“abc”不是有效数字`, the pane shows “abc”不是有效数字 under 建德市's 上限 field.
 */
export function renderRequestProblem(
  p: RequestProblem,
  lang: Lang,
  label: OptionLabel,
  options: RenderOptions = {},
): string {
  const zh = lang === "zh";
  const list = (xs: readonly string[]) => xs.join(zh ? "、" : ", ");
  const name = (option: OptionId, value?: string) => label(value ? { option, value } : { option }, lang);
  /** The name inside a sentence (spaced apart in Chinese when it is a flag). */
  const named = (option: OptionId, value?: string) => inSentence(name(option, value), lang);
  /** "--max 建德市：" before a sentence about one option, unless shown at its field. */
  const lead = (option: OptionId, unit?: string) =>
    options.atField ? "" : `${name(option)}${unit ? ` ${unit}` : ""}${zh ? "：" : ": "}`;
  switch (p.code) {
    case "NO_TABLE":
      return zh
        ? `${p.sheet ? `工作表“${p.sheet}”中` : ""}未找到可识别的指标分解表`
        : `no recognisable target split${p.sheet ? ` on sheet "${p.sheet}"` : ""}`;
    case "UNKNOWN_INDICATOR":
      return zh
        ? `没有名称含“${p.text}”的${ROLE_NAME[p.role].zh}；可选：${list(p.indicators)}`
        : `no ${ROLE_NAME[p.role].en} named like "${p.text}"; the indicators are: ${list(p.indicators)}`;
    case "AMBIGUOUS_INDICATOR":
      return zh
        ? `“${p.text}”匹配多个${ROLE_NAME[p.role].zh}，请写得更具体：${list(p.candidates)}`
        : `"${p.text}" matches several indicators; be more specific: ${list(p.candidates)}`;
    case "NOT_A_SPLIT":
      return zh
        ? `“${p.indicator}”在工作表“${p.sheet}”的年度进度表中，不是上下级分解，无法调整分配`
        : `"${p.indicator}" is in a progression table (years) on sheet "${p.sheet}", not a split; there is nothing to rebalance`;
    case "UNKNOWN_PARENT":
      return zh
        ? `没有以“${p.text}”为上级的分解；可选：${list(p.parents)}`
        : `no split has "${p.text}" as its parent; the parents are: ${list(p.parents)}`;
    case "UNKNOWN_UNIT":
      return zh
        ? `${lead(p.option)}没有名称含“${p.text}”的下级单位；下级单位有：${list(p.units)}`
        : `${lead(p.option)}no child is named like "${p.text}"; the children are: ${list(p.units)}`;
    case "AMBIGUOUS_UNIT":
      return zh
        ? `${lead(p.option)}“${p.text}”匹配多个下级单位，请写得更具体：${list(p.candidates)}`
        : `${lead(p.option)}"${p.text}" matches several children; be more specific: ${list(p.candidates)}`;
    case "BAD_NUMBER":
      return zh
        ? `${lead(p.option, p.unit)}“${p.text}”不是有效数字${p.option === "step" ? "（步长须为正数）" : ""}`
        : `${lead(p.option, p.unit)}"${p.text}" is not a valid number${p.option === "step" ? " (the step must be positive)" : ""}`;
    case "QUALITATIVE_INDICATOR":
      return zh
        ? `“${p.indicator}”是定性指标（文字目标），无法按数值调整分配`
        : `"${p.indicator}" is a qualitative target (words), which cannot be rebalanced`;
    case "RATIO_NEEDS_WEIGHTS":
      return zh
        ? `“${p.indicator}”是比率指标，上级是加权平均而不是合计：请用${named("weights")}指定分母行（如 GDP）`
        : `"${p.indicator}" is a ratio: the parent is a weighted mean, not a sum; name the denominator row (GDP, …) with ${name("weights")}`;
    case "NOT_FOR_RATIO": {
      const what =
        p.option === "minimal-change" ? name("method", "minimal-change") : name(p.option as OptionId);
      return zh
        ? `“${p.indicator}”是比率指标，不支持${inSentence(what, lang).trimEnd()}`
        : `"${p.indicator}" is a ratio; ${what} does not apply`;
    }
    case "CELL_NOT_NUMERIC": {
      const what =
        p.holds === "error"
          ? zh
            ? `错误值 ${p.text}`
            : `the error ${p.text}`
          : p.holds === "bound"
            ? zh
              ? `范围值“${p.text}”`
              : `the bound "${p.text}"`
            : zh
              ? `文字“${p.text}”`
              : `the text "${p.text}"`;
      return zh
        ? `${ROLE_NAME[p.role].zh}“${p.row}”中 ${p.unit}（${p.cell}）是${what}，不是数值，无法参与调整`
        : `${p.unit} (${p.cell}) in ${ROLE_NAME[p.role].en} "${p.row}" holds ${what}, not a number; it cannot take part`;
    }
    case "NO_TARGET":
      return zh
        ? `上级 ${p.unit}（${p.cell}）没有数值目标${p.text ? `（“${p.text}”）` : ""}：请用${named("target")}指定`
        : `the parent ${p.unit} (${p.cell}) has no numeric target${p.text ? ` ("${p.text}")` : ""}; give one with ${name("target")}`;
    case "CONFLICTING_OPTIONS": {
      const names = p.options.map((o) => name(o.option, o.value));
      return zh
        ? `选项不能同时使用：${list(names)}`
        : `these options cannot be used together: ${list(names)}`;
    }
    case "METHOD_NEEDS_REFERENCE":
      return zh
        ? `${named("method", "reference").trimStart()}需要用${named("reference")}指定参考行`
        : `${name("method", "reference")} needs a reference row: ${name("reference")}`;
  }
}

/** Where an INVALID_INPUT problem of the solver belongs: the option, and the child it names. */
export function invalidInputPlace(plan: RebalancePlan, p: SolverProblem): ProblemPlace {
  const unit = "child" in p ? plan.children[p.child]?.unit : undefined;
  const at = (option: OptionId): ProblemPlace => (unit ? { option, unit } : { option });
  switch (p.kind) {
    case "bad-step":
    case "value-off-grid":
      return { option: "step" };
    case "target-off-grid":
      return { option: "target" };
    case "edit-off-grid":
    case "edit-out-of-range":
      return at("edit");
    case "empty-bounds":
      return at("min");
    case "missing-reference":
    case "negative-reference":
      return at("reference");
    case "bad-weight":
    case "missing-denominator":
    case "bad-parent-denominator":
      return at("weights");
  }
}

/**
 * The solver's INVALID_INPUT problems named by unit and cell (the solver only knows child
 * indices), with what to do about each; `label` names the option to use, as the door calls it.
 */
export function renderInvalidInput(
  plan: RebalancePlan,
  refusal: InvalidInput,
  lang: Lang,
  label: OptionLabel,
): string[] {
  const zh = lang === "zh";
  const step =
    plan.step instanceof Decimal ? plan.step.toString() : Decimal.of(1n, plan.step.decimals).toString();
  const stepName = inSentence(label({ option: "step" }, lang), lang);
  const who = (i: number) => {
    const c = plan.children[i];
    return c ? `${c.unit}（${c.cell}）` : `#${i + 1}`;
  };
  const whoEn = (i: number) => {
    const c = plan.children[i];
    return c ? `${c.unit} (${c.cell})` : `#${i + 1}`;
  };
  return refusal.problems.map((p: SolverProblem): string => {
    switch (p.kind) {
      case "bad-step":
        return zh ? `步长无效：${step}` : `invalid step: ${step}`;
      case "target-off-grid":
        return zh
          ? `目标 ${p.value} 不在步长 ${step} 的网格上：请用${stepName}指定更细的步长`
          : `the target ${p.value} is not a multiple of the step ${step}; give a finer step with ${stepName}`;
      case "value-off-grid":
        return zh
          ? `${who(p.child)}的值 ${p.value} 比步长 ${step} 更精细：请用${stepName}指定步长`
          : `${whoEn(p.child)} holds ${p.value}, finer than the step ${step}; give the step with ${stepName}`;
      case "edit-off-grid":
        return zh
          ? `修改值 ${p.value} 不在步长 ${step} 的网格上`
          : `the edited value ${p.value} is not a multiple of the step ${step}`;
      case "empty-bounds":
        return zh
          ? `${who(p.child)}的下限 ${p.min} 高于上限 ${p.max}`
          : `${whoEn(p.child)}: the minimum ${p.min} is above the maximum ${p.max}`;
      case "missing-reference":
        return zh ? `${who(p.child)}缺少参考值` : `${whoEn(p.child)} has no reference value`;
      case "negative-reference":
        return zh ? `${who(p.child)}的参考值为负` : `${whoEn(p.child)}'s reference value is negative`;
      case "bad-weight":
        return zh ? `${who(p.child)}的权重须为正数` : `${whoEn(p.child)}'s weight must be positive`;
      case "missing-denominator":
        return zh
          ? `${who(p.child)}的分母（权重行）须为正数`
          : `${whoEn(p.child)}'s denominator (weights row) must be positive`;
      case "bad-parent-denominator":
        return zh
          ? `上级的分母（权重行）须为正数`
          : `the parent's denominator (weights row) must be positive`;
      case "edit-out-of-range":
        return zh ? `没有要修改的下级单位` : `the edited child does not exist`;
    }
  });
}
