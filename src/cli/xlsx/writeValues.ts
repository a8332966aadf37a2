/**
 * writeCellValues: a copy of a workbook with some cells of one sheet set to exact decimal
 * numbers (or text, as inline strings), by XML surgery on that sheet's part. Every other zip entry is copied byte for byte
 * (see zip.ts); the sheet part changes only inside the cells written (and, for a new cell, its
 * row, the row's `spans` and the sheet's `<dimension>`).
 *
 * A written cell:
 * - gets `<v>` with the decimal's exact text ("316", "15.6"), which Excel reads as that number;
 * - loses `t` (a shared string, an inline string, a formula's text result, a boolean, an error
 *   or a date becomes a number), `<is>`, and the value-metadata index `vm`;
 * - keeps its style `s`, so the number format and look are unchanged;
 * - loses its formula `<f>` only when `overwriteFormulas` is set; otherwise nothing is written
 *   and the formula cells are listed (FORMULA_CELLS). A cell inside an array formula or a data
 *   table is refused even then (Excel forbids changing part of an array). When the master of a
 *   shared formula is overwritten, the other cells of its group get the formula written out in
 *   full (shifted to their position), so they keep computing what they computed before.
 * - A missing cell is created in its row (and a missing row in sheetData), in order, with the
 *   row's or the column's style where Excel would use one.
 *
 * calcChain: when a formula is removed, the calculation chain part is dropped (with its
 * relationship and content-type override) rather than edited. It is a cache of the order in
 * which Excel last calculated; Excel rebuilds it silently when it is absent, but reports a file
 * as corrupt and "repairs" it when an entry names a cell that has no formula. Editing the
 * entries correctly means reproducing Excel's rules for the inherited sheet index (`i`) and the
 * dependency-level flags (`l`), which are not specified well enough to get right by guessing.
 * When no formula is removed, the chain is left byte-identical.
 *
 * fullCalcOnLoad: cached results of formulas that depend on the written cells are now stale,
 * so when any worksheet in the workbook still holds a formula, `<calcPr fullCalcOnLoad="1">`
 * is set in workbook.xml and Excel recalculates everything when it opens the copy. A workbook
 * without formulas keeps workbook.xml byte-identical. (Our own reader shows cached results, so
 * a formula depending on a written cell reads stale until the copy has been opened in Excel.)
 */
import { a1, parseA1, parseRange, type RangeBox } from "../../core/address";
import type { Decimal } from "../../core/decimal";
import { openPackage, type Limits } from "./package";
import { PackageEditor } from "./packageEditor";
import { readWorkbookInfo, toProblem, type XlsxProblemCode } from "./read";
import { compileFormula, shiftFormula } from "./sharedFormula";
import { worksheetLayout } from "./worksheetLayout";
import {
  applyTextEdits,
  decodeText,
  elementEnd,
  escapeXml,
  findTag,
  findTags,
  parseAttributes,
  rootPrefix,
  tagEnd,
  type TextEdit,
} from "./xml";
import { XlsxFault } from "./zip";

export interface ValueWrite {
  /** A1 address on the sheet ("E7"; "$E$7" is accepted). */
  cell: string;
  /** An exact number, or text (written as an inline string: `t="inlineStr"`, sharedStrings untouched). */
  value: Decimal | string;
}

function sameValue(a: Decimal | string, b: Decimal | string): boolean {
  return typeof a === "string" || typeof b === "string" ? a === b : a.eq(b);
}

export interface WriteValuesOptions {
  /** Replace formulas in written cells with the value (the formula is removed). */
  overwriteFormulas?: boolean;
  /**
   * New cached results for formula cells (on any sheet) that depend on the written cells, as the
   * engine computed them (core/dependents.ts): the formula is kept, its `<v>` replaced.
   */
  cachedResults?: readonly { sheet: string; cell: string; value: Decimal }[];
  fileName?: string;
  limits?: Partial<Limits>;
}

