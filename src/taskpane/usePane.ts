/**
 * The pane's state and what its buttons do, on top of the adapter (excelPort). Each action reads
 * from Excel through the adapter, runs the engine (`checkMaps`, `planFlags`) and writes the add-in's
 * flags back through the adapter; every failure becomes a notice the pane can word precisely.
 */
import { parseRange } from "../core/address";
import type { CheckResult } from "../core/check";
import { guessDeclaration, overlaps, setPolicy } from "../core/corrections";
import { type Declaration, type Declared, declareSplit } from "../core/declare";
import type { Finding } from "../core/finding";
import { planFlags } from "../core/flagPlan";
import type { WorkbookGrid } from "../core/grid";
import type { Policy, TableMap } from "../core/model";
import type { ExcelProblem, FlagsWritten, LiveUpdate, Progress, StaleUpdate } from "../excel";
import type { ExcelPort } from "./excelPort";
import { selectionOf } from "./findingGroups";
import { type StringKey, type UiLocale, fill, messageLang, stringsFor } from "./i18n";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  type CheckedView,
  DEFAULT_SETTINGS,
  type FlagStyle,
  type PaneActions,
  type PaneSettings,
  type PaneState,
  type SelectedTable,
  type Task,
  confirmedSheets,
  settingsFrom,
  stateToSave,
  stripSheet,
} from "./paneState";

