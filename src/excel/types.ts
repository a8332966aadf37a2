/**
 * The adapter's public types: what the task pane, the ribbon commands and the playground see.
 * Errors are values at this boundary (docs/architecture.md): every call resolves to an Outcome, never throws.
 */
import type { CheckResult } from "../core/check";
import type { Finding } from "../core/finding";
import type { WorkbookGrid } from "../core/grid";
import type { Lang } from "../core/messages";
import type { TableMap } from "../core/model";
import type { ProductSheet } from "../core/productSheets";

/** Why the adapter could not do what was asked, in words the pane can translate. */
export type ExcelProblem =
  /** No Office.js / not running inside Excel (a plain browser without the fake). */
  | { code: "NO_HOST" }
  /**
   * The host lacks ExcelApi 1.14, the add-in's floor (docs/architecture.md): Excel 2016/2019 perpetual, WPS.
   */
  | { code: "UNSUPPORTED_HOST"; required: "ExcelApi 1.14" }
  /** The sheet is protected: conditional formats, notes and values cannot be written to it. */
  | { code: "PROTECTED_SHEET"; sheet: string }
  /** Merged cells cross a table's data cells (writing part of a merged area fails in Excel). */
  | { code: "MERGED_CELLS"; sheet: string; ranges: string[] }
  | { code: "NO_SUCH_SHEET"; sheet: string }
  /** The very hidden sheet holds a state this version cannot read (newer schema, damaged JSON). */
  | { code: "STATE_UNREADABLE"; detail: string }
  /** Anything else the host reported; `hostCode` is Office.js's error code (ItemNotFound, …). */
  | { code: "HOST_ERROR"; hostCode?: string; detail: string };

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ExcelProblem };

export interface Progress {
  stage: "read" | "write" | "clear";
  sheet?: string;
  /** Rows (read) or requests (write) done so far, out of `total`. */
  done: number;
  total: number;
}

/** Requirement sets detected at run time (docs/architecture.md: floor 1.14, notes with 1.18). */
export interface HostCapabilities {
  excelApi114: boolean;
  /** ExcelApi 1.18: worksheet.notes. */
  notes: boolean;
}

export interface ReadOptions {
  /** "active" (default), "all" visible worksheets, or sheets by name. */
  sheets?: "active" | "all" | string[];
  onProgress?: (p: Progress) => void;
}

export interface WriteFlagsOptions {
  /** Default: detected at run time (ExcelApi 1.18). False writes no notes even where supported. */
  hostSupportsNotes?: boolean;
  onProgress?: (p: Progress) => void;
}

export interface FlagsWritten {
  /** Conditional-format rules now owned by the add-in (kept + added). */
  rules: number;
  added: number;
  /** Rules and notes removed (stale or cleared). */
  removed: number;
  removedRules: number;
  removedNotes: number;
  /** Notes now owned by the add-in. */
  notes: number;
  /** Cells that have a note of the user's: left alone, the explanation stays in the pane. */
  skippedNotes: string[];
  /** False when the plan equalled what was already in the workbook: nothing was written. */
  wrote: boolean;
}

export interface FlagsCleared {
  rules: number;
  notes: number;
}

/** Settings that belong to the workbook (the pane's own preferences live elsewhere). */
export interface WorkbookSettings {
  live?: boolean;
  [key: string]: string | number | boolean | undefined;
}

/** A table map the add-in remembers, anchored by a workbook-scoped name so inserted rows move it. */
export interface StoredTable {
  /** "t1", "t2", …; the anchor name is `_tdcheck_` + id. */
  id: string;
  map: TableMap;
  /** True when the user confirmed or corrected the detected map. */
  confirmed: boolean;
}

/**
 * A stored table the pane could not turn into a map this time (its rows changed inside it, or its
 * map does not fit the workbook as read): written back as it was, anchored where its anchor is
 * now, so that saving other tables never drops it.
 */
