/**
 * Cell references inside the flag formulas the engine plans (flagPlan.ts): moving them when one
 * rule is split into parts with their own top-left cell, and comparing formulas "up to where they
 * sit" to recognise the add-in's own rule after the user inserted rows above it.
 */
import { columnIndex, columnName } from "../core/address";

// A1 references outside string literals; a name followed by "(" is a function (LOG10( is not a cell).
const REF = /(^|[^A-Za-z0-9_.$!'"])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

function mapOutsideStrings(formula: string, map: (code: string) => string): string {
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 0 ? map(part) : part))
    .join('"');
}

interface RefParts {
  absCol: boolean;
  col: number;
  absRow: boolean;
  row: number;
}

function eachRef(code: string, f: (r: RefParts) => string): string {
  return code.replace(
    REF,
    (_m, lead: string, dc: string, col: string, dr: string, row: string) =>
      lead +
      f({
        absCol: dc === "$",
        col: columnIndex(col.toUpperCase()),
        absRow: dr === "$",
        row: Number(row) - 1,
      }),
  );
}

/** Moves the relative parts of every reference by (dRows, dCols), as Excel does when a formula is copied. */
export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  if (dRows === 0 && dCols === 0) return formula;
  return mapOutsideStrings(formula, (code) =>
    eachRef(code, (r) => {
      const row = r.absRow ? r.row : r.row + dRows;
      const col = r.absCol ? r.col : r.col + dCols;
      return `${r.absCol ? "$" : ""}${columnName(col)}${r.absRow ? "$" : ""}${row + 1}`;
    }),
  );
}

/** Formulas compared as Excel may give them back: without "=", spaces and case. */
export function normalizeFormula(formula: string): string {
  return formula.replace(/^=/, "").replace(/\s+/g, "").toUpperCase();
}

/**
 * The formula with each reference replaced by its offset from the first one: two formulas with the
 * same shape differ only by where they sit (rows inserted above a flagged table move every reference).
 */
export function formulaShape(formula: string): string {
  let first: RefParts | undefined;
  return mapOutsideStrings(normalizeFormula(formula), (code) =>
    eachRef(code, (r) => {
      first ??= r;
      return `@${r.absRow ? "$" : ""}${r.row - first.row},${r.absCol ? "$" : ""}${r.col - first.col}`;
    }),
  );
}
