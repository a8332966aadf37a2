/**
 * How the pane lists findings: grouped by indicator (docs/architecture.md, "The Excel door"), the worst group first, and which
 * cells a click on a finding selects. Presentation only; the findings come from the engine.
 */
import { SEVERITY_ORDER, type Finding, type Severity } from "../core/finding";

export interface FindingGroup {
  /** Stable key for React and for focus restoration. */
  key: string;
  sheet: string;
  /** The indicator's name; undefined for findings about cells outside any indicator. */
  indicator?: string;
  findings: Finding[];
  /** The worst severity among the findings not accepted; "accepted" when every one was. */
  worst: Severity | "accepted";
  /** Open (not accepted) findings by severity. */
  counts: Record<Severity, number>;
  accepted: number;
}

/** A finding accepted with a written reason (上报说明): shown apart, counted apart. */
export function isAccepted(f: Finding): boolean {
  return !!(f as { accepted?: unknown }).accepted;
}

const GROUP_ORDER: Record<FindingGroup["worst"], number> = { ...SEVERITY_ORDER, accepted: 3 };
const findingOrder = (f: Finding): number => (isAccepted(f) ? 3 : SEVERITY_ORDER[f.severity]);

export function groupByIndicator(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.sheet}\u0000${f.indicator ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        sheet: f.sheet,
        indicator: f.indicator,
        findings: [],
        worst: "accepted",
        counts: { error: 0, warning: 0, info: 0 },
        accepted: 0,
      };
      groups.set(key, g);
    }
    g.findings.push(f);
    if (isAccepted(f)) {
      g.accepted++;
      continue;
    }
    g.counts[f.severity]++;
    if (GROUP_ORDER[f.severity] < GROUP_ORDER[g.worst]) g.worst = f.severity;
  }
  const ordered = [...groups.values()];
  for (const g of ordered) g.findings.sort((a, b) => findingOrder(a) - findingOrder(b));
  // Stable sort: groups of equal severity keep the engine's order (sheet order).
  return ordered.sort((a, b) => GROUP_ORDER[a.worst] - GROUP_ORDER[b.worst]);
}

/**
 * The cells a click selects: the finding's own cell first (it becomes the active cell), then the
 * related cells on the same sheet. Related cells on another sheet cannot join one selection.
 */
export function selectionOf(f: Finding): string[] {
  const ranges = [f.cell];
  for (const r of f.related) if (!r.includes("!") && r !== f.cell) ranges.push(r);
  return ranges;
}

/** The cells as a person reads them: D7, E7:Q7 */
export function cellsText(ranges: readonly string[]): string {
  return ranges.join(", ");
}
