/**
 * Layout detection: finds the tables on a sheet and what each column means (PRODUCT §3).
 * Both orientations are tried on an oriented view; the one whose headers read more like
 * units, totals and periods wins. Every decision carries its reason.
 */
import { normalizeLabel, displayLabel } from "../text";
import { parseRange } from "../address";
import { isErrorValue, type RawValue, type SheetGrid } from "../grid";
import type {
  ComponentGroup,
  IndicatorLine,
  PeriodLine,
  Reason,
  TableMap,
  UnitLine,
  Orientation,
} from "../model";
import { sheetView, type SheetView } from "./view";
import { classifyLabel, isNoteLine, measureFromName, measureLine, type LabelRole } from "./labels";
import { classifyIndicator } from "./indicator";
import { buildSplits, type UnitCandidate } from "./hierarchy";
import { findComponents, findGrowth, findParts, findWeights } from "./structure";
import { parseCell } from "../parse/cellText";
import type { CellValue } from "../cell";
import { Decimal } from "../decimal";

const DATA_ROLES = new Set(["unit", "total", "target", "assignment", "period", "other"]);
/** A year written as a header (2023年, 2025) parses as a number with a unit; it is still a label. */
const YEAR_LABEL = /^(19|20)\d{2}\s*年度?$/;

function isBlank(v: RawValue): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

/** How far down a sheet a header is looked for: titles and 单位 lines sit above it. */
const HEADER_SCAN_ROWS = 60;
/** A run of this many blank rows ends a table (single blank rows are separators). */
const TABLE_GAP = 3;

export interface DetectedSheet {
  tables: TableMap[];
  score: number;
}

function textOf(v: RawValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return "";
}

interface HeaderColumn {
  col: number;
  label: string;
  display: string;
  role: LabelRole;
}

interface HeaderCandidate {
  row: number;
  columns: HeaderColumn[];
  score: number;
  kind: "split" | "progression";
}

/** Roles a label in the row above may lend to an empty header cell below it (two-row headers). */
const LENDABLE = new Set(["name", "index", "measure", "note", "assignment", "total", "target"]);

function headerValue(view: SheetView, row: number, c: number): RawValue {
  const v = view.raw(row, c);
  if (v !== undefined && v !== null && v !== "") return v;
  // A merged header cell holds its text in the top-left cell only (a 全市目标 merged over two rows).
  const origin = mergeOrigin(view, row, c);
  if (origin) return view.grid.values[origin.row]?.[origin.col];
  // An unmerged two-row header: the label sits in the row above.
  if (row > 0) {
    const above = view.raw(row - 1, c);
    if (typeof above === "string" && LENDABLE.has(classifyLabel(normalizeLabel(above)).role)) return above;
  }
  return v;
}

const MERGE_CACHE = new WeakMap<SheetView["grid"], Map<string, { row: number; col: number }>>();

/** The top-left cell of the merged area a view cell lies in (areas over 10,000 cells are ignored). */
function mergeOrigin(view: SheetView, row: number, col: number): { row: number; col: number } | undefined {
  const grid = view.grid;
  if (!grid.merges?.length) return undefined;
  let cells = MERGE_CACHE.get(grid);
  if (!cells) {
    cells = new Map();
    for (const m of grid.merges) {
      const box = parseRange(m);
      if (!box || (box.bottom - box.top + 1) * (box.right - box.left + 1) > 10000) continue;
      for (let r = box.top; r <= box.bottom; r++)
        for (let k = box.left; k <= box.right; k++)
          if (r !== box.top || k !== box.left) cells.set(`${r},${k}`, { row: box.top, col: box.left });
    }
    MERGE_CACHE.set(grid, cells);
  }
  const at = view.toSheet(row, col);
  return cells.get(`${at.row},${at.col}`);
}

// Kept per view, not per grid: a view is made for one detection, while a grid may gain rows later
// (live mode applies edits to it) and a list kept for the grid would miss them.
const PRESENT_LINES = new WeakMap<SheetView, number[]>();

/**
 * With units in rows, the view columns (sheet rows) that can hold a header label: the rows the grid
 * has, and the rows merged areas cover. A sheet with one stray cell at row 1,048,576 is then a
 * handful of columns to read, not a million for each of the 60 rows a header is looked for in.
 */
