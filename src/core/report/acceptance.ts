/**
 * Accepting a finding with a written reason (上报说明). An acceptance is keyed to a hash of the
 * finding's identity (rule, sheet, cell) and of the stored values and number formats of every
 * cell it covers (its cell and its related cells), so it lapses by itself the moment any of
 * those cells changes. Accepted findings stop counting as errors, warnings or infos but stay
 * in the findings list, marked, so nothing disappears from a report.
 *
 * Stored in the `_tdcheck` sheet, column C (section `acceptances`), as
 * `{ "schema": 1, "acceptances": [Acceptance, …] }`.
 */
import type { CheckResult, CheckSummary } from "../check";
import type { Finding, RuleId } from "../finding";
import type { WorkbookGrid } from "../grid";
import { RULE_TITLES } from "../messages";
import { cellLine, coveredCells, orderCells, sha256Hex } from "./fingerprint";
import { encodeSection, readSection, type SectionColumn, type SectionProblem } from "./stateSheet";

export interface Acceptance {
  /** SHA-256 (hex) of the finding's identity and covered cells when it was accepted (acceptanceKey). */
  key: string;
  rule: RuleId;
  sheet: string;
  cell: string;
  /** For people reading a lapsed acceptance: what it was about. */
  indicator?: string;
  unit?: string;
  /** 上报说明: why the finding stands. */
  reason: string;
  /** Who accepted it. */
  by: string;
  /** When, ISO 8601. */
  at: string;
}

/** What an accepted finding carries (also in the tdcheck/1 JSON, as `accepted`). */
export interface AcceptanceMark {
  reason: string;
  by: string;
  at: string;
}

export type AcceptedFinding = Finding & { accepted?: AcceptanceMark };

export interface LapsedAcceptance {
  acceptance: Acceptance;
  /** changed: the finding is still there but a covered cell changed; gone: no such finding any more. */
  why: "changed" | "gone";
}

export interface AcceptedSummary extends CheckSummary {
  /** Findings accepted with a reason (counted in none of errors, warnings, infos). */
  accepted: number;
  /** Stored acceptances that no longer apply. */
  lapsed: number;
}

export interface AcceptedCheckResult extends CheckResult {
  findings: AcceptedFinding[];
  summary: AcceptedSummary;
  lapsed: LapsedAcceptance[];
}

export const ACCEPTANCE_KEY_VERSION = "tdcheck-acceptance/1";

export function identityOf(f: { rule: string; sheet: string; cell: string }): string {
  return `${f.rule}\u0000${f.sheet}\u0000${f.cell.replace(/\$/g, "").toUpperCase()}`;
}

/** The text an acceptance key hashes: a version line, the identity line, one line per covered cell. */
export function acceptanceKeyText(finding: Finding, workbook: WorkbookGrid): string {
  const grids = new Map(workbook.sheets.map((s) => [s.name, s]));
  let text = `${ACCEPTANCE_KEY_VERSION}\n${finding.rule}\t${finding.sheet}\t${finding.cell}\n`;
  for (const c of orderCells(workbook, coveredCells(finding)))
    text += cellLine(grids.get(c.sheet)!, c.row, c.col);
  return text;
}

export function acceptanceKey(finding: Finding, workbook: WorkbookGrid): Promise<string> {
  return sha256Hex(acceptanceKeyText(finding, workbook));
}

/** A new acceptance of `finding` as the workbook is now. */
export async function createAcceptance(
  finding: Finding,
  workbook: WorkbookGrid,
  by: { reason: string; by: string; at: string },
): Promise<Acceptance> {
  return {
    key: await acceptanceKey(finding, workbook),
    rule: finding.rule,
    sheet: finding.sheet,
    cell: finding.cell,
    indicator: finding.indicator,
    unit: finding.unit,
    reason: by.reason,
    by: by.by,
    at: by.at,
  };
}

/** The list with `acceptance` in place of any earlier one for the same finding. */
export function withAcceptance(list: Acceptance[], acceptance: Acceptance): Acceptance[] {
  const id = identityOf(acceptance);
  return [...list.filter((a) => identityOf(a) !== id), acceptance];
}

/** The list without the acceptance of this finding (withdrawing it). */
export function withoutAcceptance(
  list: Acceptance[],
  finding: { rule: string; sheet: string; cell: string },
): Acceptance[] {
  const id = identityOf(finding);
  return list.filter((a) => identityOf(a) !== id);
}

function count(findings: AcceptedFinding[], severity: Finding["severity"]): number {
  return findings.filter((f) => f.severity === severity && !f.accepted).length;
}

