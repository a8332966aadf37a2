/**
 * `tdcheck rebalance`'s text for people: the header (file, sheet, indicator; parent, target,
 * method, step), the table of every child before and after with its notes, the ratio check and
 * the "written" line. Aligned for CJK (width.ts); the words are rebalanceText.ts's.
 */
import { Decimal } from "../core/decimal";
import type { Lang } from "../core/messages";
import { EXPLAIN_TEXT } from "../core/rebalance/explainText";
import type { RebalanceOk, RebalanceResult } from "../core/rebalance/rebalance";
import { explanationText, isBoundChild, type CellWrite, type RebalancePlan } from "../core/rebalanceRequest";
import { REBALANCE_TEXT } from "./rebalanceText";
import { displayWidth, maxWidth, padEnd } from "./width";

function stepDecimals(plan: RebalancePlan, result: RebalanceResult): number {
  if (result.status === "ok") return result.step.decimals;
  return plan.step instanceof Decimal ? plan.step.decimals : plan.step.decimals;
}

function fmt(d: Decimal, decimals: number): string {
  return d.toFixed(Math.max(decimals, d.decimals));
}

function signed(d: Decimal, decimals: number): string {
  if (d.isZero()) return "0";
  const s = fmt(d, decimals);
  return d.sign() > 0 ? `+${s}` : s;
}

/** The first eight cells, then "…". */
function someCells(cells: readonly string[], sep: string): string {
  return cells.length <= 8 ? cells.join(sep) : `${cells.slice(0, 8).join(sep)}…`;
}

export function headerText(
  fileName: string,
  plan: RebalancePlan,
  result: RebalanceResult,
  lang: Lang,
): string[] {
  const t = REBALANCE_TEXT[lang];
  const dec = stepDecimals(plan, result);
  const step = Decimal.of(1n, 0).shift(-dec);
  const stepText =
    result.status === "ok"
      ? result.step.toString()
      : plan.step instanceof Decimal
        ? plan.step.toString()
        : step.toString();
  const p = plan.parent;
  const target = result.status === "ok" && result.method === "fix-parent" ? result.parent : plan.target;
  const targetText = target ? target.toString() : "—";
  const rows = [
    plan.referenceRow ? t.referenceRow(plan.referenceRow) : "",
    plan.weightsRow ? t.weightsRow(plan.weightsRow) : "",
  ].filter(Boolean);
  const title = `${fileName} · ${plan.sheet} · ${plan.indicator.name}`;
  // One name per method, the engine's (the explanation and the change trail say it so too).
  const method = EXPLAIN_TEXT[lang].method[plan.method];
  if (plan.method === "fix-parent") {
    const was = p.stated ? p.stated.toString() : (p.text ?? "");
    return [title, t.parentFixed(p.unit, p.cell, was, targetText, method)];
  }
  const from =
    plan.targetFrom === "parent" || plan.targetFrom === "share-100" ? t.targetFrom[plan.targetFrom] : "";
  return [title, t.parentTarget(p.unit, p.cell, targetText, from, method, stepText, rows)];
}

function beforeText(plan: RebalancePlan, i: number, dec: number): string {
  const c = plan.children[i];
  if (c.shown === "dash") return c.text ?? "-";
  if (c.shown === "blank") return "";
  return fmt(c.value, dec);
}

function noteText(plan: RebalancePlan, result: RebalanceResult, i: number, lang: Lang): string {
  const t = REBALANCE_TEXT[lang];
  const notes: string[] = [];
  const role = result.status === "ok" ? result.explanation.children[i]?.role : undefined;
  const min = plan.min[i];
  const max = plan.max[i];
  if (plan.locked[i]) notes.push(t.locked);
  if (role === "edited") notes.push(t.edited);
  if (role === "at-max") notes.push(t.atMax(max));
  else if (max && !plan.locked[i]) notes.push(`≤ ${max}`);
  if (role === "at-min") notes.push(t.atMin(min));
  else if (min && !plan.locked[i]) notes.push(`≥ ${min}`);
  if (role === "zero-base") notes.push(t.zeroBase);
  if (isBoundChild(result, i)) notes.push(result.shortBy ? t.stoppedBy.max : t.stoppedBy.min);
  if (result.status === "ok" && result.explanation.children[i]?.roundedUp) notes.push(t.remainder);
  if (plan.children[i].formula) notes.push(t.formula(plan.children[i].formula));
  return notes.join(t.noteSep);
}

