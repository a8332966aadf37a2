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

export const SPLIT_RULES: SplitRule[] = [splitCellRule, duplicateUnitRule, sumMismatchRule, formulaOmitsChildRule, meanOutOfRangeRule, belowAssignmentRule, partExceedsTotalRule, componentsMismatchRule, weightedMeanMismatchRule, growthMismatchRule];
export const PROGRESSION_RULES: ProgressionRule[] = [progressionCellRule, progressionDecreaseRule];
