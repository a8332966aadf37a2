/**
 * Rebalancing a split (issue 5, made fit for real work in issue 15): pick the indicator (or come
 * from a finding), choose how — a method for the children, or keep them and fix the parent — lock
 * units, give bounds, a step and a target; the engine's answer is previewed as a table and a chart
 * of the largest changes, with its explanation or its refusal (INFEASIBLE with the achievable
 * range, ZERO_BASE_BLOCKED with the equal-spread option). A problem is said at the field that is
 * wrong, in the pane's words; the current values stay on show whatever the form says. The form
 * outlives the tab (App keeps it). Apply stays in reach at the foot of the pane however long the
 * split, asks before writing over formulas, asks once for the user's name (the change trail says
 * who), writes through the adapter and checks again; Undo restores exactly. Every number and
 * sentence comes from the engine (src/core/rebalanceRequest/); this lays them out.
 */
import { useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from "react";
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
} from "@fluentui/react-components";
import { ArrowUndo20Regular, Checkmark20Regular } from "@fluentui/react-icons";
import type { Finding } from "../core/finding";
import { renderRequestProblem, type MethodChoice, type OptionLabel } from "../core/rebalanceRequest";
import type { ExcelProblem, FormulaCell, UndoInfo } from "../excel";
import type { AuditPort } from "./auditPort";
import { fill, fillCount, messageLang, stringsFor, type Strings } from "./i18n";
import { excelProblemText } from "./problems";
import {
  candidateOf,
  candidates,
  currentCells,
  defaultCandidate,
  formErrors,
  formFor,
  preview,
  type Candidate,
  type FieldKey,
  type Preview,
  type RebalanceForm,
} from "./rebalanceModel";
import type { PanelProps } from "./paneState";
import { Choices } from "./rebalance/Choices";
import { NameDialog } from "./rebalance/NameDialog";
import { Picker } from "./rebalance/Picker";
import { PreviewView } from "./rebalance/PreviewView";
import { useStyles } from "./rebalance/styles";
import { UnitsTable } from "./rebalance/UnitsTable";

/** What the panel remembers while the pane is open, across tabs: the indicator and each form. */
export interface RebalanceMemory {
  key?: string;
  forms: Record<string, RebalanceForm>;
  /** In a large split, every unit in the preview instead of only those that change. */
  showAll?: boolean;
}

type Message = {
  intent: "success" | "warning" | "error" | "info";
  title?: string;
  text: string;
  items?: string[];
};

/** The pane's names for the options of a request: its fields, quoted as a sentence names them. */
export function paneOptionLabel(t: Strings): OptionLabel {
  return (ref) => {
    const name =
      ref.option === "method" && ref.value
        ? t[`method.${ref.value as MethodChoice}`]
        : t[`option.${ref.option}`];
    return fill(t["option.quoted"], { name });
  };
}

