/**
 * Frames: where the tables of a sheet are, read from structure alone (docs/table-understanding.md).
 * A table is a header line (or two) over a block of rows, each row named in one label column,
 * with number-like values to its right. Frames say nothing yet about which line is the parent:
 * that is the reading's job (reading.ts), in both orientations.
 *
 * A table ends at two blank rows, a note line (注：…), or a new header line (a title, or a row of
 * labels after a blank row that heads numbers again); tables side by side are split at two blank
 * columns. Years count as labels only in a header row (docs/table-understanding.md §1: years come from
 * headers).
 */
import { labelOf } from "../vocabulary/words";
import { CODE, isTextShape } from "./cells";
import { SheetCells, type RowSummary } from "./sheetCells";
import { columnBands, evenSample, GAP, LABEL_SAMPLE } from "./bands";

export { SheetCells };
import { classify, isNoteLine, measureLine } from "./labels";
import { normalizeLabel } from "../text";

export interface Frame {
  /** The header rows (one, or two for a two-row header); the last is the header. */
  headerRows: number[];
  header: number;
  /** Non-blank rows below the header that belong to the table, in order. */
  body: number[];
  /** The column naming each body row. */
  labelCol: number;
  /** A 序号 column left of the label column. */
  indexCol?: number;
  /** Columns right of the label column that belong to the table, in order. */
  cols: number[];
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** From a 单位：万元 line above the table. */
  measure?: string;
}

/** A block of cells that was looked at and is no table, with the reason. */
export interface FrameMiss {
  top: number;
  left: number;
  bottom: number;
  right: number;
  reason: "no-header" | "no-numbers" | "no-label-line" | "unreadable-labels";
}

/** Rows above a header where a title or a 单位： line may stand. */
const ABOVE = 4;

/**
 * A header may hold years; any other number makes it a data row. One label suffices over a blank
 * corner (the label column's header left empty, one indicator named beside it).
 */
function headerLike(s: RowSummary, from: number): boolean {
  if (s.values - s.years !== 0 || s.labels < 1) return false;
  return s.labels + s.years >= 2 || (s.labels === 1 && s.first > from);
}

/** A row whose cells after its first are measure words (计量单位 | 人 | 平方公里). */
function measureRow(cells: SheetCells, r: number, from: number, to: number): boolean {
  let first = true;
  let measures = 0;
  const end = Math.min(to, cells.width(r) - 1);
  for (let c = from; c <= end; c++) {
    const code = cells.code(r, c);
    if (code === CODE.blank) continue;
    if (first) {
      first = false;
      continue;
    }
    if (code !== CODE.measure) return false;
    measures++;
  }
  return measures > 0;
}

const ORDINAL = /^[(（]?[一二三四五六七八九十百\d]{1,4}[)）、.．]?$/;

function isHeaderWord(text: string): boolean {
  const role = classify(labelOf(text)).role;
  return role === "name" || role === "unit-header" || role === "index";
}

export function findFrames(cells: SheetCells): { frames: Frame[]; misses: FrameMiss[] } {
  const frames: Frame[] = [];
  const misses: FrameMiss[] = [];
  const present = cells.present;
  let start = 0;
  for (let k = 1; k <= present.length; k++) {
    if (k === present.length || present[k] - present[k - 1] > GAP) {
      const rows = present.slice(start, k);
      let width = 0;
      for (let i = 0; i < rows.length; i++) width = Math.max(width, cells.width(rows[i]));
      for (const [from, to] of columnBands(cells, rows, width))
        framesInBand(cells, rows, from, to, frames, misses);
      start = k;
    }
  }
  return { frames, misses };
}

