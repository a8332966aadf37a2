/**
 * Addresses as Office.js takes and gives them: `A1`, `$A$1:B2`, whole columns `A:C`, whole rows
 * `3:5`, an optional sheet prefix (`分解表!A1`, `'My sheet'!A1`), and comma-separated areas for
 * `getRanges`. Boxes are 0-based and inclusive, like src/core/address.ts.
 */
import {
  a1,
  columnName,
  EXCEL_COLS,
  EXCEL_ROWS,
  parseArea,
  sheetInAddress,
  splitSheetRef,
  type RangeBox,
} from "../core/address";

/** Excel's grid (XFD1048576). */
export const MAX_ROWS = EXCEL_ROWS;
export const MAX_COLS = EXCEL_COLS;

export interface ParsedAddress {
  sheet?: string;
  boxes: RangeBox[];
}

/** Splits at commas that are not inside a quoted sheet name. */
function splitAreas(text: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === "," && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** Parses one or more comma-separated areas; null when any part is not an address. */
export function parseAddress(text: string): ParsedAddress | null {
  const boxes: RangeBox[] = [];
  let sheet: string | undefined;
  for (const part of splitAreas(text)) {
    if (part === "") return null;
    const s = splitSheetRef(part);
    if (s.sheet !== undefined) {
      if (sheet !== undefined && sheet !== s.sheet) return null;
      sheet = s.sheet;
    }
    const box = parseArea(s.ref);
    if (!box) return null;
    boxes.push(box);
  }
  return { sheet, boxes };
}

/** A box as Office.js prints it: `A1`, `A1:B2`, `A:A`, `3:3`. */
export function boxAddress(box: RangeBox): string {
  if (box.top === 0 && box.bottom === MAX_ROWS - 1) return `${columnName(box.left)}:${columnName(box.right)}`;
  if (box.left === 0 && box.right === MAX_COLS - 1) return `${box.top + 1}:${box.bottom + 1}`;
  const tl = a1(box.top, box.left);
  return box.top === box.bottom && box.left === box.right ? tl : `${tl}:${a1(box.bottom, box.right)}`;
}

/** Excel quotes a sheet name in an address when it is not a plain word (core/address.ts). */
export const quoteSheet = sheetInAddress;

export function sheetAddress(sheet: string, boxes: RangeBox[]): string {
  return boxes.map((b) => `${quoteSheet(sheet)}!${boxAddress(b)}`).join(",");
}

export function contains(box: RangeBox, row: number, col: number): boolean {
  return row >= box.top && row <= box.bottom && col >= box.left && col <= box.right;
}

export function intersects(a: RangeBox, b: RangeBox): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function cellCount(box: RangeBox): number {
  return (box.bottom - box.top + 1) * (box.right - box.left + 1);
}
