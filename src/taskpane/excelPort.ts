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
  readWorkbook,
  saveState,
  selectCells,
  startLive,
  stopLive,
  writeFlags,
  type Outcome,
} from "../excel";
import * as adapter from "../excel";

/** The active cell range as Excel reports it (no sheet in `address`). */
export interface SelectionInfo {
  sheet: string;
  address: string;
}

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
  readSelection: () => Promise<Outcome<SelectionInfo>>;
}

type SelectionReader = () => Promise<Outcome<SelectionInfo>>;

/** Asked of src/excel (an additive export); until it lands, the button explains it is unavailable. */
function adapterSelectionReader(): SelectionReader | undefined {
  const candidate = (adapter as unknown as Record<string, unknown>)["readSelection"];
  return typeof candidate === "function" ? (candidate as SelectionReader) : undefined;
}

const readSelection: SelectionReader = async () => {
  const reader = adapterSelectionReader();
  if (reader) return reader();
  return { ok: false, problem: { code: "HOST_ERROR", detail: "readSelection is not available" } };
};

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