function framesInBand(
  cells: SheetCells,
  rows: number[],
  from: number,
  to: number,
  frames: Frame[],
  misses: FrameMiss[],
): void {
  // Rows are summed up when asked for: most rows of a large table are told apart by their first number.
  const cache: (RowSummary | undefined)[] = new Array(rows.length);
  const sum = (k: number): RowSummary => (cache[k] ??= cells.summary(rows[k], from, to));
  const band: Band = { cells, rows, sum, from, to };
  let i = 0;
  while (i < rows.length) {
    const s = sum(i);
    if (s.first < 0 || !headerLike(s, from)) {
      if (s.first >= 0 && s.values >= 1 && s.values - s.years > 0) {
        // Rows of numbers (named or not) without a header above them: nothing says what the
        // numbers are. Looked at, and said so.
        let j = i;
        while (j + 1 < rows.length && sum(j + 1).values - sum(j + 1).years > 0) j++;
        if (j > i) misses.push({ top: rows[i], left: from, bottom: rows[j], right: to, reason: "no-header" });
        i = j + 1;
        continue;
      }
      i++;
      continue;
    }
    // Of several label rows above the first numbers (a two-cell title, then the header), the header
    // is the first that names most of the columns.
    // A line of measures (单位 | 个 | 万元) under the header belongs to the body, never heads it.
    let last = i;
    while (
      last + 1 < rows.length &&
      rows[last + 1] - rows[last] === 1 &&
      headerLike(sum(last + 1), from) &&
      !measureRow(cells, rows[last + 1], from, to)
    )
      last++;
    if (last > i) {
      let most = 0;
      for (let k = i; k <= last; k++) most = Math.max(most, sum(k).labels + sum(k).years);
      while (i < last && (sum(i).labels + sum(i).years) * 5 < most * 3) i++;
    }
    const headerRows = [rows[i]];
    let j = i + 1;
    if (
      j < rows.length &&
      rows[j] === rows[i] + 1 &&
      secondHeaderRow(cells, rows[i], rows[j], sum(j), from, to)
    ) {
      headerRows.push(rows[j]);
      j++;
    }
    // The body: rows until a note line, or a new header line.
    const body: number[] = [];
    let k = j;
    for (; k < rows.length; k++) {
      const r = rows[k];
      // A number other than a year makes a data row: no note line, title or header holds one.
      if (cells.hasPlainValue(r, from, to)) {
        body.push(r);
        continue;
      }
      const sk = sum(k);
      if (sk.first < 0) continue;
      if (
        sk.firstText &&
        sk.labels >= 1 &&
        sk.values === 0 &&
        isNoteLine(normalizeLabel(sk.firstText)) &&
        body.length
      )
        break;
      if (body.length && startsNewTable(band, k, headerRows)) break;
      body.push(r);
    }
    const end = k;
    const frame = frameOf(cells, headerRows, body, from, to);
    if ("reason" in frame) misses.push(frame);
    else frames.push(frame);
    // After a note line, its continuation lines (single cells) belong to the notes.
    while (k < rows.length && sum(k).values === 0 && sum(k).labels <= 1 && isNoteContinuation(sum, k, end))
      k++;
    i = Math.max(k, i + 1);
  }
}

function isNoteContinuation(sum: (k: number) => RowSummary, k: number, end: number): boolean {
  return k === end ? isNoteLine(normalizeLabel(sum(k).firstText)) : true;
}

/**
 * The row under a header is a second header row when it names columns the first left blank or
 * merged (区、县（市） over the districts), and holds no data.
 */
function secondHeaderRow(
  cells: SheetCells,
  upper: number,
  lower: number,
  s: RowSummary,
  from: number,
  to: number,
): boolean {
  if (s.values - s.years > 0 || s.labels + s.years === 0 || measureRow(cells, lower, from, to)) return false;
  let fills = 0;
  let under = 0;
  for (let c = from; c <= to; c++) {
    const below = cells.shape(lower, c);
    if (below.shape === "blank") continue;
    const above = cells.shape(upper, c);
    if (above.shape === "blank" || cells.mergeOrigin(upper, c)) fills++;
    else under++;
  }
  // Mostly new names under blank or merged cells; a qualitative row repeats under every header.
  return fills > 0 && fills >= under;
}

/** The rows of a band of columns being read, each summed when asked for. */
interface Band {
  cells: SheetCells;
  rows: number[];
  sum: (k: number) => RowSummary;
  from: number;
  to: number;
}

