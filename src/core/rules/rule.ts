/**
 * What a rule is: one object per rule module, holding everything the rest of the engine needs to
 * know about it — its id, where it runs (scope), what it reads, its run function, and for every
 * finding it reports the severities and the texts in both languages. The registry (index.ts)
 * lists these objects; `RuleId`, the checker's grouping and the rule titles are derived from it,
 * so adding a rule is one new module and one line there (README.md). Rules also record the checks
 * that passed, so a report can list every check run, passed ones included.
 */
import type { Finding, Severity } from "../finding";
import type { ParsedProgression, ParsedSplit } from "../table";
import type { Lang } from "./evidenceText";

/** A check that ran and passed (a failed check is a Finding): the same evidence, no severity. */
export type PassedCheck = Omit<Finding, "severity" | "hints">;

export interface RuleOutput {
  finding(f: Finding): void;
  /** A check ran; `passed` is true when it produced no error or warning. */
  passed(check: PassedCheck): void;
  /** A check ran and failed (its finding is reported separately through `finding`). */
  failed(): void;
}

/** Runs over one split: its parent, assignment and children, for the rows the checker hands it. */
export type SplitRun = (table: ParsedSplit, out: RuleOutput) => void;
/** Runs over one progression (years as columns), for the indicators the checker hands it. */
export type ProgressionRun = (table: ParsedProgression, out: RuleOutput) => void;
/** Runs over every split of the workbook at once (one sheet's totals against another's). */
export type CrossSheetRun = (splits: ParsedSplit[], out: RuleOutput) => void;

/**
 * Where a rule runs, which is also what makes the checker re-run it after an edit (checker.ts):
 * - `split`: one indicator row of one split (re-run when a cell of that row changes);
 * - `header`: one split's unit names (re-run when detection runs again);
 * - `weights`: a ratio row and its weights row within one split;
 * - `group`: one group of rows in every unit of a table (其中 parts, components, a growth chain);
 * - `progression`: one indicator of a progression;
 * - `cross-sheet`: the tops of every split against the other sheets' children;
 * - `cells`: every cell a split row or a progression reads (runs with both).
 */
export type Scope = "split" | "header" | "weights" | "group" | "progression" | "cross-sheet" | "cells";

export const SCOPES: readonly Scope[] = [
  "split",
  "header",
  "weights",
  "group",
  "progression",
  "cross-sheet",
  "cells",
];

/** The groups of rows a `group` rule reads, as the table map names them. */
export type GroupKind = "parts" | "components" | "growth";

/** What a rule reads, in words a reader of docs/rules.md knows. */
export type Reads =
  | "parent"
  | "assignment"
  | "children"
  | "parent formula"
  | "unit names"
  | "division dictionary"
  | "weights row"
  | "part rows"
  | "part units"
  | "component rows"
  | "growth rows"
  | "periods"
  | "other sheets";

/** One finding's words in one language. */
export interface FindingTexts {
  /** The finding's name, as a list of findings heads it: 合计不符. */
  title: string;
  /** The rule as the check it makes (an audit report lists passed checks: 加总校核 ✓ 通过). */
  check: string;
  /** The finding as a sentence, from its evidence. */
  message(f: Finding): string;
  /** A passed check as a sentence; only a rule's own id records passed checks. */
  passed?(c: PassedCheck): string;
}

/** One kind of finding a rule reports: its severities and its words in each language. */
export type FindingKind = { severities: readonly Severity[] } & Record<Lang, FindingTexts>;

interface RuleBase<Id extends string, Also extends string> {
  /** The rule's id: what its checks (passed or failed) are called. */
  id: Id;
  reads: readonly Reads[];
  /**
   * Every finding the rule reports, under its own id and any other (sum-mismatch also reports
   * sum-rounding): each id is a stable code of the JSON contract (docs/rules.md).
   */
  findings: { readonly [K in Id | Also]: FindingKind };
}

/**
 * A rule module's one export. `Id` is the rule's own id, `Also` the other ids it reports
 * findings under.
 */
export type Rule<Id extends string = string, Also extends string = never> = RuleBase<Id, Also> &
  (
    | { scope: "split" | "header" | "weights"; run: SplitRun }
    | { scope: "group"; group: GroupKind; run: SplitRun }
    | { scope: "progression"; run: ProgressionRun }
    | { scope: "cross-sheet"; run: CrossSheetRun }
    | { scope: "cells"; run: { split: SplitRun; progression: ProgressionRun } }
  );