function presentLines(view: SheetView): number[] {
  let lines = PRESENT_LINES.get(view);
  if (!lines) {
    const found = new Set<number>();
    view.grid.values.forEach((row, r) => row !== undefined && found.add(r)); // skips holes
    // Merged rows count only within the sheet's extent (view.cols), as a full scan would read them.
    const height = view.grid.values.length;
    for (const m of view.grid.merges ?? []) {
      const box = parseRange(m);
      if (box && box.bottom - box.top < 10000)
        for (let r = box.top; r <= Math.min(box.bottom, height - 1); r++) found.add(r);
    }
    lines = [...found].sort((a, b) => a - b);
    PRESENT_LINES.set(view, lines);
  }
  return lines;
}

function readHeader(view: SheetView, row: number): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  // Columns without a value, a merged origin or a label above yield nothing: skipping them is exact.
  const lines = view.orientation === "units-in-rows" ? presentLines(view) : undefined;
  const n = lines ? lines.length : view.cols;
  for (let k = 0; k < n; k++) {
    const c = lines ? lines[k] : k;
    const v = headerValue(view, row, c);
    if (typeof v !== "string" && typeof v !== "number") continue;
    // A number in a header row is a year (2025) or data; only years are labels.
    if (typeof v === "number" && !(Number.isInteger(v) && v >= 1900 && v <= 2099)) continue;
    const text = textOf(v);
    const label = normalizeLabel(text);
    if (!label) continue;
    columns.push({ col: c, label, display: displayLabel(text), role: classifyLabel(label) });
  }
  return columns;
}

function headerScore(columns: HeaderColumn[]): HeaderCandidate["kind"] | null {
  let units = 0,
    totals = 0,
    periods = 0;
  for (const h of columns) {
    if (h.role.role === "unit") units++;
    else if (h.role.role === "total" || h.role.role === "target") totals++;
    else if (h.role.role === "period") periods++;
  }
  if (periods >= 2 && units === 0) return "progression";
  if ((totals >= 1 && units >= 1) || units >= 2) return "split";
  return null;
}

function scoreOf(columns: HeaderColumn[]): number {
  let s = 0;
  for (const h of columns) {
    switch (h.role.role) {
      case "unit":
        s += 1;
        break;
      case "total":
      case "target":
        s += 3;
        break;
      case "assignment":
      case "period":
        s += 2;
        break;
      case "name":
      case "index":
        s += 1;
        break;
    }
  }
  return s;
}

function rowIsBlank(view: SheetView, row: number, from: number, to: number): boolean {
  for (let c = from; c <= to; c++) {
    const v = view.raw(row, c);
    if (v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "")) return false;
  }
  return true;
}

function firstText(view: SheetView, row: number, to: number): string {
  for (let c = 0; c <= to; c++) {
    const v = view.raw(row, c);
    if (typeof v === "string" && v.trim()) return normalizeLabel(v);
  }
  return "";
}

/** Is this value a number (or number-like text, bound, dash) rather than a label? */
function isDataLike(v: RawValue, measure?: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "number" || isErrorValue(v)) return true;
  const parsed: CellValue = parseCell(v, { measure });
  return parsed.kind === "number" || parsed.kind === "dash" || parsed.kind === "error";
}

function defaultMeasureAbove(view: SheetView, headerRow: number, width: number): string | undefined {
  for (let r = Math.max(0, headerRow - 4); r < headerRow; r++) {
    for (let c = 0; c < Math.min(width, view.cols); c++) {
      const v = view.raw(r, c);
      if (typeof v !== "string") continue;
      const m = measureLine(normalizeLabel(v));
      if (m) return m;
    }
  }
  return undefined;
}

/** The last labelled column left of `col` that is not a 序号 column. */
function lastLeftOf(cols: HeaderColumn[], col: number): HeaderColumn | undefined {
  for (let k = cols.length - 1; k >= 0; k--)
    if (cols[k].col < col && cols[k].role.role !== "index") return cols[k];
  return undefined;
}

