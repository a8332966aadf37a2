/**
 * What the adapter knows between calls in one task-pane session (an object made by `createSession`
 * and passed in, never a module global): the last workbook it read, the
 * tables and the incremental checker live mode re-runs, and whether the very hidden sheet exists
 * (so a write need not first ask). The workbook stays the truth: flags ownership is re-read on
 * every write.
 */
import type { Checker } from "../core/checker";
import type { WorkbookGrid } from "../core/grid";
import type { Lang } from "../core/messages";
import type { TableMap } from "../core/model";
import type { Acceptance } from "../core/report";
import type { LiveState } from "./live";

export interface Session {
  /** Does `_tdcheck` exist? undefined = not known yet. */
  stateSheet: boolean | undefined;
  /** Sheets the flags record named when last read or written. */
  flaggedSheets: string[];
  /** Note cells per sheet the flags record listed when last written (asked for in the first request). */
  flaggedNotes: Record<string, string[]>;
  workbook: WorkbookGrid | undefined;
  /** Worksheet id → name, for change events (they name the sheet by id). */
  sheetNames: Map<string, string>;
  maps: TableMap[];
  checker: Checker | undefined;
  lang: Lang;
  /** Identity of the findings the flags in the workbook were written for. */
  flaggedKey: string | undefined;
  /** The flag plan this session last wrote (JSON). */
  flaggedPlan: string | undefined;
  /** The acceptances (上报说明) last read or written; live mode marks its results with them. */
  acceptances: Acceptance[] | undefined;
  /** The date (localDate) of the check the findings on show come from: every note states it. */
  checkedOn: string | undefined;
  /** Findings whose cells changed since that check, while live mode was off (by findingKey). */
  changed: Set<string>;
  /** Live mode's registration and waiting edits while it is on. */
  live: LiveState | undefined;
}

/**
 * A new session: the pane makes one when it opens and passes it to every adapter call (a test makes
 * one per case). Nothing in the adapter keeps state of its own between calls.
 */
export function createSession(): Session {
  return {
    stateSheet: undefined,
    flaggedSheets: [],
    flaggedNotes: {},
    workbook: undefined,
    sheetNames: new Map(),
    maps: [],
    checker: undefined,
    lang: "zh",
    flaggedKey: undefined,
    flaggedPlan: undefined,
    acceptances: undefined,
    checkedOn: undefined,
    changed: new Set(),
    live: undefined,
  };
}
