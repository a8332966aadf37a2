/**
 * The rule registry: every rule, once. Adding a rule is one new module and one line in RULES
 * (README.md). `RuleId`, the checker's grouping of rules by scope and every rule's title and
 * texts are derived from this list; its order is the order rules run in a bucket, and so the
 * order of their findings.
 */
import { belowAssignmentRule } from "./belowAssignment";
import { cellRule } from "./cellRules";
import { componentsMismatchRule } from "./componentsMismatch";
import { crossSheetRule } from "./crossSheet";
import { duplicateUnitRule } from "./duplicateUnit";
import { formulaOmitsChildRule } from "./formulaOmitsChild";
import { growthMismatchRule } from "./growthMismatch";
import { meanOutOfRangeRule } from "./meanOutOfRange";
import { partExceedsTotalRule } from "./partExceedsTotal";
import { progressionDecreaseRule } from "./progressionDecrease";
import type { CrossSheetRun, FindingKind, GroupKind, ProgressionRun, Rule, SplitRun } from "./rule";
import { sumMismatchRule } from "./sumMismatch";
import { unitMisplacedRule } from "./unitMisplaced";
import { unitMissingRule } from "./unitMissing";
import { unitPartExceedsTotalRule } from "./unitPartExceedsTotal";
import { weightedMeanMismatchRule } from "./weightedMeanMismatch";

export const RULES = [
  cellRule,
  sumMismatchRule,
  formulaOmitsChildRule,
  meanOutOfRangeRule,
  belowAssignmentRule,
  duplicateUnitRule,
  unitMisplacedRule,
  unitMissingRule,
  partExceedsTotalRule,
  unitPartExceedsTotalRule,
  componentsMismatchRule,
  growthMismatchRule,
  weightedMeanMismatchRule,
  progressionDecreaseRule,
  crossSheetRule,
] as const;

type Registered = (typeof RULES)[number];

type IdsOf<R> = R extends { findings: infer F } ? keyof F & string : never;

/** Every id a finding can carry: each rule's own id and the others it reports under. */
export type RuleId = IdsOf<Registered>;

/** What a registered rule looks like to code that does not care which one it is. */
export type AnyRule = Rule<string, string>;

const ALL: readonly AnyRule[] = RULES;

/** Every finding id with its severities and texts, in registry order. */
export const FINDING_KINDS = Object.fromEntries(
  ALL.flatMap((rule) => Object.entries(rule.findings)),
) as Record<RuleId, FindingKind>;

export interface Runner<Run> {
  id: string;
  run: Run;
}

/**
 * The runs of the rules over one split in a scope, in registry order, with the cell checks among
 * the row rules. A run is looked up on its rule at each call, so a test that wraps a rule's run
 * sees the checker call it.
 */
function splitRunners(scope: "split" | "header" | "weights", withCells: boolean): Runner<SplitRun>[] {
  return ALL.flatMap((rule): Runner<SplitRun>[] => {
    if (rule.scope === "cells")
      return withCells ? [{ id: rule.id, run: (t, out) => rule.run.split(t, out) }] : [];
    if (rule.scope === "split" || rule.scope === "header" || rule.scope === "weights")
      return rule.scope === scope ? [{ id: rule.id, run: (t, out) => rule.run(t, out) }] : [];
    return [];
  });
}

/** Rules over one indicator row of one split: re-run when a cell of that row changes. */
export const ROW_RULES = splitRunners("split", true);
/** Rules over a split's header: its units. */
export const HEADER_RULES = splitRunners("header", false);
/** Rules over a pair of rows within one split (a ratio and its weights). */
export const WEIGHT_RULES = splitRunners("weights", false);

/** Rules over a group of rows in every unit of a table (其中 parts, components, growth chains). */
export const GROUP_RULES = Object.fromEntries(
  (["parts", "components", "growth"] as const).map((kind) => [
    kind,
    ALL.flatMap((rule) =>
      rule.scope === "group" && rule.group === kind
        ? [{ id: rule.id, run: (t, out) => rule.run(t, out) } satisfies Runner<SplitRun>]
        : [],
    ),
  ]),
) as Record<GroupKind, Runner<SplitRun>[]>;

/** Rules over one indicator of a progression (years as columns). */
export const PROGRESSION_RULES: Runner<ProgressionRun>[] = ALL.flatMap((rule) =>
  rule.scope === "progression"
    ? [{ id: rule.id, run: (t, out) => rule.run(t, out) }]
    : rule.scope === "cells"
      ? [{ id: rule.id, run: (t, out) => rule.run.progression(t, out) }]
      : [],
);

/** Rules over every split of the workbook at once. */
export const CROSS_SHEET_RULES: Runner<CrossSheetRun>[] = ALL.flatMap((rule) =>
  rule.scope === "cross-sheet" ? [{ id: rule.id, run: (s, out) => rule.run(s, out) }] : [],
);
