import { Caption1, Checkbox, Field, Input } from "@fluentui/react-components";
import { Search20Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { type Strings, fill } from "../i18n";
import {
  type Candidate,
  type FieldKey,
  LARGE_SPLIT,
  type RebalanceForm,
  childUnits,
} from "../rebalanceModel";
import { useStyles } from "./styles";

/**
 * Locks and bounds, unit by unit, beside each unit's current value (always on show). A large split
 * lists the units found by name and those already locked or bounded, not thousands of rows.
 */
export function UnitsTable({
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