function buildTable(
  view: SheetView,
  header: HeaderCandidate,
): { table: TableMap; extra?: TableMap; endRow: number } | null {
  const cols = header.columns;
  const byRole = (role: LabelRole["role"]) => cols.filter((h) => h.role.role === role);
  const firstDataCol =
    cols.find((h) => ["unit", "total", "target", "assignment", "period"].includes(h.role.role))?.col ?? 0;
  const nameCol =
    byRole("name")[0]?.col ??
    // The indicator names sit left of the first unit or period column, after any 序号.
    lastLeftOf(cols, firstDataCol)?.col ??
    Math.max(0, firstDataCol - 1);
  const indexCol = byRole("index")[0]?.col;
  const measureCol = byRole("measure")[0]?.col;
  const noteCols = byRole("note").map((h) => h.col);
  // Columns come in order; Math.max(...cols) would overflow the stack past ~150,000 units.
  const lastCol = cols[cols.length - 1].col;
  const defaultMeasure = defaultMeasureAbove(view, header.row, lastCol + 1);

  const dataCols = cols.filter((h) => DATA_ROLES.has(h.role.role)).map((h) => h.col);
  // Indicator rows: below the header until a note line or a long gap.
  const rows: number[] = [];
  let blanks = 0;
  let endRow = header.row;
  for (let r = header.row + 1; r < view.rows; r++) {
    if (rowIsBlank(view, r, 0, lastCol)) {
      if (++blanks >= TABLE_GAP) break;
      continue;
    }
    const lead = firstText(view, r, Math.min(nameCol, lastCol));
    if (lead && isNoteLine(lead)) break;
    // Another header row starts another table; only a row with a label where data belongs can be one.
    const probe = view.raw(r, firstDataCol);
    const lineName = normalizeLabel(textOf(view.raw(r, nameCol)));
    const structureLine = PARENT_LINE.test(lineName) || LEVEL_LINE.test(lineName);
    // A year label (2023年) parses as a number with a unit, yet heads a new table; "1900" stored
    // as text is data. A row whose name cell says 指标 or 序号 is a header whatever its cells hold.
    const labelLike =
      (typeof probe === "string" &&
        probe.trim() !== "" &&
        (!isDataLike(probe) || YEAR_LABEL.test(probe.trim()))) ||
      ["name", "index"].includes(classifyLabel(lineName).role);
    if (labelLike && !structureLine && headerScore(readHeader(view, r)) !== null) break;
    blanks = 0;
    const nameRaw = view.raw(r, nameCol);
    const name =
      typeof nameRaw === "string"
        ? displayLabel(nameRaw)
        : typeof nameRaw === "number"
          ? String(nameRaw)
          : "";
    if (!name) continue;
    // A caption between tables (表2 …) names no data: it is not an indicator.
    if (!dataCols.some((c) => !isBlank(view.raw(r, c)))) continue;
    rows.push(r);
    endRow = r;
  }
  // A 上级单位 or 级别 line says how the units nest; it is structure, not an indicator.
  const structure = new Map<"parent" | "level", number>();
  for (const r of [...rows]) {
    const raw = view.raw(r, nameCol);
    const key = typeof raw === "string" ? normalizeLabel(raw) : "";
    const kind = PARENT_LINE.test(key) ? "parent" : LEVEL_LINE.test(key) ? "level" : null;
    if (kind && !structure.has(kind)) {
      structure.set(kind, r);
      rows.splice(rows.indexOf(r), 1);
    }
  }
  if (rows.length === 0) return null;

  const indicators: IndicatorLine[] = rows.map((r) => {
    const nameRaw = view.raw(r, nameCol);
    const name = typeof nameRaw === "string" ? displayLabel(nameRaw) : String(nameRaw);
    const measureCell = measureCol !== undefined ? view.raw(r, measureCol) : undefined;
    const measure =
      (typeof measureCell === "string" && normalizeLabel(measureCell)) ||
      measureFromName(normalizeLabel(name)) ||
      defaultMeasure ||
      "";
    const facts = classifyIndicator(normalizeLabel(name), measure);
    return { line: r, name, measure, ...facts };
  });

  const range = (() => {
    const a = view.toSheet(header.row, 0);
    const b = view.toSheet(endRow, lastCol);
    return {
      top: Math.min(a.row, b.row),
      left: Math.min(a.col, b.col),
      bottom: Math.max(a.row, b.row),
      right: Math.max(a.col, b.col),
    };
  })();
  const parts = findParts(view, nameCol, indicators);
  const base = {
    parts,
    components: [] as ComponentGroup[],
    weights: findWeights(indicators),
    growth: findGrowth(indicators),
    sheet: view.grid.name,
    orientation: view.orientation,
    range,
    headerLine: header.row,
    nameLine: nameCol,
    measureLine: measureCol,
    indexLine: indexCol,
    noteLines: noteCols,
    indicators,
    defaultMeasure,
  };

  const periodCols = byRole("period");
  if (header.kind === "progression") {
    const periods: PeriodLine[] = periodCols.map((h) => {
      const role = h.role as Extract<LabelRole, { role: "period" }>;
      return { line: h.col, label: h.display, year: role.year, span: role.span, total: role.total };
    });
    const single = periods.filter((p) => !p.total);
    // Period totals alone (十四五合计 twice) are no progression and total nothing.
    if (single.length === 0) return null;
    const progression: TableMap = { ...base, type: "progression", periods: single };
    // A period total (十四五合计, 2021-2025年合计) over annual flows is the one split among years.
    const total = periods.find((p) => p.total);
    if (!total) return single.length >= 2 ? { table: progression, endRow } : null;
    const years = single.filter((p) => !total.span || (p.year >= total.span[0] && p.year <= total.span[1]));
    if (years.length < 2) return single.length >= 2 ? { table: progression, endRow } : null;
    const why: Reason = { by: "keyword", evidence: total.label };
    const line = (p: PeriodLine): UnitLine => ({ line: p.line, label: p.label, unit: p.label, why });
    const split: TableMap = {
      ...base,
      type: "split",
      policy: "exact",
      acrossPeriods: true,
      splits: [{ parent: line(total), children: years.map(line), level: 0, why }],
    };
    return { table: split, extra: single.length >= 2 ? progression : undefined, endRow };
  }

  const unitLine = (h: HeaderColumn, unit: string, why: Reason): UnitLine => ({
    line: h.col,
    label: h.display,
    unit,
    why,
  });
  const assignmentCol = byRole("assignment")[0];
  const assignment = assignmentCol
    ? unitLine(assignmentCol, assignmentCol.display, {
        by: "keyword",
        evidence: (assignmentCol.role as { keyword: string }).keyword,
      })
    : undefined;
  // With units in rows, a note below the table (注：…) sits where a unit's name would: it and
  // everything after it are not units. Nor is a sentence, which no unit's name is.
  const noteAt =
    cols.find((h) => h.col > nameCol && (isNoteLine(h.label) || /[。；;]/.test(h.label)))?.col ?? Infinity;
  const unitCols = cols.filter(
    (h) =>
      h.col > nameCol &&
      h.col < noteAt &&
      h !== assignmentCol &&
      ["unit", "other", "total", "target"].includes(h.role.role),
  );
  const isSubtotal = (h: HeaderColumn) => h.label.endsWith("小计");
  const isTotal = (h: HeaderColumn) =>
    (h.role.role === "total" || h.role.role === "target") && !isSubtotal(h);
  let arithmetic: UnitLine | undefined;
  const noTotal = !unitCols.some(isTotal);
  const parentRow = structure.get("parent");
  const levelRow = structure.get("level");
  const indents = view.grid.indents;
  const candidates: UnitCandidate[] = unitCols.map((h) => {
    const role = h.role as { role: string; unit?: string; keyword?: string };
    const subtotal = isSubtotal(h);
    const total = (role.role === "total" || role.role === "target") && !subtotal;
    const line = total
      ? unitLine(h, role.unit ?? h.display, { by: "keyword", evidence: role.keyword ?? h.label })
      : unitLine(h, h.display, { by: role.role === "unit" ? "keyword" : "position", evidence: h.label });
    const at = view.toSheet(header.row, h.col);
    const raw = view.raw(header.row, h.col);
    const declaredParent = parentRow !== undefined ? view.raw(parentRow, h.col) : undefined;
    const declaredLevel = levelRow !== undefined ? view.raw(levelRow, h.col) : undefined;
    return {
      line,
      total,
      subtotal,
      declaredParent:
        typeof declaredParent === "string" && declaredParent.trim()
          ? normalizeLabel(declaredParent)
          : undefined,
      declaredLevel: levelOf(declaredLevel),
      outline: view.orientation === "units-in-rows" ? view.grid.outlineLevels?.get(at.row) : undefined,
      indent: indents?.size ? indents.get(`${at.row},${at.col}`) : undefined,
      leadingSpaces: typeof raw === "string" ? leadingSpaces(raw) : undefined,
    };
  });
  let splits = buildSplits(candidates);
  if (noTotal && splits.length === 0) {
    // No total keyword and no nesting by names: a column the others add up to on most rows.
    arithmetic = arithmeticParent(
      view,
      unitCols.filter((h) => !isSubtotal(h)),
      indicators,
    );
    if (!arithmetic) return null;
    const parentLine = arithmetic.line;
    splits = buildSplits(
      candidates.map((c) => (c.line.line === parentLine ? { ...c, line: arithmetic!, total: true } : c)),
    );
  }
  if (splits.length === 0 || splits.every((sp) => sp.children.length === 0)) return null;
  const top = splits.find((sp) => sp.level === 0);
  if (top && assignment) top.assignment = assignment;
  // Every unit line once, in split order, for the components search (listed only if it needs them).
  const allLines = (): number[] => {
    const lines: number[] = [];
    const seenLine = new Set<number>();
    for (const sp of splits)
      for (let k = -1; k < sp.children.length; k++) {
        const line = k < 0 ? sp.parent.line : sp.children[k].line;
        if (!seenLine.has(line)) {
          seenLine.add(line);
          lines.push(line);
        }
      }
    return lines;
  };
  base.components = findComponents(view, allLines, indicators, parts);
  return {
    table: { ...base, type: "split", policy: "exact", splits },
    endRow,
  };
}

