import { Caption1, mergeClasses } from "@fluentui/react-components";
import type { RebalanceDocument } from "../../core/rebalanceRequest";
import { type Strings, fill } from "../i18n";
import { largestChanges } from "../rebalanceModel";
import { fmt } from "./PreviewView";
import { useStyles } from "./styles";

/** The chart of a large split shows this many of the largest changes. */
const CHART_BARS = 20;

/**
 * Horizontal bars, before (grey) over after (brand colour), one pair per unit; in a large split
 * only the largest changes. The table holds the figures.
 */
export function BarChart({ t, doc, large }: { t: Strings; doc: RebalanceDocument; large: boolean }) {
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
