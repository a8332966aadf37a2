/**
 * Click a finding → its cells are selected in the sheet. Excel selects only on the active sheet,
 * so the sheet is activated first. Selecting several areas at once (RangeAreas.select) is
 * ExcelApi 1.18; below that only the first area (the finding's own cell) is selected.
 */
import { supportsExcelApi } from "./capabilities";
import { guarded, stop } from "./run";
import { STATE_SHEET } from "./storage";
import type { Outcome } from "./types";

/** Stays under Excel's 8,192-character address limit: a long `related` list is cut. */
const SELECT_ADDRESS_BUDGET = 8000;

export function selectCells(sheet: string, ranges: string[]): Promise<Outcome<void>> {
  return guarded(() =>
    Excel.run(async (context) => {
      if (sheet === STATE_SHEET || ranges.length === 0)
        stop({ code: "HOST_ERROR", detail: "nothing to select" });
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      const areas = ranges.map((r) => r.slice(r.lastIndexOf("!") + 1));
      if (areas.length > 1 && supportsExcelApi("1.18")) {
        let address = "";
        for (const a of areas) {
          if (address.length + a.length + 1 > SELECT_ADDRESS_BUDGET) break;
          address = address ? `${address},${a}` : a;
        }
        ws.getRanges(address).select();
      } else ws.getRange(areas[0]).select();
      try {
        await context.sync();
      } catch (err) {
        if ((err as { code?: unknown } | null)?.code === "ItemNotFound")
          stop({ code: "NO_SUCH_SHEET", sheet });
        throw err;
      }
    }),
  );
}

/** Where the user's selection is ("use the selection as the table"): the sheet and an A1 area. */
export function readSelection(): Promise<Outcome<{ sheet: string; address: string }>> {
  return guarded(() =>
    Excel.run(async (context) => {
      // getSelectedRange (ExcelApi 1.1) refuses a selection of several areas: a table is one.
      const range = context.workbook.getSelectedRange();
      range.load("address");
      await context.sync();
      const bang = range.address.lastIndexOf("!");
      let sheet = range.address.slice(0, bang);
      if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
      return { sheet, address: range.address.slice(bang + 1).replace(/\$/g, "") };
    }),
  );
}
