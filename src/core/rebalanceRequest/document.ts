/**
 * The `tdcheck-rebalance/1` JSON document for a plan and the solver's answer. `achievable` is in
 * it only when the request is refused (INFEASIBLE: the range that locks and bounds allow;
 * ZERO_BASE_BLOCKED: the range reachable without the zero bases): an accepted request has hit its
 * target exactly, so a range would only repeat the solver's work.
 */
import { Decimal } from "../decimal";
import type { Lang } from "../messages";
import {
  REFUSAL_CODE,
  renderExplanation,
  renderRefusal,
  type ChildRole,
  type Method,
  type Rational,
  type RebalanceOk,
  type RebalanceResult,
  type Refusal,
} from "../rebalance/rebalance";
import { sortedHas } from "../sorted";
import type { OptionLabel } from "./choices";
import type { RebalancePlan } from "./plan";
import { REQUEST_TEXT } from "./requestText";

export interface RebalanceChildDoc {
  unit: string;
  cell: string;
  before: number;
  after: number | null;
  change: number | null;
  locked: boolean;
  /** The bound that binds: "min" / "max" (ok: the child sits at it; infeasible: it stops the parent). */
  bound: "min" | "max" | null;
  role?: ChildRole;
  min?: number;
  max?: number;
  formula?: string;
}

export interface RebalanceDocument {
  schema: "tdcheck-rebalance/1";
  status: "ok" | "infeasible" | "zero-base-blocked" | "invalid-input";
  file?: string;
  sheet: string;
  indicator: string;
  method: Method;
  step: number;
  target: number | null;
  parent: {
    unit: string;
    cell: string;
    before: number | null;
    after: number | null;
    change: number | null;
    formula?: string;
  };
  achievable?: [number | null, number | null];
  children: RebalanceChildDoc[];
  explanation: Record<string, unknown> & { text: string[] };
  /** The copy written and its changed cells; null when writing was refused (formulas). */
  written?: { file: string; cells: string[] } | null;
  [key: string]: unknown;
}

function num(d: Decimal): number {
  return d.toJSON();
}

/**
 * Whether child i is one of those an infeasible result says its bound stopped (asked per child).
 * `boundChildren` lists indices in ascending order (a filter of the free children), so a binary
 * search answers without a cache.
 */
export function isBoundChild(
  result: RebalanceResult,
  i: number,
): result is Extract<RebalanceResult, { status: "infeasible" }> {
  if (result.status !== "infeasible") return false;
  return sortedHas(result.boundChildren, i);
}

function rat(r: Rational | null): number | null {
  if (r === null) return null;
  const d = r.toDecimal();
  return d ? d.toJSON() : r.toNumber();
}

function stepOf(plan: RebalancePlan, result: RebalanceResult): Decimal {
  if (result.status === "ok") return result.step;
  const s = plan.step;
  return s instanceof Decimal ? s : Decimal.of(1n, s.decimals);
}

/**
 * The explanation in words: the solver's, except for fix-parent, where the only thing to say
 * is what the parent becomes.
 */
export function explanationText(plan: RebalancePlan, result: RebalanceOk, lang: Lang): string[] {
  if (result.method !== "fix-parent") return renderExplanation(result.explanation, lang);
  const p = plan.parent;
  const was = p.stated ? p.stated.toString() : (p.text ?? "");
  const sum = result.parent.toString();
  if (p.stated && p.stated.eq(result.parent))
    return [REQUEST_TEXT[lang].fixParentNothing(sum, p.unit, p.cell)];
  return [REQUEST_TEXT[lang].fixParentSet(sum, p.unit, p.cell, was)];
}

function explanationDoc(
  plan: RebalancePlan,
  result: RebalanceOk,
  lang: Lang,
): RebalanceDocument["explanation"] {
  const expl = result.explanation;
  const unit = (i: number) => expl.children[i]?.unit ?? `#${i + 1}`;
  const out: RebalanceDocument["explanation"] = {
    text: explanationText(plan, result, lang),
    method: expl.method,
    rounding: expl.rounding,
    lockedTotal: num(expl.lockedTotal),
    toSpread: num(expl.toSpread),
    leftoverSteps: expl.leftoverSteps,
    atMin: expl.atMin.map(unit),
    atMax: expl.atMax.map(unit),
    ties: expl.ties.map((t) => ({
      contenders: t.contenders.map(unit),
      winners: t.winners.map(unit),
      decidedBy: t.decidedBy,
      ...(t.remainder ? { remainder: t.remainder.toString() } : {}),
      ...(t.marginalCost ? { marginalCost: t.marginalCost.toString() } : {}),
    })),
    roundedUp: expl.children.filter((c) => c.roundedUp).map((c) => c.unit),
  };
  if (expl.spread) out.spread = expl.spread;
  if (expl.zeroBase) out.zeroBase = expl.zeroBase;
  // Factors: a JSON number for charts, and the exact fraction as text.
  for (const key of ["scale", "increment", "perReference", "shift", "marginalCost"] as const) {
    const r = expl[key];
    if (r) {
      out[key] = rat(r);
      out[`${key}Exact`] = r.toString();
    }
  }
  return out;
}

