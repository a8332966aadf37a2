/**
 * The hot loop: one worksheet part's XML → a SheetGrid.
 *
 * A million cells have to be read in a fraction of a second (issue 7), so this walks the decoded
 * string with indexOf/charCodeAt and allocates nothing per cell beyond the value itself: no DOM, no
 * SAX events, no regular expressions, no attribute objects. Everything outside <sheetData> (columns,
 * merges, protection) is small and read with the ordinary helpers in xml.ts.
 */
import type { RawValue, SheetGrid } from "../../core/grid";
import { parseRange } from "../../core/address";
import { compileFormula, shiftFormula, type FormulaTemplate } from "./sharedFormula";
import { richText } from "./sharedStrings";
import type { StyleTable } from "./styles";
import { decodeEntities, decodeText, elementEnd, findTag, findTags, rootPrefix } from "./xml";
import { XlsxFault } from "./zip";

export interface ScanContext {
  sharedStrings: readonly string[];
  styles: StyleTable;
  /** Cells left before maxCells is exceeded; shared by all sheets of one read. */
  budget: { cellsLeft: number; maxCells: number };
  date1904: boolean;
  /** Told the row just reached, every few thousand rows (a progress line for a large sheet). */
  onRows?: (rowsRead: number) => void;
}

/** How often onRows hears of the scan: rarely enough to cost nothing in the hot loop. */
const ROWS_PER_REPORT = 8192;

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD1048576). */
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/**
 * Decimal text → number without allocating a substring. With at most 15 significant digits the
 * integer mantissa and the power of ten are both exact doubles, so one division is correctly
 * rounded and the result equals Number(text); anything else falls back to Number.
 */
function parseNumber(xml: string, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (xml.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (; i < b; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0) point = i;
    else return strictNumber(xml.slice(a, b));
  }
  if (digits === 0 || digits > 15) return strictNumber(xml.slice(a, b));
  const v = point < 0 ? mantissa : mantissa / POW10[b - point - 1];
  return neg ? -v : v;
}

/** xsd:double's lexical forms; Number() alone would also take "0x10", "0b1" and "  " (as 0). */
const XSD_DOUBLE = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * A value that is not a number reads as NaN, which the engine reports as an error value. Number()
 * is right for every xsd:double; it is wrong only on blank text (0), a radix prefix (0x, 0b, 0o)
 * and "Infinity", so only those pay for the pattern (17-digit doubles, common in files, do not).
 */
function strictNumber(text: string): number {
  const n = Number(text);
  if (n !== n) {
    const t = text.trim();
    return t === "INF" ? Infinity : t === "-INF" ? -Infinity : NaN;
  }
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  const radix = text.charCodeAt(i) === 48 && /[xbo]/i.test(text.charAt(i + 1));
  if (radix || n === 0 || n === Infinity || n === -Infinity) return XSD_DOUBLE.test(text) ? n : NaN;
  return n;
}

/**
 * indexOf for one character over the short hops between tags, where a call into the runtime
 * costs more than the scan. Not finding it means the XML was cut short.
 */
function seek(xml: string, code: number, from: number): number {
  const n = xml.length;
  for (let i = from; i < n; i++) if (xml.charCodeAt(i) === code) return i;
  throw new XlsxFault("CORRUPT", "the sheet's XML is cut short");
}

function find(xml: string, text: string, from: number): number {
  const i = xml.indexOf(text, from);
  if (i < 0) throw new XlsxFault("CORRUPT", "the sheet's XML is cut short");
  return i;
}

/**
 * Index of the "<" that ends an element's text starting at `from`, CDATA sections and comments
 * skipped (`<v><![CDATA[2000]]></v>` is the number 2000, as XML says).
 */
function textEnd(xml: string, from: number): number {
  let i = seek(xml, 60, from);
  while (xml.charCodeAt(i + 1) === 33 /* ! */) {
    const close = xml.startsWith("<![CDATA[", i) ? "]]>" : "-->";
    i = seek(xml, 60, find(xml, close, i + 2) + close.length);
  }
  return i;
}

function parseIntAt(xml: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = xml.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return a === b ? -1 : n;
}

