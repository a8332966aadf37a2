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
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Switch,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo20Regular, Checkmark20Regular, Search20Regular } from "@fluentui/react-icons";
import type { Finding } from "../core/finding";
import {
  renderRequestProblem,
  type MethodChoice,
  type OptionLabel,
  type RebalanceDocument,
} from "../core/rebalanceRequest";
import type { ExcelProblem, FormulaCell, UndoInfo } from "../excel";
import { auditPort, type AuditPort } from "./auditPort";
import { fill, fillCount, messageLang, stringsFor, type Strings } from "./i18n";
import { excelProblemText } from "./problems";
import {
  LARGE_SPLIT,
  METHODS,
  STEPS,
  candidateOf,
  candidates,
  childUnits,
  currentCells,
  defaultCandidate,
  formErrors,
  formFor,
  largestChanges,
  preview,
  referenceRows,
  signed,
  weightRows,
  type Candidate,
  type FieldKey,
  type Mode,
  type Preview,
  type RebalanceForm,
  type StepChoice,
} from "./rebalanceModel";
import type { PanelProps } from "./usePane";

/** What the panel remembers while the pane is open, across tabs: the indicator and each form. */
export interface RebalanceMemory {
  key?: string;
  forms: Record<string, RebalanceForm>;
  /** In a large split, every unit in the preview instead of only those that change. */
  showAll?: boolean;
}

