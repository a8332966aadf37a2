/**
 * Worksheets → the engine's WorkbookGrid, sheet-positioned (grid row 0 is sheet row 1).
 *
 * One sync learns each sheet's used range (getUsedRangeOrNullObject(valuesOnly), ExcelApi 1.4) and
 * protection; then the used ranges are read in row blocks (getRangeByIndexes, ExcelApi 1.7), one
 * sync per request, each request well under the 5 MB Excel on the web accepts: the first block is
 * sized from a pessimistic guess per cell, later ones from the bytes per row actually received; a
 * request the host still refuses as too large is retried with blocks half the size. Small sheets
 * share one request. Only values, formulas and number formats are loaded (plus merged areas).
 */
import { isExcelErrorCode } from "../core/errorCodes";
import type { RawValue, SheetGrid, WorkbookGrid } from "../core/grid";
import { guarded, isPayloadError, jsonBytes, stop } from "./run";
import type { Session } from "./session";
import { queueStateLoad, STATE_SHEET, type StateLoad } from "./storage";
import type { LoadedState, Outcome, Progress, ReadOptions } from "./types";

/** Aim per request: well under the 5 MB limit, leaving room for the response's own framing. */
export const READ_TARGET_BYTES = 2_000_000;
/** Before anything was measured: values, formulas and formats at ~40 bytes each (long texts happen). */
const GUESS_BYTES_PER_CELL = 120;

interface SheetPlan {
  sheet: Excel.Worksheet;
  grid: SheetGrid;
  /** Used range position and size. */
  top: number;
  left: number;
  rows: number;
  cols: number;
  /** Rows read so far. */
  done: number;
  /** Measured bytes per row (largest seen), once a block came back. */
  bytesPerRow?: number;
  merges: Set<string>;
}

interface Block {
  plan: SheetPlan;
  start: number;
  rows: number;
  range: Excel.Range;
  merged: Excel.RangeAreas;
}