export interface WriteValuesProblem {
  /**
   * FORMULA_CELLS: written cells hold formulas and overwriteFormulas is off (`cells` lists them);
   * PROTECTED: the sheet is protected; CANNOT_PRESERVE: a cell cannot be written without breaking
   * something (an array formula, an unreadable row); BAD_PLAN: no such sheet or not a cell address.
   */
  code: "FORMULA_CELLS" | "PROTECTED" | "CANNOT_PRESERVE" | "BAD_PLAN" | XlsxProblemCode;
  cells: string[];
  parts: string[];
  detail: string;
}

export interface WriteValuesReport {
  /** Cells written, in sheet order. */
  cells: string[];
  /** Cells whose formula was removed (only with overwriteFormulas). */
  removedFormulas: string[];
  /** Cells of a shared-formula group whose formula was written out in full. */
  unsharedFormulas: string[];
  /** Existing parts whose content changed, and parts removed (calcChain). */
  changed: string[];
  removed: string[];
  /** workbook.xml now asks Excel to recalculate on open. */
  fullCalcOnLoad: boolean;
  /** Formula cells whose cached result was replaced, as `Sheet!A1`. */
  cachedResults: string[];
  /** Cells given a result that were left as they were (part of an array formula, or no formula in the file). */
  cachedResultsLeft: string[];
}

export type WriteValuesResult =
  ({ ok: true; bytes: Uint8Array } & WriteValuesReport) | { ok: false; problem: WriteValuesProblem };

class Refusal extends Error {
  constructor(
    readonly code: WriteValuesProblem["code"],
    readonly detail: string,
    readonly cells: string[] = [],
    readonly parts: string[] = [],
  ) {
    super(detail);
  }
}

// ---------------------------------------------------------------------------------------------
// A small index of sheetData: rows, and the cells of the rows we touch.

interface RowSpan {
  /** 0-based row number. */
  row: number;
  start: number;
  tagEnd: number;
  /** Index of "</row>" (tagEnd for a self-closing row). */
  closeStart: number;
  end: number;
  selfClosing: boolean;
  tag: string;
}

interface CellSpan {
  col: number;
  start: number;
  tagEnd: number;
  end: number;
  selfClosing: boolean;
  tag: string;
  hasRef: boolean;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** xml.ts's tagEnd, a tag left open being a sheet this writer cannot edit safely. */
function closedTagEnd(xml: string, from: number): number {
  const end = tagEnd(xml, from);
  if (end < 0) throw new Refusal("CANNOT_PRESERVE", "a tag in the sheet is not closed");
  return end;
}

function refOf(tag: string): string | undefined {
  return /\sr\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
}

function rowsOf(xml: string, p: string, from: number, to: number): RowSpan[] {
  const re = new RegExp(`<${escapeRe(p)}row[\\s>/]`, "g");
  re.lastIndex = from;
  const close = `</${p}row>`;
  const rows: RowSpan[] = [];
  let previous = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null && m.index < to) {
    const start = m.index;
    const end0 = closedTagEnd(xml, start);
    const tag = xml.slice(start, end0);
    const selfClosing = xml.charCodeAt(end0 - 2) === 47;
    const r = refOf(tag);
    const row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : previous + 1;
    previous = row;
    let closeStart = end0;
    let end = end0;
    if (!selfClosing) {
      closeStart = xml.indexOf(close, end0);
      if (closeStart < 0 || closeStart > to)
        throw new Refusal("CANNOT_PRESERVE", `row ${row + 1} is not closed`);
      end = closeStart + close.length;
    }
    rows.push({ row, start, tagEnd: end0, closeStart, end, selfClosing, tag });
    re.lastIndex = end;
  }
  return rows;
}