/** At most this many rows of a large split are drawn at once; the rest are counted. */
const MAX_ROWS = 200;
/** The chart of a large split shows this many of the largest changes. */
const CHART_BARS = 20;

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    // A select is as wide as its longest option unless told otherwise: never wider than the pane.
    "& .fui-Select, & .fui-Input, & .fui-Field": { minWidth: 0, maxWidth: "100%" },
    "& select, & input": { minWidth: 0, maxWidth: "100%" },
  },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-start" },
  grow: { flexGrow: 1, flexBasis: "120px", minWidth: 0 },
  picker: { display: "flex", flexDirection: "column", minWidth: 0 },
  // Long indicator names wrap instead of widening the pane.
  option: { minWidth: 0, "& label": { overflowWrap: "anywhere", whiteSpace: "normal" } },
  reason: { display: "block", color: tokens.colorNeutralForeground3 },
  table: {
    width: "100%",
    tableLayout: "fixed",
    borderCollapse: "collapse",
    fontVariantNumeric: "tabular-nums",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      textAlign: "right",
      overflowWrap: "anywhere",
    },
    "& th:first-child, & td:first-child": { textAlign: "left" },
    "& caption": {
      textAlign: "left",
      fontWeight: tokens.fontWeightSemibold,
      paddingBottom: tokens.spacingVerticalXS,
    },
  },
  colUnit: { width: "30%" },
  colLock: { width: "36px" },
  changed: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  bound: { width: "100%", minWidth: 0 },
  fieldError: { color: tokens.colorPaletteRedForeground1, textAlign: "left" },
  chart: { width: "100%", height: "auto" },
  legend: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center" },
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    marginRight: tokens.spacingHorizontalXXS,
  },
  before: { fill: tokens.colorNeutralStrokeAccessible, backgroundColor: tokens.colorNeutralStrokeAccessible },
  after: { fill: tokens.colorBrandBackground, backgroundColor: tokens.colorBrandBackground },
  label: { fill: tokens.colorNeutralForeground2 },
  figure: { margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  // Apply stays at the foot of the pane while the tables scroll past, however long the split.
  bar: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

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
  port = auditPort,
  memory = { forms: {} },
  onMemory,
}: PanelProps & {
  /** The finding whose "Rebalance…" opened the panel. */
  from?: Finding;
  port?: AuditPort;
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
  const form: RebalanceForm | undefined = cand ? (mem.forms[cand.key] ?? formFor(cand)) : undefined;
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

/** Asks once who applies the change; the name is kept in the workbook's settings. */
function NameDialog({
  t,
  open,
  onCancel,
  onName,
}: {
  t: Strings;
  open: boolean;
  onCancel: () => void;
  onName: (by: string) => Promise<void>;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) setError(true);
            else void onName(name.trim());
          }}
        >
          <DialogBody>
            <DialogTitle>{t["name.title"]}</DialogTitle>
            <DialogContent>
              <Body1>{t["name.body"]}</Body1>
              <Field
                label={t["name.label"]}
                required
                validationState={error ? "error" : "none"}
                validationMessage={error ? t["name.needed"] : undefined}
              >
                <Input
                  value={name}
                  onChange={(_, d) => {
                    setName(d.value);
                    if (d.value.trim()) setError(false);
                  }}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit">
                {t["name.confirm"]}
              </Button>
              <Button type="button" onClick={onCancel}>
                {t.cancel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** The indicators, as radio buttons whose long names wrap; those that cannot be rebalanced say why. */
function Picker({
  t,
  list,
  value,
  onPick,
}: {
  t: Strings;
  list: Candidate[];
  value: string | undefined;
  onPick: (c: Candidate) => void;
}) {
  const styles = useStyles();
  const sheets = new Set(list.map((c) => c.sheet)).size;
  return (
    <Field label={t["rebalance.indicator"]}>
      <RadioGroup
        className={styles.picker}
        value={value ?? ""}
        onChange={(_, d) => {
          const c = list.find((x) => x.key === d.value);
          if (c && !c.unavailable) onPick(c);
        }}
        data-testid="indicator-picker"
      >
        {list.map((c) => (
          <Radio
            key={c.key}
            value={c.key}
            disabled={!!c.unavailable}
            className={styles.option}
            data-unavailable={c.unavailable}
            label={
              <>
                {sheets > 1 ? `${c.sheet} · ${c.name}` : c.name}
                {c.unavailable && (
                  <Caption1 className={styles.reason}>{t[`rebalance.unavailable.${c.unavailable}`]}</Caption1>
                )}
              </>
            }
          />
        ))}
      </RadioGroup>
    </Field>
  );
}

function methodLabel(t: Strings, cand: Candidate, m: MethodChoice): string {
  if (cand.kind === "ratio" && (m === "proportional" || m === "equal")) return t[`method.ratio.${m}`];
  return t[`method.${m}`];
}

/** A field's problem, as Fluent shows it under the field. */
function invalid(errors: Map<FieldKey, string>, key: FieldKey) {
  const text = errors.get(key);
  return text
    ? ({ validationState: "error", validationMessage: text } as const)
    : ({ validationState: "none" } as const);
}

function Choices({
  t,
  cand,
  form,
  shown,
  errors,
  onChange,
}: {
  t: Strings;
  cand: Candidate;
  form: RebalanceForm;
  shown: Preview | undefined;
  errors: Map<FieldKey, string>;
  onChange: (c: Partial<RebalanceForm>) => void;
}) {
  const styles = useStyles();
  const references = referenceRows(cand);
  const weights = weightRows(cand);
  const methods = cand.kind === "ratio" ? (["proportional", "equal"] as MethodChoice[]) : METHODS;
  const stated = shown?.kind === "solved" ? shown.doc.parent.before : null;
  const spread = form.mode === "spread";
  return (
    <>
      {cand.parents.length > 1 && (
        <Field label={t["rebalance.parent"]} {...invalid(errors, "parent")}>
          <Select
            value={form.parent}
            onChange={(_, d) => onChange({ parent: d.value, locks: [], min: {}, max: {} })}
          >
            {cand.parents.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t["rebalance.mode"]}>
        <RadioGroup value={form.mode} onChange={(_, d) => onChange({ mode: d.value as Mode })}>
          <Radio value="spread" label={t["rebalance.mode.spread"]} />
          <Radio value="fix-parent" label={t["rebalance.mode.fix-parent"]} />
        </RadioGroup>
      </Field>
      {spread && (
        <>
          <div className={styles.row}>
            <Field label={t["rebalance.method"]} className={styles.grow} {...invalid(errors, "method")}>
              <Select value={form.method} onChange={(_, d) => onChange({ method: d.value as MethodChoice })}>
                {methods.map((m) => (
                  <option key={m} value={m}>
                    {methodLabel(t, cand, m)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label={t["rebalance.target"]}
              className={styles.grow}
              hint={fill(t["rebalance.targetHint"], {
                stated: stated === null ? t["rebalance.targetNone"] : stated,
              })}
              {...invalid(errors, "target")}
            >
              <Input
                value={form.target}
                inputMode="decimal"
                placeholder={stated === null ? t["rebalance.targetNone"] : String(stated)}
                onChange={(_, d) => onChange({ target: d.value })}
              />
            </Field>
          </div>
          {form.method === "reference" && cand.kind !== "ratio" && (
            <Field label={t["rebalance.reference"]} {...invalid(errors, "reference")}>
              <Select value={form.reference} onChange={(_, d) => onChange({ reference: d.value })}>
                <option value="">{t["rebalance.choose"]}</option>
                {references.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {(cand.kind === "ratio" || form.method === "minimal-change") && (
            <Field label={t["rebalance.weights"]} {...invalid(errors, "weights")}>
              <Select value={form.weights} onChange={(_, d) => onChange({ weights: d.value })}>
                <option value="">
                  {cand.kind === "ratio" ? t["rebalance.choose"] : t["rebalance.weightsNone"]}
                </option>
                {weights.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </>
      )}
      <div className={styles.row}>
        <Field label={t["rebalance.step"]} className={styles.grow} {...invalid(errors, "step")}>
          <Select value={form.step} onChange={(_, d) => onChange({ step: d.value as StepChoice })}>
            {STEPS.map((s) => (
              <option key={s} value={s}>
                {s === "auto" ? t["rebalance.step.auto"] : s}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {spread && (
        <Checkbox
          checked={form.noDecrease}
          label={t["rebalance.noDecrease"]}
          onChange={(_, d) => onChange({ noDecrease: d.checked === true })}
        />
      )}
    </>
  );
}

/**
 * Locks and bounds, unit by unit, beside each unit's current value (always on show). A large split
 * lists the units found by name and those already locked or bounded, not thousands of rows.
 */
function UnitsTable({
  t,
  cand,
  form,
  current,
  errors,
  onChange,
}: {
  t: Strings;
  cand: Candidate;
  form: RebalanceForm;
  current: number[] | undefined;
  errors: Map<FieldKey, string>;
  onChange: (c: Partial<RebalanceForm>) => void;
}) {
  const styles = useStyles();
  const [search, setSearch] = useState("");
  if (form.mode !== "spread") return null;
  const units = childUnits(cand, form.parent);
  const large = units.length > LARGE_SPLIT;
  const needle = search.replace(/\s+/g, "");
  const set = (u: string) => form.locks.includes(u) || !!form.min[u]?.trim() || !!form.max[u]?.trim();
  const rows = units
    .map((unit, i) => ({ unit, i }))
    .filter(({ unit }) => !large || (needle ? unit.replace(/\s+/g, "").includes(needle) : set(unit)))
    .slice(0, large ? LARGE_SPLIT : undefined);
  const firstRows =
    large && !needle && rows.length === 0 ? units.slice(0, 10).map((unit, i) => ({ unit, i })) : rows;
  return (
    <>
      {large && (
        <Field
          label={t["rebalance.findUnit"]}
          hint={fill(t["rebalance.findUnitHint"], { count: units.length })}
        >
          <Input
            contentBefore={<Search20Regular />}
            value={search}
            onChange={(_, d) => setSearch(d.value)}
            data-testid="unit-search"
          />
        </Field>
      )}
      <table className={styles.table} data-testid="rebalance-children">
        <caption>{t["rebalance.children"]}</caption>
        <colgroup>
          <col className={styles.colUnit} />
          <col />
          <col className={styles.colLock} />
          <col />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t["rebalance.col.unit"]}</th>
            <th scope="col">{t["rebalance.col.current"]}</th>
            <th scope="col">{t["rebalance.col.lock"]}</th>
            <th scope="col">{t["rebalance.col.min"]}</th>
            <th scope="col">{t["rebalance.col.max"]}</th>
          </tr>
        </thead>
        <tbody>
          {firstRows.flatMap(({ unit, i }) => {
            const locked = form.locks.includes(unit);
            const problems = (["min", "max"] as const).flatMap((side) => {
              const text = errors.get(`${side}:${unit}`);
              return text ? [{ side, text }] : [];
            });
            const errorId = `bound-error-${i}`;
            return [
              <tr key={unit} data-unit={unit}>
                <th scope="row">{unit}</th>
                <td data-testid="current">{current?.[i] ?? ""}</td>
                <td>
                  <Checkbox
                    checked={locked}
                    aria-label={fill(t["rebalance.lockUnit"], { unit })}
                    onChange={(_, d) =>
                      onChange({
                        locks:
                          d.checked === true ? [...form.locks, unit] : form.locks.filter((u) => u !== unit),
                      })
                    }
                  />
                </td>
                {(["min", "max"] as const).map((side) => (
                  <td key={side}>
                    <Input
                      size="small"
                      className={styles.bound}
                      inputMode="decimal"
                      disabled={locked}
                      aria-label={fill(t[side === "min" ? "rebalance.minUnit" : "rebalance.maxUnit"], {
                        unit,
                      })}
                      aria-invalid={errors.has(`${side}:${unit}`) || undefined}
                      aria-describedby={errors.has(`${side}:${unit}`) ? errorId : undefined}
                      value={form[side][unit] ?? ""}
                      onChange={(_, d) => onChange({ [side]: { ...form[side], [unit]: d.value } })}
                    />
                  </td>
                ))}
              </tr>,
              ...(problems.length
                ? [
                    <tr key={`${unit}:error`}>
                      <td
                        colSpan={5}
                        id={errorId}
                        role="alert"
                        className={styles.fieldError}
                        data-testid="bound-error"
                      >
                        {problems
                          .map((p) =>
                            fill(t["rebalance.boundError"], {
                              field: fill(t[p.side === "min" ? "rebalance.minUnit" : "rebalance.maxUnit"], {
                                unit,
                              }),
                              problem: p.text,
                            }),
                          )
                          .join(" ")}
                      </td>
                    </tr>,
                  ]
                : []),
            ];
          })}
        </tbody>
      </table>
      {large && rows.length < units.length && (
        <Caption1 className={styles.muted}>
          {fill(t["rebalance.unitsShown"], { shown: firstRows.length, count: units.length })}
        </Caption1>
      )}
    </>
  );
}

function fmt(n: number | null): string {
  return n === null ? "" : String(n);
}

function PreviewView({
  t,
  shown,
  showAll,
  onShowAll,
  onZeroBase,
}: {
  t: Strings;
  shown: Preview | undefined;
  showAll: boolean;
  onShowAll: (all: boolean) => void;
  onZeroBase: () => void;
}) {
  const styles = useStyles();
  if (!shown || shown.kind === "problem") return null;
  const { doc, result } = shown;
  if (result.status === "invalid-input") return null;
  if (result.status !== "ok") {
    const title = result.status === "infeasible" ? t["rebalance.infeasible"] : t["rebalance.zeroBase"];
    const range = doc.achievable
      ? fill(t["rebalance.achievable"], {
          lo: doc.achievable[0] ?? t["rebalance.unbounded"],
          hi: doc.achievable[1] ?? t["rebalance.unbounded"],
        })
      : "";
    return (
      <MessageBar
        intent="error"
        layout="multiline"
        data-testid="rebalance-refusal"
        data-status={result.status}
      >
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          <ul className={styles.lines}>
            {shown.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          {result.status === "infeasible" && range && <div data-testid="achievable">{range}</div>}
          {result.status === "zero-base-blocked" && (
            <Button size="small" onClick={onZeroBase}>
              {t["rebalance.zeroBaseOption"]}
            </Button>
          )}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const large = doc.children.length > LARGE_SPLIT;
  const onlyChanged = large && !showAll;
  const moved = doc.children.filter((c) => c.change !== null && c.change !== 0).length;
  return (
    <>
      <Subtitle2 as="h3" className={styles.heading}>
        {t["rebalance.preview"]}
      </Subtitle2>
      <Caption1 data-testid="preview-summary">
        {fillCount(t, "rebalance.moves", moved, { units: doc.children.length })}
      </Caption1>
      {large && (
        <Switch
          checked={onlyChanged}
          label={t["rebalance.onlyChanged"]}
          onChange={(_, d) => onShowAll(!d.checked)}
          data-testid="only-changed"
        />
      )}
      <BarChart t={t} doc={doc} large={large} />
      <PreviewTable t={t} doc={doc} onlyChanged={onlyChanged} />
      {!shown.changes && <Body1>{t["rebalance.unchanged"]}</Body1>}
      {doc.ratioCheck ? <RatioCheck t={t} doc={doc} /> : null}
      <details>
        <summary>
          <Caption1>{t["rebalance.explanation"]}</Caption1>
        </summary>
        <ul className={styles.lines}>
          {shown.lines.map((l) => (
            <li key={l}>
              <Caption1>{l}</Caption1>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

function RatioCheck({ t, doc }: { t: Strings; doc: RebalanceDocument }) {
  const r = doc.ratioCheck as { recomputed: number; difference: number; tolerance: number; pass: boolean };
  return (
    <Caption1 data-testid="ratio-check" data-pass={r.pass}>
      {fill(t["rebalance.ratioCheck"], {
        recomputed: r.recomputed,
        target: fmt(doc.target),
        difference: signed(r.difference),
        tolerance: r.tolerance,
        verdict: r.pass ? t["rebalance.ratioPass"] : t["rebalance.ratioFail"],
      })}
    </Caption1>
  );
}

function PreviewTable({ t, doc, onlyChanged }: { t: Strings; doc: RebalanceDocument; onlyChanged: boolean }) {
  const styles = useStyles();
  const parentChanges = doc.parent.after !== null && doc.parent.after !== doc.parent.before;
  const listed = onlyChanged ? doc.children.filter((c) => c.change !== null && c.change !== 0) : doc.children;
  const drawn = listed.slice(0, MAX_ROWS);
  return (
    <>
      <table className={styles.table} data-testid="rebalance-preview">
        <caption>{fill(t["rebalance.previewCaption"], { indicator: doc.indicator })}</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.colUnit}>
              {t["rebalance.col.unit"]}
            </th>
            <th scope="col">{t["rebalance.col.before"]}</th>
            <th scope="col">{t["rebalance.col.after"]}</th>
            <th scope="col">{t["rebalance.col.change"]}</th>
          </tr>
        </thead>
        <tbody>
          {drawn.map((c) => {
            const moved = c.change !== null && c.change !== 0;
            const note = c.locked
              ? t["rebalance.locked"]
              : c.bound === "min"
                ? t["rebalance.atMin"]
                : c.bound === "max"
                  ? t["rebalance.atMax"]
                  : "";
            return (
              <tr
                key={c.cell}
                data-testid="preview-row"
                data-unit={c.unit}
                data-cell={c.cell}
                data-before={fmt(c.before)}
                data-after={fmt(c.after)}
                className={mergeClasses(moved && styles.changed)}
              >
                <th scope="row">
                  {c.unit}
                  {note && <Caption1 className={styles.muted}> · {note}</Caption1>}
                </th>
                <td>{fmt(c.before)}</td>
                <td>{fmt(c.after)}</td>
                <td>{moved ? signed(c.change) : "0"}</td>
              </tr>
            );
          })}
          <tr
            data-testid="preview-parent"
            data-unit={doc.parent.unit}
            data-before={fmt(doc.parent.before)}
            data-after={fmt(doc.parent.after)}
            className={mergeClasses(parentChanges && styles.changed)}
          >
            <th scope="row">{fill(t["rebalance.parentRow"], { unit: doc.parent.unit })}</th>
            <td>{fmt(doc.parent.before)}</td>
            <td>{fmt(doc.parent.after)}</td>
            <td>{doc.parent.change ? signed(doc.parent.change) : "0"}</td>
          </tr>
        </tbody>
      </table>
      {listed.length > drawn.length && (
        <Caption1 className={styles.muted}>
          {fill(t["rebalance.rowsShown"], { shown: drawn.length, count: listed.length })}
        </Caption1>
      )}
    </>
  );
}

/**
 * Horizontal bars, before (grey) over after (brand colour), one pair per unit; in a large split
 * only the largest changes. The table holds the figures.
 */
function BarChart({ t, doc, large }: { t: Strings; doc: RebalanceDocument; large: boolean }) {
  const styles = useStyles();
  const rows = large ? largestChanges(doc, CHART_BARS) : doc.children;
  if (!rows.length) return null;
  const max = Math.max(1e-9, ...rows.flatMap((c) => [Math.abs(c.before), Math.abs(c.after ?? 0)]));
  const label = 72;
  const width = 300;
  const bar = width - label - 8;
  const step = 20;
  const height = rows.length * step + 4;
  const bars = rows.map((c) => `${c.unit} ${fmt(c.before)} → ${fmt(c.after)}`).join("; ");
  return (
    <figure className={styles.figure}>
      {large && <Caption1>{fill(t["rebalance.chartLargest"], { count: rows.length })}</Caption1>}
      <svg
        className={styles.chart}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={fill(t["rebalance.chart"], { bars })}
        data-testid="rebalance-chart"
        data-bars={rows.length}
      >
        {rows.map((c, i) => {
          const y = i * step + 2;
          const w1 = (Math.abs(c.before) / max) * bar;
          const w2 = (Math.abs(c.after ?? 0) / max) * bar;
          return (
            <g key={c.cell}>
              <text x={label - 4} y={y + 12} textAnchor="end" fontSize="10" className={styles.label}>
                {c.unit}
              </text>
              <rect x={label} y={y + 1} width={w1} height={7} className={styles.before} />
              <rect x={label} y={y + 9} width={w2} height={7} className={styles.after} />
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.legend} aria-hidden>
        <Caption1>
          <span className={mergeClasses(styles.swatch, styles.before)} />
          {t["rebalance.col.before"]}
        </Caption1>
        <Caption1>
          <span className={mergeClasses(styles.swatch, styles.after)} />
          {t["rebalance.col.after"]}
        </Caption1>
      </figcaption>
    </figure>
  );
}
