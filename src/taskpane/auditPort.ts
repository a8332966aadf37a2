/**
 * The adapter calls of the rebalance, acceptance and report parts of the pane (issues 5 and 6), in
 * one object beside `excelPort` so a test or the playground could drive the panels with its own.
 * Every call resolves to a value; none throws (src/excel/README.md).
 */
import {
  acceptFinding,
  applyRebalance,
  createReport,
  lastRebalance,
  undoRebalance,
  withdrawAcceptance,
} from "../excel";

export interface AuditPort {
  applyRebalance: typeof applyRebalance;
  undoRebalance: typeof undoRebalance;
  /** What Undo would restore (read from the workbook, so it survives closing the pane). */
  lastRebalance: typeof lastRebalance;
  acceptFinding: typeof acceptFinding;
  withdrawAcceptance: typeof withdrawAcceptance;
  createReport: typeof createReport;
}

export const auditPort: AuditPort = {
  applyRebalance,
  undoRebalance,
  lastRebalance,
  acceptFinding,
  withdrawAcceptance,
  createReport,
};
