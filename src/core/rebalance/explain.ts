/**
 * The explanation is evidence, not prose (STYLE: findings carry evidence): which bounds
 * bind, which children hit them, how ties were broken, the scale factor or increment.
 * `renderExplanation` / `renderRefusal` turn it into lines in the reader's language at
 * the edge; nothing else in this folder writes sentences.
 */
import type { Decimal } from "../decimal";
import type { Lang } from "../messages";
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

const METHOD_NAME: Record<Method, Record<Lang, string>> = {
  proportional: { zh: "按现值比例", en: "proportional to current values" },
  "equal-increment": { zh: "等额增减", en: "equal increment" },
  reference: { zh: "按参考值（因素法）", en: "proportional to a reference row" },
  "minimal-change": { zh: "加权最小调整", en: "weighted minimal change" },
  ratio: { zh: "比率指标（分子空间）", en: "ratio target in numerator space" },
  "edit-one": { zh: "改一项、保持合计", en: "edit one child, keep the total" },
  "fix-parent": { zh: "按下级合计修正上级", en: "set the parent to the children's sum" },
};

/** Decimals enough to show a factor without pretending it is exact. */
function approx(r: Rational): string {
  const d = r.toDecimal();
  return d && d.decimals <= 6 ? d.toString() : `≈${r.toFixed(6)}`;
}

function names(expl: Explanation, children: readonly number[], lang: Lang): string {
  return children.map((i) => expl.children[i]?.unit ?? `#${i + 1}`).join(lang === "zh" ? "、" : ", ");
}

export function renderExplanation(expl: Explanation, lang: Lang): string[] {
  const zh = lang === "zh";
  const lines: string[] = [];
  const method = METHOD_NAME[expl.method][lang];
  const spread = expl.spread ? `（${METHOD_NAME[expl.spread][lang]}）` : "";
  lines.push(
    zh
      ? `方法：${method}${spread}；目标 ${expl.target}，其中锁定的单位合计 ${expl.lockedTotal}，其余单位分配 ${expl.toSpread}；取整到 ${expl.step}。`
      : `Method: ${method}${expl.spread ? ` (${METHOD_NAME[expl.spread][lang]})` : ""}; target ${expl.target}: ${expl.lockedTotal} held by the locked children, ${expl.toSpread} spread over the others; rounded to ${expl.step}.`,
  );
  // Each factor said as what it does to the children, not as the solver's variable.
  if (expl.scale)
    lines.push(
      zh
        ? `可调整的单位按现值同比例增减（乘以 ${approx(expl.scale)}）。`
        : `The free children move in proportion to their current values (× ${approx(expl.scale)}).`,
    );
  if (expl.increment)
    lines.push(
      zh
        ? `每个可调整的单位增减相同的量：${approx(expl.increment)}。`
        : `Every free child moves by the same amount: ${approx(expl.increment)}.`,
    );
  if (expl.perReference)
    lines.push(
      zh
        ? `按参考行分配：参考值每 1 分得 ${approx(expl.perReference)}。`
        : `Spread by the reference row: ${approx(expl.perReference)} for each unit of reference.`,
    );
  if (expl.shift)
    lines.push(
      zh
        ? `各单位的比率统一增减 ${approx(expl.shift)} 个百分点。`
        : `Every free child's ratio moves by ${approx(expl.shift)} percentage points.`,
    );
  if (expl.marginalCost)
    lines.push(
      zh
        ? "按权重分摊：权重越大的单位改动越小，使加权后的改动总量最小。"
        : "Spread by weight: the larger a child's weight, the less it moves, so the weighted change is as small as it can be.",
    );
  if (expl.zeroBase === "all-zero-split-equally")
    lines.push(zh ? "可调下级现值均为零，平均分配。" : "Every free child is zero: split equally.");
  if (expl.zeroBase === "spread-equally-by-choice")
    lines.push(
      zh
        ? "按所选方式，余额平均分配给现值为零的下级。"
        : "As chosen, the rest is spread equally over the zero-base children.",
    );
  if (expl.atMax.length > 0)
    lines.push(
      zh
        ? `达到上限：${names(expl, expl.atMax, lang)}。`
        : `At their maximum: ${names(expl, expl.atMax, lang)}.`,
    );
  if (expl.atMin.length > 0)
    lines.push(
      zh
        ? `达到下限：${names(expl, expl.atMin, lang)}。`
        : `At their minimum: ${names(expl, expl.atMin, lang)}.`,
    );
  if (expl.leftoverSteps > 0 && expl.rounding === "largest-remainder")
    lines.push(
      zh
        ? `先全部向下取整，剩下的 ${expl.leftoverSteps} 个 ${expl.step} 分给小数部分最大的单位。`
        : `Rounded down first; the ${expl.leftoverSteps} step(s) of ${expl.step} left over went to the children with the largest fractions.`,
    );
  if (expl.rounding === "half-away-each")
    lines.push(
      zh ? "各项分别四舍五入到步长。" : "Each child rounded to the step on its own (half away from zero).",
    );
  for (const tie of expl.ties) {
    const by =
      tie.decidedBy === "base"
        ? zh
          ? "基数较大者优先"
          : "larger base first"
        : zh
          ? "按表中顺序"
          : "sheet order";
    lines.push(
      zh
        ? `${names(expl, tie.contenders, lang)}的小数部分相同，多出的给了${names(expl, tie.winners, lang)}（${by}）。`
        : `Tie between ${names(expl, tie.contenders, lang)}; went to ${names(expl, tie.winners, lang)} (${by}).`,
    );
  }
  return lines;
}

