/**
 * The report sheet, cell by cell: what goes in which row and column, with a style name and a
 * hyperlink where a cell points into the workbook. The command line writes it as worksheet
 * XML (src/cli/xlsx/addSheet.ts); the add-in writes the same rows through Office.js. Styles
 * are names here; each writer decides the fonts and fills for them.
 *
 * Layout (14 columns, A4 landscape, fit to one page wide):
 *   1 title · 2 file, time · 3 scope, fingerprint · 4 preparer, reviewer, date
 *   5–6 summary (labels, numbers) · 7 the checks' column header (rows 1–7 frozen, row 7
 *   repeated on every printed page) · one row per check · accepted findings · change trail ·
 *   the cells the fingerprint covers and how to recompute it.
 */
import type { ReportCellRef, ReportModel, ReportSummary } from "./buildReport";
import { REPORT_TEXT } from "./reportText";

export type ReportStyle =
  | "title"
  | "label"
  | "value"
  | "mono"
  | "header"
  | "section"
  | "text"
  | "number"
  | "link"
  | "passed"
  | "error"
  | "warning"
  | "info"
  | "accepted"
  | "footing"
  | "note"
  | "summaryLabel"
  | "summaryNumber"
  | "sign";

/** How a style looks, for both writers (colours as #RRGGBB). */
export interface ReportStyleSpec {
  font?: { bold?: boolean; size?: number; color?: string; underline?: boolean; name?: string };
  fill?: string;
  /** grid: a thin grey line on every side; bottom: a black line to sign on. */
  border?: "grid" | "bottom";
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "center" | "bottom";
  wrap?: boolean;
}

export const GRID_COLOR = "#BFBFBF";
const HEAD_FILL = "#F2F2F2";

/** Column headings and the summary's labels look alike. */
const HEAD_CELL: ReportStyleSpec = {
  font: { bold: true },
  fill: HEAD_FILL,
  border: "grid",
  horizontal: "center",
  vertical: "center",
  wrap: true,
};

export const REPORT_STYLES: Record<ReportStyle, ReportStyleSpec> = {
  title: { font: { bold: true, size: 14 }, vertical: "center" },
  label: { font: { bold: true }, vertical: "top" },
  value: { vertical: "top", wrap: true },
  mono: { font: { name: "Consolas", size: 9 }, vertical: "top", wrap: true },
  sign: { border: "bottom", vertical: "bottom" },
  header: HEAD_CELL,
  section: { font: { bold: true, size: 12 }, vertical: "center" },
  text: { border: "grid", vertical: "top", wrap: true },
  number: { border: "grid", vertical: "top" },
  link: { font: { color: "#0563C1", underline: true }, border: "grid", vertical: "top", wrap: true },
  passed: { font: { color: "#2E7D32" }, border: "grid", vertical: "top", wrap: true },
  error: { font: { bold: true, color: "#C00000" }, border: "grid", vertical: "top", wrap: true },
  warning: { font: { color: "#B26B00" }, border: "grid", vertical: "top", wrap: true },
  info: { font: { color: "#595959" }, border: "grid", vertical: "top", wrap: true },
  accepted: { font: { color: "#1F4E79" }, border: "grid", vertical: "top", wrap: true },
  footing: { font: { bold: true, color: "#2E7D32" }, border: "grid", horizontal: "center", vertical: "top" },
  note: { font: { color: "#595959", size: 9 }, vertical: "top", wrap: true },
  summaryLabel: HEAD_CELL,
  summaryNumber: { font: { bold: true, size: 12 }, border: "grid", horizontal: "center", vertical: "center" },
};

/**
 * A column width in Excel's character units as points, for hosts that set widths in points
 * (Office.js `format.columnWidth`): Excel pads each column by 5 pixels of a 7-pixel digit
 * (Calibri 11), and a pixel is 0.75 pt.
 */
export function widthInPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Excel allows at most 31 characters in a sheet name. */
const MAX_SHEET_NAME = 31;