export function tableText(plan: RebalancePlan, result: RebalanceResult, lang: Lang): string[] {
  const t = REBALANCE_TEXT[lang];
  const dec = stepDecimals(plan, result);
  const ok = result.status === "ok" ? result : undefined;
  const header = t.columns;
  const rows: string[][] = plan.children.map((c, i) => [
    c.unit,
    c.cell,
    beforeText(plan, i, dec),
    ok
      ? c.shown !== "number" && c.shown !== "text-number" && ok.changes[i].isZero()
        ? beforeText(plan, i, dec)
        : fmt(ok.values[i], dec)
      : "",
    ok ? signed(ok.changes[i], dec) : "",
    noteText(plan, result, i, lang),
  ]);
  if (plan.method !== "ratio") {
    const before = Decimal.sum(plan.children.map((c) => c.value));
    const after = ok ? Decimal.sum(ok.values) : undefined;
    rows.push([
      t.childrenTotal,
      "",
      fmt(before, dec),
      after ? fmt(after, dec) : "",
      after ? signed(after.sub(before), dec) : "",
      "",
    ]);
  }
  const p = plan.parent;
  const newParent = ok ? (ok.method === "fix-parent" ? ok.parent : (plan.target ?? ok.parent)) : undefined;
  const parentBefore = p.stated ? fmt(p.stated, dec) : (p.text ?? "");
  rows.push([
    p.unit,
    p.cell,
    parentBefore,
    newParent ? fmt(newParent, dec) : "",
    newParent && p.stated ? signed(newParent.sub(p.stated), dec) : "",
    p.formula ? t.formula(p.formula) : t.parentNote,
  ]);
  const widths = header.map((h, k) =>
    maxWidth(
      rows.map((r) => r[k]),
      displayWidth(h),
    ),
  );
  const right = new Set([2, 3, 4]);
  const line = (cells: string[]) =>
    "  " +
    cells
      .map((c, k) =>
        right.has(k)
          ? " ".repeat(widths[k] - displayWidth(c)) + c
          : k === cells.length - 1
            ? c
            : padEnd(c, widths[k]),
      )
      .join("  ")
      .trimEnd();
  const out = [line(header)];
  rows.forEach((r, k) => {
    if (k === plan.children.length)
      out.push("  " + "─".repeat(widths.slice(0, 5).reduce((a, b) => a + b, 0) + 8));
    out.push(line(r));
  });
  return out;
}

/** A ratio target: the parent recomputed from the rounded ratios passes the rounding tolerance, or not. */
export function ratioLine(result: RebalanceOk, lang: Lang): string | null {
  const r = result.ratioCheck;
  if (!r) return null;
  const show = (x: { toFixed(d: number): string }) => x.toFixed(6);
  return REBALANCE_TEXT[lang].ratioCheck(show(r.recomputed), show(r.difference), show(r.tolerance), r.pass);
}

/**
 * What a done rebalance shows above its last line, written or previewed: the header, the table of
 * changes, the explanation and, for a ratio, its check.
 */
export function solvedText(name: string, plan: RebalancePlan, result: RebalanceOk, lang: Lang): string[] {
  const lines = [
    ...headerText(name, plan, result, lang),
    "",
    ...tableText(plan, result, lang),
    "",
    ...explanationText(plan, result, lang).map((l) => `  ${l}`),
  ];
  const ratio = ratioLine(result, lang);
  if (ratio) lines.push(`  ${ratio}`);
  return lines;
}

/** Without --out: the cells that would change (and those holding formulas), or that none would. */
export function previewLines(writes: CellWrite[], lang: Lang): string[] {
  const t = REBALANCE_TEXT[lang];
  const cells = writes.map((w) => w.cell);
  const formulas = writes.filter((w) => w.formula !== undefined).map((w) => w.cell);
  const lines = [cells.length === 0 ? t.previewNothing : t.preview(cells)];
  if (formulas.length) lines.push(t.previewFormulas(formulas));
  return lines;
}

/** The copy written: its cells changed, formulas replaced, and that the children now add up. */
export function summaryLine(
  plan: RebalancePlan,
  result: RebalanceOk,
  writes: CellWrite[],
  out: string,
  removedFormulas: string[],
  lang: Lang,
): string {
  const t = REBALANCE_TEXT[lang];
  const cells = writes.map((w) => w.cell);
  const list = cells.length ? someCells(cells, t.listSep) : "";
  const replaced = removedFormulas.length ? t.formulasReplaced(removedFormulas.length) : "";
  const p = plan.parent;
  const parentNow = result.method === "fix-parent" ? result.parent : (plan.target ?? result.parent);
  const dec = result.step.decimals;
  const parentText = fmt(parentNow, dec);
  let tail: string;
  if (plan.method === "ratio") tail = t.ratioTail(p.unit, parentText);
  else {
    const sum = Decimal.sum(result.values);
    tail = t.sumTail(fmt(sum, dec), sum.eq(parentNow) ? " =" : " ≠", p.unit, parentText);
  }
  if (cells.length === 0) return t.writtenNothing(out, tail);
  return t.written(out, cells.length, list, replaced, tail);
}
