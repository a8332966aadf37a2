/**
 * Live mode (docs/architecture.md, "The Excel door"): after an edit, only the checks that touch the edited
 * cells run again, and flags are rewritten only when the findings changed (add-in writes can clear Excel's
 * undo stack, so an unchanged result writes nothing).
 *
 * - worksheets.onChanged (ExcelApi 1.9) covers every sheet with one registration.
 * - Events the add-in's own writes cause carry triggerSource "ThisLocalAddin" (ExcelApi 1.14) and
 *   are ignored, as are changes to the very hidden sheet.
 * - Edits are debounced; then the edited cells inside the checked tables are read (one sync) and
 *   handed to the engine's Checker, which re-runs only the buckets holding them. Rows or columns
 *   inserted or deleted, or an edit to a table's header, re-read and re-map that sheet.
 * - With live mode off (`recheck: false`) the add-in still follows edits, so that it never shows
 *   something the sheet no longer says: the findings whose cells changed lose their notes and
 *   static flags (a live formula re-tests the sheet itself and stays), and the pane is told its
 *   results are out of date. Nothing is read and nothing is re-checked.
 */
import { parseArea, splitSheetRef, type RangeBox } from "../core/address";
import type { CellEdit } from "../core/checker";
import { Checker } from "../core/checker";
import { localDate } from "../core/flagPlan";
import type { RawValue } from "../core/grid";
import { markAccepted } from "./acceptances";
import { findingsKey } from "../core/finding";
import { resultOf } from "../core/check";
import { checkNow, chooseMaps, flagFindings } from "./check";
import { readNow, rawValue } from "./read";
import { guarded, serial, stop, toProblem } from "./run";
import type { Session } from "./session";
import { STATE_SHEET } from "./storage";
import type { Finding } from "../core/finding";
import type { FlagsWritten, LiveOptions, Outcome } from "./types";

/** Above this many edited cells, re-reading the whole sheet is simpler than patching. */
const PATCH_LIMIT_CELLS = 50_000;

interface PendingChange {
  worksheetId: string;
  address: string;
  structural: boolean;
}

export interface LiveState {
  options: LiveOptions;
  handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  pending: PendingChange[];
  running: Promise<void> | undefined;
}

export function isLive(session: Session): boolean {
  return session.live !== undefined;
}

/** The area an event or a finding names (`分解表!B3:D4`, `A:A`, `3:3`), without its sheet. */
function areaOf(address: string): RangeBox | null {
  return parseArea(splitSheetRef(address).ref);
}

function intersect(a: RangeBox, b: RangeBox): RangeBox | null {
  const box = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return box.top <= box.bottom && box.left <= box.right ? box : null;
}

function onChanged(session: Session, args: Excel.WorksheetChangedEventArgs): void {
  if (!session.live) return;
  // Our own flag and state writes come back as events: never re-check because of them.
  if (args.triggerSource === Excel.EventTriggerSource.thisLocalAddin) return;
  if (session.sheetNames.get(args.worksheetId) === STATE_SHEET) return;
  const structural =
    args.changeType !== Excel.DataChangeType.rangeEdited && args.changeType !== Excel.DataChangeType.unknown;
  session.live.pending.push({ worksheetId: args.worksheetId, address: args.address, structural });
  if (session.live.timer) clearTimeout(session.live.timer);
  session.live.timer = setTimeout(() => flush(session), session.live.options.debounceMs ?? 300);
}

function flush(session: Session): void {
  if (!session.live) return;
  session.live.timer = undefined;
  const batch = session.live.pending.splice(0);
  if (!batch.length) return;
  const state = session.live;
  const follow = state.options.recheck === false ? markChanged : recheck;
  const running: Promise<void> = serial(() => follow(session, batch, state.options)).finally(() => {
    if (state.running === running) state.running = undefined;
  });
  state.running = running;
}

