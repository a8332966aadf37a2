/**
 * Rebalancing a split (issue 5): pick the indicator (or come from a finding), choose how — a method
 * for the children, or keep them and fix the parent — lock units, give bounds, a step and a target;
 * the engine's answer is previewed as a table and a bar chart, with its explanation or its refusal
 * (INFEASIBLE with the achievable range, ZERO_BASE_BLOCKED with the equal-spread option). Apply asks
 * before writing over formulas, writes through the adapter and checks again; Undo restores exactly.
 * Every number and sentence comes from the engine (src/core/rebalanceRequest.ts); this lays them out.
 */
import { useEffect, useMemo, useRef, useState } from "react";
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
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo20Regular, Checkmark20Regular } from "@fluentui/react-icons";
import type { Finding } from "../core/finding";
import type { MethodChoice, RebalanceDocument } from "../core/rebalanceRequest";
import type { ExcelProblem, FormulaCell, UndoInfo } from "../excel";
import { auditPort, type AuditPort } from "./auditPort";
import { fill, messageLang, stringsFor, type Strings } from "./i18n";
import { excelProblemText } from "./problems";
import {
  METHODS,
  STEPS,
  candidateOf,
  candidates,
  childUnits,
  defaultCandidate,
  formFor,
  preview,
  signed,
  type Candidate,
  type Mode,
  type Preview,
  type RebalanceForm,
  type StepChoice,
} from "./rebalanceModel";
import type { PanelProps } from "./usePane";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  grow: { flexGrow: 1, minWidth: "120px" },
  table: {
    width: "100%",
    borderCollapse: "collapse",
    fontVariantNumeric: "tabular-nums",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      textAlign: "right",
    },
    "& th:first-child, & td:first-child": { textAlign: "left" },
    "& caption": {
      textAlign: "left",
      fontWeight: tokens.fontWeightSemibold,
      paddingBottom: tokens.spacingVerticalXS,
    },
  },
  changed: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  bound: { width: "64px", minWidth: "64px" },
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
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

type Message = {
  intent: "success" | "warning" | "error" | "info";
  title?: string;
  text: string;
  items?: string[];
};

