/**
 * What a rule is: an id, a default severity, and a function from a parsed table to findings.
 * Rules also record the checks that passed, so a report can list every check run (issue 6).
 */
import type { Finding, RuleId } from "../finding";
import type { ParsedProgression, ParsedSplit } from "../table";

/** A check that ran and passed (a failed check is a Finding): the same evidence, no severity. */
export type PassedCheck = Omit<Finding, "severity" | "hints">;

export interface RuleOutput {
  finding(f: Finding): void;
  /** A check ran; `passed` is true when it produced no error or warning. */
  passed(check: PassedCheck): void;
  /** A check ran and failed (its finding is reported separately through `finding`). */
  failed(): void;
}

export interface SplitRule {
  id: RuleId;
  scope: "split";
  run(table: ParsedSplit, out: RuleOutput): void;
}

export interface ProgressionRule {
  id: RuleId;
  scope: "progression";
  run(table: ParsedProgression, out: RuleOutput): void;
}

export type Rule = SplitRule | ProgressionRule;
