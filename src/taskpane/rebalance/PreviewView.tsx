/** The engine's answer: the explanation or refusal, the ratio check, the table of before and after. */
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Switch,
  mergeClasses,
} from "@fluentui/react-components";
import type { RebalanceDocument } from "../../core/rebalanceRequest";
import { type Strings, fill, fillCount } from "../i18n";
import { LARGE_SPLIT, type Preview, signed } from "../rebalanceModel";
import { BarChart } from "./BarChart";
import { useStyles } from "./styles";

/** At most this many rows of a large split are drawn at once; the rest are counted. */
const MAX_ROWS = 200;

export function fmt(n: number | null): string {
  return n === null ? "" : String(n);
}

export function PreviewView({
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
