/**
 * The explanation is evidence, not prose (STYLE: findings carry evidence): which bounds
 * bind, which children hit them, how ties were broken, the scale factor or increment.
 * `renderExplanation` / `renderRefusal` turn it into lines in the reader's language at
 * the edge; nothing else in this folder writes sentences.
 */
import type { Decimal } from "../decimal";
import type { Lang } from "../messages";
import { EXPLAIN_TEXT } from "./explainText";
import { fromUnits } from "./gridUnits";
import type { Rational } from "./rational";
import type {
  ChildInput,
  ChildOutcome,
  ChildRole,
  Explanation,
  InputProblem,
  Method,
  RatioCheck,
  RebalanceOk,
  Refusal,
  SpreadMethod,
  TieBreak,
} from "./types";

export type Factors = Pick<Explanation, "scale" | "increment" | "perReference" | "shift" | "marginalCost">;

/** Everything a solver knows at the end, per child in sheet order. */
export interface SolvedRow {
  method: Method;
  spread?: SpreadMethod;
  target: Decimal;
  parent: Decimal;
  step: Decimal;
  children: readonly ChildInput[];
  /** Final values in grid steps. */
  units: readonly bigint[];
  roles: readonly ChildRole[];
  /** Continuous values in the indicator's units; null where none was computed (locked). */
  exact: readonly (Rational | null)[];
  roundedUp: readonly boolean[];
  lockedTotal: Decimal;
  toSpread: Decimal;
  rounding: Explanation["rounding"];
  leftoverSteps: number;
  ties: TieBreak[];
  factors: Factors;
  zeroBase?: Explanation["zeroBase"];
  ratioCheck?: RatioCheck;
}

export function buildOk(row: SolvedRow): RebalanceOk {
  const values = row.units.map((u) => fromUnits(u, row.step));
  const changes = values.map((v, i) => v.sub(row.children[i].value));
  const outcomes: ChildOutcome[] = row.children.map((c, i) => {
    const o: ChildOutcome = {
      child: i,
      unit: c.unit,
      before: c.value,
      after: values[i],
      change: changes[i],
      role: row.roles[i],
      roundedUp: row.roundedUp[i],
    };
    const exact = row.exact[i];
    if (exact) o.exact = exact;
    return o;
  });
  const explanation: Explanation = {
    method: row.method,
    step: row.step,
    target: row.target,
    lockedTotal: row.lockedTotal,
    toSpread: row.toSpread,
    rounding: row.rounding,
    ...row.factors,
    leftoverSteps: row.leftoverSteps,
    ties: row.ties,
    atMin: row.roles.flatMap((r, i) => (r === "at-min" ? [i] : [])),
    atMax: row.roles.flatMap((r, i) => (r === "at-max" ? [i] : [])),
    children: outcomes,
  };
  if (row.spread) explanation.spread = row.spread;
  if (row.zeroBase) explanation.zeroBase = row.zeroBase;
  const ok: RebalanceOk = {
    status: "ok",
    method: row.method,
    parent: row.parent,
    values,
    changes,
    step: row.step,
    explanation,
  };
  if (row.ratioCheck) ok.ratioCheck = row.ratioCheck;
  return ok;
}

// ---------------------------------------------------------------------------------------
// Rendering at the edge.

/** Decimals enough to show a factor without pretending it is exact. */
function approx(r: Rational): string {
  const d = r.toDecimal();
  return d && d.decimals <= 6 ? d.toString() : `≈${r.toFixed(6)}`;
}

function names(expl: Explanation, children: readonly number[], lang: Lang): string {
  return children.map((i) => expl.children[i]?.unit ?? `#${i + 1}`).join(EXPLAIN_TEXT[lang].listSep);
}