function cellsOf(xml: string, p: string, row: RowSpan): CellSpan[] {
  if (row.selfClosing) return [];
  const re = new RegExp(`<${escapeRe(p)}c[\\s>/]`, "g");
  re.lastIndex = row.tagEnd;
  const close = `</${p}c>`;
  const cells: CellSpan[] = [];
  let previous = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null && m.index < row.closeStart) {
    const start = m.index;
    const end0 = closedTagEnd(xml, start);
    const tag = xml.slice(start, end0);
    const selfClosing = xml.charCodeAt(end0 - 2) === 47;
    const r = refOf(tag);
    const pos = r ? parseA1(r) : null;
    const col = pos ? pos.col : previous + 1;
    previous = col;
    let end = end0;
    if (!selfClosing) {
      const at = xml.indexOf(close, end0);
      if (at < 0 || at > row.closeStart)
        throw new Refusal("CANNOT_PRESERVE", `a cell in row ${row.row + 1} is not closed`);
      end = at + close.length;
    }
    cells.push({ col, start, tagEnd: end0, end, selfClosing, tag, hasRef: pos !== null });
    re.lastIndex = end;
  }
  return cells;
}

/** The children of a <c> element: its formula, and anything to keep (extLst). */
interface CellBody {
  formula?: { tag: string; text?: string; type?: string; ref?: string; si?: string };
  keep: string;
}

function cellBody(xml: string, p: string, cell: CellSpan): CellBody {
  const body: CellBody = { keep: "" };
  if (cell.selfClosing) return body;
  const inner = xml.slice(cell.tagEnd, cell.end - `</${p}c>`.length);
  const f = findTag(inner, "f");
  if (f) {
    const attrs = f.attrs;
    let text: string | undefined;
    if (!f.selfClosing) {
      const closeAt = inner.indexOf("</", f.end);
      if (closeAt > f.end) text = decodeText(inner.slice(f.end, closeAt));
    }
    body.formula = {
      tag: inner.slice(f.start, f.end),
      text,
      type: attrs.get("t"),
      ref: attrs.get("ref"),
      si: attrs.get("si"),
    };
  }
  const ext = findTag(inner, "extLst");
  if (ext) {
    const end = elementEnd(inner, ext);
    if (end > 0) body.keep = inner.slice(ext.start, end);
  }
  return body;
}

/** A cell's new start tag: the old attributes in their order, without t, vm (and cm when the formula goes). */
function rewriteTag(tag: string, dropCm: boolean): string {
  const head = tag.replace(/\/?\s*>$/, "");
  const nameEnd = head.search(/[\s]/);
  const name = nameEnd < 0 ? head : head.slice(0, nameEnd);
  const attrs = nameEnd < 0 ? "" : head.slice(nameEnd);
  const kept: string[] = [];
  const re = /([^\s=]+)\s*=\s*("[^"]*"|'[^']*')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(attrs)) !== null) {
    const local = m[1].includes(":") ? m[1].slice(m[1].indexOf(":") + 1) : m[1];
    if (!m[1].includes(":") && (local === "t" || local === "vm" || (dropCm && local === "cm"))) continue;
    kept.push(`${m[1]}=${m[2]}`);
  }
  return `${name}${kept.length ? " " + kept.join(" ") : ""}>`;
}

interface ColumnStyle {
  min: number;
  max: number;
  style: string;
}

function columnStyles(xml: string, headEnd: number): ColumnStyle[] {
  const cols = findTag(xml, "cols", 0, headEnd);
  if (!cols) return [];
  return findTags(xml, "col", cols.end, headEnd).flatMap((t) => {
    const style = t.attrs.get("style");
    const min = Number(t.attrs.get("min"));
    const max = Number(t.attrs.get("max"));
    return style && style !== "0" && Number.isInteger(min) && Number.isInteger(max)
      ? [{ min: min - 1, max: max - 1, style }]
      : [];
  });
}

/** The style a new cell gets: the row's when the row is formatted, else its column's. */
function newCellStyle(row: RowSpan | undefined, col: number, columns: ColumnStyle[]): string | undefined {
  if (row) {
    const attrs = parseAttributes(row.tag);
    const custom = attrs.get("customFormat");
    const s = attrs.get("s");
    if ((custom === "1" || custom === "true") && s && s !== "0") return s;
  }
  return columns.find((c) => c.min <= col && col <= c.max)?.style;
}