function bound(r: Rational | null, lang: Lang): string {
  return r === null ? (lang === "zh" ? "无上限" : "unbounded") : approxValue(r);
}

function approxValue(r: Rational): string {
  const d = r.toDecimal();
  return d && d.decimals <= 6 ? d.toString() : r.toFixed(4);
}

function problemText(p: InputProblem, lang: Lang): string {
  const zh = lang === "zh";
  const child = "child" in p ? `#${p.child + 1}` : "";
  switch (p.kind) {
    case "bad-step":
      return zh ? "步长无效" : "invalid step";
    case "target-off-grid":
      return zh ? `目标 ${p.value} 不在步长网格上` : `target ${p.value} is off the grid`;
    case "value-off-grid":
      return zh ? `${child} 的值 ${p.value} 不在步长网格上` : `${child}'s value ${p.value} is off the grid`;
    case "empty-bounds":
      return zh
        ? `${child} 的下限 ${p.min} 高于上限 ${p.max}`
        : `${child}'s minimum ${p.min} exceeds its maximum ${p.max}`;
    case "missing-reference":
      return zh ? `${child} 缺少参考值` : `${child} has no reference value`;
    case "negative-reference":
      return zh ? `${child} 的参考值为负` : `${child}'s reference is negative`;
    case "bad-weight":
      return zh ? `${child} 的权重须为正` : `${child}'s weight must be positive`;
    case "missing-denominator":
      return zh ? `${child} 缺少正的分母` : `${child} needs a positive denominator`;
    case "bad-parent-denominator":
      return zh ? "上级分母须为正" : "the parent's denominator must be positive";
    case "edit-out-of-range":
      return zh ? `没有第 ${p.child + 1} 项` : `there is no child ${child}`;
    case "edit-off-grid":
      return zh ? `修改值 ${p.value} 不在步长网格上` : `the edited value ${p.value} is off the grid`;
  }
}

export function renderRefusal(refusal: Refusal, lang: Lang): string[] {
  const zh = lang === "zh";
  switch (refusal.status) {
    case "infeasible": {
      const [lo, hi] = refusal.achievable;
      const range = `[${lo === null ? "−∞" : approxValue(lo)}, ${bound(hi, lang)}]`;
      const lines = [
        zh
          ? `无法达到目标 ${refusal.target}：锁定与上下限允许的上级范围为 ${range}，未作任何修改。`
          : `Target ${refusal.target} cannot be reached: locks and bounds allow ${range}; nothing was written.`,
      ];
      if (refusal.shortBy)
        lines.push(
          zh ? `还差 ${approxValue(refusal.shortBy)}。` : `Short by ${approxValue(refusal.shortBy)}.`,
        );
      if (refusal.overBy) {
        lines.push(
          refusal.limitedBy === "locks"
            ? zh
              ? `锁定项合计已超出目标 ${approxValue(refusal.overBy)}。`
              : `The locked children alone exceed it by ${approxValue(refusal.overBy)}.`
            : zh
              ? `超出 ${approxValue(refusal.overBy)}。`
              : `Over by ${approxValue(refusal.overBy)}.`,
        );
      }
      return lines;
    }
    case "zero-base-blocked": {
      const [lo, hi] = refusal.reachable;
      const range = `[${lo === null ? "−∞" : approxValue(lo)}, ${bound(hi, lang)}]`;
      return [
        zh
          ? `现值为正的下级在上下限内只能达到 ${range}，而现值为零的下级按比例保持为零；可选择“将余额平均分给现值为零的下级”。`
          : `Children with positive values reach only ${range} within their bounds and zero values stay zero; choose "spread the rest equally over the zero-base children" to continue.`,
      ];
    }
    case "invalid-input":
      return refusal.problems.map((p) => problemText(p, lang));
  }
}