export function RebalancePanel({
  state,
  actions,
  locale,
  disabled,
  from,
  port = auditPort,
}: PanelProps & {
  /** The finding whose "Rebalance…" opened the panel. */
  from?: Finding;
  port?: AuditPort;
}) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const lang = messageLang(locale);
  const view = state.view;
  const list = useMemo(() => (view ? candidates(view.result.maps) : []), [view]);
  const [form, setForm] = useState<RebalanceForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [formulas, setFormulas] = useState<FormulaCell[] | null>(null);
  const [undo, setUndo] = useState<UndoInfo | undefined>(undefined);
  const fromRef = useRef<Finding | undefined>(undefined);

  // A finding asked (or the first look): start from its indicator; keep the user's form otherwise.
  useEffect(() => {
    if (!view) return;
    const asked = from && from !== fromRef.current ? candidateOf(list, from) : undefined;
    fromRef.current = from;
    if (asked) setForm(formFor(asked, from?.unit));
    else
      setForm((f) => {
        if (f && list.some((c) => c.key === f.key)) return f;
        const c = defaultCandidate(list, view.result.findings);
        return c ? formFor(c) : null;
      });
  }, [view, list, from]);

  const refreshUndo = async () => {
    const info = await port.lastRebalance();
    setUndo(info.ok ? info.value : undefined);
  };
  useEffect(() => {
    void refreshUndo();
    // Once per view: Apply, Undo and every check replace the view.
  }, [view]);

  if (!view) return <Body1 className={styles.muted}>{t["rebalance.needCheck"]}</Body1>;
  const cand = form ? list.find((c) => c.key === form.key) : undefined;
  const shown: Preview | undefined =
    cand && form ? preview(view.workbook, view.result.maps, cand, form, lang) : undefined;
  const change = (c: Partial<RebalanceForm>) => {
    setMessage(null);
    setForm((f) => (f ? { ...f, ...c } : f));
  };
  const canAct = !disabled && !busy;

  const apply = async (overwriteFormulas = false) => {
    if (shown?.kind !== "solved" || !shown.ok) return;
    setBusy(true);
    setFormulas(null);
    try {
      const out = await port.applyRebalance({
        plan: shown.plan,
        result: shown.ok,
        overwriteFormulas,
        recheck: false,
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
        text: fill(t["rebalance.applied"], { count: v.cells.length, cells: v.cells.join(", ") }),
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
      const out = await port.undoRebalance({ recheck: false });
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

  return (
    <div className={styles.section} aria-busy={busy}>
      <Subtitle2 as="h2" className={styles.heading}>
        {t["rebalance.heading"]}
      </Subtitle2>
      <Caption1 className={styles.muted}>{t["rebalance.intro"]}</Caption1>
      {list.length === 0 || !form || !cand ? (
        <Body1>{t["rebalance.none"]}</Body1>
      ) : (
        <>
          <Choices
            t={t}
            list={list}
            cand={cand}
            form={form}
            shown={shown}
            onChange={change}
            onPick={(c) => {
              setMessage(null);
              setForm(formFor(c));
            }}
          />
          <ChildrenTable t={t} cand={cand} form={form} shown={shown} onChange={change} />
          <PreviewView t={t} shown={shown} onZeroBase={() => change({ zeroBase: true })} />
          <div className={styles.actions}>
            <Button
              appearance="primary"
              icon={<Checkmark20Regular />}
              disabled={!canAct || shown?.kind !== "solved" || !shown.ok || !shown.changes}
              onClick={() => void apply()}
            >
              {t["rebalance.apply"]}
            </Button>
          </div>
        </>
      )}
      <div className={styles.actions}>
        <Button icon={<ArrowUndo20Regular />} disabled={!canAct || !undo} onClick={() => void undoNow()}>
          {t["rebalance.undo"]}
        </Button>
        {undo && (
          <Caption1 className={styles.muted}>
            {fill(t["rebalance.undoWhat"], {
              indicator: undo.indicator,
              sheet: undo.sheet,
              cells: undo.cells.join(", "),
            })}
          </Caption1>
        )}
      </div>
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
      <Dialog open={formulas !== null} onOpenChange={(_, d) => !d.open && setFormulas(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t["rebalance.formulasTitle"]}</DialogTitle>
            <DialogContent>
              <Body1>{t["rebalance.formulasBody"]}</Body1>
              <ul className={styles.lines} data-testid="formula-cells">
                {(formulas ?? []).map((f) => (
                  <li key={f.cell}>
                    {f.cell}（{f.unit}）{f.formula}
                  </li>
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
    </div>
  );
}

function methodLabel(t: Strings, cand: Candidate, m: MethodChoice): string {
  if (cand.kind === "ratio" && (m === "proportional" || m === "equal")) return t[`method.ratio.${m}`];
  return t[`method.${m}`];
}

function Choices({
  t,
  list,
  cand,
  form,
  shown,
  onChange,
  onPick,
}: {
  t: Strings;
  list: Candidate[];
  cand: Candidate;
  form: RebalanceForm;
  shown: Preview | undefined;
  onChange: (c: Partial<RebalanceForm>) => void;
  onPick: (c: Candidate) => void;
}) {
  const styles = useStyles();
  const sheets = new Set(list.map((c) => c.sheet)).size;
  const others = cand.table.indicators.filter((i) => i.name !== cand.name && i.kind !== "qualitative");
  const methods = cand.kind === "ratio" ? (["proportional", "equal"] as MethodChoice[]) : METHODS;
  const stated = shown?.kind === "solved" ? shown.doc.parent.before : null;
  const spread = form.mode === "spread";
  return (
    <>
      <Field label={t["rebalance.indicator"]}>
        <Select
          value={form.key}
          onChange={(_, d) => {
            const c = list.find((x) => x.key === d.value);
            if (c) onPick(c);
          }}
        >
          {list.map((c) => (
            <option key={c.key} value={c.key}>
              {sheets > 1 ? `${c.sheet} · ${c.name}` : c.name}
            </option>
          ))}
        </Select>
      </Field>
      {cand.parents.length > 1 && (
        <Field label={t["rebalance.parent"]}>
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
            <Field label={t["rebalance.method"]} className={styles.grow}>
              <Select value={form.method} onChange={(_, d) => onChange({ method: d.value as MethodChoice })}>
                {methods.map((m) => (
                  <option key={m} value={m}>
                    {methodLabel(t, cand, m)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t["rebalance.target"]} className={styles.grow}>
              <Input
                value={form.target}
                inputMode="decimal"
                placeholder={stated === null ? t["rebalance.targetNone"] : String(stated)}
                onChange={(_, d) => onChange({ target: d.value })}
              />
            </Field>
          </div>
          <Caption1 className={styles.muted}>
            {fill(t["rebalance.targetHint"], {
              stated: stated === null ? t["rebalance.targetNone"] : stated,
            })}
          </Caption1>
          {form.method === "reference" && cand.kind !== "ratio" && (
            <Field label={t["rebalance.reference"]}>
              <Select value={form.reference} onChange={(_, d) => onChange({ reference: d.value })}>
                <option value="">{t["rebalance.choose"]}</option>
                {others.map((i) => (
                  <option key={i.name} value={i.name}>
                    {i.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {(cand.kind === "ratio" || form.method === "minimal-change") && (
            <Field label={t["rebalance.weights"]}>
              <Select value={form.weights} onChange={(_, d) => onChange({ weights: d.value })}>
                <option value="">
                  {cand.kind === "ratio" ? t["rebalance.choose"] : t["rebalance.weightsNone"]}
                </option>
                {others.map((i) => (
                  <option key={i.name} value={i.name}>
                    {i.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </>
      )}
      <div className={styles.row}>
        <Field label={t["rebalance.step"]} className={styles.grow}>
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

function ChildrenTable({
  t,
  cand,
  form,
  shown,
  onChange,
}: {
  t: Strings;
  cand: Candidate;
  form: RebalanceForm;
  shown: Preview | undefined;
  onChange: (c: Partial<RebalanceForm>) => void;
}) {
  const styles = useStyles();
  if (form.mode !== "spread") return null;
  const units = childUnits(cand, form.parent);
  const current = new Map(
    shown?.kind === "solved" ? shown.doc.children.map((c) => [c.unit, c.before] as const) : [],
  );
  return (
    <table className={styles.table} data-testid="rebalance-children">
      <caption>{t["rebalance.children"]}</caption>
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
        {units.map((unit) => {
          const locked = form.locks.includes(unit);
          return (
            <tr key={unit} data-unit={unit}>
              <th scope="row">{unit}</th>
              <td>{current.get(unit) ?? ""}</td>
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
                    aria-label={fill(t[side === "min" ? "rebalance.minUnit" : "rebalance.maxUnit"], { unit })}
                    value={form[side][unit] ?? ""}
                    onChange={(_, d) => onChange({ [side]: { ...form[side], [unit]: d.value } })}
                  />
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function fmt(n: number | null): string {
  return n === null ? "" : String(n);
}

function PreviewView({
  t,
  shown,
  onZeroBase,
}: {
  t: Strings;
  shown: Preview | undefined;
  onZeroBase: () => void;
}) {
  const styles = useStyles();
  if (!shown) return null;
  if (shown.kind === "problem")
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t["rebalance.problem"]}</MessageBarTitle>
          {shown.text.join(" ")}
        </MessageBarBody>
      </MessageBar>
    );
  const { doc, result } = shown;
  if (result.status !== "ok") {
    const title =
      result.status === "infeasible"
        ? t["rebalance.infeasible"]
        : result.status === "zero-base-blocked"
          ? t["rebalance.zeroBase"]
          : t["rebalance.invalid"];
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
  return (
    <>
      <Subtitle2 as="h3" className={styles.heading}>
        {t["rebalance.preview"]}
      </Subtitle2>
      <PreviewTable t={t} doc={doc} />
      <BarChart t={t} doc={doc} />
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

function PreviewTable({ t, doc }: { t: Strings; doc: RebalanceDocument }) {
  const styles = useStyles();
  const parentChanges = doc.parent.after !== null && doc.parent.after !== doc.parent.before;
  return (
    <table className={styles.table} data-testid="rebalance-preview">
      <caption>{fill(t["rebalance.previewCaption"], { indicator: doc.indicator })}</caption>
      <thead>
        <tr>
          <th scope="col">{t["rebalance.col.unit"]}</th>
          <th scope="col">{t["rebalance.col.before"]}</th>
          <th scope="col">{t["rebalance.col.after"]}</th>
          <th scope="col">{t["rebalance.col.change"]}</th>
        </tr>
      </thead>
      <tbody>
        {doc.children.map((c) => {
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
  );
}

/** Horizontal bars, before (grey) over after (brand colour), one pair per unit; the table holds the figures. */
function BarChart({ t, doc }: { t: Strings; doc: RebalanceDocument }) {
  const styles = useStyles();
  const rows = doc.children;
  const max = Math.max(1e-9, ...rows.flatMap((c) => [Math.abs(c.before), Math.abs(c.after ?? 0)]));
  const label = 72;
  const width = 300;
  const bar = width - label - 8;
  const step = 20;
  const height = rows.length * step + 4;
  const bars = rows.map((c) => `${c.unit} ${fmt(c.before)} → ${fmt(c.after)}`).join("; ");
  return (
    <figure className={styles.figure}>
      <svg
        className={styles.chart}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={fill(t["rebalance.chart"], { bars })}
        data-testid="rebalance-chart"
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
