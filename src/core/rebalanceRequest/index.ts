/**
 * From a workbook and the user's choices (indicator text, parent, target, method, locks, bounds…)
 * to a rebalance request for the solvers in ./rebalance, and from the solver's answer to the
 * cells to write and the `tdcheck-rebalance/1` JSON document. Shared by the command line and
 * the task pane: both doors ask the same questions and get the same answers. Pure: no Node,
 * no Office; nothing throws for bad input, every problem is a typed value.
 *
 * Decisions:
 * - `--indicator` (and `--reference`, `--weights`) match an indicator's name exactly, else by a
 *   unique part, comparing labels with every space removed, full-width and traditional forms
 *   folded, and Latin letters case-folded. An ambiguous part is refused with the candidates.
 * - The split is the one whose parent is `--parent`, else the top split of the table.
 * - A blank or `-` child is 0 (and is only written if its value changes); a text, qualitative,
 *   bound (超500) or error child cannot take part and is refused, naming the cell.
 * - The grid is the indicator's own: counts (家, 个, 项…) step 1; other indicators the largest
 *   number of decimals their cells show (number format first, else the stored value).
 * - The default target is the parent's stated value (a blank share parent means 100).
 * - The parent cell is written only when its value changes (a new `--target`, `--fix parent`).
 * - `achievable` is in the JSON only when the request is refused (INFEASIBLE: the range that
 *   locks and bounds allow; ZERO_BASE_BLOCKED: the range reachable without the zero bases). An
 *   accepted request has hit its target exactly, so a range would only repeat the solver's work.
 *
 * The room: choices.ts (what the user asks), problems.ts (why a request is refused),
 * matching.ts (names and numbers as typed), the plan as a pipeline in buildPlan.ts —
 * conflicts.ts → locate.ts → readCells.ts → resolve.ts → engineRequest.ts —, plan.ts (its
 * shape), writes.ts (the cells to change), document.ts (the JSON), messages.ts (problems in words).
 */
export type {
  MethodChoice,
  NumberOption,
  OptionId,
  OptionLabel,
  OptionRef,
  RebalanceChoices,
  RowRole,
  UnitOption,
  UnitValue,
} from "./choices";
export type { RequestProblem } from "./problems";
export type { PlanCell, PlanParent, PlanResult, RebalancePlan } from "./plan";
export { matchKey, parseNumber } from "./matching";
export { buildRebalancePlan, planAndRebalance } from "./buildPlan";
export { plannedWrites, type CellWrite } from "./writes";
export {
  explanationText,
  isBoundChild,
  rebalanceDocument,
  type DocumentOptions,
  type RebalanceChildDoc,
  type RebalanceDocument,
} from "./document";
export {
  invalidInputPlace,
  problemPlace,
  renderInvalidInput,
  renderRequestProblem,
  type ProblemPlace,
  type RenderOptions,
} from "./messages";
