/**
 * What the add-in remembers lives in the workbook (docs/architecture.md, "The Excel door"): the very hidden
 * sheet `_tdcheck`, one JSON section per column, cut into chunks (a cell holds at most 32,767 characters),
 * and one workbook-scoped name per stored table so inserted rows move the table with its anchor. The layout
 * is documented in README.md because the command line reads and writes the same sheet.
 */
import { columnIndex, columnName, parseRange, rangeA1, type RangeBox } from "../core/address";
import type { WorkbookGrid } from "../core/grid";
import { fromMapDocument, MAP_SCHEMA, toMapDocument, type MapDocument } from "../core/mapJson";
import { parseProductSheets } from "../core/productSheets";
import { guarded, stop } from "./run";
import type { Session } from "./session";
import type { LoadedState, LoadedTable, Outcome, WorkbookSettings, WorkbookState } from "./types";

export const STATE_SHEET = "_tdcheck";
export const ANCHOR_PREFIX = "_tdcheck_";
export const STATE_SCHEMA = "tdcheck-state/1";

/** One column per section (the core's layout, src/core/report/stateSheet.ts, as letters). */
export const SECTION_COLUMNS = {
  state: "A",
  flags: "B",
  acceptances: "C",
  undo: "D",
  trail: "E",
  sheets: "F",
} as const;
/** The last section's column: a read of row 1 up to it sees every section's name. */
export const LAST_SECTION_COLUMN = "F";
export type SectionName = keyof typeof SECTION_COLUMNS;

/** Below Excel's 32,767 characters per cell, with room for the "~" prefix. */
export const CHUNK_CHARS = 30000;
/** Chunks per request: 20 × 30,000 characters stays under 2 MB even when every character is CJK. */
const CHUNKS_PER_REQUEST = 20;
/** Every chunk starts with "~" so Excel never reads it as a number, date, formula or error. */
const CHUNK_PREFIX = "~";

export function chunkText(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + CHUNK_CHARS);
    // Never cut a surrogate pair (a character outside the BMP) between two cells.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

function unreadable(detail: string): never {
  return stop({ code: "STATE_UNREADABLE", detail });
}

/** Queues the read of a section's first chunks; `result()` after the sync reads any further ones. */
export class SectionReader {
  private readonly range: Excel.Range;
  private readonly column: string;

  constructor(
    private readonly sheet: Excel.Worksheet,
    private readonly name: SectionName,
  ) {
    this.column = SECTION_COLUMNS[name];
    this.range = sheet.getRange(`${this.column}1:${this.column}${2 + CHUNKS_PER_REQUEST}`);
    this.range.load("values");
  }

  /** The section's JSON, or undefined when the section is empty. */
  async result(context: Excel.RequestContext): Promise<unknown> {
    const values = this.range.values;
    const head = values[0]?.[0];
    if (head === "" || head === undefined || head === null) return undefined;
    if (head !== this.name)
      unreadable(
        `${STATE_SHEET}!${this.column}1 holds "${String(head)}", not the section name "${this.name}"`,
      );
    const count = Number(values[1]?.[0]);
    if (!Number.isInteger(count) || count < 0)
      unreadable(`${STATE_SHEET}!${this.column}2 should hold the number of chunks`);
    const cells: unknown[] = values.slice(2, 2 + Math.min(count, CHUNKS_PER_REQUEST)).map((r) => r[0]);
    // A section larger than one request is read in further requests of CHUNKS_PER_REQUEST chunks.
    for (let start = CHUNKS_PER_REQUEST; start < count; start += CHUNKS_PER_REQUEST) {
      const end = Math.min(count, start + CHUNKS_PER_REQUEST);
      const more = this.sheet.getRange(`${this.column}${3 + start}:${this.column}${2 + end}`);
      more.load("values");
      await context.sync();
      cells.push(...more.values.map((r) => r[0]));
    }
    const text = cells
      .map((c, i) => {
        if (typeof c !== "string" || !c.startsWith(CHUNK_PREFIX))
          unreadable(`chunk ${i + 1} of section "${this.name}" is damaged`);
        return c.slice(CHUNK_PREFIX.length);
      })
      .join("");
    try {
      return JSON.parse(text);
    } catch {
      return unreadable(`section "${this.name}" is not valid JSON`);
    }
  }
}

/**
 * Queues writing a section (undefined empties it). A section over CHUNKS_PER_REQUEST chunks takes
 * further syncs; the last part is left queued for the caller's sync.
 */
