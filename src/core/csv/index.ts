/**
 * A table's text file (CSV, TSV, Excel's "Unicode text") → the engine's workbook: bytes → text
 * (encoding.ts) → rows of cell strings (delimited.ts) → one sheet (sheet.ts). Pure: the file's
 * bytes come from the door that read them.
 */
import type { WorkbookGrid } from "../grid";
import { detectDelimiter, parseDelimited, type Delimiter } from "./delimited";
import { decodeTableText, type TextEncodingName } from "./encoding";
import { delimitedSheet, sheetNameFor, writesDecimalComma } from "./sheet";

export { decodeTableText, plausibility, commonShare, type TextEncodingName } from "./encoding";
export { detectDelimiter, parseDelimited, DELIMITERS, type Delimiter } from "./delimited";
export { delimitedSheet, plainNumber, sheetNameFor, decimalsFormat } from "./sheet";

/** File names read as delimited text rather than as a workbook. */
export const DELIMITED_NAME = /\.(csv|tsv|txt)$/i;

export interface DelimitedSource {
  encoding: TextEncodingName;
  bom: boolean;
  delimiter: Delimiter;
  rows: number;
}

export type DelimitedProblem =
  | { code: "BINARY" | "UNKNOWN_ENCODING"; tried: TextEncodingName[] }
  | { code: "UNTERMINATED_QUOTE"; line: number }
  | { code: "TOO_MANY_CELLS"; maxCells: number }
  | { code: "EMPTY" };

export type DelimitedResult =
  { ok: true; workbook: WorkbookGrid; source: DelimitedSource } | { ok: false; problem: DelimitedProblem };

export interface DelimitedOptions {
  /** The file's name: the sheet is named after it, and `.tsv` prefers tabs. */
  fileName: string;
  maxCells?: number;
}

export function readDelimitedTable(bytes: Uint8Array, options: DelimitedOptions): DelimitedResult {
  const decoded = decodeTableText(bytes);
  if (!decoded.ok) return { ok: false, problem: { code: decoded.code, tried: decoded.tried } };
  // Excel's "Unicode text" (UTF-16) and .tsv files are tab-separated; detection still decides.
  const preferred: Delimiter | undefined =
    /\.tsv$/i.test(options.fileName) || decoded.encoding.startsWith("utf-16") ? "\t" : undefined;
  const delimiter = detectDelimiter(decoded.text, preferred);
  const parsed = parseDelimited(decoded.text, delimiter, { maxCells: options.maxCells });
  if (!parsed.ok)
    return {
      ok: false,
      problem:
        parsed.code === "UNTERMINATED_QUOTE"
          ? { code: parsed.code, line: parsed.line }
          : { code: parsed.code, maxCells: parsed.maxCells },
    };
  if (parsed.rows.length === 0) return { ok: false, problem: { code: "EMPTY" } };
  // Semicolon-separated files come from locales that write decimals with a comma (50,5).
  const decimalComma = delimiter === ";" && writesDecimalComma(parsed.rows);
  const sheet = delimitedSheet(parsed.rows, sheetNameFor(options.fileName), { decimalComma });
  return {
    ok: true,
    workbook: { name: options.fileName, sheets: [sheet] },
    source: { encoding: decoded.encoding, bom: decoded.bom, delimiter, rows: parsed.rows.length },
  };
}
