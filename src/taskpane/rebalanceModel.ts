/**
 * The rebalance panel's logic, pure: which indicators can be rebalanced (and why the others
 * cannot), the user's form as the shared `RebalanceChoices`, the problems of a form placed at the
 * field they belong to, and the engine's answer as the `tdcheck-rebalance/1` document the command
 * line prints too (src/core/rebalanceRequest/ plans, solves and words everything; nothing is
 * re-implemented here).
 */
import type { Finding } from "../core/finding";
import type { WorkbookGrid } from "../core/grid";
import type { Lang } from "../core/messages";
import type { IndicatorKind, IndicatorLine, SplitTable, TableMap } from "../core/model";
import {
  buildRebalancePlan,
  invalidInputPlace,
  parseNumber,
  planAndRebalance,
  problemPlace,
  rebalanceDocument,
  renderInvalidInput,
  renderRequestProblem,
  type MethodChoice,
  type OptionLabel,
  type PlanCell,
  type ProblemPlace,
  type RebalanceChoices,
  type RebalanceDocument,
  type RebalancePlan,
  type UnitValue,
} from "../core/rebalanceRequest";
import type { RebalanceOk, RebalanceResult } from "../core/rebalance/rebalance";

/** Why an indicator of a split cannot be rebalanced from the pane. */
export type Unavailable = "qualitative" | "ratio-no-weights";

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
  /** Set when it is shown but cannot be chosen, with the reason. */
  unavailable?: Unavailable;
}

export const candidateKey = (sheet: string, name: string): string => `${sheet}\u0000${name}`;

/**
 * Every indicator of the split tables, in table order. A qualitative row (words) and a ratio row
 * whose table holds no weights row (the parent is a weighted mean: without the denominators there
 * is nothing to keep it to) are listed as unavailable, with the reason.
 */
export function candidates(maps: readonly TableMap[]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of maps) {
    if (m.type !== "split" || m.acrossPeriods || m.splits.length === 0) continue;
    const parents = [...m.splits].sort((a, b) => a.level - b.level).map((s) => s.parent.unit);
    for (const ind of m.indicators) {
      const link = m.weights.find((w) => w.ratio === ind.line);
      const weights = link ? m.indicators.find((i) => i.line === link.weight)?.name : undefined;
      const unavailable: Unavailable | undefined =
        ind.kind === "qualitative"
          ? "qualitative"
          : ind.kind === "ratio" && !weights
            ? "ratio-no-weights"
            : undefined;
      out.push({
        key: candidateKey(m.sheet, ind.name),
        sheet: m.sheet,
        name: ind.name,
        kind: ind.kind,
        table: m,
        parents,
        ...(weights ? { weights } : {}),
        ...(unavailable ? { unavailable } : {}),
      });
    }
  }
  return out;
}

/** A percentage is a ratio of something else: it is no share to spread by, nor a denominator. */
function isAmount(i: IndicatorLine): boolean {
  return i.kind === "additive" && i.measure !== "%" && i.measure !== "‰";
}

/** Rows a reference method can spread by (base year, GDP, population): amounts, never percentages. */
export function referenceRows(c: Candidate): string[] {
  return c.table.indicators.filter((i) => i.name !== c.name && isAmount(i)).map((i) => i.name);
}

