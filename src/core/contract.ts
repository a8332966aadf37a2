/**
 * The JSON contract `tdcheck/1` (PRODUCT §7). Fields may be added; none may be renamed or
 * removed without a new schema version. Numbers are rendered from exact decimals.
 */
import type { CheckResult } from "./check";
import type { Finding } from "./finding";
import { describeTolerance, renderHint, renderMessage, type Lang } from "./messages";

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
}

export function contractFinding(f: Finding, lang: Lang): ContractFinding {
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
  };
}

export function contractDocument(file: string, result: CheckResult, lang: Lang) {
  return {
    schema: SCHEMA,
    file,
    tables: result.tables,
    progressions: result.progressions,
    findings: result.findings.map((f) => contractFinding(f, lang)),
    summary: result.summary,
  };
}
