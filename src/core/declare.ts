/**
 * A split the user declares: "this selection is the table, the units are named on this line, and
 * this one is the parent". Detection is not asked (the user has said what detection could not
 * see, docs/table-understanding.md §2: a table the user declared is read as declared); the rest is read from
 * the cells as detection would: the column (or row) of indicator names, each indicator's measure and kind,
 * index (序号), measure (单位) and note (备注) lines left out of the children, an assignment (省下达目标) kept as such.
 */
import type { RangeBox } from "./address";
import { classifyIndicator } from "./detect/indicator";
import { classifyLabel, looksLikeMeasure, measureFromName } from "./detect/labels";
import { sheetView, type SheetView } from "./detect/view";
import type { RawValue, SheetGrid } from "./grid";
import type { IndicatorLine, Orientation, Reason, SplitTable, UnitLine } from "./model";
import { parseAt } from "./table";
import { displayLabel, normalizeLabel } from "./text";

export interface Declaration {
  /** Units across the columns (a header row names them) or down the rows (a column names them). */
  orientation: Orientation;
  /** The sheet row (units across) or column (units down) that names the units, 0-based. */
  unitLine: number;
  /** The sheet column (units across) or row (units down) of the parent, 0-based. */
  parentLine: number;
}

export type Declared =
  | { ok: true; map: SplitTable }
  /** no-parent: the parent line names nothing; no-indicators: no line below the header holds a number. */
  | { ok: false; reason: "no-parent" | "no-indicators" | "outside" };

const BY_USER: Reason = { by: "user", evidence: "declared by the user" };

function text(v: RawValue): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/** The selection in the view's terms: rows are indicator lines, columns unit lines. */
function viewBox(box: RangeBox, orientation: Orientation): RangeBox {
  return orientation === "indicators-in-rows"
    ? box
    : { top: box.left, left: box.top, bottom: box.right, right: box.bottom };
}

/** Labels of a unit line inside the selection, line by line (for the pane to offer as choices). */
export function lineLabels(
  grid: SheetGrid,
  box: RangeBox,
  orientation: Orientation,
  unitLine: number,
): { line: number; label: string }[] {
  const view = sheetView(grid, orientation);
  const v = viewBox(box, orientation);
  const out: { line: number; label: string }[] = [];
  for (let c = v.left; c <= v.right; c++) {
    const label = displayLabel(text(view.raw(unitLine, c)).trim());
    if (normalizeLabel(label)) out.push({ line: c, label });
  }
  return out;
}

function isNumeric(view: SheetView, row: number, line: number): boolean {
  const p = parseAt(view, row, line, "");
  return p.kind === "number";
}

/**
 * The column (view) of indicator names: of the lines left of the parent, the one with the most
 * text below the header; the first line of the selection when none has text.
 */
function nameLine(view: SheetView, v: RangeBox, header: number, parent: number): number {
  let best = v.left;
  let most = -1;
  for (let c = v.left; c <= v.right; c++) {
    if (c === parent) continue;
    let texts = 0;
    for (let r = header + 1; r <= v.bottom; r++) {
      const t = normalizeLabel(text(view.raw(r, c)));
      if (t && !isNumeric(view, r, c)) texts++;
    }
    if (texts > most) {
      most = texts;
      best = c;
    }
    if (c > parent && most > 0) break;
  }
  return best;
}

/** A line headed 单位 holds measures when its cells are measure words (个, 万元), else unit names. */
function holdsMeasures(view: SheetView, line: number, header: number, v: RangeBox): boolean {
  let words = 0;
  let cells = 0;
  for (let r = header + 1; r <= v.bottom; r++) {
    const t = text(view.raw(r, line)).trim();
    if (!t) continue;
    cells++;
    if (looksLikeMeasure(normalizeLabel(t))) words++;
  }
  return cells > 0 && words * 2 > cells;
}

export function declareSplit(grid: SheetGrid, box: RangeBox, d: Declaration): Declared {
  const view = sheetView(grid, d.orientation);
  const v = viewBox(box, d.orientation);
  const header = d.unitLine;
  if (header < v.top || header > v.bottom || d.parentLine < v.left || d.parentLine > v.right)
    return { ok: false, reason: "outside" };
  const labelAt = (c: number) => displayLabel(text(view.raw(header, c)).trim());
  const parentLabel = labelAt(d.parentLine);
  if (!normalizeLabel(parentLabel)) return { ok: false, reason: "no-parent" };
  const names = nameLine(view, v, header, d.parentLine);

  // The header's other labelled lines: children, unless they are an index, a measure, a note or an
  // assignment (those keep their roles, as detection gives them).
  const children: UnitLine[] = [];
  let assignment: UnitLine | undefined;
  let measureColumn: number | undefined;
  let indexColumn: number | undefined;
  const noteLines: number[] = [];
  for (let c = v.left; c <= v.right; c++) {
    if (c === d.parentLine || c === names) continue;
    const label = labelAt(c);
    const key = normalizeLabel(label);
    if (!key) continue;
    const role = classifyLabel(key);
    if (role.role === "name") continue;
    if (role.role === "index") indexColumn ??= c;
    else if (role.role === "measure" || (role.role === "unit-header" && holdsMeasures(view, c, header, v)))
      measureColumn ??= c;
    else if (role.role === "note") noteLines.push(c);
    else if (role.role === "assignment" && !assignment)
      assignment = { line: c, label, unit: label, why: BY_USER };
    else
      children.push({ line: c, label, unit: "unit" in role && role.unit ? role.unit : label, why: BY_USER });
  }
  const parentRole = classifyLabel(normalizeLabel(parentLabel));
  const parent: UnitLine = {
    line: d.parentLine,
    label: parentLabel,
    unit: "unit" in parentRole && parentRole.unit ? parentRole.unit : parentLabel,
    why: BY_USER,
  };

  // Indicators: the lines below the header with a name and a number among the parent and children.
  const indicators: IndicatorLine[] = [];
  for (let r = header + 1; r <= v.bottom; r++) {
    const name = displayLabel(text(view.raw(r, names)).trim());
    if (!normalizeLabel(name)) continue;
    const lines = [parent.line, ...children.map((c) => c.line)];
    if (!lines.some((c) => isNumeric(view, r, c))) continue;
    const column = measureColumn === undefined ? "" : text(view.raw(r, measureColumn)).trim();
    const measure = measureFromName(name) ?? (looksLikeMeasure(column) ? column : "");
    // 占比 and 比重 read as ratios here: a declared table says nothing of shares adding to 100.
    const { shareCandidate: _share, ...facts } = classifyIndicator(name, measure);
    void _share;
    indicators.push({ line: r, name, measure, ...facts, why: [BY_USER, ...facts.why] });
  }
  if (!indicators.length) return { ok: false, reason: "no-indicators" };
  if (!children.length) return { ok: false, reason: "no-parent" };

  const map: SplitTable = {
    type: "split",
    sheet: grid.name,
    orientation: d.orientation,
    range: box,
    headerLine: header,
    nameLine: names,
    ...(measureColumn !== undefined ? { measureLine: measureColumn } : {}),
    ...(indexColumn !== undefined ? { indexLine: indexColumn } : {}),
    noteLines,
    indicators,
    parts: [],
    components: [],
    weights: [],
    growth: [],
    policy: "exact",
    splits: [{ parent, ...(assignment ? { assignment } : {}), children, level: 0, why: BY_USER }],
  };
  return { ok: true, map };
}