async function recheck(session: Session, batch: PendingChange[], options: LiveOptions): Promise<void> {
  const workbook = session.workbook;
  const checker = session.checker;
  if (!workbook || !checker) return;
  try {
    await Excel.run(async (context) => {
      const bySheet = new Map<string, { boxes: RangeBox[]; structural: boolean }>();
      for (const c of batch) {
        const name = session.sheetNames.get(c.worksheetId);
        // A sheet the session never read holds no table the checker knows.
        if (!name || !workbook.sheets.some((s) => s.name === name)) continue;
        const entry = bySheet.get(name) ?? { boxes: [], structural: false };
        entry.structural ||= c.structural;
        const box = areaOf(c.address);
        if (box) entry.boxes.push(box);
        bySheet.set(name, entry);
      }
      // Only cells inside a checked table can change a finding.
      const patches: { sheet: string; box: RangeBox; range: Excel.Range }[] = [];
      const remap = new Set<string>();
      for (const [name, entry] of bySheet) {
        if (entry.structural) {
          remap.add(name);
          continue;
        }
        const tables = session.maps.filter((m) => m.sheet === name).map((m) => m.range);
        const boxes = entry.boxes.flatMap((b) =>
          tables.map((t) => intersect(b, t)).filter((x): x is RangeBox => x !== null),
        );
        const cells = boxes.reduce((n, b) => n + (b.bottom - b.top + 1) * (b.right - b.left + 1), 0);
        if (cells > PATCH_LIMIT_CELLS) {
          remap.add(name);
          continue;
        }
        const sheet = context.workbook.worksheets.getItem(name);
        for (const box of boxes) {
          const range = sheet.getRangeByIndexes(
            box.top,
            box.left,
            box.bottom - box.top + 1,
            box.right - box.left + 1,
          );
          range.load("values,formulas,numberFormat");
          patches.push({ sheet: name, box, range });
        }
      }
      if (!patches.length && !remap.size) return;
      if (patches.length) await context.sync();

      let rechecked = 0;
      let active = checker;
      const edits: CellEdit[] = [];
      for (const p of patches) {
        const grid = workbook.sheets.find((s) => s.name === p.sheet)!;
        p.range.values.forEach((row, i) =>
          row.forEach((v, j) => {
            const r = p.box.top + i;
            const c = p.box.left + j;
            const value: RawValue = rawValue(v);
            const f = p.range.formulas[i][j];
            const formula = typeof f === "string" && f.startsWith("=") ? f.slice(1) : null;
            const nf = p.range.numberFormat[i][j];
            const format = typeof nf === "string" && nf !== "General" && nf !== "" ? nf : undefined;
            const before = grid.values[r]?.[c];
            const formatChanged = (grid.numberFormats?.[r]?.[c] ?? undefined) !== format;
            if (formatChanged) ((grid.numberFormats ??= [])[r] ??= [])[c] = format;
            const same =
              JSON.stringify(before ?? null) === JSON.stringify(value ?? null) &&
              (grid.formulas?.[r]?.[c] ?? null) === formula;
            if (!same || formatChanged) edits.push({ sheet: p.sheet, row: r, col: c, value, formula });
          }),
        );
      }
      if (edits.length) {
        const outcome = checker.applyEditsInPlace(edits);
        rechecked += outcome.checksRun;
        if (outcome.structural) for (const e of edits) remap.add(e.sheet);
      }
      if (remap.size) {
        // Rows inserted, a header edited: read those sheets again and map them afresh.
        const { workbook: fresh, state } = await readNow(
          session,
          context,
          { sheets: [...remap] },
          { withState: true },
        );
        for (const g of fresh.sheets) {
          const i = workbook.sheets.findIndex((s) => s.name === g.name);
          if (i >= 0) workbook.sheets[i] = g;
        }
        const others = session.maps.filter((m) => !remap.has(m.sheet));
        const { maps } = chooseMaps(fresh, state);
        session.maps = [...others, ...maps];
        active = new Checker(workbook, session.maps);
        active.checkAll();
        session.checker = active;
        rechecked += active.checks();
      }
      // A re-check is a check: the notes it writes carry today's date.
      session.checkedOn = localDate(new Date());
      const result = await markAccepted(session, { ...resultOf(active), problems: [] }, workbook);
      const key = findingsKey(result.findings);
      const changed = key !== session.flaggedKey;
      let wrote = false;
      let flags: FlagsWritten | undefined;
      if (changed && options.flags !== false) {
        flags = await flagFindings(
          session,
          context,
          workbook,
          result.findings,
          options.lang ?? session.lang,
          true,
          options.notes !== false,
        );
        wrote = flags?.wrote ?? false;
      } else if (changed) session.flaggedKey = key;
      options.onFindings({ result, findings: result.findings, changed, rechecked, wrote, flags, workbook });
    });
  } catch (err) {
    options.onProblem?.(toProblem(err));
  }
}

/** A finding by what it says and where: the same finding in the last check and in the changed set. */
function findingId(f: Finding): string {
  return `${f.rule}\u0000${f.sheet}\u0000${f.cell}\u0000${f.indicator ?? ""}`;
}

/** The areas a finding covers (its cell and related cells), on their sheets. */
function areasOf(f: Finding): { sheet: string; box: RangeBox }[] {
  return [f.cell, ...f.related].flatMap((text) => {
    const { sheet = f.sheet, ref } = splitSheetRef(text);
    const box = parseArea(ref);
    return box ? [{ sheet, box }] : [];
  });
}