export async function queueSectionWrite(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  name: SectionName,
  doc: unknown,
): Promise<void> {
  const col = SECTION_COLUMNS[name];
  if (doc === undefined) {
    sheet.getRange(`${col}:${col}`).clear(Excel.ClearApplyTo.contents);
    return;
  }
  const chunks = chunkText(JSON.stringify(doc));
  const cells: (string | number)[] = [name, chunks.length, ...chunks.map((c) => CHUNK_PREFIX + c)];
  const perRequest = CHUNKS_PER_REQUEST + 2;
  for (let start = 0; start < cells.length; start += perRequest) {
    if (start > 0) await context.sync();
    const part = cells.slice(start, start + perRequest);
    const range = sheet.getRange(`${col}${start + 1}:${col}${start + part.length}`);
    // Text format first, so the values that follow are kept as typed.
    range.numberFormat = part.map(() => ["@"]);
    range.values = part.map((v) => [v]);
  }
  sheet.getRange(`${col}${cells.length + 1}:${col}1048576`).clear(Excel.ClearApplyTo.contents);
}

/** The state sheet when it is known to exist; otherwise asks (one sync) and remembers. */
export async function openStateSheet(
  session: Session,
  context: Excel.RequestContext,
  prequeue?: () => void,
): Promise<Excel.Worksheet | null> {
  if (session.stateSheet === true) return context.workbook.worksheets.getItem(STATE_SHEET);
  const sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
  sheet.load("name");
  prequeue?.();
  await context.sync();
  session.stateSheet = !sheet.isNullObject;
  return sheet.isNullObject ? null : sheet;
}

/** Queues creating the very hidden sheet (not listed in Excel's Unhide dialog). */
export function queueCreateStateSheet(context: Excel.RequestContext): Excel.Worksheet {
  const sheet = context.workbook.worksheets.add(STATE_SHEET);
  sheet.visibility = Excel.SheetVisibility.veryHidden;
  return sheet;
}

// ---------------------------------------------------------------------------------------------
// The "state" section: table maps (as tdcheck-map/1, the document `tdcheck check --map` reads) and
// settings.

interface StateDocument {
  schema: typeof STATE_SCHEMA;
  maps: MapDocument;
  /** Parallel to maps.tables. */
  tables: { id: string; confirmed: boolean; saved: string }[];
  settings: WorkbookSettings;
}

/** `'My sheet'!$A$3:$Q$8` or `=分解表!$A$3:$Q$8` → the sheet and the box; null when the name lost its cells. */
export function parseReference(formula: unknown): { sheet: string; box: RangeBox } | null {
  if (typeof formula !== "string") return null;
  const text = formula.replace(/^=/, "");
  const bang = text.lastIndexOf("!");
  if (bang < 0 || text.includes("#REF!")) return null;
  let sheet = text.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const box = parseRange(text.slice(bang + 1).replace(/\$/g, ""));
  return box ? { sheet, box } : null;
}

/** A column letter moves by columns, a row number by rows (tdcheck-map/1 positions). */
function shiftAt(v: unknown, dRows: number, dCols: number): unknown {
  if (typeof v === "number") return v + dRows;
  if (typeof v === "string" && /^[A-Za-z]{1,3}$/.test(v))
    return columnName(columnIndex(v.toUpperCase()) + dCols);
  return v;
}

const AT_KEYS = new Set([
  "at",
  "header",
  "names",
  "measures",
  "total",
  "ratio",
  "weight",
  "base",
  "rate",
  "target",
]);
const AT_LISTS = new Set(["parts", "components"]);

/** Moves every position of a tdcheck-map/1 table by whole rows and columns (its anchor moved). */
export function shiftTableJson(table: unknown, dRows: number, dCols: number): unknown {
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v))
      return key && AT_LISTS.has(key) && v.every((x) => typeof x !== "object")
        ? v.map((x) => shiftAt(x, dRows, dCols))
        : v.map((x) => walk(x));
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (key && AT_KEYS.has(key)) return shiftAt(v, dRows, dCols);
    if (key === "range" && typeof v === "string") {
      const b = parseRange(v);
      return b
        ? rangeA1({
            top: b.top + dRows,
            bottom: b.bottom + dRows,
            left: b.left + dCols,
            right: b.right + dCols,
          })
        : v;
    }
    return v;
  };
  return walk(table);
}

