/**
 * Applying a rebalance (issue 5) and undoing it, also after the pane was closed and reopened.
 *
 * Apply: one request reads the cells to write (values and formulas) and the sheet's protection;
 * a protected sheet is refused, a formula among the cells is returned for the pane to ask about
 * (nothing written) unless the user already confirmed; then ONE request writes every value, the
 * undo snapshot (the exact previous values and formulas) into `_tdcheck` section `undo` (column D)
 * and a change-trail entry (the engine's `TrailEntry`) into section `trail` (column E).
 *
 * Undo: the last snapshot is restored exactly, formulas included, after checking that every cell
 * still holds what Apply wrote (a cell edited since is named, and nothing is written). The undo is
 * recorded in the trail too. Both may re-check at once (`recheck`), so the flag follows.
 */
import type { Decimal } from "../core/decimal";
import type { RebalanceOk } from "../core/rebalance/rebalance";
import { plannedWrites, type RebalancePlan } from "../core/rebalanceRequest";
import { parseTrail, trailDocument, trailEntryFor, type TrailEntry, type TrailValue } from "../core/report";
import { checkNow } from "./check";
import { guarded, stop, toProblem } from "./run";
import type { Session } from "./session";
import { openStateSheet, queueCreateStateSheet, queueSectionWrite, SectionReader } from "./storage";
import type { CheckInExcelOptions, CheckOutcome, Outcome } from "./types";

export const UNDO_SCHEMA = "tdcheck-undo/1";
/** Snapshots kept: Undo walks back through them, the most recent first. */
export const UNDO_DEPTH = 10;

/** What a cell held before Apply wrote it. */
export interface UndoCell {
  cell: string;
  unit: string;
  role: "child" | "parent";
  /** The stored value as Office.js gave it ("" for an empty cell). */
  value: string | number | boolean;
  /** The formula with "=", when the cell held one. */
  formula?: string;
  /** What Apply wrote (the stored value). */
  wrote: number;
}

export interface UndoSnapshot {
  /** The applied rebalance's trail time (ISO 8601): the undo's trail entry points to it. */
  time: string;
  sheet: string;
  indicator: string;
  cells: UndoCell[];
  /** The trail entry of the rebalance, to record its undo. */
  entry: TrailEntry;
}

export interface UndoDocument {
  schema: typeof UNDO_SCHEMA;
  snapshots: UndoSnapshot[];
}

export interface ApplyRebalanceOptions {
  /** What buildRebalancePlan planned and the engine answered (status "ok"). */
  plan: RebalancePlan;
  result: RebalanceOk;
  /** The user confirmed replacing the formula cells the first attempt listed. */
  overwriteFormulas?: boolean;
  /** Who applied it (the trail's `by`). */
  by?: string;
  /** ISO 8601; now by default. */
  time?: string;
  /** Re-check after writing (the flag follows); false to leave it to the caller. Default: check the plan's sheet. */
  recheck?: CheckInExcelOptions | false;
}

export interface FormulaCell {
  cell: string;
  unit: string;
  /** With "=". */
  formula: string;
}

export type ApplyOutcome =
  | {
      status: "applied";
      /** The cells written, in sheet order. */
      cells: string[];
      entry: TrailEntry;
      check?: CheckOutcome;
    }
  /** These target cells hold formulas: ask, then apply again with `overwriteFormulas`. Nothing was written. */
  | { status: "confirm-formulas"; formulas: FormulaCell[] }
  /** The rebalance changes no cell. */
  | { status: "nothing-to-write" };

export interface EditedCell {
  cell: string;
  unit: string;
  /** What Apply wrote. */
  wrote: number;
  /** What the cell holds now (a formula with "="). */
  now: string | number | boolean;
}

export type UndoOutcome =
  | { status: "undone"; cells: string[]; entry: TrailEntry; check?: CheckOutcome }
  | { status: "nothing-to-undo" }
  /** Cells were edited after Apply: restoring would overwrite those edits. Nothing was written. */
  | { status: "edited"; sheet: string; indicator: string; cells: EditedCell[] };

/** What Undo would restore, for the pane's Undo button (also after reopening). */
export interface UndoInfo {
  time: string;
  sheet: string;
  indicator: string;
  cells: string[];
  /** Snapshots kept in all. */
  depth: number;
}

function readUndo(doc: unknown): UndoSnapshot[] {
  const d = doc as Partial<UndoDocument> | null;
  if (!d || d.schema !== UNDO_SCHEMA || !Array.isArray(d.snapshots)) return [];
  return d.snapshots.filter(
    (s): s is UndoSnapshot =>
      !!s &&
      typeof s.time === "string" &&
      typeof s.sheet === "string" &&
      Array.isArray(s.cells) &&
      s.cells.every((c) => c && typeof c.cell === "string" && typeof c.wrote === "number"),
  );
}