export function renderExplanation(expl: Explanation, lang: Lang): string[] {
  const t = EXPLAIN_TEXT[lang];
  const lines: string[] = [];
  const method = t.methodWithSpread(t.method[expl.method], expl.spread && t.method[expl.spread]);
  lines.push(t.summary(method, `${expl.target}`, `${expl.lockedTotal}`, `${expl.toSpread}`, `${expl.step}`));
  // Each factor said as what it does to the children, not as the solver's variable.
  if (expl.scale) lines.push(t.scale(approx(expl.scale)));
  if (expl.increment) lines.push(t.increment(approx(expl.increment)));
  if (expl.perReference) lines.push(t.perReference(approx(expl.perReference)));
  if (expl.shift) lines.push(t.shift(approx(expl.shift)));
  if (expl.marginalCost) lines.push(t.marginalCost);
  if (expl.zeroBase === "all-zero-split-equally") lines.push(t.allZeroSplitEqually);
  if (expl.zeroBase === "spread-equally-by-choice") lines.push(t.zeroBaseSpreadEqually);
  if (expl.atMax.length > 0) lines.push(t.atMax(names(expl, expl.atMax, lang)));
  if (expl.atMin.length > 0) lines.push(t.atMin(names(expl, expl.atMin, lang)));
  if (expl.leftoverSteps > 0 && expl.rounding === "largest-remainder")
    lines.push(t.largestRemainder(expl.leftoverSteps, `${expl.step}`));
  if (expl.rounding === "half-away-each") lines.push(t.halfAwayEach);
  for (const tie of expl.ties) {
    const by = tie.decidedBy === "base" ? t.tieByBase : t.tieBySheetOrder;
    lines.push(t.tie(names(expl, tie.contenders, lang), names(expl, tie.winners, lang), by));
  }
  return lines;
}

function bound(r: Rational | null, lang: Lang): string {
  return r === null ? EXPLAIN_TEXT[lang].unbounded : approxValue(r);
}

function approxValue(r: Rational): string {
  const d = r.toDecimal();
  return d && d.decimals <= 6 ? d.toString() : r.toFixed(4);
}

function problemText(p: InputProblem, lang: Lang): string {
  const t = EXPLAIN_TEXT[lang];
  const child = "child" in p ? `#${p.child + 1}` : "";
  switch (p.kind) {
    case "bad-step":
      return t.badStep;
    case "target-off-grid":
      return t.targetOffGrid(`${p.value}`);
    case "value-off-grid":
      return t.valueOffGrid(child, `${p.value}`);
    case "empty-bounds":
      return t.emptyBounds(child, `${p.min}`, `${p.max}`);
    case "missing-reference":
      return t.missingReference(child);
    case "negative-reference":
      return t.negativeReference(child);
    case "bad-weight":
      return t.badWeight(child);
    case "missing-denominator":
      return t.missingDenominator(child);
    case "bad-parent-denominator":
      return t.badParentDenominator;
    case "edit-out-of-range":
      return t.editOutOfRange(p.child + 1, child);
    case "edit-off-grid":
      return t.editOffGrid(`${p.value}`);
  }
}

export function renderRefusal(refusal: Refusal, lang: Lang): string[] {
  const t = EXPLAIN_TEXT[lang];
  switch (refusal.status) {
    case "infeasible": {
      const [lo, hi] = refusal.achievable;
      const range = `[${lo === null ? "−∞" : approxValue(lo)}, ${bound(hi, lang)}]`;
      const lines = [t.infeasible(`${refusal.target}`, range)];
      if (refusal.shortBy) lines.push(t.shortBy(approxValue(refusal.shortBy)));
      if (refusal.overBy) {
        const over = approxValue(refusal.overBy);
        lines.push(refusal.limitedBy === "locks" ? t.lockedOverBy(over) : t.overBy(over));
      }
      return lines;
    }
    case "zero-base-blocked": {
      const [lo, hi] = refusal.reachable;
      const range = `[${lo === null ? "−∞" : approxValue(lo)}, ${bound(hi, lang)}]`;
      return [t.zeroBaseBlocked(range)];
    }
    case "invalid-input":
      return refusal.problems.map((p) => problemText(p, lang));
  }
}
