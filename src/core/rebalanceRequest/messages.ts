/** Request problems in words, at the edge like ../messages.ts; each door labels the options. */
import { Decimal } from "../decimal";
import type { Lang } from "../messages";
import { MESSAGE_TEXT } from "../messageText";
import type { InputProblem as SolverProblem, InvalidInput } from "../rebalance/rebalance";
import type { OptionId, OptionLabel } from "./choices";
import type { RebalancePlan } from "./plan";
import type { RequestProblem } from "./problems";
import { REQUEST_TEXT, type RequestWords, type SolverWords } from "./requestText";

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

function inSentence(name: string, lang: Lang): string {
  return REQUEST_TEXT[lang].inSentence(name);
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
  const t = REQUEST_TEXT[lang];
  const name = (option: OptionId, value?: string) => label(value ? { option, value } : { option }, lang);
  const words: RequestWords = {
    list: (xs) => xs.join(t.listSep),
    name,
    named: (option, value) => inSentence(name(option, value), lang),
    lead: (option, unit) => (options.atField ? "" : `${name(option)}${unit ? ` ${unit}` : ""}${t.leadSep}`),
  };
  const sentence = t.problem[p.code] as (p: RequestProblem, w: RequestWords) => string;
  return sentence(p, words);
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
  const t = REQUEST_TEXT[lang];
  const words: SolverWords = {
    step: plan.step instanceof Decimal ? plan.step.toString() : Decimal.of(1n, plan.step.decimals).toString(),
    stepName: inSentence(label({ option: "step" }, lang), lang),
    who: (i) => {
      const c = plan.children[i];
      return c ? MESSAGE_TEXT[lang].unitAt(c.unit, c.cell) : `#${i + 1}`;
    },
  };
  return refusal.problems.map((p) =>
    (t.solver[p.kind] as (p: SolverProblem, w: SolverWords) => string)(p, words),
  );
}
