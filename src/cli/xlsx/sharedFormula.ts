/**
 * Shared formulas: Excel stores a filled-down formula once, on the top-left cell, and every other
 * cell of the block only says "same as si=N". To give each cell its own formula text (as Excel's
 * formula bar and Office.js do) the relative references are shifted by the cell's offset from the
 * master. The master's text is cut into literal pieces and references once; each cell then only
 * re-renders the references.
 */
import { columnName } from "../../core/address";

const MAX_ROW = 1048575;
const MAX_COL = 16383;

type Piece =
  | string
  | { kind: "cell"; col: number; row: number; colAbs: boolean; rowAbs: boolean }
  | { kind: "cols"; a: number; aAbs: boolean; b: number; bAbs: boolean }
  | { kind: "rows"; a: number; aAbs: boolean; b: number; bAbs: boolean };

export interface FormulaTemplate {
  pieces: Piece[];
  /** True when there is no relative reference, so every cell shares the master's text. */
  fixed: boolean;
  text: string;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 46 ||
    c === 36 ||
    c === 92 ||
    c > 127
  );
}

function lettersToCol(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n = n * 26 + ((s.charCodeAt(i) & 0xdf) - 64);
  return n - 1;
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})$/;
const COL = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)([0-9]{1,7})$/;

export function compileFormula(text: string): FormulaTemplate {
  const pieces: Piece[] = [];
  let literal = "";
  let fixed = true;
  const n = text.length;
  let i = 0;
  const flush = (): void => {
    if (literal) pieces.push(literal);
    literal = "";
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      // String literal or quoted sheet name: copied as is, doubled quotes included.
      let j = i + 1;
      for (;;) {
        if (j >= n) break;
        if (text.charCodeAt(j) === c) {
          if (text.charCodeAt(j + 1) === c) j += 2;
          else break;
        } else j++;
      }
      literal += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === 91 /* [ */) {
      // Structured reference or external-workbook index: never shifted.
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 91) depth++;
        else if (d === 93 && --depth === 0) break;
        // Inside a structured reference ' escapes the next character ([, ], #, ').
        else if (d === 39) j++;
      }
      literal += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === 35 /* # */) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9/!?_]/.test(text[j])) {
        j++;
        if (text.charCodeAt(j - 1) === 33 || text.charCodeAt(j - 1) === 63) break;
      }
      literal += text.slice(i, j);
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      const next = j < n ? text.charCodeAt(j) : 0;
      if (next === 40 /* ( */ || next === 33 /* ! */ || prev === 35) {
        literal += word;
        i = j;
        continue;
      }
      const cell = CELL.exec(word);
      if (cell) {
        const col = lettersToCol(cell[2]);
        const row = Number(cell[4]) - 1;
        if (col <= MAX_COL && row >= 0 && row <= MAX_ROW) {
          flush();
          const colAbs = cell[1] === "$";
          const rowAbs = cell[3] === "$";
          if (!colAbs || !rowAbs) fixed = false;
          pieces.push({ kind: "cell", col, row, colAbs, rowAbs });
          i = j;
          continue;
        }
      }
      if (next === 58 /* : */) {
        let k = j + 1;
        while (k < n && isWordChar(text.charCodeAt(k))) k++;
        const other = text.slice(j + 1, k);
        const after = k < n ? text.charCodeAt(k) : 0;
        if (after !== 40 && after !== 33) {
          const ca = COL.exec(word);
          const cb = COL.exec(other);
          if (ca && cb) {
            const a = lettersToCol(ca[2]);
            const b = lettersToCol(cb[2]);
            if (a <= MAX_COL && b <= MAX_COL) {
              flush();
              if (!ca[1] || !cb[1]) fixed = false;
              pieces.push({ kind: "cols", a, aAbs: ca[1] === "$", b, bAbs: cb[1] === "$" });
              i = k;
              continue;
            }
          }
          const ra = ROW.exec(word);
          const rb = ROW.exec(other);
          if (ra && rb) {
            const a = Number(ra[2]) - 1;
            const b = Number(rb[2]) - 1;
            if (a >= 0 && b >= 0 && a <= MAX_ROW && b <= MAX_ROW) {
              flush();
              if (!ra[1] || !rb[1]) fixed = false;
              pieces.push({ kind: "rows", a, aAbs: ra[1] === "$", b, bAbs: rb[1] === "$" });
              i = k;
              continue;
            }
          }
        }
      }
      literal += word;
      i = j;
      continue;
    }
    literal += text[i];
    i++;
  }
  flush();
  return { pieces, fixed, text };
}

function colText(col: number, abs: boolean): string | null {
  return col < 0 || col > MAX_COL ? null : (abs ? "$" : "") + columnName(col);
}
function rowText(row: number, abs: boolean): string | null {
  return row < 0 || row > MAX_ROW ? null : (abs ? "$" : "") + String(row + 1);
}

/** The formula as it reads in a cell `dr` rows and `dc` columns away from the master. */
export function shiftFormula(template: FormulaTemplate, dr: number, dc: number): string {
  if (template.fixed || (dr === 0 && dc === 0)) return template.text;
  let out = "";
  for (const p of template.pieces) {
    if (typeof p === "string") {
      out += p;
      continue;
    }
    if (p.kind === "cell") {
      const c = colText(p.colAbs ? p.col : p.col + dc, p.colAbs);
      const r = rowText(p.rowAbs ? p.row : p.row + dr, p.rowAbs);
      out += c === null || r === null ? "#REF!" : c + r;
    } else if (p.kind === "cols") {
      const a = colText(p.aAbs ? p.a : p.a + dc, p.aAbs);
      const b = colText(p.bAbs ? p.b : p.b + dc, p.bAbs);
      out += a === null || b === null ? "#REF!" : `${a}:${b}`;
    } else {
      const a = rowText(p.aAbs ? p.a : p.a + dr, p.aAbs);
      const b = rowText(p.bAbs ? p.b : p.b + dr, p.bAbs);
      out += a === null || b === null ? "#REF!" : `${a}:${b}`;
    }
  }
  return out;
}
