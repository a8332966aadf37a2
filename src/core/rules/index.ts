/** The rule registry: adding a rule is one new module and one line here. */
import { belowAssignmentRule } from "./belowAssignment";
import { progressionCellRule, splitCellRule } from "./cellRules";
import { componentsMismatchRule } from "./componentsMismatch";
import { duplicateUnitRule } from "./duplicateUnit";
import { partExceedsTotalRule } from "./partExceedsTotal";
import { formulaOmitsChildRule } from "./formulaOmitsChild";
import { growthMismatchRule } from "./growthMismatch";
import { weightedMeanMismatchRule } from "./weightedMeanMismatch";
import { meanOutOfRangeRule } from "./meanOutOfRange";
import { progressionDecreaseRule } from "./progressionDecrease";
import type { ProgressionRule, SplitRule } from "./rule";
import { sumMismatchRule } from "./sumMismatch";
import { unitMisplacedRule, unitMissingRule } from "./unitPlacement";

/** Rules over one indicator row of one split: re-run when a cell of that row changes. */
export const ROW_RULES: SplitRule[] = [
  splitCellRule,
  sumMismatchRule,
  formulaOmitsChildRule,
  meanOutOfRangeRule,
  belowAssignmentRule,
];
/** Rules over a split's header: its units. */
export const HEADER_RULES: SplitRule[] = [duplicateUnitRule, unitMisplacedRule, unitMissingRule];
/** Rules over a group of rows in every unit of a table (其中 parts, components, growth chains). */
export const GROUP_RULES = {
  parts: partExceedsTotalRule,
  components: componentsMismatchRule,
  growth: growthMismatchRule,
} as const;
/** Rules over a pair of rows within one split (a ratio and its weights). */
export const WEIGHT_RULES: SplitRule[] = [weightedMeanMismatchRule];
export const PROGRESSION_RULES: ProgressionRule[] = [progressionCellRule, progressionDecreaseRule];
