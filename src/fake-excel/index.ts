/**
 * The fake Excel host: an in-memory workbook behind exactly the Office.js calls the adapter makes,
 * strict like a real host, counting syncs and bytes. Pure TypeScript (no Node APIs) so the
 * playground can bundle it; Node tests load .xlsx files through test/excel/helpers.ts.
 */
export { FakeWorkbook, FakeSheet, type FakeConditionalFormat, type FakeNote, type FakeName } from "./book";
export {
  FakeHost,
  installFakeExcel,
  PAYLOAD_LIMIT,
  ADDRESS_LIMIT,
  type FakeHostOptions,
  type FlagView,
  type SheetView,
  type CellView,
  type StatsSummary,
  type ChangedArgs,
} from "./host";
export { FakeOfficeError, type FakeErrorCode } from "./errors";
export { OP_OVERHEAD_BYTES, utf8Length, jsonBytes, type SyncStat } from "./client";
export { evaluate, lights, excelRound, UnsupportedFormula } from "./formula";
export { takeSnapshot, type WorkbookSnapshot, type SheetSnapshot, type SnapshotOptions } from "./snapshot";