export interface KeptTable {
  id: string;
  confirmed: boolean;
  /** The table as stored (tdcheck-map/1 JSON, one entry of its `tables`). */
  json: unknown;
  /** The anchor's current address (no sheet; LoadedTable.range). */
  range: string;
}

export interface WorkbookState {
  schema: 1;
  tables: StoredTable[];
  /** Stored tables to keep as they are (LoadedTable entries without a map, other than lost ones). */
  kept?: KeptTable[];
  settings: WorkbookSettings;
}

/** A stored table as found on load: moved with its anchor, or needing a fresh detection. */
export interface LoadedTable {
  id: string;
  confirmed: boolean;
  /** The table as tdcheck-map/1 JSON (one entry of its `tables`), moved with its anchor. */
  json: unknown;
  /** The engine's map, when loadState was given the workbook and the map fits it. */
  map?: TableMap;
  /** Why the stored map does not fit the workbook (field path and problem). */
  problem?: string;
  /**
   * "same": where it was saved; "moved": rows/columns inserted or deleted around it (map shifted);
   * "resized": rows/columns inserted or deleted inside it (map is as saved, `range` is the new
   * extent: detect again there); "lost": the anchor's cells were deleted.
   */
  status: "same" | "moved" | "resized" | "lost";
  /** The anchor's current address (no sheet), when not lost. */
  range?: string;
}

export interface LoadedState {
  /** False when the workbook has no state yet (then tables and settings are empty). */
  found: boolean;
  tables: LoadedTable[];
  settings: WorkbookSettings;
  /** The sheets the product wrote (audit reports), marked in `_tdcheck`: never checked as tables. */
  productSheets?: ProductSheet[];
}

export interface CheckInExcelOptions extends ReadOptions {
  lang?: Lang;
  /** Write flags for the findings (default true). */
  flags?: boolean;
}

export type CheckOutcome =
  | {
      kind: "checked";
      /** The first sheet read (the active one by default). */
      sheet: string;
      result: CheckResult;
      /** What was written, when flags were asked for and could be written. */
      flags?: FlagsWritten;
      /** Why flags could not be written (a protected sheet): the findings are still valid. */
      flagsProblem?: ExcelProblem;
      workbook: WorkbookGrid;
    }
  | { kind: "empty-sheet"; sheet: string }
  | { kind: "problem"; problem: ExcelProblem }
  | { kind: "failed"; stage: "read" | "check" | "write"; detail: string };

export interface LiveUpdate {
  /** The whole current result (every table, the re-checked ones fresh). */
  result: CheckResult;
  findings: Finding[];
  /** Whether the findings differ from before the edit. */
  changed: boolean;
  /** How many checks ran again (only those whose cells the edit touched; 0 when none did). */
  rechecked: number;
  /** Whether flags were written (only when findings changed). */
  wrote: boolean;
  /** What was written, when flags were. */
  flags?: FlagsWritten;
  /** The sheets as live mode holds them now, edits applied (for planning from the same cells). */
  workbook: WorkbookGrid;
}

/** Live mode off: edits touched the last check's cells (its results are out of date). */
export interface StaleUpdate {
  sheets: string[];
  /** The findings whose cells the edits touched: their notes and static flags were removed. */
  findings: Finding[];
  /** What was written, when flags changed. */
  flags?: FlagsWritten;
}

export interface LiveOptions {
  onFindings: (update: LiveUpdate) => void;
  /**
   * False: live mode is off, yet edits are followed: the findings they touch lose their notes and
   * static flags and `onStale` says the results are out of date; nothing is re-checked. Default true.
   */
  recheck?: boolean;
  onStale?: (update: StaleUpdate) => void;
  onProblem?: (problem: ExcelProblem) => void;
  /** Quiet time after the last edit before re-checking; default 300 ms. */
  debounceMs?: number;
  lang?: Lang;
  /** Write flags when findings change (default true). */
  flags?: boolean;
  /** With flags, write notes too (default true); false flags by colour only. */
  notes?: boolean;
}
