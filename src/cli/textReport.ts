/**
 * `tdcheck check`'s text output: for people, aligned, in the reader's language. One file's tables,
 * findings, acceptances and totals; the lines under a batch's summary table (batch.ts draws the table).
 */
import type { CheckResult } from "../core/check";
import {
  describeRejected,
  RULE_TITLES,
  SEVERITY_TEXT,
  renderHint,
  renderMessage,
  type Lang,
} from "../core/messages";
import type { AcceptedCheckResult } from "../core/report/acceptance";
import { foldedMessage, foldRepeatedInfos } from "../core/report/folding";
import type { FileEntry } from "./batch";
import { CHECK_TEXT } from "./checkText";
import { INPUT_TEXT } from "./inputText";
import { isConverted, type InputSource } from "./load";
import { skippedNotesWords } from "./messages";
import { TABLE_TEXT } from "./tableText";
import { padEnd, maxWidth } from "./width";

/** The tables found, one line each: where, what kind, parent, children, indicators by kind. */
export function tablesText(result: CheckResult, lang: Lang): string[] {
  const t = CHECK_TEXT[lang];
  const lines: string[] = [];
  for (const table of result.tables) {
    const kinds = table.indicators.map((i) => TABLE_TEXT[lang].kind[i.kind]);
    const counts = [...new Set(kinds)].map((k) => `${kinds.filter((x) => x === k).length} ${k}`).join(", ");
    lines.push(`  ▸ ${table.sheet}!${table.range}  ${t.split(table, counts)}`);
  }
  for (const p of result.progressions) lines.push(`  ▸ ${p.sheet}!${p.range}  ${t.progression(p)}`);
  return lines;
}

interface Line {
  severity: string;
  where: string;
  rule: string;
  indicator: string;
  message: string;
  hints: string[];
}

/**
 * One line per error and warning; infos that say the same thing about one indicator (13
 * qualitative cells in a row) are folded into one line over their cells (core/report/folding.ts,
 * as the audit report does). JSON keeps every cell.
 */
export function findingsText(result: CheckResult, lang: Lang): string[] {
  const rows: Line[] = foldRepeatedInfos(result.findings).map((group) => {
    const f = group.finding;
    return {
      severity: SEVERITY_TEXT[f.severity][lang],
      where: `${f.sheet}!${group.cells.join(",")}`,
      rule: RULE_TITLES[f.rule][lang],
      indicator: f.indicator ?? "",
      message: foldedMessage(renderMessage(f, lang), group, lang),
      hints: f.hints.map((h) => renderHint(h, lang)),
    };
  });
  const w = (key: "severity" | "where" | "rule") => maxWidth(rows.map((r) => r[key]));
  const ws = w("severity");
  const ww = Math.min(w("where"), 24);
  const wr = w("rule");
  const indent = " ".repeat(ws + ww + wr + 8);
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(`  ${padEnd(r.severity, ws)}  ${padEnd(r.where, ww)}  ${padEnd(r.rule, wr)}  ${r.indicator}`);
    lines.push(`${indent}${r.message}`);
    for (const h of r.hints) lines.push(`${indent}→ ${h}`);
  }
  return lines;
}

export function summaryText(result: CheckResult, lang: Lang): string {
  return CHECK_TEXT[lang].summary(result.summary);
}

/** The findings accepted with a reason, and the stored acceptances that no longer apply. */
export function acceptedText(result: AcceptedCheckResult, lang: Lang): string[] {
  const t = CHECK_TEXT[lang];
  const lines: string[] = [];
  const accepted = result.findings.filter((f) => f.accepted);
  if (accepted.length) {
    lines.push(`  ${t.acceptedHeading}`);
    for (const f of accepted)
      lines.push(
        `    ${SEVERITY_TEXT[f.severity][lang]}  ${f.sheet}!${f.cell}  ${RULE_TITLES[f.rule][lang]}  ${f.indicator ?? ""}`,
        `      ${t.acceptedReason(f.accepted!.reason, f.accepted!.by, f.accepted!.at.slice(0, 10))}`,
      );
  }
  for (const l of result.lapsed) {
    const a = l.acceptance;
    lines.push(`  ${t.lapsed(`${a.sheet}!${a.cell}`, RULE_TITLES[a.rule]?.[lang] ?? a.rule, l.why)}`);
  }
  return lines;
}

/** The note a "written" line carries for a copy that is not the input's own kind of file. */
export function copyNote(source: InputSource, lang: Lang): string {
  if (source.format === "csv") return INPUT_TEXT[lang].newWorkbookNote;
  return isConverted(source) ? INPUT_TEXT[lang].convertedCopyNote(source.format) : "";
}

/** What check prints for one file: the file (and how it was read), tables, findings, acceptances, totals, copies. */
export function fileText(
  file: string,
  source: InputSource,
  result: AcceptedCheckResult,
  copies: { annotate?: string; report?: string; skippedNotes: string[] },
  lang: Lang,
): string[] {
  const t = CHECK_TEXT[lang];
  const input = INPUT_TEXT[lang];
  const open = { ...result, findings: result.findings.filter((f) => !f.accepted) };
  const head =
    source.format === "csv"
      ? `${file}  (${input.source(source)})`
      : isConverted(source)
        ? `${file}  (${input.convertedSource(source.format)})`
        : file;
  const lines = [head, ...tablesText(result, lang), ""];
  if (open.findings.length) lines.push(...findingsText(open, lang), "");
  const accepted = acceptedText(result, lang);
  if (accepted.length) lines.push(...accepted, "");
  const s = result.summary;
  const extra = s.accepted || s.lapsed ? t.acceptedCounts(s.accepted, s.lapsed) : "";
  const skipped = result.rejected ?? [];
  if (skipped.length) lines.push(t.lookedAtNotChecked(skipped.map((r) => describeRejected(r, lang))));
  lines.push(summaryText(result, lang) + extra);
  const note = copyNote(source, lang);
  if (copies.annotate) {
    lines.push(t.annotatedWritten(copies.annotate) + note);
    if (copies.skippedNotes.length) lines.push(skippedNotesWords(copies.skippedNotes)[lang]);
  }
  if (copies.report) lines.push(t.reportWritten(copies.report) + note);
  return lines;
}

/** Under a batch's summary table: the files LibreOffice converted, and where the copies went. */
export function batchCopiesText(
  entries: FileEntry[],
  copies: { annotate?: string; report?: string },
  lang: Lang,
): string[] {
  const t = CHECK_TEXT[lang];
  const lines: string[] = [];
  const converted = entries.filter((e) => e.ok && e.converted).map((e) => e.file);
  if (converted.length) lines.push(INPUT_TEXT[lang].convertedFiles(converted));
  if (copies.annotate) {
    const noteLines = entries.flatMap((e) =>
      e.ok && e.skippedNotes?.length ? [`  ${e.file}: ${skippedNotesWords(e.skippedNotes)[lang]}`] : [],
    );
    lines.push(t.annotatedFolder(copies.annotate), ...noteLines);
  }
  if (copies.report) lines.push(t.reportFolder(copies.report));
  return lines;
}
