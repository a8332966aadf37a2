/**
 * The very hidden sheet `_tdcheck`, cell by cell (src/excel/README.md, "The very hidden sheet").
 * Pure, so the add-in's storage and the command line encode and decode it the same way:
 *
 * - each section is one column: A `state`, B `flags`, C `acceptances`, D `undo`, E `trail`,
 *   F `sheets` (the sheets the product wrote, such as audit reports: productSheets.ts);
 * - row 1 holds the section's name, row 2 the number of chunks n (a number);
 * - rows 3 … 2+n hold the JSON document cut into chunks of at most 30,000 characters, each
 *   prefixed with `~` so no chunk is ever read as a number, date, formula or error.
 *
 * 30,000 stays under Excel's 32,767 characters per cell. A chunk never ends between the two
 * halves of a surrogate pair: a lone half cannot be stored in a cell (it is not valid UTF-8/16).
 */
import type { RawValue, SheetGrid, WorkbookGrid } from "../grid";
import { isErrorValue } from "../grid";

export const STATE_SHEET_NAME = "_tdcheck";

/** Column (0-based) of each section. */
export const SECTION_COLUMNS = { state: 0, flags: 1, acceptances: 2, undo: 3, trail: 4, sheets: 5 } as const;
export type SectionName = keyof typeof SECTION_COLUMNS;

export const CHUNK_CHARS = 30000;
export const CHUNK_PREFIX = "~";

/** One section's column, top to bottom: the name, the chunk count, the chunks. */
export type SectionColumn = [string, number, ...string[]];

/** Cuts a JSON text into chunks of at most `limit` UTF-16 code units, never inside a surrogate pair. */
export function chunkText(text: string, limit = CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + limit, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - 1 > i && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(text.slice(i, end));
    i = end;
  }
  return chunks;
}

/** The column cells for a section holding `document` (an empty document still has one chunk). */
export function encodeSection(name: SectionName, document: unknown): SectionColumn {
  const json = JSON.stringify(document);
  const chunks = chunkText(json);
  return [name, chunks.length, ...chunks.map((c) => CHUNK_PREFIX + c)];
}

export type SectionProblem =
  | { code: "MISSING" }
  | { code: "BAD_NAME"; found: string }
  | { code: "BAD_COUNT"; detail: string }
  | { code: "BAD_CHUNK"; row: number }
  | { code: "BAD_JSON"; detail: string };

export type SectionRead = { ok: true; document: unknown } | { ok: false; problem: SectionProblem };

function cellText(v: RawValue): string | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (isErrorValue(v)) return v.error;
  return undefined;
}

/**
 * Decodes a section from its column, top to bottom. `MISSING` when the column is empty (the
 * section was never written); any other problem means the stored text was damaged.
 */
export function decodeSection(name: SectionName, column: RawValue[]): SectionRead {
  const head = cellText(column[0]);
  if (head === undefined) return { ok: false, problem: { code: "MISSING" } };
  if (head.trim() !== name) return { ok: false, problem: { code: "BAD_NAME", found: head } };
  const countCell = column[1];
  // Written as a number; a text "3" (a cell formatted as text) is accepted too.
  const n = typeof countCell === "number" ? countCell : Number(cellText(countCell) ?? NaN);
  if (!Number.isInteger(n) || n < 0)
    return { ok: false, problem: { code: "BAD_COUNT", detail: String(countCell) } };
  let json = "";
  for (let i = 0; i < n; i++) {
    const chunk = column[2 + i];
    if (typeof chunk !== "string" || !chunk.startsWith(CHUNK_PREFIX))
      return { ok: false, problem: { code: "BAD_CHUNK", row: 3 + i } };
    json += chunk.slice(CHUNK_PREFIX.length);
  }
  try {
    return { ok: true, document: JSON.parse(json) };
  } catch (e) {
    return { ok: false, problem: { code: "BAD_JSON", detail: (e as Error).message } };
  }
}

/** The column of a section on the state sheet's grid (rows as the grid has them). */
export function sectionColumn(grid: SheetGrid, name: SectionName): RawValue[] {
  const col = SECTION_COLUMNS[name];
  return grid.values.map((row) => (row ? row[col] : undefined));
}

export function stateSheetOf(workbook: WorkbookGrid): SheetGrid | undefined {
  return workbook.sheets.find((s) => s.name === STATE_SHEET_NAME);
}

/** Reads a section from a workbook's `_tdcheck` sheet; MISSING when there is no such sheet or section. */
export function readSection(workbook: WorkbookGrid, name: SectionName): SectionRead {
  const grid = stateSheetOf(workbook);
  if (!grid) return { ok: false, problem: { code: "MISSING" } };
  return decodeSection(name, sectionColumn(grid, name));
}