function readStateDocument(doc: unknown): StateDocument {
  const d = doc as Partial<StateDocument> | null;
  if (!d || d.schema !== STATE_SCHEMA)
    unreadable(`the state was written by another version (${JSON.stringify(d?.schema)})`);
  if (
    !d.maps ||
    d.maps.schema !== MAP_SCHEMA ||
    !Array.isArray(d.maps.tables) ||
    !Array.isArray(d.tables) ||
    d.tables.length !== d.maps.tables.length
  )
    unreadable("the state's table maps are damaged");
  return { schema: STATE_SCHEMA, maps: d.maps, tables: d.tables, settings: d.settings ?? {} };
}

export interface LoadStateOptions {
  /** When given, each table's map is also returned as the engine's TableMap, checked against it. */
  workbook?: WorkbookGrid;
}

/** Resolves stored tables against their anchors' current places. */
function placeTables(
  doc: StateDocument,
  anchors: Map<string, { sheet: string; box: RangeBox } | null>,
  workbook?: WorkbookGrid,
): LoadedTable[] {
  return doc.tables.map((t, i): LoadedTable => {
    const json = doc.maps.tables[i] as unknown as { sheet: string; range: string };
    const saved = parseRange(t.saved ?? json.range);
    const now = anchors.get(`${ANCHOR_PREFIX}${t.id}`.toLowerCase()) ?? null;
    let status: LoadedTable["status"];
    let placed: unknown = json;
    if (!now || !saved || now.sheet !== json.sheet) status = "lost";
    else if (
      now.box.top === saved.top &&
      now.box.left === saved.left &&
      now.box.bottom === saved.bottom &&
      now.box.right === saved.right
    )
      status = "same";
    else if (
      now.box.bottom - now.box.top === saved.bottom - saved.top &&
      now.box.right - now.box.left === saved.right - saved.left
    ) {
      status = "moved";
      placed = shiftTableJson(json, now.box.top - saved.top, now.box.left - saved.left);
    } else status = "resized";
    const table: LoadedTable = {
      id: t.id,
      confirmed: t.confirmed,
      status,
      range: now ? rangeA1(now.box) : undefined,
      json: placed,
    };
    if (workbook && status !== "lost" && status !== "resized") {
      const r = fromMapDocument({ schema: MAP_SCHEMA, tables: [placed] }, workbook);
      if (r.ok) table.map = r.maps[0];
      else table.problem = `${r.path}: ${r.problem}`;
    }
    return table;
  });
}

export interface StateLoad {
  /** After the sync that carried the loads: the state (further syncs only for a very large state). */
  finish(context: Excel.RequestContext, workbook?: WorkbookGrid): Promise<LoadedState>;
}

/** Queues reading the state section and the anchors, to ride along with another request. */
export function queueStateLoad(context: Excel.RequestContext, sheet: Excel.Worksheet): StateLoad {
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  const reader = new SectionReader(sheet, "state");
  const marks = new SectionReader(sheet, "sheets");
  return {
    async finish(ctx, workbook) {
      // The sheets the product wrote (reports): a damaged list marks nothing, and is said nowhere
      // else, since it only spares detection a sheet it would have found no split in.
      let productSheets: LoadedState["productSheets"];
      try {
        productSheets = parseProductSheets(await marks.result(ctx));
      } catch {
        productSheets = [];
      }
      const raw = await reader.result(ctx);
      if (raw === undefined) return { found: false, tables: [], settings: {}, productSheets };
      const doc = readStateDocument(raw);
      const anchors = new Map(names.items.map((n) => [n.name.toLowerCase(), parseReference(n.formula)]));
      return {
        found: true,
        tables: placeTables(doc, anchors, workbook),
        settings: doc.settings,
        productSheets,
      };
    },
  };
}

/** Reads the stored maps and settings, in one sync when the state sheet is known, else two. */
export async function loadStateNow(
  session: Session,
  context: Excel.RequestContext,
  options: LoadStateOptions = {},
): Promise<LoadedState> {
  const sheet = await openStateSheet(session, context);
  if (!sheet) return { found: false, tables: [], settings: {} };
  const load = queueStateLoad(context, sheet);
  await context.sync();
  return load.finish(context, options.workbook);
}

export function loadState(session: Session, options: LoadStateOptions = {}): Promise<Outcome<LoadedState>> {
  return guarded(() => Excel.run((context) => loadStateNow(session, context, options)));
}

