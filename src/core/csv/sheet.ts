/**
 * Rows of cell strings → the engine's grid, holding each cell as a workbook would after a person
 * typed the text into Excel: a plain decimal becomes a number whose number format shows the
 * decimals written (`3.50` → 3.5 under `0.00`), everything else stays text for the engine's own
 * parser (`1.7万`, `超500`, `-`, `1,234`, `3.5%`, `007`), so its meaning and precision are kept.
 */
import type { RawValue, SheetGrid } from "../grid";

/**
 * A decimal as Excel would store it without losing a digit: optional minus, no leading zeros (an
 * identifier such as 007 stays text), at most 15 significant digits (what a double keeps exactly).
 */
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.(\d+))?$/;

const FORMATS = ["", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000"];

/** `0.00…` with `decimals` places. */
export function decimalsFormat(decimals: number): string {
  return FORMATS[decimals] ?? "0." + "0".repeat(decimals);
}

function significantDigits(text: string): number {
  let digits = 0;
  let leading = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (leading && c === 48) continue;
    leading = false;
    digits++;
  }
  return digits;
}

/** The number a cell's text stands for, with the decimals it was written with; undefined for text. */
export function plainNumber(text: string): { value: number; decimals: number } | undefined {
  // Padding around a number is how fixed-width exports align columns; Excel ignores it too.
  const t =
    text.length > 0 && (text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32)
      ? text.trim()
      : text;
  if (t.length === 0 || t.length > 40) return undefined;
  const m = PLAIN_DECIMAL.exec(t);
  if (!m || significantDigits(t) > 15) return undefined;
  const value = Number(t);
  return { value: value === 0 ? 0 : value, decimals: m[1]?.length ?? 0 };
}

/**
 * A sheet of the rows: empty strings are empty cells, plain decimals numbers (with a number format
 * when they were written with decimals), other text as written.
 */
/** 50,5 and 1.234,5: a decimal comma (with dots grouping thousands). */
const COMMA_DECIMAL = /^-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$/;
const DOT_DECIMAL = /^-?\d+\.\d+$/;

/**
 * Whether a table writes its decimals with a comma: some fields are comma decimals and none is a
 * dot decimal (a file never mixes the two).
 */
export function writesDecimalComma(rows: readonly (readonly string[])[]): boolean {
  let comma = 0;
  for (const row of rows)
    for (const cell of row) {
      const t = cell.trim();
      if (DOT_DECIMAL.test(t) && !COMMA_DECIMAL.test(t)) return false;
      if (COMMA_DECIMAL.test(t)) comma++;
    }
  return comma > 0;
}

export function delimitedSheet(
  rows: readonly (readonly string[])[],
  name: string,
  options: { decimalComma?: boolean } = {},
): SheetGrid {
  const values: RawValue[][] = new Array(rows.length);
  let numberFormats: (string | undefined)[][] | undefined;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    const out: RawValue[] = new Array(cells.length);
    // Trailing empty fields (Excel pads every record to the widest) are no cells at all.
    let width = cells.length;
    while (width > 0 && cells[width - 1] === "") width--;
    out.length = width;
    for (let c = 0; c < width; c++) {
      const written = cells[c];
      if (written === "") continue;
      const text =
        options.decimalComma && COMMA_DECIMAL.test(written.trim())
          ? written.trim().replace(/\./g, "").replace(",", ".")
          : written;
      const n = plainNumber(text);
      if (n === undefined) {
        out[c] = text;
        continue;
      }
      out[c] = n.value;
      if (n.decimals > 0) {
        numberFormats ??= [];
        (numberFormats[r] ??= [])[c] = decimalsFormat(n.decimals);
      }
    }
    values[r] = out;
  }
  const grid: SheetGrid = { name, values };
  if (numberFormats) grid.numberFormats = numberFormats;
  return grid;
}

/** Characters Excel does not allow in a sheet name. */
const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;

/**
 * The sheet name a file's table goes by: the file's name without its extension, made a legal Excel
 * sheet name (no []:*?/\, no leading or trailing apostrophe, at most 31 characters); `Sheet1` when
 * nothing is left, and names Excel or this tool reserve get a suffix.
 */
export function sheetNameFor(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  let name = stem
    .replace(SHEET_FORBIDDEN, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  name = Array.from(name).slice(0, 31).join("");
  if (name === "") return "Sheet1";
  const lower = name.toLowerCase();
  if (lower === "history" || lower === "_tdcheck") return Array.from(name).slice(0, 29).join("") + "_1";
  return name;
}
