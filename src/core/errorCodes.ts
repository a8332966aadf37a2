/**
 * The error values Excel shows in a cell: the classic seven, the dynamic-array ones (#SPILL!,
 * #CALC!) and those of linked data types and external data. One list for the engine, the Excel
 * adapter and the fake Excel: a text that is one of these (any case) is an error, not words.
 */
export const EXCEL_ERROR_CODES: readonly string[] = Object.freeze([
  "#REF!",
  "#DIV/0!",
  "#N/A",
  "#NAME?",
  "#NULL!",
  "#NUM!",
  "#VALUE!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

const CODES: ReadonlySet<string> = new Set(EXCEL_ERROR_CODES);

/** Whether `code`, as written (upper case), is one of Excel's error values. */
export function isExcelErrorCode(code: string): boolean {
  return CODES.has(code);
}