function widenSpans(tag: string, col: number): string {
  const m = /(\sspans\s*=\s*["'])(\d+):(\d+)(["'])/.exec(tag);
  if (!m) return tag;
  const lo = Math.min(Number(m[2]), col + 1);
  const hi = Math.max(Number(m[3]), col + 1);
  if (lo === Number(m[2]) && hi === Number(m[3])) return tag;
  return tag.slice(0, m.index) + `${m[1]}${lo}:${hi}${m[4]}` + tag.slice(m.index + m[0].length);
}

type Edit = TextEdit;

function contains(box: RangeBox, row: number, col: number): boolean {
  return box.top <= row && row <= box.bottom && box.left <= col && col <= box.right;
}

const FORMULA_ELEMENT = /<(?:[\w.-]+:)?f[\s>/]/;

// ---------------------------------------------------------------------------------------------

function editSheet(
  xml: string,
  writes: { row: number; col: number; cell: string; value: Decimal | string }[],
  overwriteFormulas: boolean,
  report: WriteValuesReport,
): string {
  const layout = worksheetLayout(xml);
  const p = layout.prefix;
  const protection = layout.children.find((c) => c.name === "sheetProtection");
  if (protection) {
    const sheet = parseAttributes(protection.tag).get("sheet");
    if (sheet === "1" || sheet === "true") throw new Refusal("PROTECTED", "the sheet is protected");
  }
  const sheetData = layout.children.find((c) => c.name === "sheetData");
  if (!sheetData) throw new Refusal("CANNOT_PRESERVE", "the sheet has no <sheetData>");
  const edits: Edit[] = [];
  let dataOpenEnd = closedTagEnd(xml, sheetData.start);
  const dataSelfClosing = xml.charCodeAt(dataOpenEnd - 2) === 47;
  let dataClose = dataSelfClosing ? dataOpenEnd : xml.lastIndexOf(`</${p}sheetData>`, sheetData.end);
  if (dataSelfClosing) {
    // <sheetData/> → <sheetData>…</sheetData>; rows are inserted at its end.
    edits.push({ start: sheetData.start, end: sheetData.end, text: `<${p}sheetData>` });
    dataOpenEnd = sheetData.end;
    dataClose = sheetData.end;
  }
  const rows = dataSelfClosing ? [] : rowsOf(xml, p, dataOpenEnd, dataClose);
  const columns = columnStyles(xml, sheetData.start);

  // Array formulas and data tables: no cell inside one may be written.
  const blocks: { box: RangeBox; ref: string; kind: string }[] = [];
  if (!dataSelfClosing) {
    for (const f of findTags(xml, "f", dataOpenEnd, dataClose)) {
      const t = f.attrs.get("t");
      const ref = f.attrs.get("ref");
      if ((t === "array" || t === "dataTable") && ref) {
        const box = parseRange(ref);
        if (box) blocks.push({ box, ref, kind: t });
      }
    }
  }

  // Pass 1: what is there, formulas first (refuse before changing anything).
  const byRow = new Map<number, typeof writes>();
  for (const w of writes) {
    const list = byRow.get(w.row) ?? [];
    list.push(w);
    byRow.set(w.row, list);
  }
  const rowIndex = new Map(rows.map((r) => [r.row, r]));
  const formulaCells: string[] = [];
  const arrayCells: string[] = [];
  interface Planned {
    write: (typeof writes)[number];
    cell?: CellSpan;
    body?: CellBody;
  }
  const planned = new Map<number, Planned[]>();
  for (const [r, list] of byRow) {
    const row = rowIndex.get(r);
    const cells = row ? cellsOf(xml, p, row) : [];
    const byCol = new Map(cells.map((c) => [c.col, c]));
    const items: Planned[] = list.map((write) => {
      const cell = byCol.get(write.col);
      const body = cell ? cellBody(xml, p, cell) : undefined;
      const block = blocks.find((b) => contains(b.box, write.row, write.col));
      const single = block && block.box.top === block.box.bottom && block.box.left === block.box.right;
      if (block && !(single && block.kind === "array"))
        arrayCells.push(
          `${write.cell} (${block.kind === "array" ? "array formula" : "data table"} ${block.ref})`,
        );
      else if (body?.formula) formulaCells.push(write.cell);
      return { write, cell, body };
    });
    planned.set(r, items);
  }
  if (arrayCells.length)
    throw new Refusal(
      "CANNOT_PRESERVE",
      `cells inside an array formula or data table cannot be changed one by one: ${arrayCells.join(", ")}`,
      arrayCells,
    );
  if (formulaCells.length && !overwriteFormulas)
    throw new Refusal("FORMULA_CELLS", `these cells hold formulas: ${formulaCells.join(", ")}`, formulaCells);

  // Pass 2: the edits.
  const masters: { si: string; row: number; col: number; text: string }[] = [];
  const written = new Set<string>();
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  const newRows: { row: number; text: string }[] = [];
  for (const [r, items] of planned) {
    const row = rowIndex.get(r);
    const cells = row ? cellsOf(xml, p, row) : [];
    const inserts: { col: number; text: string }[] = [];
    for (const { write, cell, body } of items) {
      written.add(write.cell);
      const text = typeof write.value === "string";
      const v = text
        ? `<${p}is><${p}t xml:space="preserve">${escapeXml(write.value as string)}</${p}t></${p}is>`
        : `<${p}v>${write.value.toString()}</${p}v>`;
      const type = text ? ' t="inlineStr"' : "";
      if (cell && body) {
        const removing = body.formula !== undefined;
        if (removing) {
          report.removedFormulas.push(write.cell);
          const f = body.formula!;
          if (f.type === "shared" && f.si !== undefined && f.text !== undefined)
            masters.push({ si: f.si, row: write.row, col: write.col, text: f.text });
        }
        let open = rewriteTag(cell.tag, removing);
        if (type) open = open.slice(0, -1) + type + ">";
        const name = open.slice(1, open.search(/[\s>]/));
        edits.push({ start: cell.start, end: cell.end, text: `${open}${v}${body.keep}</${name}>` });
      } else {
        const style = newCellStyle(row, write.col, columns);
        inserts.push({
          col: write.col,
          text: `<${p}c r="${write.cell}"${style ? ` s="${style}"` : ""}${type}>${v}</${p}c>`,
        });
        minRow = Math.min(minRow, write.row);
        maxRow = Math.max(maxRow, write.row);
        minCol = Math.min(minCol, write.col);
        maxCol = Math.max(maxCol, write.col);
      }
    }
    if (inserts.length === 0) continue;
    inserts.sort((a, b) => a.col - b.col);
    if (!row) {
      newRows.push({
        row: r,
        text: `<${p}row r="${r + 1}">${inserts.map((i) => i.text).join("")}</${p}row>`,
      });
      continue;
    }
    // New cells go before the first cell with a larger column: in a row written in order (as the
    // format requires) one pass along both lists, else a search per cell.
    const inOrder = cells.every((c, i) => i === 0 || cells[i - 1].col < c.col);
    let k = 0;
    for (const ins of inserts) {
      let next: CellSpan | undefined;
      if (inOrder) {
        while (k < cells.length && cells[k].col <= ins.col) k++;
        next = cells[k];
      } else next = cells.find((c) => c.col > ins.col);
      const at = next ? next.start : row.closeStart;
      edits.push({ start: at, end: at, text: ins.text });
    }
    let tag = row.tag;
    for (const ins of inserts) tag = widenSpans(tag, ins.col);
    if (row.selfClosing) {
      const open = tag.replace(/\s*\/>$/, ">");
      edits.push({ start: row.start, end: row.end, text: open });
      edits.push({ start: row.end, end: row.end, text: `</${p}row>` });
    } else if (tag !== row.tag) edits.push({ start: row.start, end: row.tagEnd, text: tag });
  }
  // New rows go before the first row below them (one pass when the rows are in order, as required).
  newRows.sort((a, b) => a.row - b.row);
  const rowsInOrder = rows.every((x, i) => i === 0 || rows[i - 1].row < x.row);
  let r = 0;
  for (const nr of newRows) {
    let next: RowSpan | undefined;
    if (rowsInOrder) {
      while (r < rows.length && rows[r].row <= nr.row) r++;
      next = rows[r];
    } else next = rows.find((x) => x.row > nr.row);
    const at = next ? next.start : dataClose;
    edits.push({ start: at, end: at, text: nr.text });
  }
  if (dataSelfClosing) edits.push({ start: dataClose, end: dataClose, text: `</${p}sheetData>` });

  // Shared formulas whose master lost its formula: write the group's formulas out in full.
  if (masters.length && !dataSelfClosing) {
    for (const m of masters) {
      const template = compileFormula(m.text);
      for (const f of findTags(xml, "f", dataOpenEnd, dataClose)) {
        if (f.attrs.get("t") !== "shared" || f.attrs.get("si") !== m.si) continue;
        // The cell this <f> belongs to: the nearest <c …> before it.
        const cStart = Math.max(xml.lastIndexOf(`<${p}c `, f.start), xml.lastIndexOf(`<${p}c>`, f.start));
        const ref = cStart >= 0 ? refOf(xml.slice(cStart, closedTagEnd(xml, cStart))) : undefined;
        const pos = ref ? parseA1(ref) : null;
        if (!pos)
          throw new Refusal(
            "CANNOT_PRESERVE",
            "a cell sharing an overwritten formula has no address",
            [],
            [],
          );
        const address = a1(pos.row, pos.col);
        if (written.has(address)) continue;
        const fEnd = f.selfClosing ? f.end : xml.indexOf(">", xml.indexOf("</", f.end)) + 1;
        const text = shiftFormula(template, pos.row - m.row, pos.col - m.col);
        edits.push({ start: f.start, end: fEnd, text: `<${p}f>${escapeXml(text)}</${p}f>` });
        report.unsharedFormulas.push(address);
      }
    }
  }

  // <dimension> covers new cells.
  if (maxRow >= 0) {
    const dim = layout.children.find((c) => c.name === "dimension");
    const ref = dim ? parseAttributes(dim.tag).get("ref") : undefined;
    const box = ref ? parseRange(ref) : null;
    if (dim && box) {
      const grown: RangeBox = {
        top: Math.min(box.top, minRow),
        left: Math.min(box.left, minCol),
        bottom: Math.max(box.bottom, maxRow),
        right: Math.max(box.right, maxCol),
      };
      const single = grown.top === grown.bottom && grown.left === grown.right;
      const text = single
        ? a1(grown.top, grown.left)
        : `${a1(grown.top, grown.left)}:${a1(grown.bottom, grown.right)}`;
      if (text !== ref) {
        const at = /\sref\s*=\s*["'][^"']*["']/.exec(dim.tag)!;
        const tag = dim.tag.slice(0, at.index) + ` ref="${text}"` + dim.tag.slice(at.index + at[0].length);
        edits.push({ start: dim.start, end: dim.start + dim.tag.length, text: tag });
      }
    }
  }
  return applyTextEdits(xml, edits);
}

/**
 * Replaces the cached results of formula cells, sheet by sheet: each keeps its `<f>` exactly, gets
 * `<v>` with the new number, and loses `t` (a text, boolean or error result is now a number) and
 * `vm`. A cell of an array formula or data table, or one without a formula in the file, is left as it
 * is and listed in `cachedResultsLeft`.
 */
function writeCachedResults(
  editor: PackageEditor,
  sheets: readonly { name: string; part: string | undefined }[],
  results: readonly { sheet: string; cell: string; value: Decimal }[],
  report: WriteValuesReport,
): void {
  const bySheet = new Map<string, { row: number; col: number; cell: string; value: Decimal }[]>();
  for (const r of results) {
    const pos = parseA1(r.cell);
    if (!pos) throw new Refusal("BAD_PLAN", `"${r.cell}" is not a cell address`);
    const list = bySheet.get(r.sheet) ?? [];
    list.push({ ...pos, cell: a1(pos.row, pos.col), value: r.value });
    bySheet.set(r.sheet, list);
  }
  for (const [name, list] of bySheet) {
    const sheet = sheets.find((s) => s.name === name);
    if (!sheet?.part) throw new Refusal("BAD_PLAN", `the workbook has no worksheet named "${name}"`);
    const part = editor.storedName(sheet.part);
    const xml = editor.read(part);
    if (xml === undefined) throw new Refusal("CANNOT_PRESERVE", `sheet ${name} has no part`, [], [part]);
    const layout = worksheetLayout(xml);
    const p = layout.prefix;
    const data = layout.children.find((c) => c.name === "sheetData");
    if (!data) throw new Refusal("CANNOT_PRESERVE", `sheet ${name} has no <sheetData>`, [], [part]);
    const open = closedTagEnd(xml, data.start);
    const rows = new Map(
      rowsOf(xml, p, open, xml.lastIndexOf(`</${p}sheetData>`, data.end)).map((r) => [r.row, r]),
    );
    const edits: TextEdit[] = [];
    for (const w of list) {
      const row = rows.get(w.row);
      const cell = row ? cellsOf(xml, p, row).find((c) => c.col === w.col) : undefined;
      const inner = cell && !cell.selfClosing ? xml.slice(cell.tagEnd, cell.end - `</${p}c>`.length) : "";
      const f = findTag(inner, "f");
      const kind = f?.attrs.get("t");
      // A cell of an array formula or data table shares its result with its range (and only the
      // anchor holds the <f>): its result is Excel's to compute, as is a cell without a formula here.
      if (!cell || !f || kind === "array" || kind === "dataTable") {
        report.cachedResultsLeft.push(`${name}!${w.cell}`);
        continue;
      }
      const fEnd = f.selfClosing ? f.end : inner.indexOf(`</${p}f>`, f.end) + `</${p}f>`.length;
      const body = cellBody(xml, p, cell);
      const tag = rewriteTag(cell.tag, false);
      const elementName = tag.slice(1, tag.search(/[\s>]/));
      edits.push({
        start: cell.start,
        end: cell.end,
        text: `${tag}${inner.slice(f.start, fEnd)}<${p}v>${w.value.toString()}</${p}v>${body.keep}</${elementName}>`,
      });
      report.cachedResults.push(`${name}!${w.cell}`);
    }
    editor.write(part, applyTextEdits(xml, edits));
  }
}

/** Drops the calculation chain: its part, its relationship from the workbook, its override. */
function dropCalcChain(editor: PackageEditor, workbookPart: string, report: WriteValuesReport): void {
  const rel = editor.relationshipsOf(workbookPart).find((r) => r.type.endsWith("/calcChain"));
  const part =
    rel && !rel.external ? rel.target : editor.has("xl/calcChain.xml") ? "xl/calcChain.xml" : undefined;
  if (!part || !editor.has(part)) return;
  const stored = editor.storedName(part);
  editor.remove(stored);
  report.removed.push(stored);
  if (rel) editor.removeRelationship(workbookPart, rel.id);
  const ctName = "[Content_Types].xml";
  const ct = editor.read(ctName);
  if (ct !== undefined) {
    const tag = findTags(ct, "Override").find(
      (t) => (t.attrs.get("PartName") ?? "").replace(/^\//, "").toLowerCase() === stored.toLowerCase(),
    );
    if (tag) editor.write(ctName, ct.slice(0, tag.start) + ct.slice(tag.end));
  }
}

/** workbook.xml's children that follow <calcPr> (CT_Workbook order). */
const BEFORE_CALC_PR = ["sheets", "functionGroups", "externalReferences", "definedNames"];

/** Sets fullCalcOnLoad="1" on <calcPr>, creating it in its place when absent. Returns whether it changed. */
export function setFullCalcOnLoad(xml: string): string {
  const p = rootPrefix(xml);
  const calc = findTag(xml, "calcPr");
  if (calc) {
    const tag = xml.slice(calc.start, calc.end);
    const attr = /(\sfullCalcOnLoad\s*=\s*["'])([^"']*)(["'])/.exec(tag);
    let next: string;
    if (attr) {
      if (attr[2] === "1" || attr[2] === "true") return xml;
      next = tag.slice(0, attr.index) + `${attr[1]}1${attr[3]}` + tag.slice(attr.index + attr[0].length);
    } else next = tag.replace(/\s*(\/?)>$/, ` fullCalcOnLoad="1"$1>`);
    return xml.slice(0, calc.start) + next + xml.slice(calc.end);
  }
  let at = -1;
  for (const name of BEFORE_CALC_PR) {
    const t = findTag(xml, name);
    if (!t) continue;
    const close = `</${p}${name}>`;
    const end = t.selfClosing ? t.end : xml.indexOf(close, t.end) + close.length;
    if (end > at) at = end;
  }
  if (at < 0) throw new Refusal("CANNOT_PRESERVE", "workbook.xml has no <sheets>", [], ["xl/workbook.xml"]);
  return xml.slice(0, at) + `<${p}calcPr fullCalcOnLoad="1"/>` + xml.slice(at);
}

export function writeCellValues(
  bytes: Uint8Array,
  sheet: string,
  writes: readonly ValueWrite[],
  options: WriteValuesOptions = {},
): WriteValuesResult {
  try {
    const pkg = openPackage(bytes, options.fileName);
    const editor = new PackageEditor(pkg, options.limits);
    const info = readWorkbookInfo(pkg, editor.limits);
    const target =
      info.sheets.find((s) => s.name === sheet) ??
      info.sheets.find((s) => s.name.trim().toLowerCase() === sheet.trim().toLowerCase());
    if (!target || !target.part)
      throw new Refusal("BAD_PLAN", `the workbook has no worksheet named "${sheet}"`);

    const byCell = new Map<string, { row: number; col: number; cell: string; value: Decimal | string }>();
    for (const w of writes) {
      const pos = parseA1(w.cell);
      if (!pos) throw new Refusal("BAD_PLAN", `"${w.cell}" is not a cell address`);
      const cell = a1(pos.row, pos.col);
      const prev = byCell.get(cell);
      if (prev && !sameValue(prev.value, w.value))
        throw new Refusal("BAD_PLAN", `${cell} is given two different values`, [cell]);
      byCell.set(cell, { ...pos, cell, value: w.value });
    }
    const list = [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
    const report: WriteValuesReport = {
      cells: list.map((w) => w.cell),
      removedFormulas: [],
      unsharedFormulas: [],
      changed: [],
      removed: [],
      fullCalcOnLoad: false,
      cachedResults: [],
      cachedResultsLeft: [],
    };
    if (list.length === 0) return { ok: true, bytes: bytes.slice(), ...report };

    const part = editor.storedName(target.part);
    const xml = editor.read(part);
    if (xml === undefined) throw new Refusal("CANNOT_PRESERVE", `sheet ${sheet} has no part`, [], [part]);
    const next = editSheet(xml, list, !!options.overwriteFormulas, report);
    if (next !== xml) editor.write(part, next);
    writeCachedResults(editor, info.sheets, options.cachedResults ?? [], report);

    if (report.removedFormulas.length) dropCalcChain(editor, pkg.workbookPart, report);
    // Formulas anywhere may depend on the written cells: recalculate on open.
    let formulas = FORMULA_ELEMENT.test(next);
    for (const s of info.sheets) {
      if (formulas) break;
      if (!s.part || s.part === target.part) continue;
      formulas = FORMULA_ELEMENT.test(editor.read(s.part) ?? "");
    }
    if (formulas) {
      const wb = editor.read(pkg.workbookPart)!;
      const updated = setFullCalcOnLoad(wb);
      if (updated !== wb) editor.write(pkg.workbookPart, updated);
      report.fullCalcOnLoad = true;
    }
    report.changed = editor.changedParts();
    return { ok: true, bytes: editor.build(), ...report };
  } catch (err) {
    if (err instanceof Refusal)
      return {
        ok: false,
        problem: { code: err.code, cells: err.cells, parts: err.parts, detail: err.detail },
      };
    if (err instanceof XlsxFault && err.code === "CANNOT_PRESERVE")
      return { ok: false, problem: { code: "CANNOT_PRESERVE", cells: [], parts: [], detail: err.detail } };
    const p = toProblem(err);
    return { ok: false, problem: { code: p.code, cells: [], parts: [], detail: p.detail } };
  }
}