function undoDocument(snapshots: UndoSnapshot[]): UndoDocument | undefined {
  return snapshots.length ? { schema: UNDO_SCHEMA, snapshots: snapshots.slice(-UNDO_DEPTH) } : undefined;
}

function num(d: Decimal): number {
  return d.toJSON();
}

function formulaOf(f: unknown): string | undefined {
  return typeof f === "string" && f.startsWith("=") && f.length > 1 ? f : undefined;
}

async function recheckNow(
  session: Session,
  context: Excel.RequestContext,
  options: CheckInExcelOptions | false | undefined,
  sheet: string,
): Promise<CheckOutcome | undefined> {
  if (options === false) return undefined;
  try {
    return await checkNow(session, context, options ?? { sheets: [sheet] });
  } catch (err) {
    const p = toProblem(err);
    return { kind: "failed", stage: "check", detail: p.code === "HOST_ERROR" ? p.detail : p.code };
  }
}

/** The sheet, or NO_SUCH_SHEET when a sync says it is not there. */
async function syncOnSheet(context: Excel.RequestContext, sheet: string): Promise<void> {
  try {
    await context.sync();
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === "ItemNotFound") stop({ code: "NO_SUCH_SHEET", sheet });
    throw err;
  }
}

/** Writes a rebalance (see the file comment); never throws. */
export function applyRebalance(
  session: Session,
  options: ApplyRebalanceOptions,
): Promise<Outcome<ApplyOutcome>> {
  return guarded(() =>
    Excel.run(async (context): Promise<ApplyOutcome> => {
      const { plan, result } = options;
      const writes = plannedWrites(plan, result);
      if (!writes.length) return { status: "nothing-to-write" };

      // Request 1: the cells as they are now, the protection, the stored undo and trail.
      const sheet = context.workbook.worksheets.getItem(plan.sheet);
      sheet.protection.load("protected");
      const ranges = writes.map((w) => {
        const r = sheet.getRange(w.cell);
        r.load("values,formulas");
        return r;
      });
      let stateSheet = await openStateSheet(session, context);
      const undoReader = stateSheet ? new SectionReader(stateSheet, "undo") : undefined;
      const trailReader = stateSheet ? new SectionReader(stateSheet, "trail") : undefined;
      await syncOnSheet(context, plan.sheet);
      if (sheet.protection.protected) stop({ code: "PROTECTED_SHEET", sheet: plan.sheet });

      const formulas = new Map<string, string>();
      writes.forEach((w, i) => {
        const f = formulaOf(ranges[i].formulas[0]?.[0]);
        if (f) formulas.set(w.cell, f);
      });
      if (formulas.size && !options.overwriteFormulas)
        return {
          status: "confirm-formulas",
          formulas: writes.flatMap((w) =>
            formulas.has(w.cell) ? [{ cell: w.cell, unit: w.unit, formula: formulas.get(w.cell)! }] : [],
          ),
        };
      let snapshots: UndoSnapshot[];
      let trail: TrailEntry[];
      try {
        snapshots = readUndo(await undoReader?.result(context));
      } catch {
        snapshots = [];
      }
      try {
        const t = await trailReader?.result(context);
        trail = t === undefined ? [] : parseTrail(t).entries;
      } catch {
        trail = [];
      }

      const time = options.time ?? new Date().toISOString();
      const entry = trailEntryFor(plan, result, writes, formulas, time, { by: options.by, source: "add-in" });
      const cells: UndoCell[] = writes.map((w, i) => {
        const v = ranges[i].values[0]?.[0] as string | number | boolean | undefined;
        const c: UndoCell = { cell: w.cell, unit: w.unit, role: w.role, value: v ?? "", wrote: num(w.value) };
        const f = formulas.get(w.cell);
        if (f) c.formula = f;
        return c;
      });

      // Request 2: every value, the snapshot and the trail together.
      for (const w of writes) sheet.getRange(w.cell).values = [[num(w.value)]];
      if (!stateSheet) {
        stateSheet = queueCreateStateSheet(context);
        session.stateSheet = true;
      }
      const snapshot: UndoSnapshot = {
        time,
        sheet: plan.sheet,
        indicator: plan.indicator.name,
        cells,
        entry,
      };
      await queueSectionWrite(context, stateSheet, "undo", undoDocument([...snapshots, snapshot]));
      await queueSectionWrite(context, stateSheet, "trail", trailDocument([...trail, entry]));
      await context.sync();

      const check = await recheckNow(session, context, options.recheck, plan.sheet);
      return { status: "applied", cells: writes.map((w) => w.cell), entry, ...(check ? { check } : {}) };
    }),
  );
}

