/**
 * Reads the active worksheet into the engine's grid.
 *
 * For now the whole used range is read in one request and one `context.sync()`; reading in row
 * blocks (to stay under Excel on the web's 5 MB request limit) replaces this for large sheets.
 * Requirement sets: getUsedRangeOrNullObject(valuesOnly) and valueTypes are ExcelApi 1.4 and 1.1,
 * well inside the ExcelApi 1.14 floor.
 */
import type { RawValue, SheetGrid } from "../core/grid";

/** The properties of one used-range block, as Office.js returns them. */
export interface RangeBlock {
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  valueTypes: string[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
}

export async function readActiveWorksheet(): Promise<SheetGrid> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    // valuesOnly: cells that only carry formatting do not widen what we read.
    const used = sheet.getUsedRangeOrNullObject(true);
    sheet.load("name");
    used.load(["rowIndex", "columnIndex", "values", "valueTypes", "formulas", "numberFormat"]);
    await context.sync();
    if (used.isNullObject) return { name: sheet.name, values: [] };
    return sheetGridFromBlock(sheet.name, used);
  });
}

/**
 * Places a block at its sheet position (row 0 of the grid is sheet row 1), so the engine's
 * addresses are the sheet's addresses.
 */
export function sheetGridFromBlock(name: string, block: RangeBlock): SheetGrid {
  const values: RawValue[][] = [];
  const formulas: (string | null | undefined)[][] = [];
  const numberFormats: (string | null | undefined)[][] = [];
  for (let r = 0; r < block.rowIndex; r++) {
    values.push([]);
    formulas.push([]);
    numberFormats.push([]);
  }
  const lead = new Array<undefined>(block.columnIndex).fill(undefined);
  block.values.forEach((row, r) => {
    const types = block.valueTypes[r] ?? [];
    values.push([...lead, ...row.map((value, c) => rawValue(value, types[c]))]);
    formulas.push([...lead, ...(block.formulas[r] ?? []).map(formulaText)]);
    numberFormats.push([...lead, ...(block.numberFormat[r] ?? []).map(formatCode)]);
  });
  return { name, values, formulas, numberFormats };
}

/** Office.js gives "" for an empty cell and the error's text ("#REF!") for an error cell. */
function rawValue(value: unknown, type: string | undefined): RawValue {
  if (type === "Empty" || value === "" || value === null || value === undefined) return undefined;
  if (type === "Error") return { error: String(value) };
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return String(value);
}

/** Office.js puts the constant itself where a cell has no formula; the grid wants formulas only. */
function formulaText(formula: unknown): string | null {
  return typeof formula === "string" && formula.startsWith("=") ? formula.slice(1) : null;
}

function formatCode(format: unknown): string | null {
  return typeof format === "string" && format !== "" ? format : null;
}
