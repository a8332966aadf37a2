/**
 * The adapter calls the pane makes, gathered in one object so the pane's logic can be driven by
 * something other than Excel (the playground's fake host goes through the real adapter; a unit test
 * could pass its own port). Every call resolves to a value; none throws (src/excel/README.md).
 * The port is bound to one adapter session, made once when the pane opens (`createSession`).
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
  type Session,
} from "../excel";

/** An adapter call with its session already given. */
export type InSession<F> = F extends (session: Session, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

export interface ExcelPort {
  hostCapabilities: typeof hostCapabilities;
  checkInExcel: InSession<typeof checkInExcel>;
  readWorkbook: InSession<typeof readWorkbook>;
  writeFlags: InSession<typeof writeFlags>;
  clearFlags: InSession<typeof clearFlags>;
  selectCells: typeof selectCells;
  loadState: InSession<typeof loadState>;
  saveState: InSession<typeof saveState>;
  startLive: InSession<typeof startLive>;
  stopLive: InSession<typeof stopLive>;
  /** The user's current selection ("use selection as the table"). */
  readSelection: typeof readSelection;
}

/** The pane's port onto the adapter, every call in `session`. */
export function createExcelPort(session: Session): ExcelPort {
  return {
    hostCapabilities,
    checkInExcel: (options) => checkInExcel(session, options),
    readWorkbook: (options) => readWorkbook(session, options),
    writeFlags: (plan, options) => writeFlags(session, plan, options),
    clearFlags: () => clearFlags(session),
    selectCells,
    loadState: (options) => loadState(session, options),
    saveState: (state) => saveState(session, state),
    startLive: (options) => startLive(session, options),
    stopLive: () => stopLive(session),
    readSelection,
  };
}