function sameValue(now: unknown, wrote: number): boolean {
  return typeof now === "number" && now === wrote;
}

export interface UndoOptions {
  by?: string;
  time?: string;
  /** Re-check after restoring; default: the snapshot's sheet. */
  recheck?: CheckInExcelOptions | false;
}

/** Restores the last applied rebalance exactly (see the file comment); never throws. */
export function undoRebalance(session: Session, options: UndoOptions = {}): Promise<Outcome<UndoOutcome>> {
  return guarded(() =>
    Excel.run(async (context): Promise<UndoOutcome> => {
      const stateSheet = await openStateSheet(session, context);
      if (!stateSheet) return { status: "nothing-to-undo" };
      const undoReader = new SectionReader(stateSheet, "undo");
      const trailReader = new SectionReader(stateSheet, "trail");
      await context.sync();
      const snapshots = readUndo(await undoReader.result(context));
      const last = snapshots[snapshots.length - 1];
      if (!last) return { status: "nothing-to-undo" };
      let trail: TrailEntry[];
      try {
        const t = await trailReader.result(context);
        trail = t === undefined ? [] : parseTrail(t).entries;
      } catch {
        trail = [];
      }

      const sheet = context.workbook.worksheets.getItem(last.sheet);
      sheet.protection.load("protected");
      const ranges = last.cells.map((c) => {
        const r = sheet.getRange(c.cell);
        r.load("values,formulas");
        return r;
      });
      await syncOnSheet(context, last.sheet);
      const edited: EditedCell[] = [];
      last.cells.forEach((c, i) => {
        const formula = formulaOf(ranges[i].formulas[0]?.[0]);
        const value = ranges[i].values[0]?.[0];
        if (formula || !sameValue(value, c.wrote))
          edited.push({
            cell: c.cell,
            unit: c.unit,
            wrote: c.wrote,
            now: formula ?? (value as string | number | boolean),
          });
      });
      if (edited.length)
        return { status: "edited", sheet: last.sheet, indicator: last.indicator, cells: edited };
      if (sheet.protection.protected) stop({ code: "PROTECTED_SHEET", sheet: last.sheet });

      for (let i = 0; i < last.cells.length; i++) {
        const c = last.cells[i];
        if (c.formula) ranges[i].formulas = [[c.formula]];
        else ranges[i].values = [[c.value]];
      }
      const time = options.time ?? new Date().toISOString();
      const reverse = <T extends { before: TrailValue; after: TrailValue; beforeFormula?: string }>(
        ch: T,
      ) => {
        const { beforeFormula, ...rest } = ch;
        void beforeFormula;
        return { ...rest, before: ch.after, after: ch.before };
      };
      const entry: TrailEntry = {
        ...last.entry,
        time,
        kind: "undo",
        undoes: last.time,
        children: last.entry.children.map(reverse),
        ...(last.entry.parent ? { parent: reverse(last.entry.parent) } : {}),
        source: "add-in",
      };
      if (options.by) entry.by = options.by;
      else delete entry.by;
      await queueSectionWrite(context, stateSheet, "undo", undoDocument(snapshots.slice(0, -1)));
      await queueSectionWrite(context, stateSheet, "trail", trailDocument([...trail, entry]));
      await context.sync();

      const check = await recheckNow(session, context, options.recheck, last.sheet);
      return { status: "undone", cells: last.cells.map((c) => c.cell), entry, ...(check ? { check } : {}) };
    }),
  );
}

/** What Undo would restore now (undefined: nothing), read from the workbook. */
export function lastRebalance(session: Session): Promise<Outcome<UndoInfo | undefined>> {
  return guarded(() =>
    Excel.run(async (context) => {
      const stateSheet = await openStateSheet(session, context);
      if (!stateSheet) return undefined;
      const reader = new SectionReader(stateSheet, "undo");
      await context.sync();
      let snapshots: UndoSnapshot[];
      try {
        snapshots = readUndo(await reader.result(context));
      } catch {
        return undefined;
      }
      const last = snapshots[snapshots.length - 1];
      if (!last) return undefined;
      return {
        time: last.time,
        sheet: last.sheet,
        indicator: last.indicator,
        cells: last.cells.map((c) => c.cell),
        depth: snapshots.length,
      };
    }),
  );
}
