/**
 * One section of the add-in's very hidden `_tdcheck` sheet (layout: src/core/report/stateSheet.ts)
 * written into a copy of a workbook: into the sheet's own column when the workbook has the sheet,
 * else into a new very hidden sheet holding just that column. The section's old cells below its
 * new end need no clearing: row 2 says how many chunks follow.
 */
import { a1 } from "../../core/address";
import { Decimal } from "../../core/decimal";
import type { WorkbookGrid } from "../../core/grid";
import {
  SECTION_COLUMNS,
  STATE_SHEET_NAME,
  stateSheetOf,
  type SectionColumn,
  type SectionName,
} from "../../core/report/stateSheet";
import { addHiddenSheet } from "./addSheet";
import { writeCellValues } from "./writeValues";

export type StateWrite = { ok: true; bytes: Uint8Array } | { ok: false; detail: string };

/** `workbook` is what `bytes` hold, as read: it tells whether `_tdcheck` exists. */
export function writeStateSection(
  bytes: Uint8Array,
  workbook: WorkbookGrid,
  name: SectionName,
  column: SectionColumn,
  options: { fileName?: string } = {},
): StateWrite {
  const col = SECTION_COLUMNS[name];
  if (stateSheetOf(workbook)) {
    const written = writeCellValues(
      bytes,
      STATE_SHEET_NAME,
      column.map((value, row) => ({
        cell: a1(row, col),
        value: typeof value === "number" ? Decimal.fromInt(value) : value,
      })),
      { fileName: options.fileName },
    );
    return written.ok ? { ok: true, bytes: written.bytes } : { ok: false, detail: written.problem.detail };
  }
  const added = addHiddenSheet(
    bytes,
    STATE_SHEET_NAME,
    column.map((value, row) => ({ row, col, value })),
    { fileName: options.fileName },
  );
  return added.ok ? { ok: true, bytes: added.bytes } : { ok: false, detail: added.problem.detail };
}
