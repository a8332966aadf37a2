/**
 * The JSON contract `tdcheck/1` (docs/json-contracts.md). Fields may be added; none may be renamed or
 * removed without a new schema version. Numbers are rendered from exact decimals.
 */
import type { CheckResult } from "./check";
import type { Finding } from "./finding";
import { describeTolerance, renderHint, renderMessage, type Lang } from "./messages";
import type { AcceptanceMark, LapsedAcceptance } from "./report/acceptance";

export const SCHEMA = "tdcheck/1";

export interface ContractFinding {
  rule: string;
  severity: string;
  sheet: string;
  cell: string;
  related: string[];
  indicator?: string;
  unit?: string;
  stated?: number;
  statedBound?: string;
  computed?: number;
  computedBound?: string;
  expected?: number;
  expectedBound?: string;
  difference?: number;
  tolerance?: number;
  worstCase?: number;
  toleranceBasis?: string;
  toleranceText?: string;
  hints: { kind: string; cell: string; unit?: string; suggested?: number; message: string }[];
  message: string;
  details?: Record<string, string | number>;
  /** Present when the finding was accepted with a reason (上报说明); it then counts in summary.accepted only. */
  accepted?: AcceptanceMark;
}

/** A stored acceptance that no longer applies (a covered cell changed, or the finding is gone). */
export interface ContractLapsed {
  rule: string;
  sheet: string;
  cell: string;
  indicator?: string;
  unit?: string;
  reason: string;
  by: string;
  at: string;
  why: LapsedAcceptance["why"];
}

export function contractFinding(f: Finding & { accepted?: AcceptanceMark }, lang: Lang): ContractFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    related: f.related,
    indicator: f.indicator,
    unit: f.unit,
    stated: f.stated?.toNumber(),
    statedBound: f.statedBound,
    computed: f.computed?.toNumber(),
    computedBound: f.computedBound,
    expected: f.expected?.toNumber(),
    expectedBound: f.expectedBound,
    difference: f.difference?.toNumber(),
    tolerance: f.tolerance?.value.toNumber(),
    worstCase: f.tolerance?.worstCase.toNumber(),
    toleranceBasis: f.tolerance?.basis,
    toleranceText: f.tolerance ? describeTolerance(f.tolerance, lang) : undefined,
    hints: f.hints.map((h) => ({
      kind: h.kind,
      cell: h.cell,
      unit: h.unit,
      suggested: h.suggested?.toNumber(),
      message: renderHint(h, lang),
    })),
    message: renderMessage(f, lang),
    details: f.details,
    accepted: f.accepted,
  };
}

/** `lapsed` appears when the result went through applyAcceptances (src/core/report). */
export function contractDocument(
  file: string,
  result: CheckResult & { lapsed?: LapsedAcceptance[] },
  lang: Lang,
) {
  return {
    schema: SCHEMA,
    file,
    tables: result.tables,
    progressions: result.progressions,
    findings: result.findings.map((f) => contractFinding(f, lang)),
    summary: result.summary,
    // What was looked at and not checked: added to tdcheck/1 (fields may be added: docs/json-contracts.md).
    ...(result.rejected?.length ? { rejected: result.rejected } : {}),
    ...(result.lapsed
      ? {
          lapsed: result.lapsed.map(({ acceptance: a, why }): ContractLapsed => ({
            rule: a.rule,
            sheet: a.sheet,
            cell: a.cell,
            indicator: a.indicator,
            unit: a.unit,
            reason: a.reason,
            by: a.by,
            at: a.at,
            why,
          })),
        }
      : {}),
  };
}
