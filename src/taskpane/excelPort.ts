/**
 * The adapter calls the pane makes, gathered in one object so the pane's logic can be driven by
 * something other than Excel (the playground's fake host goes through the real adapter; a unit test
 * could pass its own port). Every call resolves to a value; none throws (src/excel/README.md).
 */
import {
  checkInExcel,
  clearFlags,
  hostCapabilities,
  loadState,
  readSelection,
  readWorkbook,
  saveState,
  selectCells,
  startLive,
  stopLive,
  writeFlags,
} from "../excel";

export interface ExcelPort {
  hostCapabilities: typeof hostCapabilities;
  checkInExcel: typeof checkInExcel;
  readWorkbook: typeof readWorkbook;
  writeFlags: typeof writeFlags;
  clearFlags: typeof clearFlags;
  selectCells: typeof selectCells;
  loadState: typeof loadState;
  saveState: typeof saveState;
  startLive: typeof startLive;
  stopLive: typeof stopLive;
  /** The user's current selection ("use selection as the table"). */
  readSelection: typeof readSelection;
}

export const excelPort: ExcelPort = {
  hostCapabilities,
  checkInExcel,
  readWorkbook,
  writeFlags,
  clearFlags,
  selectCells,
  loadState,
  saveState,
  startLive,
  stopLive,
  readSelection,
};
