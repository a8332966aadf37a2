/**
 * Decides the inline flags for a set of findings (docs/architecture.md, "The Excel door"), for both doors.
 *
 * Where every cell a check involves holds a plain number, the flag's formula re-tests the
 * check itself (rounded to the row's precision, so float noise never lights it) and the flag
 * stays live for a colleague without the add-in. Where text is involved (`-`, `23项`, `1.7万`)
 * the flag is static ("TRUE") and the add-in re-evaluates it. Findings whose formulas have the
 * same shape relative to their cell share one rule over a multi-area range: few rules, never
 * one per cell.
 */
import { a1, columnName, compressCells, parseA1, parseRange, type CellPosition } from "./address";
import type { Finding } from "./finding";
import { NOTE_MARK, type FlagKind, type FlagPlan, type FlagRulePlan, type NotePlan } from "./flags";
import { rawAt, type SheetGrid, type WorkbookGrid } from "./grid";
import { RULE_TITLES, SEVERITY_TEXT, renderHint, renderMessage, type Lang } from "./messages";
import { MESSAGE_TEXT } from "./messageText";

/** A reference relative to the flagged cell; `$` parts are absolute. */
interface Ref {
  dr: number;
  dc: number;
  absRow: boolean;
  absCol: boolean;
}
type Part = string | Ref | { from: Ref; to: Ref };

function relRef(at: CellPosition, p: CellPosition, absRow: boolean, absCol: boolean): Ref {
  return { dr: p.row - at.row, dc: p.col - at.col, absRow, absCol };
}

function renderRef(r: Ref, anchor: CellPosition): string {
  const row = anchor.row + r.dr;
  const col = anchor.col + r.dc;
  return `${r.absCol ? "$" : ""}${columnName(col)}${r.absRow ? "$" : ""}${row + 1}`;
}

function keyOf(parts: Part[]): string {
  return parts
    .map((p) =>
      typeof p === "string"
        ? p
        : "from" in p
          ? `[${p.from.dr},${p.from.dc}:${p.to.dr},${p.to.dc}]`
          : `[${p.dr},${p.dc}${p.absRow ? "$" : ""}${p.absCol ? "$" : ""}]`,
    )
    .join("");
}

function render(parts: Part[], anchor: CellPosition): string {
  return parts
    .map((p) =>
      typeof p === "string"
        ? p
        : "from" in p
          ? `${renderRef(p.from, anchor)}:${renderRef(p.to, anchor)}`
          : renderRef(p, anchor),
    )
    .join("");
}

function cellsOf(ranges: string[]): CellPosition[] {
  const cells: CellPosition[] = [];
  for (const r of ranges) {
    const box = parseRange(r);
    if (!box) continue;
    for (let row = box.top; row <= box.bottom; row++)
      for (let col = box.left; col <= box.right; col++) cells.push({ row, col });
  }
  return cells;
}

function allPlainNumbers(grid: SheetGrid, cells: CellPosition[]): boolean {
  return cells.every((c) => typeof rawAt(grid, c.row, c.col) === "number");
}

/** Sheet-local ranges only: a related cell on another sheet makes a flag static. */
function localRanges(related: string[]): string[] | null {
  return related.some((r) => r.includes("!")) ? null : related;
}

function decimalsOf(f: Finding): number {
  const u = f.tolerance?.unit;
  return u ? Math.max(0, u.decimals) : 0;
}

/** The live formula for a finding, or null when the flag must be static. */
function liveFormula(f: Finding, grid: SheetGrid, at: CellPosition): Part[] | null {
  const related = localRanges(f.related);
  if (!related) return null;
  const self = relRef(at, at, false, false);
  const refsOf = (ranges: string[], absolute: "row" | "col"): Part[] => {
    const parts: Part[] = [];
    ranges.forEach((r, i) => {
      const box = parseRange(r)!;
      const from = relRef(at, { row: box.top, col: box.left }, absolute === "row", absolute === "col");
      const to = relRef(at, { row: box.bottom, col: box.right }, absolute === "row", absolute === "col");
      if (i > 0) parts.push(",");
      parts.push(box.top === box.bottom && box.left === box.right ? from : { from, to });
    });
    return parts;
  };
  // Rows of a split line up with the flagged cell in one orientation, columns in the other;
  // anchoring the other axis keeps the shared formula valid across a multi-area range.
  const firstRelated = related.length ? parseRange(related[0]) : null;
  const sameRow = firstRelated ? firstRelated.top === at.row && firstRelated.bottom === at.row : true;
  const absolute = sameRow ? "col" : "row";
  switch (f.rule) {
    case "sum-mismatch": {
      if (!allPlainNumbers(grid, [at, ...cellsOf(related)])) return null;
      const d = decimalsOf(f);
      return ["ROUND(SUM(", ...refsOf(related, absolute), `)-`, self, `,${d})<>0`];
    }
    case "mean-out-of-range": {
      if (!allPlainNumbers(grid, [at, ...cellsOf(related)])) return null;
      const u = f.tolerance?.unit?.toString() ?? "0";
      return [
        "OR(",
        self,
        "<MIN(",
        ...refsOf(related, absolute),
        `)-${u},`,
        self,
        ">MAX(",
        ...refsOf(related, absolute),
        `)+${u})`,
      ];
    }
    case "below-assignment": {
      if (!allPlainNumbers(grid, [at, ...cellsOf(related)]) || f.statedBound || f.expectedBound) return null;
      const op = f.details?.direction === "cap" ? ">" : "<";
      return [self, op, ...refsOf(related, absolute)];
    }
    case "progression-decrease": {
      if (!allPlainNumbers(grid, [at, ...cellsOf(related)]) || f.statedBound || f.computedBound) return null;
      return [self, "<", ...refsOf(related, absolute)];
    }
    case "error-value":
      return ["ISERROR(", self, ")"];
    default:
      return null;
  }
}