/**
 * Marks the findings whose stored acceptance still matches; the rest of the acceptances are
 * lapsed. Errors, warnings and infos in the summary count only findings not accepted.
 */
export async function applyAcceptances(
  result: CheckResult,
  acceptances: Acceptance[],
  workbook: WorkbookGrid,
): Promise<AcceptedCheckResult> {
  const byIdentity = new Map<string, number[]>();
  result.findings.forEach((f, i) => {
    const id = identityOf(f);
    byIdentity.set(id, [...(byIdentity.get(id) ?? []), i]);
  });
  const keys = new Map<number, string>();
  const findings: AcceptedFinding[] = result.findings.map((f) => {
    // A finding handed in already marked keeps no stale mark: only the stored list decides.
    const { accepted: _old, ...plain } = f as AcceptedFinding;
    void _old;
    return plain;
  });
  const lapsed: LapsedAcceptance[] = [];
  for (const a of acceptances) {
    const candidates = byIdentity.get(identityOf(a)) ?? [];
    let matched = false;
    for (const i of candidates) {
      if (!keys.has(i)) keys.set(i, await acceptanceKey(result.findings[i], workbook));
      if (keys.get(i) === a.key) {
        findings[i] = { ...findings[i], accepted: { reason: a.reason, by: a.by, at: a.at } };
        matched = true;
      }
    }
    if (!matched) lapsed.push({ acceptance: a, why: candidates.length ? "changed" : "gone" });
  }
  const summary: AcceptedSummary = {
    ...result.summary,
    errors: count(findings, "error"),
    warnings: count(findings, "warning"),
    infos: count(findings, "info"),
    accepted: findings.filter((f) => f.accepted).length,
    lapsed: lapsed.length,
  };
  return { ...result, findings, summary, lapsed };
}

// ---------------------------------------------------------------------------------------------
// Storage (section `acceptances`, column C of `_tdcheck`)

export const ACCEPTANCES_SCHEMA = 1;

export interface AcceptancesDocument {
  schema: 1;
  acceptances: Acceptance[];
}

/** The section's JSON document (for a storage that chunks documents itself, like src/excel/storage.ts). */
export function acceptancesDocument(list: Acceptance[]): AcceptancesDocument {
  return { schema: ACCEPTANCES_SCHEMA, acceptances: list };
}

/** The section's column cells, top to bottom, for writing into `_tdcheck` column C. */
export function encodeAcceptances(list: Acceptance[]): SectionColumn {
  return encodeSection("acceptances", acceptancesDocument(list));
}

function isString(v: unknown): v is string {
  return typeof v === "string";
}

/** Validates a stored document; entries that are not acceptances are dropped and counted. */
export function parseAcceptances(document: unknown): {
  acceptances: Acceptance[];
  dropped: number;
  ok: boolean;
} {
  const doc = document as Partial<AcceptancesDocument> | null;
  if (!doc || typeof doc !== "object" || doc.schema !== ACCEPTANCES_SCHEMA || !Array.isArray(doc.acceptances))
    return { acceptances: [], dropped: 0, ok: false };
  const acceptances: Acceptance[] = [];
  let dropped = 0;
  for (const a of doc.acceptances as unknown[]) {
    const x = a as Partial<Acceptance> | null;
    const valid =
      !!x &&
      isString(x.key) &&
      isString(x.rule) &&
      x.rule in RULE_TITLES &&
      isString(x.sheet) &&
      isString(x.cell) &&
      isString(x.reason) &&
      isString(x.by) &&
      isString(x.at);
    if (valid) acceptances.push(x as Acceptance);
    else dropped++;
  }
  return { acceptances, dropped, ok: true };
}

export type StoredRead<T> = {
  items: T[];
  /** Why the stored section could not be read (MISSING is not a problem: nothing was stored). */
  problem?: SectionProblem | { code: "BAD_SHAPE"; detail: string };
};

/** The acceptances stored in a workbook's `_tdcheck` sheet (none when there is no such sheet). */
export function readAcceptances(workbook: WorkbookGrid): StoredRead<Acceptance> {
  const read = readSection(workbook, "acceptances");
  if (!read.ok) return read.problem.code === "MISSING" ? { items: [] } : { items: [], problem: read.problem };
  const parsed = parseAcceptances(read.document);
  if (!parsed.ok)
    return { items: [], problem: { code: "BAD_SHAPE", detail: "not an acceptances document (schema 1)" } };
  return parsed.dropped
    ? {
        items: parsed.acceptances,
        problem: { code: "BAD_SHAPE", detail: `${parsed.dropped} entries unreadable` },
      }
    : { items: parsed.acceptances };
}