const PARENT_LINE = /^(上级|上级单位|上级地区|上级行政区|所属|所属地区|所属市|所属地市|所属单位|隶属)$/;
const LEVEL_LINE = /^(级别|层级|行政级别|单位级别|层次|级次)$/;

/** A level written as a number (1, 2, 3) or a word (省, 市, 县/区, 乡/镇). */
function levelOf(v: RawValue): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v !== "string") return undefined;
  const t = normalizeLabel(v);
  if (/^\d+$/.test(t)) return Number(t);
  if (/^(省|省级|一级)$/.test(t)) return 1;
  if (/^(市|地市|市级|设区市|二级)$/.test(t)) return 2;
  if (/^(县|区|县级|区县|县(市|区)|县市区|三级)$/.test(t)) return 3;
  if (/^(乡|镇|乡镇|街道|乡镇级|四级)$/.test(t)) return 4;
  return undefined;
}

/** Leading spaces of a unit name, a full-width space counting as two (how planners indent by hand). */
function leadingSpaces(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0xa0) n += 1;
    else if (c === 0x3000) n += 2;
    else break;
  }
  return n;
}

/**
 * A column is the parent without a keyword only when the others add up to it on most rows
 * (PRODUCT §3): never on one coincidence, never on a table of units alone.
 */