interface Group {
  sheet: string;
  kind: FlagKind;
  parts: Part[] | null;
  cells: CellPosition[];
}

/** A day as notes state it: the local calendar date, 2025-06-01. */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const CHECKED_ON: Record<Lang, (date: string) => string> = {
  zh: (date) => `${date} 校核`,
  en: (date) => `checked on ${date}`,
};

/**
 * A cell's note: the add-in's mark and the date of the check that wrote it on the first line (a
 * note read days later says how old it is), then each finding with its hints.
 */
export function noteText(findings: Finding[], lang: Lang, checkedOn: string): string {
  const lines = findings.map((f) => {
    const head = `${SEVERITY_TEXT[f.severity][lang]} · ${RULE_TITLES[f.rule][lang]}`;
    const hints = f.hints.map((h) => renderHint(h, lang));
    return [
      `${head}${MESSAGE_TEXT[lang].headSep}${renderMessage(f, lang)}`,
      ...hints.map((h) => `  · ${h}`),
    ].join("\n");
  });
  return `${NOTE_MARK} ${CHECKED_ON[lang](checkedOn)}\n${lines.join("\n")}`;
}

export interface PlanOptions {
  /** The date of the check (localDate), stated in every note; today when absent. */
  checkedOn?: string;
  /**
   * Findings whose cells changed since the check (live mode off): their notes and static flags
   * would say something no longer known to be true, so only a live formula, which re-tests the
   * sheet as it is now, stays on them.
   */
  changed?: (f: Finding) => boolean;
}

/** Errors and warnings are flagged; infos stay in the pane and the report. */
export function planFlags(
  workbook: WorkbookGrid,
  findings: Finding[],
  lang: Lang = "zh",
  options: PlanOptions = {},
): FlagPlan {
  const checkedOn = options.checkedOn ?? localDate(new Date());
  const groups = new Map<string, Group>();
  const notes = new Map<string, { sheet: string; cell: string; findings: Finding[] }>();
  const hinted = new Map<string, { sheet: string; cells: CellPosition[] }>();
  for (const f of findings) {
    if (f.severity === "info") continue;
    const grid = workbook.sheets.find((s) => s.name === f.sheet);
    const at = parseA1(f.cell);
    if (!grid || !at) continue;
    const kind: FlagKind = f.severity === "error" ? "error" : "warning";
    const parts = liveFormula(f, grid, at);
    const changed = options.changed?.(f) === true;
    if (changed && !parts) continue;
    const key = `${f.sheet}\u0000${kind}\u0000${parts ? keyOf(parts) : "static"}`;
    const g = groups.get(key) ?? { sheet: f.sheet, kind, parts, cells: [] };
    g.cells.push(at);
    groups.set(key, g);
    if (changed) continue;
    const noteKey = `${f.sheet}!${f.cell}`;
    const note = notes.get(noteKey) ?? { sheet: f.sheet, cell: f.cell, findings: [] };
    note.findings.push(f);
    notes.set(noteKey, note);
    for (const h of f.hints) {
      const p = parseA1(h.cell);
      if (!p || h.cell === f.cell) continue;
      const hk = f.sheet;
      const entry = hinted.get(hk) ?? { sheet: f.sheet, cells: [] };
      entry.cells.push(p);
      hinted.set(hk, entry);
    }
  }
  // A cell whose findings changed loses its note, even if another finding there did not change.
  if (options.changed)
    for (const f of findings)
      if (f.severity !== "info" && options.changed(f)) notes.delete(`${f.sheet}!${f.cell}`);
  const rules: FlagRulePlan[] = [];
  for (const g of groups.values()) {
    const unique = dedupe(g.cells);
    const ranges = compressCells(unique);
    const anchor = parseRange(ranges[0])!;
    const formula = g.parts ? render(g.parts, { row: anchor.top, col: anchor.left }) : "TRUE";
    // A shared relative formula is valid only if every area starts on a cell that has the shape;
    // compressCells keeps areas rectangular over cells that all belong to the group, so it is.
    rules.push({ sheet: g.sheet, kind: g.kind, ranges, formula });
  }
  for (const h of hinted.values()) {
    rules.push({ sheet: h.sheet, kind: "hint", ranges: compressCells(dedupe(h.cells)), formula: "TRUE" });
  }
  const notePlans: NotePlan[] = [...notes.values()].map((n) => ({
    sheet: n.sheet,
    cell: n.cell,
    text: noteText(n.findings, lang, checkedOn),
  }));
  return { rules, notes: notePlans };
}

function dedupe(cells: CellPosition[]): CellPosition[] {
  const seen = new Set<string>();
  return cells.filter((c) => {
    const k = a1(c.row, c.col);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
