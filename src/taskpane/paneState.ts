/**
 * The pane's state as data: its settings (and the workbook's saved choices read into them), what
 * it says above its results, the result on show, what a tab is given and what its buttons do. The
 * hook that holds and changes it is usePane.ts.
 */
import type { RangeBox } from "../core/address";
import type { CheckResult } from "../core/check";
import type { Declaration, Declared } from "../core/declare";
import type { Finding } from "../core/finding";
import type { WorkbookGrid } from "../core/grid";
import type { Policy, TableMap } from "../core/model";
import type {
  ExcelProblem,
  FlagsWritten,
  KeptTable,
  LoadedState,
  Progress,
  StoredTable,
  WorkbookSettings,
  WorkbookState,
} from "../excel";
import type { StringKey, UiLocale } from "./i18n";

export type FlagStyle = "fill-note" | "fill" | "none";
export const FLAG_STYLES: readonly FlagStyle[] = ["fill-note", "fill", "none"];

/**
 * What Check reads: the whole workbook (the default: a report of one sheet would leave out the
 * other sheets' findings, and cross-sheet checks need them all), or only the active sheet.
 */
export type CheckScope = "all" | "active";
export const CHECK_SCOPES: readonly CheckScope[] = ["all", "active"];

export interface PaneSettings {
  /** Re-check after every edit; on for a workbook that has not chosen. */
  live: boolean;
  flagStyle: FlagStyle;
  scope: CheckScope;
  /** Who works in this workbook: named in the change trail, acceptances and the report (asked once). */
  by: string;
}

export const DEFAULT_SETTINGS: PaneSettings = { live: true, flagStyle: "fill-note", scope: "all", by: "" };

/** Something the pane says above its results: a host problem, or a sentence of its own. */
export type Notice =
  | { kind: "problem"; problem: ExcelProblem }
  | {
      kind: "text";
      intent: "info" | "success" | "warning" | "error";
      key: StringKey;
      vars?: Record<string, string | number>;
    };

/** The result on show: the engine's, with the grid it was computed from and the flags written. */
export interface CheckedView {
  /** The (first) sheet read: the active one. */
  sheet: string;
  scope: CheckScope;
  result: CheckResult;
  workbook: WorkbookGrid;
  flags?: FlagsWritten;
  origin: "check" | "live" | "edit";
  /** Live mode off and cells of the check edited since: the results may no longer be true. */
  stale?: boolean;
}

export type Task = "check" | "clear" | "save" | "select";

/** A selection the user wants read as a table, with what the pane proposes for it. */
export interface SelectedTable {
  sheet: string;
  /** As Excel gave it, without the sheet: A3:Q8. */
  address: string;
  box: RangeBox;
  guess: Declaration;
}

export interface PaneState {
  ready: boolean;
  supported: boolean;
  busy: Task | null;
  progress: Progress | null;
  view: CheckedView | null;
  emptySheet: string | null;
  notices: Notice[];
  /** Sheets whose tables the user corrected: their maps are saved in the workbook. */
  savedSheets: string[];
  settings: PaneSettings;
  /** The last sentence for screen readers (aria-live), with a counter so a repeat is re-announced. */
  announcement: { text: string; n: number };
}

/** What a tab of the pane is given. */
export interface PanelProps {
  state: PaneState;
  actions: PaneActions;
  locale: UiLocale;
  disabled: boolean;
}

export interface PaneActions {
  check: () => Promise<void>;
  clearFlags: () => Promise<void>;
  selectFinding: (f: Finding) => Promise<void>;
  /** Corrections: the sheet's maps as the user wants them; saved, then checked with `checkMaps`. */
  applyMaps: (sheet: string, maps: TableMap[]) => Promise<void>;
  selectionForTable: () => Promise<SelectedTable | undefined>;
  declareTable: (selected: SelectedTable, declaration: Declaration) => Promise<Declared>;
  resetDetection: () => Promise<void>;
  setSettings: (change: Partial<PaneSettings>) => Promise<void>;
  setPolicyForAll: (policy: Policy) => Promise<void>;
  dismissNotice: (index: number) => void;
}

/** The workbook's saved choices; what it never chose takes the defaults (live mode on, all sheets). */
export function settingsFrom(stored: WorkbookSettings): PaneSettings {
  const style = stored.flagStyle;
  return {
    live: stored.live !== false,
    flagStyle: FLAG_STYLES.includes(style as FlagStyle) ? (style as FlagStyle) : DEFAULT_SETTINGS.flagStyle,
    scope: stored.scope === "active" ? "active" : "all",
    by: typeof stored.by === "string" ? stored.by : "",
  };
}

export function confirmedSheets(tables: StoredTable[]): string[] {
  return [...new Set(tables.filter((t) => t.confirmed).map((t) => t.map.sheet))];
}

/** Ids t1, t2, … are the anchors' names (`_tdcheck_t1`); a new table takes the first free one. */
export function withIds(kept: StoredTable[], maps: TableMap[]): StoredTable[] {
  const used = new Set(kept.map((t) => t.id));
  let n = 1;
  const next = (): string => {
    while (used.has(`t${n}`)) n++;
    used.add(`t${n}`);
    return `t${n}`;
  };
  return [...kept, ...maps.map((map) => ({ id: next(), map, confirmed: true }))];
}

export function stripSheet(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/** A change the pane saves: the corrected maps of some sheets (replacing what they had), the settings. */
export interface SaveChange {
  sheets?: string[];
  maps?: TableMap[];
  settings?: PaneSettings;
}

/**
 * What the workbook keeps after a change: the stored maps of the other sheets, the new maps of the
 * replaced sheets (with fresh ids), the settings over the stored ones. Stored tables that did not
 * resolve this time (resized, or not fitting the sheets as read) are written back as they were,
 * unless their sheet's maps are being replaced; lost ones (their cells deleted) are let go.
 */
export function stateToSave(
  loaded: LoadedState | undefined,
  change: SaveChange,
  current: PaneSettings,
): WorkbookState {
  const stored = loaded?.tables ?? [];
  let tables: StoredTable[] = stored.flatMap(({ id, map, confirmed }) =>
    map ? [{ id, map, confirmed }] : [],
  );
  const replaced = new Set(change.sheets ?? []);
  if (replaced.size)
    tables = withIds(
      tables.filter((t) => !replaced.has(t.map.sheet)),
      (change.maps ?? []).filter((m) => replaced.has(m.sheet)),
    );
  const settings: WorkbookSettings = { ...(loaded?.settings ?? {}), ...(change.settings ?? current) };
  const kept: KeptTable[] = stored.flatMap((t) => {
    const sheet = (t.json as { sheet?: unknown } | null)?.sheet;
    return !t.map && t.status !== "lost" && t.range && !(typeof sheet === "string" && replaced.has(sheet))
      ? [{ id: t.id, confirmed: t.confirmed, json: t.json, range: t.range }]
      : [];
  });
  return { schema: 1, tables, kept, settings };
}