/**
 * Live mode off: the edits are not re-checked, but the findings they touch are no longer known to
 * be true. Their notes and static flags go (live formulas stay: they test the sheet as it is), and
 * the pane is told its results are out of date. Rows inserted or deleted move every cell of that
 * sheet: all its findings count as changed.
 */
async function markChanged(session: Session, batch: PendingChange[], options: LiveOptions): Promise<void> {
  const workbook = session.workbook;
  const checker = session.checker;
  if (!workbook || !checker) return;
  try {
    await Excel.run(async (context) => {
      const edited: { sheet: string; box: RangeBox | null; structural: boolean }[] = [];
      for (const c of batch) {
        const sheet = session.sheetNames.get(c.worksheetId);
        if (!sheet || !workbook.sheets.some((s) => s.name === sheet)) continue;
        edited.push({ sheet, box: c.structural ? null : areaOf(c.address), structural: c.structural });
      }
      if (!edited.length) return;
      const findings = checker.findings();
      const touches = (f: Finding) =>
        areasOf(f).some((a) =>
          edited.some((e) => e.sheet === a.sheet && (e.box === null || intersect(e.box, a.box) !== null)),
        ) || edited.some((e) => e.structural && e.sheet === f.sheet);
      const touched = findings.filter(touches);
      const inTables = edited.some((e) =>
        session.maps.some(
          (m) => m.sheet === e.sheet && (e.box === null || intersect(e.box, m.range) !== null),
        ),
      );
      if (!touched.length && !inTables) return;
      const before = session.changed.size;
      for (const f of touched) session.changed.add(findingId(f));
      let flags: FlagsWritten | undefined;
      // Flags are corrected only where the add-in has flags on show (none after Clear flags).
      if (session.changed.size > before && options.flags !== false && session.flaggedPlan !== undefined)
        flags = await flagFindings(
          session,
          context,
          workbook,
          findings,
          options.lang ?? session.lang,
          true,
          options.notes !== false,
          (f) => session.changed.has(findingId(f)),
        );
      options.onStale?.({
        sheets: [...new Set(edited.map((e) => e.sheet))],
        findings: touched,
        ...(flags ? { flags } : {}),
      });
    });
  } catch (err) {
    options.onProblem?.(toProblem(err));
  }
}

/**
 * Starts re-checking on every edit. Live mode re-runs the last check's tables (checkInExcel); with
 * no check yet it checks first. Starting twice keeps one registration with the new options.
 */
export function startLive(session: Session, options: LiveOptions): Promise<Outcome<void>> {
  return guarded(async () => {
    if (session.live) {
      session.live.options = options;
      return;
    }
    if (!session.checker && options.recheck !== false) {
      // Live mode re-runs a check's tables: without one yet, check first (flags as the options say).
      const outcome = await Excel.run((context) =>
        checkNow(session, context, { lang: options.lang, flags: options.flags }),
      );
      if (outcome.kind === "problem") stop(outcome.problem);
      if (outcome.kind !== "checked")
        stop({ code: "HOST_ERROR", detail: `nothing to follow (${outcome.kind})` });
    }
    const state: LiveState = {
      options,
      handler: undefined,
      timer: undefined,
      pending: [],
      running: undefined,
    };
    session.live = state;
    try {
      await Excel.run(async (context) => {
        state.handler = context.workbook.worksheets.onChanged.add(async (args) => onChanged(session, args));
        await context.sync();
      });
    } catch (err) {
      session.live = undefined;
      throw err;
    }
  });
}

/** Stops live mode; edits already waiting are dropped. */
export async function stopLive(session: Session): Promise<void> {
  const state = session.live;
  if (!state) return;
  session.live = undefined;
  if (state.timer) clearTimeout(state.timer);
  await state.running;
  const handler = state.handler;
  if (!handler) return;
  await serial(async () => {
    try {
      await Excel.run(handler.context, async (context) => {
        handler.remove();
        await context.sync();
      });
    } catch {
      // The workbook closed or the host dropped the registration: nothing left to remove.
    }
  });
}

/** Resolves once no edit is waiting for its debounce and no re-check is running (tests, the playground). */
export async function liveIdle(session: Session): Promise<void> {
  for (;;) {
    const state = session.live;
    if (!state) return;
    if (state.running) {
      await state.running;
      continue;
    }
    if (state.timer || state.pending.length) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, (state.options.debounceMs ?? 300) / 2)));
      continue;
    }
    return;
  }
}
