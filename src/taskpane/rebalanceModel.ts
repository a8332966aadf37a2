/**
 * The rebalance panel's logic, pure: which indicators can be rebalanced (numeric rows of split
 * tables), the user's form as the shared `RebalanceChoices`, and the engine's answer as the
 * `tdcheck-rebalance/1` document the command line prints too (src/core/rebalanceRequest.ts plans,
 * solves and words everything; nothing is re-implemented here).
 */
import type { Finding } from "../core/finding";
import type { WorkbookGrid } from "../core/grid";
import type { Lang } from "../core/messages";
import type { IndicatorKind, SplitTable, TableMap } from "../core/model";
import {
  planAndRebalance,
  rebalanceDocument,
  renderInvalidInput,
  renderRequestProblem,
  type MethodChoice,
  type RebalanceChoices,
  type RebalanceDocument,
  type RebalancePlan,
  type UnitValue,
} from "../core/rebalanceRequest";
import type { RebalanceOk, RebalanceResult } from "../core/rebalance/rebalance";

export interface Candidate {
  /** `sheet` + NUL + indicator name: unique among the tables checked. */
  key: string;
  sheet: string;
  name: string;
  kind: IndicatorKind;
  table: SplitTable;
  /** The split parents, top split first (three-level tables have several). */
  parents: string[];
  /** For a ratio: its weights row (GDP, …) as the table links it. */
  weights?: string;
}

export const candidateKey = (sheet: string, name: string): string => `${sheet}\u0000${name}`;

/** Numeric indicators of split tables, in table order (qualitative rows cannot be rebalanced). */
export function candidates(maps: readonly TableMap[]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of maps) {
    if (m.type !== "split" || m.acrossPeriods || m.splits.length === 0) continue;
    const parents = [...m.splits].sort((a, b) => a.level - b.level).map((s) => s.parent.unit);
    for (const ind of m.indicators) {
      if (ind.kind === "qualitative") continue;
      const link = m.weights.find((w) => w.ratio === ind.line);
      const weights = link ? m.indicators.find((i) => i.line === link.weight)?.name : undefined;
      out.push({
        key: candidateKey(m.sheet, ind.name),
        sheet: m.sheet,
        name: ind.name,
        kind: ind.kind,
        table: m,
        parents,
        ...(weights ? { weights } : {}),
      });
    }
  }
  return out;
}

export type Mode = "spread" | "fix-parent";
export type StepChoice = "auto" | "1" | "0.1" | "0.01";
export const METHODS: readonly MethodChoice[] = ["proportional", "equal", "minimal-change", "reference"];
export const STEPS: readonly StepChoice[] = ["auto", "1", "0.1", "0.01"];

export interface RebalanceForm {
  key: string;
  parent: string;
  mode: Mode;
  method: MethodChoice;
  /** The reference row (reference method). */
  reference: string;
  /** The weights row: required for a ratio, optional for minimal change. */
  weights: string;
  /** Empty: the parent's stated value. */
  target: string;
  step: StepChoice;
  noDecrease: boolean;
  zeroBase: boolean;
  locks: string[];
  min: Record<string, string>;
  max: Record<string, string>;
}

/** A fresh form for a candidate (the parent of a finding when given). */
export function formFor(c: Candidate, parent?: string): RebalanceForm {
  return {
    key: c.key,
    parent: parent && c.parents.includes(parent) ? parent : (c.parents[0] ?? ""),
    mode: "spread",
    // A ratio moves every child by the same points by default, as the engine does (ALLOCATION T5).
    method: c.kind === "ratio" ? "equal" : "proportional",
    reference: "",
    weights: c.weights ?? "",
    target: "",
    step: "auto",
    noDecrease: false,
    zeroBase: false,
    locks: [],
    min: {},
    max: {},
  };
}

/** The candidate a finding points at: its indicator on its sheet. */
export function candidateOf(list: Candidate[], finding: Finding | undefined): Candidate | undefined {
  if (!finding?.indicator) return undefined;
  return list.find((c) => c.key === candidateKey(finding.sheet, finding.indicator!));
}

