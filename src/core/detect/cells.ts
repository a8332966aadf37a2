/**
 * The shape of a cell as layout detection sees it: blank, a label (text naming something), a
 * number-like value (a number, numeric text, a bound, a number with its measure glued on, a dash,
 * an error), or a measure word (个, 万元). Text is classified once per distinct string and
 * detection run (a sheet of 15,000 cells holding one long text costs one parse, not 15,000).
 */
import { isErrorValue, type RawValue } from "../grid";
import { opensAsText, textKind } from "../parse/cellText";
import { looksLikeMeasure } from "./labels";
import { normalizeLabel } from "../text";

export type Shape = "blank" | "label" | "number" | "dash" | "error" | "measure";

export interface CellShape {
  shape: Shape;
  /** A whole number 1900–2100 (stored, or written 2024 / 2024年): a period in a header, a number in data. */
  yearLike: boolean;
  /** A number written with a measure glued on (23项, 42.0万亩): the measure. */
  suffix?: string;
}

const BLANK: CellShape = Object.freeze({ shape: "blank", yearLike: false }) as CellShape;
const NUMBER: CellShape = Object.freeze({ shape: "number", yearLike: false }) as CellShape;
const YEAR_NUMBER: CellShape = Object.freeze({ shape: "number", yearLike: true }) as CellShape;
const ERROR: CellShape = Object.freeze({ shape: "error", yearLike: false }) as CellShape;
const LABEL: CellShape = Object.freeze({ shape: "label", yearLike: false }) as CellShape;
const MEASURE: CellShape = Object.freeze({ shape: "measure", yearLike: false }) as CellShape;

const YEAR_TEXT = /^(?:19|20)\d{2}\s*年?度?$/;

function textShape(text: string): CellShape {
  const t = text.trim();
  if (t === "") return BLANK;
  const cell = textKind(t);
  switch (cell.kind) {
    case "dash":
      return { shape: "dash", yearLike: false };
    case "error":
      return ERROR;
    case "number": {
      const year = YEAR_TEXT.test(t);
      // A number with a word glued on that is no measure (3班, 1号楼) names a thing.
      if (cell.suffix && !looksLikeMeasure(cell.suffix) && !/^[%‰]$/.test(cell.suffix) && !year) return LABEL;
      if (!cell.suffix) return year ? YEAR_NUMBER : NUMBER;
      // The measure as written after the digits (42.0万亩 → 万亩, not the 亩 the parser keeps).
      const written = t.replace(/^[^\d]*[\d,.，．]+\s*/, "").trim();
      return { shape: "number", yearLike: year, suffix: looksLikeMeasure(written) ? written : cell.suffix };
    }
    default:
      // Measure words are short; a long label is never one.
      return t.length <= 12 && looksLikeMeasure(normalizeLabel(t))
        ? { shape: "measure", yearLike: false }
        : LABEL;
  }
}

/** Shapes of cells, text remembered per distinct string for one detection run. */
export class CellShapes {
  private readonly memo = new Map<string, CellShape>();

  of(v: RawValue): CellShape {
    if (v === undefined || v === null) return BLANK;
    if (typeof v === "number") return Number.isInteger(v) && v >= 1900 && v <= 2100 ? YEAR_NUMBER : NUMBER;
    if (typeof v === "string") {
      // Most labels open with an ideograph no number can follow: told without the parser or the memo.
      if (opensAsText(v)) return v.length <= 8 && looksLikeMeasure(normalizeLabel(v)) ? MEASURE : LABEL;
      let s = this.memo.get(v);
      if (s === undefined) {
        s = textShape(v);
        this.memo.set(v, s);
      }
      return s;
    }
    if (typeof v === "boolean") return LABEL;
    return isErrorValue(v) ? ERROR : LABEL;
  }
}

/** Number-like: counts toward a line holding data. */
export function isValueShape(s: CellShape): boolean {
  return s.shape === "number" || s.shape === "dash" || s.shape === "error";
}

/** Text that names something (a label or a measure word). */
export function isTextShape(s: CellShape): boolean {
  return s.shape === "label" || s.shape === "measure";
}

/** A cell's shape as one byte, for the scans detection makes over every cell of a table. */
export const CODE = {
  blank: 0,
  label: 1,
  measure: 2,
  number: 3,
  year: 4,
  dash: 5,
  error: 6,
  glued: 7,
} as const;

export function codeOf(s: CellShape): number {
  switch (s.shape) {
    case "blank":
      return CODE.blank;
    case "label":
      return CODE.label;
    case "measure":
      return CODE.measure;
    case "dash":
      return CODE.dash;
    case "error":
      return CODE.error;
    default:
      return s.suffix ? CODE.glued : s.yearLike ? CODE.year : CODE.number;
  }
}

/** Number-like codes: a number (plain, a year, or with its measure glued on), a dash, an error. */
export function isValueCode(c: number): boolean {
  return c >= CODE.number;
}

export function isTextCode(c: number): boolean {
  return c === CODE.label || c === CODE.measure;
}
