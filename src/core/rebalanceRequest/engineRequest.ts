/**
 * Step 4 of the plan: the solver's request, from the resolved choices. Ratio indicators go to the
 * ratio solver (their parent is a weighted mean, so they need a weights row); an edited child keeps
 * the total by spreading the difference; fix-parent keeps the children.
 */
import { Decimal } from "../decimal";
import type { IndicatorLine } from "../model";
import type { ChildInput, Method, RebalanceRequest, SpreadMethod, StepInput } from "../rebalance/rebalance";
import type { MethodChoice, RebalanceChoices } from "./choices";
import type { PlanCell, PlanParent } from "./plan";
import type { RequestProblem } from "./problems";
import type { ResolvedRows, ResolvedUnits } from "./resolve";

function engineMethod(
  choice: MethodChoice | undefined,
): Exclude<Method, "ratio" | "edit-one" | "fix-parent"> {
  switch (choice) {
    case "equal":
      return "equal-increment";
    case "reference":
      return "reference";
    case "minimal-change":
      return "minimal-change";
    default:
      return "proportional";
  }
}

export interface RequestParts {
  indicator: IndicatorLine;
  parent: PlanParent;
  children: readonly PlanCell[];
  target?: Decimal;
  step: StepInput;
  units: ResolvedUnits;
  rows: ResolvedRows;
}

export function engineRequest(
  choices: RebalanceChoices,
  parts: RequestParts,
): RebalanceRequest | RequestProblem {
  const { indicator, parent, children, target, step } = parts;
  const { locked, min, max, edit } = parts.units;
  const { reference, weights } = parts.rows;
  const ratio = indicator.kind === "ratio";
  const inputs: ChildInput[] = children.map((c, i) => {
    const input: ChildInput = { unit: c.unit, value: c.value };
    if (locked[i]) input.locked = true;
    if (min[i]) input.min = min[i];
    if (max[i]) input.max = max[i];
    if (reference) input.reference = reference.values[i];
    if (weights) {
      if (ratio) input.denominator = weights.values[i];
      else input.weight = weights.values[i];
    }
    return input;
  });
  const base = { children: inputs, step, ...(choices.noDecrease ? { noDecrease: true } : {}) };
  const zeroBase = choices.zeroBase === "equal" ? ({ zeroBase: "equal" } as const) : {};

  if (choices.fixParent)
    return {
      method: "fix-parent",
      children: inputs,
      step,
      ...(parent.stated ? { target: parent.stated } : {}),
    };
  if (ratio) {
    if (edit) return { code: "NOT_FOR_RATIO", indicator: indicator.name, option: "edit" };
    if (choices.method === "minimal-change")
      return { code: "NOT_FOR_RATIO", indicator: indicator.name, option: "minimal-change" };
    if (!weights) return { code: "RATIO_NEEDS_WEIGHTS", indicator: indicator.name };
    // The parent's own denominator (the city's GDP); the children's total when the sheet has none.
    const parentDenominator = weights.parent ?? Decimal.sum(weights.values);
    return {
      ...base,
      ...zeroBase,
      method: "ratio",
      target: target!,
      parentDenominator,
      ratioMode: choices.method === "proportional" ? "scale" : "shift",
    };
  }
  if (edit) {
    const spread: SpreadMethod =
      choices.method === "equal"
        ? "equal-increment"
        : choices.method === "minimal-change"
          ? "minimal-change"
          : "proportional";
    return { ...base, ...zeroBase, method: "edit-one", target: target!, edit, spread };
  }
  const method = choices.reference ? "reference" : engineMethod(choices.method);
  switch (method) {
    case "proportional":
    case "reference":
      return { ...base, ...zeroBase, method, target: target! };
    case "equal-increment":
    case "minimal-change":
      return { ...base, method, target: target! };
  }
}