function arithmeticParent(
  view: SheetView,
  unitCols: HeaderColumn[],
  indicators: IndicatorLine[],
): UnitLine | undefined {
  if (unitCols.length < 3) return undefined;
  const fits = new Map<number, number>();
  let tested = 0;
  for (const ind of indicators) {
    if (ind.kind !== "additive") continue;
    const values: (Decimal | null)[] = unitCols.map((h) => {
      const cell = parseCell(view.raw(ind.line, h.col), { measure: ind.measure });
      return cell.kind === "number" && !cell.bound
        ? cell.value
        : cell.kind === "dash" || cell.kind === "empty"
          ? Decimal.ZERO
          : null;
    });
    if (values.some((v) => v === null)) continue;
    const total = Decimal.sum(values as Decimal[]);
    if (total.isZero()) continue;
    tested++;
    values.forEach((v, i) => {
      if (v!.add(v!).eq(total)) fits.set(i, (fits.get(i) ?? 0) + 1);
    });
  }
  if (tested < 2) return undefined;
  let best = -1,
    bestCount = 0;
  for (const [i, n] of fits) if (n > bestCount) [best, bestCount] = [i, n];
  if (best < 0 || bestCount * 2 <= tested) return undefined;
  const h = unitCols[best];
  return {
    line: h.col,
    label: h.display,
    unit: h.display,
    why: { by: "arithmetic", evidence: `sum holds on ${bestCount} of ${tested} rows` },
  };
}

function detectInView(view: SheetView): DetectedSheet {
  const tables: TableMap[] = [];
  let score = 0;
  let r = 0;
  let scanned = 0;
  while (r < view.rows && scanned < HEADER_SCAN_ROWS) {
    let columns = readHeader(view, r);
    let kind = headerScore(columns);
    if (kind && r + 1 < view.rows) {
      // The lower row of a two-row header names the units; prefer it when it reads better.
      const next = readHeader(view, r + 1);
      const nextKind = headerScore(next);
      const structureLine = next.some((h) => PARENT_LINE.test(h.label) || LEVEL_LINE.test(h.label));
      if (nextKind && !structureLine && scoreOf(next) > scoreOf(columns)) {
        r++;
        columns = next;
        kind = nextKind;
      }
    }
    if (kind) {
      const built = buildTable(view, { row: r, columns, kind, score: scoreOf(columns) });
      if (built) {
        tables.push(built.table);
        if (built.extra) tables.push(built.extra);
        score += scoreOf(columns) + built.table.indicators.length;
        r = built.endRow + 1;
        scanned = 0;
        continue;
      }
    }
    r++;
    scanned++;
  }
  return { tables, score };
}

export function detectSheet(grid: SheetGrid): DetectedSheet {
  const orientations: Orientation[] = ["indicators-in-rows", "units-in-rows"];
  let best: DetectedSheet = { tables: [], score: 0 };
  for (const o of orientations) {
    const found = detectInView(sheetView(grid, o));
    if (found.score > best.score) best = found;
  }
  return best;
}