/** Office.js gives "" for an empty cell and the error's text for an error (valueTypes is not loaded: it would double the bytes). */
export function rawValue(value: unknown): RawValue {
  if (value === "" || value === null || value === undefined) return undefined;
  if (typeof value === "string")
    return value.startsWith("#") && isExcelErrorCode(value) ? { error: value } : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

export interface ReadResult {
  workbook: WorkbookGrid;
  /** The stored state, when asked for with `withState` (read in the same requests). */
  state?: LoadedState;
}

export interface ReadInternals {
  /** Also read the very hidden sheet's maps and settings, riding on the first requests. */
  withState?: boolean;
}

type Target = { sheet: Excel.Worksheet; requested?: string };

/** Reads the requested sheets; `context` is the caller's Excel.run context. */
export async function readNow(
  session: Session,
  context: Excel.RequestContext,
  options: ReadOptions = {},
  internals: ReadInternals = {},
): Promise<ReadResult> {
  const wanted = options.sheets ?? "active";
  const worksheets = context.workbook.worksheets;
  let targets: Target[];
  if (wanted === "all") {
    // The list of sheets first: their used ranges can only be asked for once they are known.
    worksheets.load("items/name,items/visibility");
    await context.sync();
    targets = worksheets.items
      .filter((s) => s.visibility === Excel.SheetVisibility.visible && s.name !== STATE_SHEET)
      .map((sheet) => ({ sheet }));
  } else if (wanted === "active") targets = [{ sheet: worksheets.getActiveWorksheet() }];
  else targets = wanted.map((name) => ({ sheet: worksheets.getItemOrNullObject(name), requested: name }));

  // Named sheets may not exist: check first, without chaining calls on a possibly null object.
  if (targets.some((t) => t.requested !== undefined)) {
    for (const t of targets) t.sheet.load("name");
    await context.sync();
    for (const t of targets) if (t.sheet.isNullObject) stop({ code: "NO_SUCH_SHEET", sheet: t.requested! });
  }

  // The state sheet rides along: known to exist → read now; unknown → ask now, read with the first block.
  const stateSheet =
    session.stateSheet === undefined ? worksheets.getItemOrNullObject(STATE_SHEET) : undefined;
  stateSheet?.load("name");
  let stateLoad: StateLoad | undefined;
  if (internals.withState && session.stateSheet === true)
    stateLoad = queueStateLoad(context, worksheets.getItem(STATE_SHEET));
  const used = targets.map((t) => {
    t.sheet.load("name,id,visibility");
    t.sheet.protection.load("protected");
    const u = t.sheet.getUsedRangeOrNullObject(true);
    u.load("rowIndex,columnIndex,rowCount,columnCount");
    return u;
  });
  await context.sync();
  if (stateSheet) session.stateSheet = !stateSheet.isNullObject;
  let stateQueued = false;
  if (internals.withState && !stateLoad && stateSheet && !stateSheet.isNullObject) {
    stateLoad = queueStateLoad(context, stateSheet);
    stateQueued = true;
  }

  const plans: SheetPlan[] = targets.map((t, i) => {
    const u = used[i];
    session.sheetNames.set(t.sheet.id, t.sheet.name);
    const grid: SheetGrid = {
      name: t.sheet.name,
      values: [],
      formulas: [],
      numberFormats: [],
      merges: [],
      visibility:
        t.sheet.visibility === "VeryHidden"
          ? "veryHidden"
          : t.sheet.visibility === "Hidden"
            ? "hidden"
            : "visible",
      protected: t.sheet.protection.protected,
    };
    if (u.isNullObject)
      return { sheet: t.sheet, grid, top: 0, left: 0, rows: 0, cols: 0, done: 0, merges: new Set() };
    for (let r = 0; r < u.rowIndex; r++) {
      grid.values.push([]);
      grid.formulas!.push([]);
      grid.numberFormats!.push([]);
    }
    return {
      sheet: t.sheet,
      grid,
      top: u.rowIndex,
      left: u.columnIndex,
      rows: u.rowCount,
      cols: u.columnCount,
      done: 0,
      merges: new Set(),
    };
  });

  const totalRows = plans.reduce((n, p) => n + p.rows, 0);
  let doneRows = 0;
  const progress = (p: Progress) => options.onProgress?.(p);
  progress({ stage: "read", done: 0, total: totalRows });
  /** Grows after a refused request: every estimate is doubled. */
  let caution = 1;
  while (plans.some((p) => p.done < p.rows)) {
    const blocks = planBlocks(plans, caution);
    try {
      await context.sync();
    } catch (err) {
      if (!isPayloadError(err) || blocks.every((b) => b.rows === 1)) throw err;
      // Refused as too large: plan the same rows again, in smaller blocks.
      for (const b of blocks) b.plan.done = b.start;
      caution *= 2;
      continue;
    }
    for (const b of blocks) {
      absorb(b);
      doneRows += b.rows;
      progress({ stage: "read", sheet: b.plan.grid.name, done: doneRows, total: totalRows });
    }
  }
  // No block request carried the state loads (empty sheets): send them on their own.
  if (stateQueued && totalRows === 0) await context.sync();
  for (const p of plans) p.grid.merges = [...p.merges];
  const workbook: WorkbookGrid = { name: "workbook", sheets: plans.map((p) => p.grid) };
  return {
    workbook,
    state: internals.withState
      ? ((await stateLoad?.finish(context, workbook)) ?? { found: false, tables: [], settings: {} })
      : undefined,
  };
}

/** Queues the next request's blocks: as many rows of as many sheets as fit READ_TARGET_BYTES. */
function planBlocks(plans: SheetPlan[], caution: number): Block[] {
  const blocks: Block[] = [];
  let budget = READ_TARGET_BYTES;
  for (const plan of plans) {
    if (plan.done >= plan.rows) continue;
    const perRow = (plan.bytesPerRow ?? plan.cols * GUESS_BYTES_PER_CELL) * caution;
    if (blocks.length > 0 && perRow > budget) break;
    const rows = Math.max(1, Math.min(plan.rows - plan.done, Math.floor(budget / perRow)));
    const range = plan.sheet.getRangeByIndexes(plan.top + plan.done, plan.left, rows, plan.cols);
    range.load("values,formulas,numberFormat");
    const merged = range.getMergedAreasOrNullObject();
    merged.load("address");
    blocks.push({ plan, start: plan.done, rows, range, merged });
    plan.done += rows;
    budget -= rows * perRow;
    if (budget <= 0) break;
  }
  return blocks;
}

function absorb(b: Block): void {
  const { plan, range } = b;
  const values = range.values;
  const formulas = range.formulas;
  const formats = range.numberFormat;
  const measured = (jsonBytes(values) + jsonBytes(formulas) + jsonBytes(formats)) / Math.max(1, b.rows);
  plan.bytesPerRow = Math.max(plan.bytesPerRow ?? 0, measured);
  const lead = plan.left;
  for (let i = 0; i < values.length; i++) {
    const vRow = values[i];
    const fRow = formulas[i];
    const nRow = formats[i];
    const outV: RawValue[] = new Array(lead + vRow.length);
    let outF: (string | null)[] | undefined;
    let outN: (string | null)[] | undefined;
    for (let c = 0; c < vRow.length; c++) {
      outV[lead + c] = rawValue(vRow[c]);
      const f = fRow[c];
      // Office.js puts the constant itself where a cell has no formula; the grid wants formulas only.
      if (typeof f === "string" && f.startsWith("=")) (outF ??= [])[lead + c] = f.slice(1);
      const n = nRow[c];
      // "General" is what an unformatted cell says; the file reader leaves those undefined too.
      if (typeof n === "string" && n !== "" && n !== "General") (outN ??= [])[lead + c] = n;
    }
    plan.grid.values.push(outV);
    plan.grid.formulas!.push(outF ?? []);
    plan.grid.numberFormats!.push(outN ?? []);
  }
  if (!b.merged.isNullObject) for (const area of splitAddressList(b.merged.address)) plan.merges.add(area);
}

/** `'a,b'!$A$1:$B$2, 'a,b'!C3` → ["A1:B2", "C3"]: areas without sheet or `$` (commas inside quotes kept). */
export function splitAddressList(address: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  const push = (part: string) => {
    const bang = part.lastIndexOf("!");
    const area = part
      .slice(bang + 1)
      .replace(/\$/g, "")
      .trim();
    if (area) out.push(area);
  };
  for (let i = 0; i < address.length; i++) {
    if (address[i] === "'") quoted = !quoted;
    else if (address[i] === "," && !quoted) {
      push(address.slice(start, i));
      start = i + 1;
    }
  }
  push(address.slice(start));
  return out;
}

/** The requested sheets as the engine's grid. */
export function readWorkbook(session: Session, options: ReadOptions = {}): Promise<Outcome<WorkbookGrid>> {
  return guarded(() =>
    Excel.run(async (context) => {
      const { workbook } = await readNow(session, context, options);
      return workbook;
    }),
  );
}