/** ISO 8601 date (t="d", rare: Strict files and some generators) → Excel serial number. */
function isoToSerial(text: string, date1904: boolean): number | string {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text + "Z");
  if (Number.isNaN(ms)) return text;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (ms - epoch) / 86400000;
}

/** A cell's value from text that needed decoding (CDATA): read as the fast path reads the plain text. */
function decodedValue(
  text: string,
  type: number,
  sst: readonly string[],
  sheet: string,
  date1904: boolean,
): RawValue {
  switch (type) {
    case T_NUMBER:
      return text === "" ? undefined : strictNumber(text);
    case T_SHARED: {
      const t = text.trim();
      if (t === "") return undefined;
      const value = /^\d+$/.test(t) ? sst[Number(t)] : undefined;
      if (value === undefined)
        throw new XlsxFault(
          "CORRUPT",
          `sheet ${sheet}: a cell refers to shared string ${t}, but the table has ${sst.length}`,
        );
      return value;
    }
    case T_BOOL: {
      const t = text.trim();
      return t === "" ? undefined : t === "1" || t === "true";
    }
    case T_ERROR:
      return text === "" ? undefined : { error: text };
    case T_DATE:
      return text === "" ? undefined : isoToSerial(text, date1904);
    default:
      // t="str" (a formula's text result, "" included) and an inline string's <v>.
      return text;
  }
}

interface ArrayFormula {
  top: number;
  left: number;
  bottom: number;
  right: number;
  text: string;
}

