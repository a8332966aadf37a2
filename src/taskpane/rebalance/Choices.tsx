/** How to rebalance: the parent, the mode, the method and target, the reference or weights row, the step. */
import { Checkbox, Field, Input, Radio, RadioGroup, Select } from "@fluentui/react-components";
import type { MethodChoice } from "../../core/rebalanceRequest";
import { type Strings, fill } from "../i18n";
import {
  type Candidate,
  type FieldKey,
  METHODS,
  type Mode,
  type Preview,
  type RebalanceForm,
  STEPS,
  type StepChoice,
  referenceRows,
  weightRows,
} from "../rebalanceModel";
import { useStyles } from "./styles";

function methodLabel(t: Strings, cand: Candidate, m: MethodChoice): string {
  if (cand.kind === "ratio" && (m === "proportional" || m === "equal")) return t[`method.ratio.${m}`];
  return t[`method.${m}`];
}

/** A field's problem, as Fluent shows it under the field. */
export function invalid(errors: Map<FieldKey, string>, key: FieldKey) {
  const text = errors.get(key);
  return text
    ? ({ validationState: "error", validationMessage: text } as const)
    : ({ validationState: "none" } as const);
}

export function Choices({
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
