/**
 * Sheets the product wrote itself (the audit report 审核报告, in either door) are never tables to
 * check: a second report would otherwise audit the first one. They are recognised by the marker the
 * writer leaves in the very hidden `_tdcheck` sheet (section `sheets`, column F), never by their
 * name: a user's own sheet called 审核报告 is checked like any other, and a report the user renamed
 * is still skipped only as long as the marker names it (renaming breaks the link on purpose: the
 * product cannot tell a renamed report from a sheet the user now owns).
 *
 * Stored as `{ "schema": 1, "sheets": [{ "name": "审核报告", "kind": "report", "at": ISO 8601 }] }`.
 * Both doors ask the same question: `sheetsToSkip(names, marked)`.
 */
import type { WorkbookGrid } from "./grid";
import { readSection, STATE_SHEET_NAME } from "./report/stateSheet";

export const PRODUCT_SHEETS_SCHEMA = 1;

export interface ProductSheet {
  name: string;
  /** What the product wrote there. */
  kind: "report";
  /** When, ISO 8601. */
  at: string;
}

export interface ProductSheetsDocument {
  schema: typeof PRODUCT_SHEETS_SCHEMA;
  sheets: ProductSheet[];
}

/** The marked sheets in a stored document; anything unreadable marks nothing. */
export function parseProductSheets(doc: unknown): ProductSheet[] {
  const d = doc as Partial<ProductSheetsDocument> | null | undefined;
  if (!d || d.schema !== PRODUCT_SHEETS_SCHEMA || !Array.isArray(d.sheets)) return [];
  return d.sheets.flatMap((s: unknown): ProductSheet[] => {
    const x = s as Partial<ProductSheet> | null;
    return x && typeof x.name === "string" && x.name
      ? [{ name: x.name, kind: "report", at: typeof x.at === "string" ? x.at : "" }]
      : [];
  });
}

/**
 * The document after the product wrote `sheet`. Marks of sheets no longer in the workbook are
 * dropped (`existing`: the workbook's sheet names now), so a later sheet of the same name that
 * the user makes is not mistaken for the product's.
 */
export function withProductSheet(
  marked: readonly ProductSheet[],
  sheet: ProductSheet,
  existing: readonly string[],
): ProductSheetsDocument {
  const present = new Set(existing.map((n) => n.toLowerCase()));
  const kept = marked.filter(
    (m) => present.has(m.name.toLowerCase()) && m.name.toLowerCase() !== sheet.name.toLowerCase(),
  );
  return { schema: PRODUCT_SHEETS_SCHEMA, sheets: [...kept, sheet] };
}

/** The marks stored in a workbook read whole (the command line reads `_tdcheck` with the rest). */
export function readProductSheets(workbook: WorkbookGrid): ProductSheet[] {
  const read = readSection(workbook, "sheets");
  return read.ok ? parseProductSheets(read.document) : [];
}

/**
 * Which of `names` are not the user's tables: the product's memory (`_tdcheck`) and every sheet
 * the product marked as its own. Excel compares sheet names without regard to case.
 */
export function sheetsToSkip(names: readonly string[], marked: readonly ProductSheet[]): Set<string> {
  const own = new Set(marked.map((m) => m.name.toLowerCase()));
  own.add(STATE_SHEET_NAME.toLowerCase());
  return new Set(names.filter((n) => own.has(n.toLowerCase())));
}