/** Whether row k starts another table: a header line after a break, heading numbers again. */
function startsNewTable(band: Band, k: number, headerRows: number[]): boolean {
  const { rows, sum } = band;
  const s = sum(k);
  const r = rows[k];
  const afterBreak = r - rows[k - 1] > 1;
  // A title (one text cell, perhaps a 单位： line under it) followed by a header line.
  if (s.labels === 1 && s.values === 0 && s.first === s.last && !isNoteLine(normalizeLabel(s.firstText))) {
    for (let n = k + 1; n < rows.length && n <= k + 2; n++) {
      if (
        headerLike(sum(n), band.from) &&
        !(sum(n).labels === 1 && sum(n).first === sum(n).last && n < k + 2)
      )
        return isNewHeader(band, n, headerRows, true);
      if (!(sum(n).labels === 1 && sum(n).values === 0)) break;
    }
  }
  return isNewHeader(band, k, headerRows, afterBreak);
}

function isNewHeader(band: Band, k: number, headerRows: number[], afterBreak: boolean): boolean {
  const { cells, rows, sum, from, to } = band;
  const s = sum(k);
  if (!headerLike(s, from)) return false;
  // It must head numbers again (past a line of measures or an assignment written with them).
  let heads = false;
  for (let n = k + 1; n < rows.length && n <= k + 3 && rows[n] - rows[k] <= 4; n++)
    if (sum(n).values > 0) {
      heads = true;
      break;
    }
  if (!heads) return false;
  const texts: string[] = [];
  for (let c = from; c <= to; c++) {
    const sh = cells.shape(rows[k], c);
    if (isTextShape(sh) || sh.yearLike) texts.push(normalizeLabel(String(cells.raw(rows[k], c))));
  }
  if (isHeaderWord(s.firstText)) return true;
  const headerTexts = new Set<string>();
  for (const h of headerRows)
    for (let c = from; c <= to; c++) {
      const v = cells.raw(h, c);
      if (typeof v === "string" || typeof v === "number") headerTexts.add(normalizeLabel(String(v)));
    }
  const shared = texts.filter((t) => headerTexts.has(t)).length;
  if (shared >= Math.max(1, Math.ceil(texts.length / 3))) return true;
  if (!afterBreak) return false;
  // After a blank row: a line of column names (totals, periods, measures in brackets).
  let named = 0;
  for (const t of texts) {
    const role = classify(labelOf(t)).role;
    if (role === "total" || role === "target" || role === "period" || /[(（][^)）]{1,8}[)）]$/.test(t))
      named++;
  }
  return named >= 1 && named * 2 >= texts.length - 1;
}

