/**
 * Infos that say the same thing about one indicator (13 qualitative cells in a row, 4 children with
 * no allocation) read as one line over their cells, in the command line's text and in the audit
 * report alike; the JSON keeps every cell. Errors and warnings are never folded.
 */
import { compressCells, parseA1, type CellPosition } from "../address";
import type { Finding } from "../finding";
import type { Lang } from "../messages";
import { MESSAGE_TEXT } from "../messageText";

export interface Folded<F extends Finding = Finding> {
  /** The first finding of the group: its rule, indicator, evidence. */
  finding: F;
  /** Every finding of the group (one for an unfolded finding). */
  findings: F[];
  /** The group's cells, compressed into ranges (C6, E6:Q6). */
  cells: string[];
}

/** Folds repeated infos (same sheet, rule, indicator and cell text); order is kept. */
export function foldRepeatedInfos<F extends Finding>(findings: readonly F[]): Folded<F>[] {
  const out: Folded<F>[] = [];
  type Group = { folded: Folded<F>; positions: CellPosition[] };
  // Keyed by sheet, rule and indicator, then by the text itself: a text thousands of cells share
  // (one long shared string) is looked up, never copied into a key per cell.
  const groups = new Map<string, Map<string | number, Group>>();
  const all: Group[] = [];
  for (const f of findings) {
    const text = f.details?.text;
    const at = parseA1(f.cell);
    if (f.severity !== "info" || text === undefined || !at) {
      out.push({ finding: f, findings: [f], cells: [f.cell] });
      continue;
    }
    const key = [f.sheet, f.rule, f.indicator ?? ""].join("\u0000");
    let byText = groups.get(key);
    if (!byText) groups.set(key, (byText = new Map()));
    const group = byText.get(text);
    if (group) {
      group.folded.findings.push(f);
      group.positions.push(at);
      continue;
    }
    const folded: Folded<F> = { finding: f, findings: [f], cells: [f.cell] };
    const made = { folded, positions: [at] };
    byText.set(text, made);
    all.push(made);
    out.push(folded);
  }
  for (const { folded, positions } of all)
    if (folded.findings.length > 1) folded.cells = compressCells(positions);
  return out;
}

/** A folded group's message: the finding's own, with how many cells say it. */
export function foldedMessage(message: string, group: Folded, lang: Lang): string {
  const n = group.findings.length;
  if (n === 1) return message;
  if (group.finding.rule === "missing-value") return MESSAGE_TEXT[lang].foldedMissing(n);
  return MESSAGE_TEXT[lang].folded(message, n);
}
