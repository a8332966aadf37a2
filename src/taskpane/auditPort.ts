/**
 * The adapter calls of the rebalance, acceptance and report parts of the pane (issues 5 and 6), in
 * one object beside `excelPort` so a test or the playground could drive the panels with its own.
 * Every call resolves to a value; none throws (src/excel/README.md). Bound to the pane's session.
 */
import {
  acceptFinding,
  applyRebalance,
  createReport,
  lastRebalance,
  undoRebalance,
  withdrawAcceptance,
  type Session,
} from "../excel";
import type { InSession } from "./excelPort";

export interface AuditPort {
  applyRebalance: InSession<typeof applyRebalance>;
  undoRebalance: InSession<typeof undoRebalance>;
  /** What Undo would restore (read from the workbook, so it survives closing the pane). */
  lastRebalance: InSession<typeof lastRebalance>;
  acceptFinding: InSession<typeof acceptFinding>;
  withdrawAcceptance: InSession<typeof withdrawAcceptance>;
  createReport: InSession<typeof createReport>;
}

/** The panels' port onto the adapter, every call in `session` (the pane's one session). */
export function createAuditPort(session: Session): AuditPort {
  return {
    applyRebalance: (options) => applyRebalance(session, options),
    undoRebalance: (options) => undoRebalance(session, options),
    lastRebalance: () => lastRebalance(session),
    acceptFinding: (finding, reason, options) => acceptFinding(session, finding, reason, options),
    withdrawAcceptance: (finding) => withdrawAcceptance(session, finding),
    createReport: (options) => createReport(session, options),
  };
}