function frameOf(
  cells: SheetCells,
  headerRows: number[],
  body: number[],
  from: number,
  to: number,
): Frame | FrameMiss {
  const header = headerRows[headerRows.length - 1];
  const bottom = body.length ? body[body.length - 1] : header;
  const box = { top: headerRows[0], left: from, bottom, right: to };
  let withValues = 0;
  for (let k = 0; k < body.length; k++) {
    const r = body[k];
    if (cells.hasPlainValue(r, from, to) || cells.summary(r, from, to).values > 0) withValues++;
  }
  if (withValues === 0) return { ...box, reason: "no-numbers" };
  // The label column: the one naming the most rows (leftmost on a tie), never a 序号 column or
  // a column of measure words.
  const width = to - from + 1;
  const labels = new Int32Array(width);
  const measures = new Int32Array(width);
  const ordinals = new Int32Array(width);
  // The label column is plain from an even sample of the rows (a table of 50,000 need not be read).
  const sample = evenSample(body, LABEL_SAMPLE);
  const scale = body.length / Math.max(1, sample.length);
  // Distinct names per column: the column that names each row apart (an order number beside the
  // product it repeats) is the one that names the rows.
  const distinct: Set<unknown>[] = Array.from({ length: width }, () => new Set());
  for (const r of sample) {
    const end = Math.min(to, cells.width(r) - 1);
    for (let c = from; c <= end; c++) {
      const code = cells.code(r, c);
      if (code === CODE.label) {
        labels[c - from]++;
        distinct[c - from].add(cells.raw(r, c));
        if (ORDINAL.test(String(cells.raw(r, c)).trim())) ordinals[c - from]++;
      } else if (code === CODE.measure) measures[c - from]++;
    }
  }
  let labelCol = -1;
  let best = 0;
  let bestDistinct = 0;
  let indexCol: number | undefined;
  for (let c = from; c <= to; c++) {
    const k = c - from;
    const headText = headerText(cells, headerRows, c);
    const role = headText ? classify(labelOf(headText)).role : "other";
    if (role === "index" || (labels[k] > 0 && ordinals[k] * 2 > labels[k])) {
      if (indexCol === undefined && labelCol < 0) indexCol = c;
      continue;
    }
    const named = (labels[k] + measures[k]) * scale;
    if (measures[k] > labels[k] && named > 0) continue;
    const apart = distinct[k].size;
    if (apart > bestDistinct || (apart === bestDistinct && named > best)) {
      best = named;
      bestDistinct = apart;
      labelCol = c;
    }
  }
  if (labelCol < 0 || best * 2 < withValues) return { ...box, reason: "no-label-line" };
  if (undecodable(cells, headerRows, body, labelCol, from, to))
    return { ...box, reason: "unreadable-labels" };
  if (indexCol === undefined) {
    // A column of running numbers (1, 2, 3…) left of the names is a 序号 column too.
    for (let c = from; c < labelCol && indexCol === undefined; c++) {
      const head = headerText(cells, headerRows, c);
      if (head && classify(labelOf(head)).role === "index") indexCol = c;
    }
  }
  const cols: number[] = [];
  let blanks = 0;
  const lines = headerRows.concat(body);
  for (let c = labelCol + 1; c <= to; c++) {
    let any = false;
    for (let k = 0; k < lines.length; k++) {
      const r = lines[k];
      if (cells.code(r, c) !== CODE.blank || (r === header && cells.mergeOrigin(r, c))) {
        any = true;
        break;
      }
    }
    if (any) {
      cols.push(c);
      blanks = 0;
    } else if (++blanks >= GAP) break;
  }
  let left = labelCol;
  for (let c = from; c < labelCol; c++)
    if (lines.some((r) => cells.code(r, c) !== CODE.blank)) {
      left = c;
      break;
    }
  const right = cols.length ? cols[cols.length - 1] : labelCol;
  return {
    headerRows,
    header,
    body,
    labelCol,
    indexCol,
    cols,
    top: headerRows[0],
    left,
    bottom,
    right,
    measure: measureAbove(cells, headerRows[0], from, to),
  };
}

/**
 * Labels that could not be decoded (U+FFFD, the replacement character, in most of them: a file
 * written in one encoding and read in another) say nothing a reading could rest on.
 */
function undecodable(
  cells: SheetCells,
  headerRows: number[],
  body: number[],
  labelCol: number,
  from: number,
  to: number,
): boolean {
  let labels = 0;
  let broken = 0;
  const count = (v: unknown) => {
    if (typeof v !== "string" || !v.trim()) return;
    labels++;
    if (v.includes("\uFFFD")) broken++;
  };
  for (const h of headerRows) for (let c = from; c <= to; c++) count(cells.raw(h, c));
  for (const r of evenSample(body, LABEL_SAMPLE)) count(cells.raw(r, labelCol));
  return broken * 2 > labels;
}

function headerText(cells: SheetCells, headerRows: number[], c: number): string {
  for (let k = headerRows.length - 1; k >= 0; k--) {
    const v = cells.raw(headerRows[k], c);
    if (typeof v === "string" && v.trim()) return v;
  }
  return "";
}

/** A 单位：万元 line in the rows just above the header (titles sit there too). */
function measureAbove(cells: SheetCells, top: number, from: number, to: number): string | undefined {
  for (let r = Math.max(0, top - ABOVE); r < top; r++)
    for (let c = 0; c <= Math.max(to, cells.width(r) - 1); c++) {
      const v = cells.raw(r, c);
      if (typeof v !== "string") continue;
      const m = measureLine(v);
      if (m && (c >= from || from === 0)) return m;
    }
  return undefined;
}
