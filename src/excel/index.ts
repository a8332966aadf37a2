/**
 * The Office.js adapter's stable API (documented in README.md). Every call resolves to a value
 * (`Outcome`, `CheckOutcome`); nothing throws across this door. Calls are serialised: one
 * Excel.run at a time, so a live re-check never interleaves with a Check or Clear.
 */
export type {
  CheckInExcelOptions,
  CheckOutcome,
  ExcelProblem,
  FlagsCleared,
  FlagsWritten,
  HostCapabilities,
  LiveOptions,
  LiveUpdate,
  StaleUpdate,
  LoadedState,
  LoadedTable,
  Outcome,
  Progress,
  ReadOptions,
  StoredTable,
  KeptTable,
  WorkbookSettings,
  WorkbookState,
  WriteFlagsOptions,
} from "./types";
export { connectHost, isDarkColor, type HostInfo } from "./host";
export { hostCapabilities, supportsExcelApi } from "./capabilities";
export { readWorkbook } from "./read";
export { writeFlags, clearFlags } from "./flags";
export { selectCells, readSelection } from "./navigate";
export {
  loadState,
  saveState,
  loadSection,
  saveSection,
  STATE_SHEET,
  ANCHOR_PREFIX,
  type OpenSection,
} from "./storage";
export { startLive, stopLive, isLive, liveIdle } from "./live";
export { checkInExcel } from "./check";
export { createSession, type Session } from "./session";
export {
  acceptFinding,
  withdrawAcceptance,
  loadAcceptances,
  markAccepted,
  type AcceptOutcome,
} from "./acceptances";
export {
  applyRebalance,
  undoRebalance,
  lastRebalance,
  UNDO_SCHEMA,
  type ApplyRebalanceOptions,
  type ApplyOutcome,
  type UndoOptions,
  type UndoOutcome,
  type UndoInfo,
  type UndoSnapshot,
  type UndoDocument,
  type FormulaCell,
  type EditedCell,
} from "./rebalance";
export { createReport, styleRects, type CreateReportOptions, type ReportOutcome } from "./report";
