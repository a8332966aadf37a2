/**
 * Findings carry evidence, not prose: the message is rendered at the edge (CLI, pane, report)
 * from these fields in the reader's language (messages.ts).
 */
import type { Decimal } from "./decimal";
import type { Bound } from "./cell";
import type { RuleId } from "./rules";

export type Severity = "error" | "warning" | "info";

/** Every rule id, derived from the rule registry (rules/index.ts). */
export type { RuleId };

/** Why a tolerance has the size it has, so the finding can explain itself. */
export interface Tolerance {
  /** The band within which a difference is only rounding noise (info). */
  value: Decimal;
  /** The worst case rounding can produce; beyond it the difference is an error. */
  worstCase: Decimal;
  /** How the tolerance was chosen. */
  basis: "exact-count" | "shown-precision" | "written-multiplier" | "user" | "exact";
  /** The unit of the last shown digit, when basis is shown-precision. */
  unit?: Decimal;
  /** Number of rounded values (n children + the parent). */
  values?: number;
}

export type HintKind =
  "transposed-digits" | "dropped-digit" | "extra-digit" | "omitted-child" | "double-counted-child";

export interface Hint {
  kind: HintKind;
  /** The cell the hint points at. */
  cell: string;
  /** The value that cell would need for the split to add up. */
  suggested?: Decimal;
  unit?: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  sheet: string;
  /** The cell the finding sits on (A1, no sheet). */
  cell: string;
  /** Cells the finding relates to, as compressed A1 ranges (may be on another sheet: `Sheet!A1`). */
  related: string[];
  indicator?: string;
  unit?: string;
  stated?: Decimal;
  /** When the stated value is a bound (超500). */
  statedBound?: Bound;
  /** What the level above requires (below-assignment); difference is then stated − expected. */
  expected?: Decimal;
  expectedBound?: Bound;
  computed?: Decimal;
  computedBound?: Bound;
  /** computed − stated. */
  difference?: Decimal;
  tolerance?: Tolerance;
  hints: Hint[];
  /** Extra evidence for the message: counts, names, the cell's text, min/max, periods. */
  details?: Record<string, string | number>;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * What the user sees of some findings, as one text: when it is unchanged after an edit, nothing
 * they see changed (the checker's re-check, the adapter's decision to rewrite flags).
 */
export function findingsKey(findings: Finding[]): string {
  return JSON.stringify(
    findings.map((f) => [
      f.rule,
      f.severity,
      f.sheet,
      f.cell,
      f.related,
      f.stated?.toString(),
      f.computed?.toString(),
      f.expected?.toString(),
      f.difference?.toString(),
      f.tolerance?.value.toString(),
      f.hints.map((h) => [h.kind, h.cell, h.suggested?.toString()]),
      f.details,
    ]),
  );
}