/** Writes maps and settings and re-anchors every table (two syncs). */
export async function saveStateNow(
  session: Session,
  context: Excel.RequestContext,
  state: WorkbookState,
): Promise<void> {
  const names = context.workbook.names;
  const sheets = context.workbook.worksheets;
  names.load("items/name");
  sheets.load("items/name");
  const known = session.stateSheet === true;
  let stateSheet = await openStateSheet(session, context);
  if (known) await context.sync();
  const existing = new Set(sheets.items.map((s) => s.name));
  for (const t of state.tables)
    if (!existing.has(t.map.sheet)) stop({ code: "NO_SUCH_SHEET", sheet: t.map.sheet });
  const ids = new Set<string>();
  const freshId = (given: string, i: number): string => {
    let id = /^t\d+$/.test(given) && !ids.has(given) ? given : `t${i + 1}`;
    while (ids.has(id)) id = `t${Number(id.slice(1)) + 1}`;
    ids.add(id);
    return id;
  };
  const tables = state.tables.map((t, i) => ({ ...t, id: freshId(t.id, i) }));
  // Kept tables go back as stored, anchored where their anchors are now (a sheet since deleted
  // has nothing left to anchor to).
  const kept = (state.kept ?? []).flatMap((k, i) => {
    const json = k.json as { sheet?: unknown; range?: unknown } | null;
    const sheet = typeof json?.sheet === "string" ? json.sheet : undefined;
    if (!sheet || !existing.has(sheet) || !parseRange(k.range)) return [];
    return [{ ...k, sheet, id: freshId(k.id, tables.length + i) }];
  });
  if (!stateSheet) {
    stateSheet = queueCreateStateSheet(context);
    session.stateSheet = true;
  }
  const maps = toMapDocument(tables.map((t) => t.map));
  const doc: StateDocument = {
    schema: STATE_SCHEMA,
    maps: { ...maps, tables: [...maps.tables, ...kept.map((k) => k.json as (typeof maps.tables)[number])] },
    tables: [
      ...tables.map((t) => ({ id: t.id, confirmed: t.confirmed, saved: rangeA1(t.map.range) })),
      // `saved` stays the stored extent: a resized table loads as resized again, not as "same".
      ...kept.map((k) => {
        const range = (k.json as { range?: unknown }).range;
        return { id: k.id, confirmed: k.confirmed, saved: typeof range === "string" ? range : k.range };
      }),
    ],
    settings: state.settings,
  };
  // Anchors are rebuilt on every save: each refers to its table's range as the map has it now.
  for (const n of names.items) if (n.name.toLowerCase().startsWith(ANCHOR_PREFIX)) n.delete();
  for (const t of tables) {
    const range = context.workbook.worksheets.getItem(t.map.sheet).getRange(rangeA1(t.map.range));
    names.add(`${ANCHOR_PREFIX}${t.id}`, range, "指标分解校核 · table anchor");
  }
  for (const k of kept)
    names.add(
      `${ANCHOR_PREFIX}${k.id}`,
      context.workbook.worksheets.getItem(k.sheet).getRange(k.range),
      "指标分解校核 · table anchor",
    );
  await queueSectionWrite(context, stateSheet, "state", doc);
  await context.sync();
}

export function saveState(session: Session, state: WorkbookState): Promise<Outcome<void>> {
  return guarded(() => Excel.run((context) => saveStateNow(session, context, state)));
}

/** Sections the rest of the add-in keeps in `_tdcheck` (issues 5, 6, 15); `state` and `flags` are the adapter's own. */
export type OpenSection = "acceptances" | "undo" | "trail" | "sheets";

/** A section's JSON document, or undefined when it is empty or `_tdcheck` does not exist. */
export function loadSection(session: Session, name: OpenSection): Promise<Outcome<unknown>> {
  return guarded(() =>
    Excel.run(async (context) => {
      const sheet = await openStateSheet(session, context);
      if (!sheet) return undefined;
      const reader = new SectionReader(sheet, name);
      await context.sync();
      return reader.result(context);
    }),
  );
}

/** Writes a section's JSON document (undefined empties it), creating `_tdcheck` when needed. */
export function saveSection(session: Session, name: OpenSection, doc: unknown): Promise<Outcome<void>> {
  return guarded(() =>
    Excel.run(async (context) => {
      let sheet = await openStateSheet(session, context);
      if (!sheet) {
        if (doc === undefined) return;
        sheet = queueCreateStateSheet(context);
        session.stateSheet = true;
      }
      await queueSectionWrite(context, sheet, name, doc);
      await context.sync();
    }),
  );
}