/** Rows that can weigh: a ratio's denominators (GDP), minimal-change weights; amounts only. */
export function weightRows(c: Candidate): string[] {
  return c.table.indicators.filter((i) => i.name !== c.name && isAmount(i)).map((i) => i.name);
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
    // A ratio moves every child by the same points by default, as the engine does (docs/rebalancing.md §5).
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

/** The candidate a finding points at: its indicator on its sheet (when it can be rebalanced). */
export function candidateOf(list: Candidate[], finding: Finding | undefined): Candidate | undefined {
  if (!finding?.indicator) return undefined;
  return list.find((c) => !c.unavailable && c.key === candidateKey(finding.sheet, finding.indicator!));
}

/** The first candidate with a sum mismatch, else the first that can be rebalanced. */
export function defaultCandidate(list: Candidate[], findings: readonly Finding[]): Candidate | undefined {
  const mismatch = findings.find((f) => f.rule === "sum-mismatch" && candidateOf(list, f));
  return candidateOf(list, mismatch) ?? list.find((c) => !c.unavailable);
}

/** The children of the chosen split, by unit name (for the locks and bounds table). */
export function childUnits(c: Candidate, parent: string): string[] {
  const split = c.table.splits.find((s) => s.parent.unit === parent) ?? c.table.splits[0];
  return split ? split.children.map((u) => u.unit) : [];
}

/** Where a problem shows in the form: `target`, `weights`, `max:建德市`, … */
export type FieldKey = string;

export function fieldKey(place: ProblemPlace): FieldKey {
  return place.unit ? `${place.option}:${place.unit}` : place.option;
}

/** The problems of the numbers typed, each at its field, before the engine is asked. */
export function formErrors(c: Candidate, form: RebalanceForm): Map<FieldKey, string> {
  const errors = new Map<FieldKey, string>();
  if (form.mode === "fix-parent") return errors;
  if (form.target.trim() && !parseNumber(form.target)) errors.set("target", form.target.trim());
  const units = childUnits(c, form.parent);
  for (const side of ["min", "max"] as const)
    for (const unit of units) {
      const v = form[side][unit]?.trim();
      if (v && !form.locks.includes(unit) && !parseNumber(v)) errors.set(`${side}:${unit}`, v);
    }
  return errors;
}

function values(record: Record<string, string>, units: string[], locks: string[]): UnitValue[] {
  return units.flatMap((unit) => {
    const v = record[unit]?.trim();
    return v && !locks.includes(unit) && parseNumber(v) ? [{ unit, value: v }] : [];
  });
}

/** The form as the engine's choices; numbers that do not parse are left out (their field says so). */
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
  const target = form.target.trim();
  if (target && parseNumber(target)) choices.target = target;
  if (form.noDecrease) choices.noDecrease = true;
  if (form.zeroBase) choices.zeroBase = "equal";
  const locks = form.locks.filter((u) => units.includes(u));
  if (locks.length) choices.locks = locks;
  const min = values(form.min, units, locks);
  if (min.length) choices.min = min;
  const max = values(form.max, units, locks);
  if (max.length) choices.max = max;
  return choices;
}

/**
 * The split's cells as they are now, whatever the form says: the table of locks and bounds shows
 * them even while a field is wrong or the engine refuses. (Keeping the children and fixing the
 * parent asks nothing of the form, so its plan always reads every child.)
 */
export function currentCells(
  workbook: WorkbookGrid,
  maps: readonly TableMap[],
  c: Candidate,
  parent: string,
): { children: PlanCell[]; parent?: number } | undefined {
  const planned = buildRebalancePlan(workbook, maps, {
    sheet: c.sheet,
    indicator: c.name,
    ...(c.parents.length > 1 ? { parent } : {}),
    fixParent: true,
  });
  if (!planned.ok) return undefined;
  const stated = planned.plan.parent.stated;
  return {
    children: planned.plan.children,
    ...(stated ? { parent: stated.toJSON() } : {}),
  };
}

export type Preview =
  /** The request could not be built: the engine's words, at the field at fault where there is one. */
  | { kind: "problem"; text: string; field?: FieldKey }
  | {
      kind: "solved";
      plan: RebalancePlan;
      result: RebalanceResult;
      /** The command line's JSON document: before, after, change, achievable, explanation text. */
      doc: RebalanceDocument;
      /** Status ok: the engine's answer to apply; otherwise the refusal's lines. */
      ok?: RebalanceOk;
      lines: string[];
      /** INVALID_INPUT: each line's field, where it has one (parallel to `lines`). */
      fields?: (FieldKey | undefined)[];
      /** Whether applying changes any cell. */
      changes: boolean;
    };

export function preview(
  workbook: WorkbookGrid,
  maps: readonly TableMap[],
  c: Candidate,
  form: RebalanceForm,
  lang: Lang,
  label: OptionLabel,
): Preview {
  const solved = planAndRebalance(workbook, maps, choicesOf(c, form));
  if (!solved.ok) {
    const place = problemPlace(solved.problem);
    return {
      kind: "problem",
      text: renderRequestProblem(solved.problem, lang, label, { atField: !!place }),
      ...(place ? { field: fieldKey(place) } : {}),
    };
  }
  const { plan, result } = solved;
  const doc = rebalanceDocument(plan, result, { lang });
  if (result.status === "invalid-input")
    return {
      kind: "solved",
      plan,
      result,
      doc,
      lines: renderInvalidInput(plan, result, lang, label),
      fields: result.problems.map((p) => fieldKey(invalidInputPlace(plan, p))),
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

/** Above this many children the preview lists only the ones that change, unless asked otherwise. */
export const LARGE_SPLIT = 50;

/** The children whose value changes, largest change first: the chart of a large split. */
export function largestChanges(doc: RebalanceDocument, count: number): RebalanceDocument["children"] {
  return doc.children
    .filter((c) => c.change !== null && c.change !== 0)
    .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!))
    .slice(0, count);
}

/** A number for people: as the engine gives it, a + before a positive change. */
export function signed(n: number | null): string {
  if (n === null) return "";
  return n > 0 ? `+${n}` : String(n);
}