function refusalDoc(refusal: Refusal, lang: Lang, label?: OptionLabel): RebalanceDocument["explanation"] {
  const out: RebalanceDocument["explanation"] = {
    text: renderRefusal(refusal, lang),
    code: REFUSAL_CODE[refusal.status],
  };
  if (refusal.status === "infeasible") {
    out.limitedBy = refusal.limitedBy;
    out.lockedTotal = rat(refusal.lockedTotal);
    if (refusal.shortBy) out.shortBy = rat(refusal.shortBy);
    if (refusal.overBy) out.overBy = rat(refusal.overBy);
  } else if (refusal.status === "zero-base-blocked") {
    // The way out, as the door names it (the command line's JSON says `--zero-base equal`).
    if (label) out.option = label({ option: "zero-base", value: "equal" }, lang);
  } else out.problems = refusal.problems;
  return out;
}

export interface DocumentOptions {
  lang: Lang;
  /** The door's names for options, where the document names one (a refusal's way out). */
  label?: OptionLabel;
  file?: string;
  written?: { file: string; cells: string[] };
}

/** The `tdcheck-rebalance/1` document for a plan and the solver's answer. */
export function rebalanceDocument(
  plan: RebalancePlan,
  result: RebalanceResult,
  options: DocumentOptions,
): RebalanceDocument {
  const ok = result.status === "ok" ? result : undefined;
  const roles = ok?.explanation.children.map((c) => c.role);
  const boundNow = (i: number): "min" | "max" | null => {
    if (ok) return roles![i] === "at-min" ? "min" : roles![i] === "at-max" ? "max" : null;
    if (isBoundChild(result, i)) return result.shortBy ? "max" : "min";
    return null;
  };
  const children = plan.children.map((c, i): RebalanceChildDoc => {
    const doc: RebalanceChildDoc = {
      unit: c.unit,
      cell: c.cell,
      before: num(c.value),
      after: ok ? num(ok.values[i]) : null,
      change: ok ? num(ok.changes[i]) : null,
      locked: plan.locked[i] || roles?.[i] === "locked",
      bound: boundNow(i),
    };
    if (roles) doc.role = roles[i];
    if (plan.min[i]) doc.min = num(plan.min[i]!);
    if (plan.max[i]) doc.max = num(plan.max[i]!);
    if (c.formula) doc.formula = c.formula;
    return doc;
  });
  // fix-parent locks every child by construction; the user locked none.
  if (plan.method === "fix-parent") for (const c of children) c.locked = false;

  const stated = plan.parent.stated;
  const newParent = ok ? (ok.method === "fix-parent" ? ok.parent : (plan.target ?? ok.parent)) : undefined;
  const parent: RebalanceDocument["parent"] = {
    unit: plan.parent.unit,
    cell: plan.parent.cell,
    before: stated ? num(stated) : null,
    after: newParent ? num(newParent) : null,
    change: newParent && stated ? num(newParent.sub(stated)) : null,
  };
  if (plan.parent.formula) parent.formula = plan.parent.formula;

  const target = ok?.method === "fix-parent" ? ok.parent : plan.target;
  const doc: RebalanceDocument = {
    schema: "tdcheck-rebalance/1",
    status: result.status,
    ...(options.file !== undefined ? { file: options.file } : {}),
    sheet: plan.sheet,
    indicator: plan.indicator.name,
    method: plan.method,
    step: num(stepOf(plan, result)),
    target: target ? num(target) : null,
    parent,
    children,
    explanation: ok
      ? explanationDoc(plan, ok, options.lang)
      : refusalDoc(result as Refusal, options.lang, options.label),
  };
  if (result.status === "infeasible") doc.achievable = [rat(result.achievable[0]), rat(result.achievable[1])];
  if (result.status === "zero-base-blocked")
    doc.achievable = [rat(result.reachable[0]), rat(result.reachable[1])];
  if (ok?.ratioCheck) {
    const r = ok.ratioCheck;
    doc.ratioCheck = {
      recomputed: rat(r.recomputed),
      difference: rat(r.difference),
      tolerance: rat(r.tolerance),
      pass: r.pass,
      showsAsTarget: r.showsAsTarget,
    };
  }
  if (plan.referenceRow) doc.reference = plan.referenceRow;
  if (plan.weightsRow) doc.weights = plan.weightsRow;
  if (options.written) doc.written = options.written;
  return doc;
}