/** `审核报告`, or `审核报告(2)`, `审核报告(3)`… when taken (Excel compares names case-insensitively). */
export function uniqueSheetName(base: string, taken: string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  const whole = base.slice(0, MAX_SHEET_NAME);
  if (!lower.has(whole.toLowerCase())) return whole;
  for (let n = 2; ; n++) {
    const suffix = `(${n})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

export interface ReportSheetCell {
  value: string | number;
  style: ReportStyle;
  /** An internal hyperlink target (`'分解表'!D7`). */
  link?: string;
}

export interface ReportSheet {
  /** The wanted name; a writer adds (2), (3)… when the workbook already has it. */
  name: string;
  /** Column widths in characters (Excel's width unit). */
  columns: number[];
  /** Row-major; null = an empty cell (still bordered where the style asks for it: it does not). */
  rows: (ReportSheetCell | null)[][];
  /** A1 ranges of merged cells. */
  merges: string[];
  /** Rows above the frozen split (1–7: header block and the checks' column header). */
  freezeRows: number;
  /** 1-based row repeated at the top of every printed page. */
  printTitleRow: number;
  /** Row heights in points for rows whose merged, wrapped text Excel would not fit by itself (0-based row → pt). */
  heights: Record<number, number>;
  /** Printed footer in Excel's header/footer codes (&A sheet name, &P page, &N pages). */
  pageFooter: string;
}

export const REPORT_COLUMNS = [6, 11, 13, 12, 14, 28, 9, 11, 12, 5, 9, 9, 50, 32];
const COLS = REPORT_COLUMNS.length;
const LAST = "N";

/** Width in Excel character units: CJK and full-width characters count two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xff00 && c <= 0xff60) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

/** A plain decimal written as a number cell (so it can be summed); anything else stays text. */
function numberOrText(text: string): string | number {
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return text;
  const n = Number(text);
  return String(n) === text.replace(/^\+/, "") ? n : text;
}

function cell(value: string | number, style: ReportStyle, link?: string): ReportSheetCell {
  return link ? { value, style, link } : { value, style };
}

function refCell(refs: ReportCellRef[]): ReportSheetCell {
  if (!refs.length) return cell("", "text");
  return cell(refs.map((r) => r.text).join(", "), "link", refs[0].location);
}

const SUMMARY_KEYS: (keyof ReportSummary)[] = [
  "tables",
  "progressions",
  "indicators",
  "checks",
  "passed",
  "errors",
  "warnings",
  "infos",
  "accepted",
  "lapsed",
];
/** Summary slots: columns B…I, K, L (J is the narrow footing column). */
const SUMMARY_COLUMNS = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11];

export function layoutReport(model: ReportModel): ReportSheet {
  const L = model.labels;
  const h = model.header;
  const rows: (ReportSheetCell | null)[][] = [];
  const merges: string[] = [];
  const heights: Record<number, number> = {};
  const put = (cells: (ReportSheetCell | null)[]): number => {
    const r = [...cells];
    while (r.length < COLS) r.push(null);
    rows.push(r);
    return rows.length; // 1-based row number
  };
  const row = (): (ReportSheetCell | null)[] => new Array(COLS).fill(null);
  /** A table row drawn as one band: empty cells get the grid too, except inside a merge (I:L). */
  const band = (
    cells: (ReportSheetCell | null)[],
    style: ReportStyle = "text",
    merged = false,
  ): (ReportSheetCell | null)[] =>
    cells.map((c, i) => c ?? (merged && i >= 9 && i <= 11 ? null : cell("", style)));
  const mergedHeight = (text: string, from: number, to: number): number => {
    const width = REPORT_COLUMNS.slice(from, to + 1).reduce((a, b) => a + b, 0);
    const lines = text
      .split("\n")
      .reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / Math.max(1, width - 2))), 0);
    return Math.max(15, lines * 15);
  };

  // 1: title
  let r = put([cell(h.title, "title")]);
  merges.push(`A${r}:${LAST}${r}`);
  heights[r - 1] = 24;

  // 2–4: header fields
  const fieldRow = (
    label1: string,
    value1: ReportSheetCell,
    label2: string,
    value2: ReportSheetCell,
    extra?: [string, ReportSheetCell],
  ): void => {
    const cells = row();
    cells[0] = cell(label1, "label");
    cells[1] = value1;
    cells[6] = cell(label2, "label");
    cells[8] = value2;
    if (extra) {
      cells[11] = cell(extra[0], "label");
      cells[12] = extra[1];
    }
    const n = put(cells);
    merges.push(`B${n}:F${n}`, `G${n}:H${n}`, extra ? `I${n}:K${n}` : `I${n}:${LAST}${n}`);
    if (extra) merges.push(`M${n}:${LAST}${n}`);
  };
  fieldRow(L.file, cell(h.file, "value"), L.time, cell(h.time, "value"));
  fieldRow(L.scope, cell(h.scope, "value"), L.fingerprint, cell(h.fingerprint, "mono"));
  fieldRow(L.preparer, cell(h.preparer, "sign"), L.reviewer, cell(h.reviewer, "sign"), [
    L.signDate,
    cell("", "sign"),
  ]);

  // 5–6: summary
  const labels = row();
  const numbers = row();
  labels[0] = cell(L.summaryTitle, "summaryLabel");
  SUMMARY_KEYS.forEach((k, i) => {
    labels[SUMMARY_COLUMNS[i]] = cell(L.summary[k], "summaryLabel");
    numbers[SUMMARY_COLUMNS[i]] = cell(model.summary[k], "summaryNumber");
  });
  r = put(labels);
  put(numbers);
  merges.push(`A${r}:A${r + 1}`);

  // 7: the checks' column header
  const c = L.columns;
  const headerRow = put(
    [
      c.no,
      c.status,
      c.rule,
      c.cell,
      c.related,
      c.indicator,
      c.unit,
      c.stated,
      c.computed,
      c.footing,
      c.difference,
      c.tolerance,
      c.message,
      c.hints,
    ].map((t) => cell(t, "header")),
  );

  for (const k of model.checks) {
    const statusStyle: ReportStyle =
      k.status === "passed"
        ? "passed"
        : k.status === "accepted"
          ? "accepted"
          : k.severity === "error"
            ? "error"
            : k.severity === "warning"
              ? "warning"
              : "info";
    const message = k.accepted
      ? `${k.message}\n${L.acceptedColumns.reason}：${k.accepted.reason}`
      : k.message;
    put([
      cell(k.no, "number"),
      cell(k.statusText, statusStyle),
      cell(k.ruleTitle, "text"),
      cell(k.cell.text, "link", k.cell.location),
      refCell(k.related),
      cell(k.indicator, "text"),
      cell(k.unit, "text"),
      cell(numberOrText(k.stated), "number"),
      cell(numberOrText(k.computed), "number"),
      cell(k.footing, "footing"),
      cell(numberOrText(k.difference), "number"),
      cell(numberOrText(k.tolerance), "number"),
      cell(message, "text"),
      cell(k.hints.join("\n"), "text"),
    ]);
  }

  // Accepted findings and lapsed acceptances
  put([]);
  r = put([cell(L.acceptedSection, "section")]);
  merges.push(`A${r}:${LAST}${r}`);
  const a = L.acceptedColumns;
  const acceptedHeader = row();
  acceptedHeader[0] = cell(a.no, "header");
  acceptedHeader[1] = cell(a.status, "header");
  acceptedHeader[2] = cell(c.rule, "header");
  acceptedHeader[3] = cell(c.cell, "header");
  acceptedHeader[5] = cell(c.indicator, "header");
  acceptedHeader[6] = cell(c.unit, "header");
  acceptedHeader[7] = cell(a.by, "header");
  acceptedHeader[8] = cell(a.at, "header");
  acceptedHeader[12] = cell(a.reason, "header");
  acceptedHeader[13] = cell(a.note, "header");
  r = put(band(acceptedHeader, "header", true));
  merges.push(`I${r}:L${r}`);
  if (!model.accepted.length && !model.lapsed.length) put([cell(L.none, "text")]);
  for (const k of model.accepted) {
    const cells = row();
    cells[0] = cell(k.no, "number");
    cells[1] = cell(k.statusText, "accepted");
    cells[2] = cell(k.ruleTitle, "text");
    cells[3] = cell(k.cell.text, "link", k.cell.location);
    cells[5] = cell(k.indicator, "text");
    cells[6] = cell(k.unit, "text");
    cells[7] = cell(k.accepted?.by ?? "", "text");
    cells[8] = cell(k.accepted ? formatAcceptedAt(k.accepted.at) : "", "text");
    cells[12] = cell(k.accepted?.reason ?? "", "text");
    cells[13] = cell(k.message, "text");
    const n = put(band(cells, "text", true));
    merges.push(`I${n}:L${n}`);
  }
  for (const l of model.lapsed) {
    const cells = row();
    cells[1] = cell(REPORT_TEXT[model.lang].lapsedStatus, "warning");
    cells[2] = cell(l.ruleTitle, "text");
    cells[3] = cell(l.cell.text, "link", l.cell.location);
    cells[5] = cell(l.indicator, "text");
    cells[6] = cell(l.unit, "text");
    cells[7] = cell(l.by, "text");
    cells[8] = cell(l.at, "text");
    cells[12] = cell(l.reason, "text");
    cells[13] = cell(l.whyText, "text");
    const n = put(band(cells, "text", true));
    merges.push(`I${n}:L${n}`);
  }

  // Change trail
  put([]);
  r = put([cell(L.trailSection, "section")]);
  merges.push(`A${r}:${LAST}${r}`);
  const t = L.trailColumns;
  put([
    cell(c.no, "header"),
    cell(t.kind, "header"),
    cell(t.method, "header"),
    cell(c.cell, "header"),
    cell(c.unit, "header"),
    cell(c.indicator, "header"),
    cell("", "header"),
    cell(t.before, "header"),
    cell(t.after, "header"),
    cell("", "header"),
    cell(t.change, "header"),
    cell("", "header"),
    cell(t.details, "header"),
    cell(t.time, "header"),
  ]);
  if (!model.trail.length) put([cell(L.none, "text")]);
  for (const e of model.trail) {
    e.changes.forEach((ch, i) => {
      const first = i === 0;
      put(
        band([
          first ? cell(e.no, "number") : null,
          first ? cell(e.kindText, e.kind === "undo" ? "warning" : "text") : null,
          first ? cell(e.methodText, "text") : null,
          cell(ch.cell.text, "link", ch.cell.location),
          cell(ch.unit, "text"),
          first ? cell(e.indicator, "text") : null,
          null,
          cell(numberOrText(ch.before), "number"),
          cell(numberOrText(ch.after), "number"),
          null,
          cell(numberOrText(ch.change), "number"),
          null,
          first ? cell(e.details, "text") : null,
          first ? cell(e.time, "text") : null,
        ]),
      );
    });
    if (!e.changes.length)
      put(
        band([
          cell(e.no, "number"),
          cell(e.kindText, "text"),
          cell(e.methodText, "text"),
          null,
          null,
          cell(e.indicator, "text"),
          null,
          null,
          null,
          null,
          null,
          null,
          cell(e.details, "text"),
          cell(e.time, "text"),
        ]),
      );
  }

  // What the columns mean
  put([]);
  r = put([cell(L.legendSection, "section")]);
  merges.push(`A${r}:${LAST}${r}`);
  for (const [term, text] of L.legend) {
    r = put([cell(term, "label"), null, null, cell(text, "value")]);
    merges.push(`A${r}:C${r}`, `D${r}:${LAST}${r}`);
    heights[r - 1] = mergedHeight(text, 3, COLS - 1);
  }

  // What the fingerprint covers, and how to recompute it
  put([]);
  const covered = h.fingerprintCells.join(", ") || L.none;
  r = put([cell(L.fingerprintCells, "label"), null, null, cell(covered, "note")]);
  merges.push(`A${r}:C${r}`, `D${r}:${LAST}${r}`);
  heights[r - 1] = mergedHeight(covered, 3, COLS - 1);
  r = put([cell(L.fingerprintNote, "note")]);
  merges.push(`A${r}:${LAST}${r}`);
  heights[r - 1] = mergedHeight(L.fingerprintNote, 0, COLS - 1);

  return {
    name: model.sheetName,
    columns: fitLabels(rows, merges),
    rows,
    merges,
    freezeRows: headerRow,
    printTitleRow: headerRow,
    heights,
    pageFooter: REPORT_TEXT[model.lang].pageFooter,
  };
}

/**
 * Column widths that show every label whole: a label (bold, not wrapped) wider than its column,
 * or than the columns it is merged across, widens the last of them (文件、校核范围 in column A,
 * 数据指纹（SHA-256） across G:H). Wrapped headings wrap instead.
 */
function fitLabels(rows: (ReportSheetCell | null)[][], merges: string[]): number[] {
  const widths = [...REPORT_COLUMNS];
  const spans = new Map<string, [number, number]>();
  for (const m of merges) {
    const [a, b] = m.split(":");
    const row = Number(/\d+/.exec(a)![0]) - 1;
    const from = columnIndex(/^[A-Z]+/.exec(a)![0]);
    const to = columnIndex(/^[A-Z]+/.exec(b ?? a)![0]);
    if (row === Number(/\d+/.exec(b ?? a)![0]) - 1) spans.set(`${row}:${from}`, [from, to]);
  }
  rows.forEach((row, r) =>
    row.forEach((c, col) => {
      if (!c || c.style !== "label" || typeof c.value !== "string") return;
      const [from, to] = spans.get(`${r}:${col}`) ?? [col, col];
      // The fingerprint's covered cells and the legend's terms sit in merges of three columns.
      const need = textWidth(c.value) + 2;
      const have = widths.slice(from, to + 1).reduce((a, b) => a + b, 0);
      if (need > have) widths[to] += need - have;
    }),
  );
  return widths;
}

function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function formatAcceptedAt(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