export function usePane(port: ExcelPort, locale: UiLocale, inExcel: boolean): [PaneState, PaneActions] {
  const lang = messageLang(locale);
  const t = stringsFor(locale);
  const [state, setState] = useState<PaneState>({
    ready: false,
    supported: true,
    busy: null,
    progress: null,
    view: null,
    emptySheet: null,
    notices: [],
    savedSheets: [],
    settings: DEFAULT_SETTINGS,
    announcement: { text: "", n: 0 },
  });
  // Async actions read the latest state through the ref, never a stale closure.
  // The ref is the truth, updated at once: async actions read it between awaits, before React has
  // rendered (React runs setState updaters lazily, so they cannot be where the ref is updated).
  const ref = useRef(state);
  const update = useCallback((change: Partial<PaneState> | ((s: PaneState) => Partial<PaneState>)) => {
    const next = { ...ref.current, ...(typeof change === "function" ? change(ref.current) : change) };
    ref.current = next;
    setState(next);
  }, []);
  const announce = useCallback(
    (text: string) => update((s) => ({ announcement: { text, n: s.announcement.n + 1 } })),
    [update],
  );
  const onProgress = useCallback((progress: Progress) => update({ progress }), [update]);
  // After every check the pane follows edits (re-checking, or marking its results out of date);
  // defined further down, reached through a ref because it needs the check's own callbacks.
  const followRef = useRef<() => Promise<void>>(async () => undefined);

  const summaryText = useCallback(
    (key: StringKey, sheet: string, result: CheckResult) =>
      fill(t[key], {
        sheet,
        errors: result.summary.errors,
        warnings: result.summary.warnings,
        infos: result.summary.infos,
      }),
    [t],
  );

  /** Makes the sheet's flags match the findings, in the chosen style; a refusal becomes a notice. */
  const writeFlagsFor = useCallback(
    async (
      workbook: WorkbookGrid,
      findings: Finding[],
      style: FlagStyle,
    ): Promise<FlagsWritten | undefined> => {
      if (style === "none") {
        const cleared = await port.clearFlags();
        if (!cleared.ok)
          update((s) => ({ notices: [...s.notices, { kind: "problem", problem: cleared.problem }] }));
        return undefined;
      }
      const plan = planFlags(workbook, findings, lang);
      const written = await port.writeFlags(style === "fill" ? { ...plan, notes: [] } : plan, { onProgress });
      if (!written.ok) {
        update((s) => ({ notices: [...s.notices, { kind: "problem", problem: written.problem }] }));
        return undefined;
      }
      return written.value;
    },
    [port, lang, onProgress, update],
  );

  const run = useCallback(
    async (task: Task, work: () => Promise<void>) => {
      if (ref.current.busy) return;
      update({ busy: task, progress: null, notices: [] });
      try {
        await work();
      } catch (err) {
        // The adapter never throws; this is a bug of ours, still worded rather than swallowed.
        update((s) => ({
          notices: [
            ...s.notices,
            { kind: "text", intent: "error", key: "failed.check", vars: { detail: String(err) } },
          ],
        }));
      } finally {
        update({ busy: null, progress: null });
      }
    },
    [update],
  );

  /**
   * The adapter's check (saved maps where the user corrected them, detection elsewhere); it also
   * primes live mode. Flags: the adapter writes "colour and note" itself; the other styles are
   * planned here from the same findings.
   */
  const checkNow = useCallback(
    async (origin: CheckedView["origin"]) => {
      const { flagStyle: style, scope } = ref.current.settings;
      const outcome = await port.checkInExcel({
        sheets: scope,
        lang,
        flags: style === "fill-note",
        onProgress,
      });
      switch (outcome.kind) {
        case "problem":
          update({ notices: [{ kind: "problem", problem: outcome.problem }] });
          return;
        case "failed":
          update({
            notices: [
              {
                kind: "text",
                intent: "error",
                key: `failed.${outcome.stage}`,
                vars: { detail: outcome.detail },
              },
            ],
          });
          return;
        case "empty-sheet":
          update({ view: null, emptySheet: outcome.sheet });
          announce(fill(t.emptySheet, { sheet: outcome.sheet }));
          return;
        case "checked": {
          // A protected sheet: the findings stand, only the flags were refused.
          const refused = (outcome as { flagsProblem?: ExcelProblem }).flagsProblem;
          if (refused) update((s) => ({ notices: [...s.notices, { kind: "problem", problem: refused }] }));
          const flags =
            style === "fill-note"
              ? outcome.flags
              : await writeFlagsFor(outcome.workbook, outcome.result.findings, style);
          update({
            emptySheet: null,
            view: {
              sheet: outcome.sheet,
              scope,
              result: outcome.result,
              workbook: outcome.workbook,
              flags,
              origin,
            },
          });
          announce(
            summaryText(
              scope === "all" ? "announce.checkedAll" : "announce.checked",
              outcome.sheet,
              outcome.result,
            ),
          );
          await followRef.current();
        }
      }
    },
    [port, lang, onProgress, update, announce, t, writeFlagsFor, summaryText],
  );

  const check = useCallback(() => run("check", () => checkNow("check")), [run, checkNow]);

  const clearFlags = useCallback(
    () =>
      run("clear", async () => {
        const cleared = await port.clearFlags();
        if (!cleared.ok) {
          update({ notices: [{ kind: "problem", problem: cleared.problem }] });
          return;
        }
        update((s) => ({
          view: s.view ? { ...s.view, flags: undefined } : null,
          notices: [{ kind: "text", intent: "success", key: "cleared", vars: { ...cleared.value } }],
        }));
        announce(fill(t["announce.cleared"], { ...cleared.value }));
      }),
    [run, port, update, announce, t],
  );

  const selectFinding = useCallback(
    async (f: Finding) => {
      const ranges = selectionOf(f);
      const selected = await port.selectCells(f.sheet, ranges);
      if (!selected.ok) {
        update({ notices: [{ kind: "problem", problem: selected.problem }] });
        return;
      }
      announce(fill(t["announce.selected"], { address: ranges.join(", ") }));
    },
    [port, update, announce, t],
  );

  /**
   * Saves in the workbook: the corrected maps of `sheets` (replacing what they had) and the settings. The
   * stored maps of the other sheets are kept; the adapter returns them as the engine's maps only
   * against the workbook they belong to, hence the read of every sheet first. A stored map that no
   * longer fits its sheet is left out (detection takes over there, as it does when checking).
   */
  const persist = useCallback(
    async (change: { sheets?: string[]; maps?: TableMap[]; settings?: PaneSettings }): Promise<boolean> => {
      const fail = (problem: ExcelProblem) => {
        update((s) => ({ notices: [...s.notices, { kind: "problem", problem }] }));
        return false;
      };
      const read = await port.readWorkbook({ sheets: "all", onProgress });
      if (!read.ok) return fail(read.problem);
      const loaded = await port.loadState({ workbook: read.value });
      // An unreadable state is replaced (the pane said so when it opened); anything else stops here.
      if (!loaded.ok && loaded.problem.code !== "STATE_UNREADABLE") return fail(loaded.problem);
      const state = stateToSave(loaded.ok ? loaded.value : undefined, change, ref.current.settings);
      const saved = await port.saveState(state);
      if (!saved.ok) return fail(saved.problem);
      update({ savedSheets: confirmedSheets(state.tables) });
      return true;
    },
    [port, onProgress, update],
  );

  /**
   * A correction: the sheet's maps as the user wants them are saved in the workbook (anchored, so
   * the command line and the next session see them) and the sheet is checked with them at once.
   */
  const applyMaps = useCallback(
    (sheet: string, maps: TableMap[]) =>
      run("save", async () => {
        if (await persist({ sheets: [sheet], maps })) await checkNow("edit");
      }),
    [run, persist, checkNow],
  );

  /**
   * The user's selection, for "use the selection as the table": its sheet and box, with what the
   * pane proposes as the unit line and the parent (detection on the selection alone, if it reads
   * anything). Undefined, with a notice, when it cannot be used.
   */
  const selectionForTable = useCallback(async (): Promise<SelectedTable | undefined> => {
    const view = ref.current.view;
    if (!view) return undefined;
    const selection = await port.readSelection();
    if (!selection.ok) {
      update({ notices: [{ kind: "text", intent: "warning", key: "selection.unavailable" }] });
      return undefined;
    }
    const { sheet } = selection.value;
    const address = stripSheet(selection.value.address).split(",")[0];
    const grid = view.workbook.sheets.find((s) => s.name === sheet);
    if (!grid) {
      update({
        notices: [{ kind: "text", intent: "warning", key: "selection.otherSheet", vars: { sheet } }],
      });
      return undefined;
    }
    const box = parseRange(address);
    if (!box) return undefined;
    return { sheet, address, box, guess: guessDeclaration(grid, box) };
  }, [port, update]);

  /**
   * The selection read as the user declares it (the line naming the units, the parent): it replaces
   * the tables of its sheet it overlaps, is saved in the workbook and checked at once.
   */
  const declareTable = useCallback(
    async (selected: SelectedTable, declaration: Declaration): Promise<Declared> => {
      const view = ref.current.view;
      const grid = view?.workbook.sheets.find((s) => s.name === selected.sheet);
      if (!view || !grid) return { ok: false, reason: "outside" };
      const declared = declareSplit(grid, selected.box, declaration);
      if (!declared.ok) return declared;
      const kept = view.result.maps.filter(
        (m) => m.sheet === selected.sheet && !overlaps(m.range, selected.box),
      );
      await applyMaps(selected.sheet, [...kept, declared.map]);
      return declared;
    },
    [applyMaps],
  );

  /** Forgets the corrections of every sheet on show; detection takes over again. */
  const resetDetection = useCallback(
    () =>
      run("save", async () => {
        const view = ref.current.view;
        if (!view) return;
        if (await persist({ sheets: view.workbook.sheets.map((s) => s.name), maps: [] }))
          await checkNow("check");
      }),
    [run, persist, checkNow],
  );

  const onLive = useCallback(
    async (live: LiveUpdate) => {
      const view = ref.current.view;
      const sheet = view?.sheet ?? live.findings[0]?.sheet ?? "";
      const scope = view?.scope ?? ref.current.settings.scope;
      // The adapter wrote the flags in the chosen style (colour only: no notes) from the sheets as
      // live mode holds them, which are also the cells the pane plans from now.
      const flags = live.flags ?? view?.flags;
      update({
        view: { sheet, scope, result: live.result, workbook: live.workbook, flags, origin: "live" },
      });
      if (live.changed) announce(summaryText("announce.live", sheet, live.result));
    },
    [update, announce, summaryText],
  );

  /** Live mode off, cells of the last check edited: its notes went, its results are out of date. */
  const onStale = useCallback(
    (stale: StaleUpdate) => {
      const view = ref.current.view;
      if (!view) return;
      const first = !view.stale;
      update({ view: { ...view, stale: true, flags: stale.flags ?? view.flags } });
      if (first) announce(t["stale"]);
    },
    [update, announce, t],
  );

  /**
   * After a check, edits are followed: with live mode on each one re-runs the checks it touches;
   * with it off the findings it touches lose their notes and the results are marked out of date.
   */
  const follow = useCallback(async () => {
    const settings = ref.current.settings;
    const started = await port.startLive({
      lang,
      recheck: settings.live,
      flags: settings.flagStyle !== "none",
      notes: settings.flagStyle === "fill-note",
      onFindings: (u) => void onLive(u),
      onStale,
      onProblem: (problem) => update((s) => ({ notices: [...s.notices, { kind: "problem", problem }] })),
    });
    if (!started.ok)
      update((s) => ({ notices: [...s.notices, { kind: "problem", problem: started.problem }] }));
  }, [port, lang, onLive, onStale, update]);
  followRef.current = follow;

  /**
   * Live mode switched on re-checks at once (the sheet may have changed while it was off, or since
   * the workbook was last open); switched off, the results stay and edits mark them out of date.
   */
  const startLive = useCallback(
    async (settings: PaneSettings) => {
      if (settings.live) await run("check", () => checkNow("live"));
      else if (ref.current.view) await follow();
      else await port.stopLive();
    },
    [port, run, checkNow, follow],
  );

  const setSettings = useCallback(
    async (change: Partial<PaneSettings>) => {
      const before = ref.current.settings;
      const settings = { ...before, ...change };
      update({ settings });
      await run("save", async () => {
        await persist({ settings });
      });
      const scopeChanged = settings.scope !== before.scope;
      if (
        settings.live !== before.live ||
        settings.flagStyle !== before.flagStyle ||
        (scopeChanged && settings.live)
      )
        await startLive(settings);
      else if (scopeChanged && ref.current.view) await run("check", () => checkNow("check"));
      const view = ref.current.view;
      // With live mode on, starting it again has just checked and flagged in the new style.
      if (view && settings.flagStyle !== before.flagStyle && !settings.live) {
        await run("save", async () => {
          const flags = await writeFlagsFor(view.workbook, view.result.findings, settings.flagStyle);
          update((s) => ({ view: s.view ? { ...s.view, flags } : null }));
        });
      }
    },
    [update, persist, startLive, run, checkNow, writeFlagsFor],
  );

  /** The tolerance policy of every split on show (each table can still differ afterwards). */
  const setPolicyForAll = useCallback(
    (policy: Policy) =>
      run("save", async () => {
        const view = ref.current.view;
        if (!view) return;
        const maps = view.result.maps.map((m) => setPolicy(m, policy));
        if (await persist({ sheets: [...new Set(maps.map((m) => m.sheet))], maps })) await checkNow("edit");
      }),
    [run, persist, checkNow],
  );

  const dismissNotice = useCallback(
    (index: number) => update((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
    [update],
  );

  // Opening the pane: the host's version, then what the workbook remembers (maps, live mode).
  useEffect(() => {
    if (!inExcel) {
      update({ ready: true });
      return;
    }
    let cancelled = false;
    void (async () => {
      const caps = port.hostCapabilities();
      if (!caps.excelApi114) {
        update({
          ready: true,
          supported: false,
          notices: [{ kind: "problem", problem: { code: "UNSUPPORTED_HOST", required: "ExcelApi 1.14" } }],
        });
        return;
      }
      const loaded = await port.loadState();
      if (cancelled) return;
      if (!loaded.ok) {
        update({ ready: true, notices: [{ kind: "problem", problem: loaded.problem }] });
        return;
      }
      const settings = settingsFrom(loaded.value.settings);
      const savedSheets = loaded.value.tables.flatMap((table) => {
        const sheet = (table.json as { sheet?: unknown } | null)?.sheet;
        return table.confirmed && typeof sheet === "string" ? [sheet] : [];
      });
      update({ ready: true, savedSheets, settings });
      // Only a workbook that chose live mode is checked as soon as the pane opens; one that never
      // chose gets live mode from its first Check on (nothing is written before the user asks).
      if (loaded.value.settings.live === true) await startLive(settings);
    })();
    return () => {
      cancelled = true;
      void port.stopLive();
    };
    // Once per pane: the port and the language do not change while it is open.
  }, []);

  const actions = useMemo<PaneActions>(
    () => ({
      check,
      clearFlags,
      selectFinding,
      applyMaps,
      selectionForTable,
      declareTable,
      resetDetection,
      setSettings,
      setPolicyForAll,
      dismissNotice,
    }),
    [
      check,
      clearFlags,
      selectFinding,
      applyMaps,
      selectionForTable,
      declareTable,
      resetDetection,
      setSettings,
      setPolicyForAll,
      dismissNotice,
    ],
  );
  return [state, actions];
}