export function scanSheet(xml: string, name: string, ctx: ScanContext): SheetGrid {
  const p = rootPrefix(xml);
  const plen = p.length;
  const values: RawValue[][] = [];
  const grid: SheetGrid = { name, values };
  let formulas: (string | null | undefined)[][] | undefined;
  let numberFormats: (string | null | undefined)[][] | undefined;
  const hiddenRows = new Set<number>();
  const outlineLevels = new Map<number, number>();
  const indents = new Map<string, number>();
  const sst = ctx.sharedStrings;
  const formatByXf = ctx.styles.formatByXf;
  const indentByXf = ctx.styles.indentByXf;
  const budget = ctx.budget;
  const shared = new Map<number, { row: number; col: number; template: FormulaTemplate }>();
  const arrays: ArrayFormula[] = [];
  /** Styled empty cells of one row, as (column, style) pairs, until the row is known to hold a value. */
  let pending: number[] = [];
  let pendingRow = -1;
  const flushPending = (): void => {
    if (pending.length === 0) return;
    if (values[pendingRow] !== undefined || formulas?.[pendingRow] !== undefined) {
      for (let i = 0; i < pending.length; i += 2) {
        const col = pending[i];
        const style = pending[i + 1];
        const format = formatByXf[style];
        if (format !== undefined) {
          if (numberFormats === undefined) numberFormats = [];
          const formatRow = numberFormats[pendingRow] ?? (numberFormats[pendingRow] = []);
          if (formatRow[col] === undefined) formatRow[col] = format;
        }
        const indent = indentByXf[style];
        if (indent > 0 && !indents.has(`${pendingRow},${col}`)) indents.set(`${pendingRow},${col}`, indent);
      }
    }
    pending = [];
  };

  const sheetData = findTag(xml, "sheetData");
  const headEnd = sheetData ? sheetData.start : xml.length;
  let tailStart = headEnd;

  if (sheetData && !sheetData.selfClosing) {
    let i = sheetData.end;
    let row = -1;
    let col = -1;
    let rowArr: RawValue[] | undefined;
    let rowNumber = -2;
    const n = xml.length;
    for (;;) {
      i = seek(xml, 60, i);
      let j = i + 1;
      let ch = xml.charCodeAt(j);
      if (ch === 47 /* / */) {
        // </row> or </sheetData>; the latter's local name starts with "s".
        if (xml.charCodeAt(j + 1 + plen) === 115) {
          tailStart = seek(xml, 62, j) + 1;
          break;
        }
        i = j + 1;
        continue;
      }
      j += plen;
      ch = xml.charCodeAt(j);
      const next = xml.charCodeAt(j + 1);
      if (ch === 114 /* r */ && next === 111 /* o */) {
        // <row ...>
        let k = j + 3;
        let r = -1;
        let hidden = false;
        let level = 0;
        for (;;) {
          let c = xml.charCodeAt(k);
          if (c === 62) {
            k++;
            break;
          }
          if (c === 47) {
            k = seek(xml, 62, k) + 1;
            break;
          }
          if (c <= 32) {
            k++;
            continue;
          }
          if (k >= n) throw new XlsxFault("CORRUPT", `sheet ${name}: a row tag is cut short`);
          const nameStart = k;
          while (k < n && (c = xml.charCodeAt(k)) !== 61 && c > 32) k++;
          const nameEnd = k;
          while (k < n && (c = xml.charCodeAt(k)) !== 34 && c !== 39) k++;
          const quote = c;
          const vStart = ++k;
          while (k < n && xml.charCodeAt(k) !== quote) k++;
          if (k >= n) throw new XlsxFault("CORRUPT", `sheet ${name}: a row tag is cut short`);
          const vEnd = k++;
          const len = nameEnd - nameStart;
          const c0 = xml.charCodeAt(nameStart);
          if (len === 1 && c0 === 114 /* r */) r = parseIntAt(xml, vStart, vEnd) - 1;
          else if (len === 6 && c0 === 104 && xml.startsWith("hidden", nameStart)) {
            const v = xml.charCodeAt(vStart);
            hidden = v === 49 || v === 116;
          } else if (len === 2 && c0 === 104 && xml.charCodeAt(nameStart + 1) === 116) {
            // A zero height hides a row as surely as hidden="1" does.
            if (vEnd > vStart && parseNumber(xml, vStart, vEnd) === 0) hidden = true;
          } else if (len === 12 && c0 === 111 && xml.startsWith("outlineLevel", nameStart))
            level = parseIntAt(xml, vStart, vEnd);
        }
        row = r >= 0 ? r : rowNumber + 1;
        if (hidden) hiddenRows.add(row);
        if (level > 0) outlineLevels.set(row, level);
        if (ctx.onRows && Math.floor(row / ROWS_PER_REPORT) !== Math.floor(rowNumber / ROWS_PER_REPORT))
          ctx.onRows(row);
        rowNumber = row;
        rowArr = undefined;
        col = -1;
        i = k;
        continue;
      }
      if (
        ch === 99 /* c */ &&
        (next === 32 || next === 62 || next === 47 || next === 9 || next === 10 || next === 13)
      ) {
        // <c r="B7" s="3" t="s">
        let k = j + 1;
        let type = T_NUMBER;
        let style = 0;
        let ref = false;
        let dynamic = false;
        let selfClosing = false;
        for (;;) {
          let c = xml.charCodeAt(k);
          if (c === 62) {
            k++;
            break;
          }
          if (c === 47) {
            selfClosing = true;
            k += 2;
            break;
          }
          if (c <= 32) {
            k++;
            continue;
          }
          const nameStart = k;
          while (k < n && (c = xml.charCodeAt(k)) !== 61 && c > 32) k++;
          const len = k - nameStart;
          while (k < n && (c = xml.charCodeAt(k)) !== 34 && c !== 39) k++;
          if (k >= n) throw new XlsxFault("CORRUPT", `sheet ${name}: a cell tag is cut short`);
          const quote = c;
          const vStart = ++k;
          const c0 = xml.charCodeAt(nameStart);
          if (len === 1 && c0 === 114 /* r */) {
            // Column letters then row digits, read while looking for the closing quote.
            let cc = 0;
            let rr = 0;
            for (; k < n; k++) {
              const d = xml.charCodeAt(k);
              if (d >= 65 && d <= 90) cc = cc * 26 + (d - 64);
              else if (d >= 97 && d <= 122) cc = cc * 26 + (d - 96);
              else if (d !== 36) break;
            }
            for (; k < n; k++) {
              const d = xml.charCodeAt(k);
              if (d >= 48 && d <= 57) rr = rr * 10 + (d - 48);
              else if (d !== 36) break;
            }
            if (cc > 0 && rr > 0) {
              col = cc - 1;
              if (rr - 1 !== row) {
                // A cell outside its <row> (or with no <row r>): trust the cell's own reference.
                row = rr - 1;
                rowArr = undefined;
              }
              ref = true;
            }
          } else if (len === 1 && c0 === 115 /* s */) {
            let v = 0;
            for (; k < n; k++) {
              const d = xml.charCodeAt(k);
              if (d < 48 || d > 57) break;
              v = v * 10 + (d - 48);
            }
            style = v;
          }
          while (k < n && xml.charCodeAt(k) !== quote) k++;
          if (k >= n) throw new XlsxFault("CORRUPT", `sheet ${name}: a cell tag is cut short`);
          const vEnd = k++;
          if (len === 1 && c0 === 116 /* t */) {
            const vlen = vEnd - vStart;
            const t0 = xml.charCodeAt(vStart);
            if (vlen === 1)
              type =
                t0 === 115
                  ? T_SHARED
                  : t0 === 98
                    ? T_BOOL
                    : t0 === 101
                      ? T_ERROR
                      : t0 === 100
                        ? T_DATE
                        : T_NUMBER;
            else if (vlen === 3) type = T_STR;
            else if (t0 === 105) type = T_INLINE;
          } else if (len === 2 && c0 === 99 && xml.charCodeAt(nameStart + 1) === 109) dynamic = true;
        }
        if (!ref) {
          col++;
          if (row < 0) row = rowNumber = 0;
        }
        // Excel's grid ends at XFD1048576; a cell beyond it is a damaged file (Excel repairs it away),
        // and would make every row-wise pass over the grid run to billions.
        if (row >= MAX_ROWS || col >= MAX_COLS)
          throw new XlsxFault(
            "CORRUPT",
            `sheet ${name}: a cell lies outside Excel's grid (row ${row + 1}, column ${col + 1}; the last cell is XFD1048576)`,
          );
        let vStart = -1;
        /** The value's text when it needed decoding (CDATA), instead of vStart..vEnd. */
        let vText: string | undefined;
        let vEnd = -1;
        let fText: string | undefined;
        let fType = 0; // 0 normal, 1 shared, 2 array, 3 data table
        let fRef: string | undefined;
        let fSi = -1;
        let isStart = -1;
        let isEnd = -1;
        if (!selfClosing) {
          for (;;) {
            const lt = seek(xml, 60, k);
            let m = lt + 1;
            if (xml.charCodeAt(m) === 47) {
              k = seek(xml, 62, m) + 1;
              break;
            }
            m += plen;
            const e0 = xml.charCodeAt(m);
            const e1 = xml.charCodeAt(m + 1);
            if (e0 === 118 /* v */ && (e1 === 62 || e1 === 32 || e1 === 47)) {
              const gt = seek(xml, 62, m);
              if (xml.charCodeAt(gt - 1) === 47) {
                vStart = vEnd = gt;
                k = gt + 1;
              } else {
                vStart = gt + 1;
                vEnd = seek(xml, 60, vStart);
                if (xml.charCodeAt(vEnd + 1) === 33) {
                  vEnd = textEnd(xml, vStart);
                  vText = decodeText(xml.slice(vStart, vEnd));
                }
                k = seek(xml, 62, vEnd) + 1;
              }
            } else if (e0 === 102 /* f */ && (e1 === 62 || e1 === 32 || e1 === 47)) {
              const gt = seek(xml, 62, m);
              const selfClosingF = xml.charCodeAt(gt - 1) === 47;
              if (gt > m + 1) {
                const attrs = xml.slice(m + 1, selfClosingF ? gt - 1 : gt);
                const t = /\bt\s*=\s*["'](\w+)/.exec(attrs);
                if (t) fType = t[1] === "shared" ? 1 : t[1] === "array" ? 2 : t[1] === "dataTable" ? 3 : 0;
                const si = /\bsi\s*=\s*["'](\d+)/.exec(attrs);
                if (si) fSi = Number(si[1]);
                const rf = /\bref\s*=\s*["']([^"']+)/.exec(attrs);
                if (rf) fRef = rf[1];
              }
              if (selfClosingF) k = gt + 1;
              else {
                const close = textEnd(xml, gt + 1);
                if (close > gt + 1) fText = decodeText(xml.slice(gt + 1, close));
                k = seek(xml, 62, close) + 1;
              }
            } else if (e0 === 105 /* is */ && e1 === 115) {
              const gt = seek(xml, 62, m);
              if (xml.charCodeAt(gt - 1) === 47) {
                isStart = isEnd = gt + 1;
                k = gt + 1;
              } else {
                const close = `</${p}is>`;
                isStart = gt + 1;
                isEnd = find(xml, close, isStart);
                k = isEnd + close.length;
              }
            } else {
              // <extLst> or anything unknown inside a cell: skip the whole element.
              let nameEnd = m;
              while (
                nameEnd < n &&
                xml.charCodeAt(nameEnd) > 32 &&
                xml.charCodeAt(nameEnd) !== 62 &&
                xml.charCodeAt(nameEnd) !== 47
              )
                nameEnd++;
              const gt = seek(xml, 62, nameEnd);
              if (xml.charCodeAt(gt - 1) === 47) k = gt + 1;
              else {
                const close = `</${xml.slice(lt + 1, nameEnd)}>`;
                k = find(xml, close, gt) + close.length;
              }
            }
          }
        }
        i = k;

        let value: RawValue = undefined;
        if (vText !== undefined) value = decodedValue(vText, type, sst, name, ctx.date1904);
        else if (type === T_NUMBER) {
          if (vEnd > vStart) value = parseNumber(xml, vStart, vEnd);
        } else if (type === T_SHARED) {
          if (vEnd > vStart) {
            const index = parseIntAt(xml, vStart, vEnd);
            value = sst[index];
            if (value === undefined)
              throw new XlsxFault(
                "CORRUPT",
                `sheet ${name}: a cell refers to shared string ${index}, but the table has ${sst.length}`,
              );
          }
        } else if (type === T_STR) {
          // A formula's text result; an empty <v></v> is a formula that returned "".
          if (vStart >= 0) value = decodeText(xml.slice(vStart, vEnd));
        } else if (type === T_INLINE) {
          if (isStart >= 0) value = richText(xml, isStart, isEnd, p);
          else if (vEnd > vStart) value = decodeText(xml.slice(vStart, vEnd));
        } else if (type === T_BOOL) {
          if (vEnd > vStart) {
            const b = xml.charCodeAt(vStart);
            value = b === 49 || b === 116;
          }
        } else if (type === T_ERROR) {
          if (vEnd > vStart) value = { error: decodeEntities(xml.slice(vStart, vEnd)) };
        } else if (vEnd > vStart) value = isoToSerial(xml.slice(vStart, vEnd), ctx.date1904);

        // The limit counts cells that hold something: a styled empty cell costs no grid memory.
        const holds = value !== undefined || fType !== 0 || fText !== undefined;
        if (holds && --budget.cellsLeft < 0)
          throw new XlsxFault(
            "TOO_MANY_CELLS",
            `more than ${budget.maxCells} cells with values or formulas (the limit)`,
          );
        if (value !== undefined) {
          if (rowArr === undefined) rowArr = values[row] ?? (values[row] = []);
          rowArr[col] = value;
        }

        if (fType !== 0 || fText !== undefined) {
          let text: string | undefined;
          if (fType === 1) {
            if (fText !== undefined) {
              text = fText;
              if (fSi >= 0 && !shared.has(fSi))
                shared.set(fSi, { row, col, template: compileFormula(fText) });
            } else {
              const master = shared.get(fSi);
              if (master) text = shiftFormula(master.template, row - master.row, col - master.col);
            }
          } else if (fType === 2) {
            text = fText;
            // A dynamic-array spill shows its formula only in the anchor cell; a legacy (CSE) array
            // formula belongs to every cell of its range, as Excel's formula bar shows.
            const box = fRef && !dynamic && text !== undefined ? parseRange(fRef) : null;
            if (box && text !== undefined && (box.bottom > box.top || box.right > box.left))
              arrays.push({ ...box, text });
          } else if (fType === 0) text = fText;
          if (text !== undefined) {
            if (formulas === undefined) formulas = [];
            (formulas[row] ?? (formulas[row] = []))[col] = text;
          }
        }
        if (style > 0) {
          const format = formatByXf[style];
          const indent = indentByXf[style];
          if (format !== undefined || indent > 0) {
            if (holds) {
              if (format !== undefined) {
                if (numberFormats === undefined) numberFormats = [];
                (numberFormats[row] ?? (numberFormats[row] = []))[col] = format;
              }
              if (indent > 0) indents.set(`${row},${col}`, indent);
            } else {
              // An empty cell's format matters only beside a value in its row (the cells the checks
              // read lie in rows with a label); kept until the row is known to hold one, so millions
              // of styled empty rows cost nothing.
              if (pendingRow !== row) flushPending();
              pendingRow = row;
              pending.push(col, style);
            }
          }
        }
        continue;
      }
      // Anything else inside sheetData (an <extLst>, a comment): skip the tag.
      i = seek(xml, 62, j) + 1;
    }
  }

  flushPending();

  // A legacy array formula is given to the cells of its range that the sheet holds (Excel writes
  // every one, with its result), and the range, clipped to the sheet's extent, counts against the
  // cell budget: a range that claims the whole sheet must not make us visit 17 billion cells.
  if (arrays.length) {
    let width = 0;
    for (let r = 0; r < values.length; r++)
      if (values[r] && values[r].length > width) width = values[r].length;
    for (const a of arrays) {
      if (formulas === undefined) formulas = [];
      const bottom = Math.min(a.bottom, values.length - 1);
      const right = Math.min(a.right, width - 1);
      if (bottom < a.top || right < a.left) continue;
      const area = (bottom - a.top + 1) * (right - a.left + 1);
      if ((budget.cellsLeft -= area) < 0)
        throw new XlsxFault(
          "TOO_MANY_CELLS",
          `sheet ${name}: an array formula over ${a.top + 1}:${a.bottom + 1} covers more than ${budget.maxCells} cells (the limit)`,
        );
      for (let r = a.top; r <= bottom; r++) {
        const vr = values[r];
        if (!vr) continue;
        const fr = formulas[r] ?? (formulas[r] = []);
        for (let c = a.left; c <= right; c++) if (fr[c] === undefined && vr[c] !== undefined) fr[c] = a.text;
      }
    }
  }

  // Columns: <cols> comes before <sheetData>.
  const hiddenColumns = new Set<number>();
  const cols = findTag(xml, "cols", 0, headEnd);
  if (cols) {
    for (const tag of findTags(xml, "col", cols.end, headEnd)) {
      const hidden = tag.attrs.get("hidden");
      const width = tag.attrs.get("width");
      if (hidden === "1" || hidden === "true" || (width !== undefined && Number(width) === 0)) {
        // Clamped to Excel's columns: min="-1000000000" must not mean a billion iterations.
        const min = Math.max(Number(tag.attrs.get("min")), 1);
        const max = Math.min(Number(tag.attrs.get("max")), MAX_COLS);
        if (Number.isInteger(min) && Number.isInteger(max))
          for (let c = min - 1; c < max; c++) hiddenColumns.add(c);
      }
    }
  }

  const merges: string[] = [];
  const mergeCells = findTag(xml, "mergeCells", tailStart);
  if (mergeCells && !mergeCells.selfClosing) {
    const end = elementEnd(xml, mergeCells);
    for (const tag of findTags(xml, "mergeCell", mergeCells.end, end < 0 ? xml.length : end)) {
      const ref = tag.attrs.get("ref");
      if (ref) merges.push(ref);
    }
  }
  const protection = findTag(xml, "sheetProtection", tailStart);
  const sheetOn = protection?.attrs.get("sheet");

  if (formulas) grid.formulas = formulas;
  if (numberFormats) grid.numberFormats = numberFormats;
  grid.hiddenRows = hiddenRows;
  grid.hiddenColumns = hiddenColumns;
  grid.outlineLevels = outlineLevels;
  grid.indents = indents;
  grid.merges = merges;
  grid.protected = sheetOn === "1" || sheetOn === "true";
  return grid;
}
