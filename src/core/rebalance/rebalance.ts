/**
 * The one entry point: dispatches on the request's method. Nothing here throws for a
 * well-typed request; every refusal is a value (see types.ts).
 */
import { editOne } from "./editOne";
import { equalIncrement } from "./equalIncrement";
import { fixParent } from "./fixParent";
import { minimalChange } from "./minimalChange";
import { proportional } from "./proportional";
import { ratio } from "./ratio";
import { reference } from "./reference";
import type { RebalanceRequest, RebalanceResult } from "./types";

export function rebalance(request: RebalanceRequest): RebalanceResult {
  switch (request.method) {
    case "proportional":
      return proportional(request);
    case "equal-increment":
      return equalIncrement(request);
    case "reference":
      return reference(request);
    case "minimal-change":
      return minimalChange(request);
    case "ratio":
      return ratio(request);
    case "edit-one":
      return editOne(request);
    case "fix-parent":
      return fixParent(request);
  }
}

export { renderExplanation, renderRefusal } from "./explain";
export { Rational } from "./rational";
export { REFUSAL_CODE } from "./types";
export type * from "./types";
export type { StepInput } from "./gridUnits";