/** The first candidate with a sum mismatch, else the first. */
export function defaultCandidate(list: Candidate[], findings: readonly Finding[]): Candidate | undefined {
  const mismatch = findings.find((f) => f.rule === "sum-mismatch" && candidateOf(list, f));
  return candidateOf(list, mismatch) ?? list[0];
}

/** The children of the chosen split, by unit name (for the locks and bounds table). */
export function childUnits(c: Candidate, parent: string): string[] {
  const split = c.table.splits.find((s) => s.parent.unit === parent) ?? c.table.splits[0];
  return split ? split.children.map((u) => u.unit) : [];
}

function values(record: Record<string, string>, units: string[]): UnitValue[] {
  return units.flatMap((unit) => {
    const v = record[unit]?.trim();
    return v ? [{ unit, value: v }] : [];
  });
}

export function choicesOf(c: Candidate, form: RebalanceForm): RebalanceChoices {
  const units = childUnits(c, form.parent);
  const choices: RebalanceChoices = { sheet: c.sheet, indicator: c.name };
  if (c.parents.length > 1) choices.parent = form.parent;
  if (form.step !== "auto") choices.step = form.step;
  if (form.mode === "fix-parent") return { ...choices, fixParent: true };
  if (c.kind === "ratio") {
    if (form.weights) choices.weights = form.weights;
    if (form.method === "proportional") choices.method = "proportional";
  } else {
    choices.method = form.method;
    if (form.method === "reference" && form.reference) choices.reference = form.reference;
    if (form.method === "minimal-change" && form.weights && form.weights !== c.name)
      choices.weights = form.weights;
  }
  if (form.target.trim()) choices.target = form.target.trim();
  if (form.noDecrease) choices.noDecrease = true;
  if (form.zeroBase) choices.zeroBase = "equal";
  const locks = form.locks.filter((u) => units.includes(u));
  if (locks.length) choices.locks = locks;
  const min = values(form.min, units);
  if (min.length) choices.min = min;
  const max = values(form.max, units);
  if (max.length) choices.max = max;
  return choices;
}

export type Preview =
  /** The request could not be built (unknown row, bad number…): the engine's words. */
  | { kind: "problem"; text: string[] }
  | {
      kind: "solved";
      plan: RebalancePlan;
      result: RebalanceResult;
      /** The command line's JSON document: before, after, change, achievable, explanation text. */
      doc: RebalanceDocument;
      /** Status ok: the engine's answer to apply; otherwise the refusal's lines. */
      ok?: RebalanceOk;
      lines: string[];
      /** Whether applying changes any cell. */
      changes: boolean;
    };

export function preview(
  workbook: WorkbookGrid,
  maps: readonly TableMap[],
  c: Candidate,
  form: RebalanceForm,
  lang: Lang,
): Preview {
  const solved = planAndRebalance(workbook, maps, choicesOf(c, form));
  if (!solved.ok) return { kind: "problem", text: [renderRequestProblem(solved.problem, lang)] };
  const { plan, result } = solved;
  const doc = rebalanceDocument(plan, result, { lang });
  if (result.status === "invalid-input")
    return {
      kind: "solved",
      plan,
      result,
      doc,
      lines: renderInvalidInput(plan, result, lang),
      changes: false,
    };
  const changes =
    result.status === "ok" &&
    (doc.children.some((ch) => ch.change !== 0 && ch.change !== null) ||
      (doc.parent.change !== null && doc.parent.change !== 0) ||
      (doc.parent.before === null && doc.parent.after !== null));
  return {
    kind: "solved",
    plan,
    result,
    doc,
    ...(result.status === "ok" ? { ok: result } : {}),
    lines: doc.explanation.text,
    changes,
  };
}

/** A number for people: as the engine gives it, a + before a positive change. */
export function signed(n: number | null): string {
  if (n === null) return "";
  return n > 0 ? `+${n}` : String(n);
}