export function RebalancePanel({
  state,
  actions,
  locale,
  disabled,
  from,
  port,
  memory = { forms: {} },
  onMemory,
}: PanelProps & {
  /** The finding whose "Rebalance…" opened the panel. */
  from?: Finding;
  port: AuditPort;
  memory?: RebalanceMemory;
  onMemory?: Dispatch<SetStateAction<RebalanceMemory>>;
}) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const lang = messageLang(locale);
  const view = state.view;
  const label = useMemo(() => paneOptionLabel(t), [t]);
  const list = useMemo(() => (view ? candidates(view.result.maps) : []), [view]);
  const [own, setOwn] = useState<RebalanceMemory>(memory);
  const mem = onMemory ? memory : own;
  const setMem = onMemory ?? setOwn;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [formulas, setFormulas] = useState<FormulaCell[] | null>(null);
  const [askName, setAskName] = useState(false);
  const [undo, setUndo] = useState<UndoInfo | undefined>(undefined);
  const fromRef = useRef<Finding | undefined>(undefined);

  // A finding asked: its indicator (and its split's parent), keeping a form already begun for it.
  useEffect(() => {
    if (!from || from === fromRef.current) return;
    fromRef.current = from;
    const c = candidateOf(list, from);
    if (c)
      setMem((m) => ({
        ...m,
        key: c.key,
        forms: { ...m.forms, [c.key]: m.forms[c.key] ?? formFor(c, from.unit) },
      }));
  }, [from, list, setMem]);

  const refreshUndo = async () => {
    const info = await port.lastRebalance();
    setUndo(info.ok ? info.value : undefined);
  };
  useEffect(() => {
    void refreshUndo();
    // Once per view: Apply, Undo and every check replace the view.
  }, [view]);

  const cand: Candidate | undefined =
    list.find((c) => c.key === mem.key && !c.unavailable) ??
    (view ? defaultCandidate(list, view.result.findings) : undefined);
  // Memoised on what it is made of, so that the solver below runs when the inputs change, not on
  // every render (a fresh default form each render would re-plan and re-solve the split).
  const form = useMemo<RebalanceForm | undefined>(
    () => (cand ? (mem.forms[cand.key] ?? formFor(cand)) : undefined),
    [cand, mem.forms],
  );
  const shown = useMemo<Preview | undefined>(
    () =>
      view && cand && form ? preview(view.workbook, view.result.maps, cand, form, lang, label) : undefined,
    [view, cand, form, lang, label],
  );
  const current = useMemo(
    () =>
      view && cand && form ? currentCells(view.workbook, view.result.maps, cand, form.parent) : undefined,
    [view, cand, form?.parent],
  );

  if (!view) return <Body1 className={styles.muted}>{t["rebalance.needCheck"]}</Body1>;

  // Every problem at its field: the numbers typed first, then the engine's.
  const errors = new Map<FieldKey, string>();
  if (cand && form)
    for (const [key, text] of formErrors(cand, form)) {
      const [option, unit] = key.split(":") as [string, string | undefined];
      errors.set(
        key,
        renderRequestProblem(
          { code: "BAD_NUMBER", option: option as "target", text, ...(unit ? { unit } : {}) },
          lang,
          label,
          { atField: true },
        ),
      );
    }
  let general: string | undefined;
  if (shown?.kind === "problem") {
    if (shown.field && !errors.has(shown.field)) errors.set(shown.field, shown.text);
    else if (!shown.field) general = shown.text;
  } else if (shown?.result.status === "invalid-input")
    shown.lines.forEach((line, i) => {
      const key = shown.fields?.[i];
      if (key && !errors.has(key)) errors.set(key, line);
    });
  const fieldsOk = errors.size === 0;

  const change = (c: Partial<RebalanceForm>) => {
    if (!cand) return;
    setMessage(null);
    setMem((m) => ({
      ...m,
      key: cand.key,
      forms: { ...m.forms, [cand.key]: { ...(m.forms[cand.key] ?? formFor(cand)), ...c } },
    }));
  };
  const pick = (c: Candidate) => {
    setMessage(null);
    setMem((m) => ({ ...m, key: c.key, forms: { ...m.forms, [c.key]: m.forms[c.key] ?? formFor(c) } }));
  };
  const canAct = !disabled && !busy;
  const canApply =
    canAct &&
    fieldsOk &&
    shown?.kind === "solved" &&
    !!shown.ok &&
    shown.changes &&
    shown.result.status === "ok";

  const apply = async (overwriteFormulas = false, by = state.settings.by) => {
    if (shown?.kind !== "solved" || !shown.ok) return;
    // Asked once: the change trail says who applied it.
    if (!by) {
      setAskName(true);
      return;
    }
    setBusy(true);
    setFormulas(null);
    try {
      const out = await port.applyRebalance({
        plan: shown.plan,
        result: shown.ok,
        overwriteFormulas,
        recheck: false,
        by,
      });
      if (!out.ok) {
        showProblem(out.problem);
        return;
      }
      const v = out.value;
      if (v.status === "confirm-formulas") {
        setFormulas(v.formulas);
        return;
      }
      if (v.status === "nothing-to-write") {
        setMessage({ intent: "info", text: t["rebalance.nothingToWrite"] });
        return;
      }
      await actions.check();
      setMessage({
        intent: "success",
        text: fillCount(t, "rebalance.applied", v.cells.length, { cells: v.cells.join(", ") }),
      });
    } finally {
      setBusy(false);
      await refreshUndo();
    }
  };

  /** A refused write or undo, said as the pane says problems (a protected sheet in rebalance's words). */
  function showProblem(problem: ExcelProblem): void {
    const p = excelProblemText(problem, t);
    const text =
      problem.code === "PROTECTED_SHEET" ? fill(t["rebalance.protected"], { sheet: problem.sheet }) : p.body;
    setMessage({ intent: p.intent, title: p.title, text });
  }

  const undoNow = async () => {
    setBusy(true);
    try {
      const out = await port.undoRebalance({ recheck: false, by: state.settings.by || undefined });
      if (!out.ok) {
        showProblem(out.problem);
        return;
      }
      const v = out.value;
      if (v.status === "nothing-to-undo") setMessage({ intent: "info", text: t["rebalance.nothingToUndo"] });
      else if (v.status === "edited") {
        const cells = v.cells.map((c) =>
          fill(t["rebalance.editedCell"], { cell: c.cell, unit: c.unit, now: String(c.now), wrote: c.wrote }),
        );
        setMessage({ intent: "warning", text: fill(t["rebalance.edited"], { cells: "" }), items: cells });
      } else {
        await actions.check();
        setMessage({ intent: "success", text: fill(t["rebalance.undone"], { cells: v.cells.join(", ") }) });
      }
    } finally {
      setBusy(false);
      await refreshUndo();
    }
  };

  const available = list.filter((c) => !c.unavailable);
  return (
    <div className={styles.section} aria-busy={busy}>
      <Subtitle2 as="h2" className={styles.heading}>
        {t["rebalance.heading"]}
      </Subtitle2>
      <Caption1 className={styles.muted}>{t["rebalance.intro"]}</Caption1>
      {list.length === 0 || available.length === 0 || !form || !cand ? (
        <>
          <Body1>{t["rebalance.none"]}</Body1>
          {list.length > 0 && <Picker t={t} list={list} value={undefined} onPick={pick} />}
        </>
      ) : (
        <>
          <Picker t={t} list={list} value={cand.key} onPick={pick} />
          <Choices t={t} cand={cand} form={form} shown={shown} errors={errors} onChange={change} />
          <UnitsTable
            t={t}
            cand={cand}
            form={form}
            current={current?.children.map((c) => c.value.toJSON())}
            errors={errors}
            onChange={change}
          />
          {general && (
            <MessageBar intent="warning" layout="multiline" data-testid="rebalance-problem">
              <MessageBarBody>
                <MessageBarTitle>{t["rebalance.problem"]}</MessageBarTitle>
                {general}
              </MessageBarBody>
            </MessageBar>
          )}
          {!fieldsOk && (
            <Caption1 className={styles.fieldError} data-testid="fix-fields">
              {t["rebalance.fixFields"]}
            </Caption1>
          )}
          {fieldsOk && (
            <PreviewView
              t={t}
              shown={shown}
              showAll={!!mem.showAll}
              onShowAll={(showAll) => setMem((m) => ({ ...m, showAll }))}
              onZeroBase={() => change({ zeroBase: true })}
            />
          )}
        </>
      )}
      <div className={styles.bar} data-testid="rebalance-actions">
        <div className={styles.actions}>
          {form && cand && (
            <Button
              appearance="primary"
              icon={<Checkmark20Regular />}
              disabled={!canApply}
              onClick={() => void apply()}
            >
              {t["rebalance.apply"]}
            </Button>
          )}
          <Button icon={<ArrowUndo20Regular />} disabled={!canAct || !undo} onClick={() => void undoNow()}>
            {t["rebalance.undo"]}
          </Button>
        </div>
        {undo && (
          <Caption1 className={styles.muted}>
            {fill(t["rebalance.undoWhat"], {
              indicator: undo.indicator,
              sheet: undo.sheet,
              cells: undo.cells.join(", "),
            })}
          </Caption1>
        )}
        <div aria-live="polite" data-testid="rebalance-message">
          {message && (
            <MessageBar intent={message.intent} layout="multiline">
              <MessageBarBody>
                {message.title && <MessageBarTitle>{message.title}</MessageBarTitle>}
                {message.text}
                {message.items && (
                  <ul className={styles.lines}>
                    {message.items.map((i) => (
                      <li key={i}>{i}</li>
                    ))}
                  </ul>
                )}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
      </div>
      <Dialog open={formulas !== null} onOpenChange={(_, d) => !d.open && setFormulas(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t["rebalance.formulasTitle"]}</DialogTitle>
            <DialogContent>
              <Body1>{t["rebalance.formulasBody"]}</Body1>
              <ul className={styles.lines} data-testid="formula-cells">
                {(formulas ?? []).map((f) => (
                  <li key={f.cell}>{fill(t["rebalance.formulaCell"], { ...f })}</li>
                ))}
              </ul>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void apply(true)}>
                {t["rebalance.formulasConfirm"]}
              </Button>
              <Button onClick={() => setFormulas(null)}>{t.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <NameDialog
        t={t}
        open={askName}
        onCancel={() => setAskName(false)}
        onName={async (by) => {
          setAskName(false);
          await actions.setSettings({ by });
          await apply(false, by);
        }}
      />
    </div>
  );
}
