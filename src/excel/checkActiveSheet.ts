/**
 * Read the active sheet, run the engine, and report the outcome as a value: the pane and the
 * ribbon command show it; nothing here throws across the door.
 */
import { checkWorkbook, type CheckResult } from "../core/check";
import type { SheetGrid } from "../core/grid";
import { readActiveWorksheet } from "./readWorksheet";

export type CheckOutcome =
  | { kind: "checked"; sheet: string; result: CheckResult }
  | { kind: "empty-sheet"; sheet: string }
  | { kind: "failed"; stage: "read" | "check"; detail: string };

export async function checkActiveSheet(
  read: () => Promise<SheetGrid> = readActiveWorksheet,
): Promise<CheckOutcome> {
  let grid: SheetGrid;
  try {
    grid = await read();
  } catch (err) {
    return { kind: "failed", stage: "read", detail: describeError(err) };
  }
  if (grid.values.every((row) => !row || row.every((v) => v === undefined || v === null))) {
    return { kind: "empty-sheet", sheet: grid.name };
  }
  try {
    const result = checkWorkbook({ name: grid.name, sheets: [grid] }, { sheet: grid.name });
    return { kind: "checked", sheet: grid.name, result };
  } catch (err) {
    return { kind: "failed", stage: "check", detail: describeError(err) };
  }
}

/** Office.js errors carry a code ("ItemNotFound", "AccessDenied") worth showing beside the text. */
function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === "string" && code !== "" && !err.message.includes(code)
      ? `${err.message} (${code})`
      : err.message;
  }
  return String(err);
}
