/**
 * Findings as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as
 * the ANSI code page), CRLF line ends, RFC 4180 quoting. One row per finding; accepted findings
 * keep their severity and carry the acceptance in the last two columns.
 */
import type { CheckResult } from "../check";
import { formatValue, renderHint, renderMessage, type Lang } from "../messages";
import { MESSAGE_TEXT } from "../messageText";
import type { AcceptedFinding } from "./acceptance";

export const CSV_COLUMNS = [
  "file",
  "sheet",
  "cell",
  "severity",
  "rule",
  "indicator",
  "unit",
  "stated",
  "computed",
  "difference",
  "tolerance",
  "message",
  "hints",
  "accepted",
  "reason",
] as const;

const BOM = "\ufeff";
const CRLF = "\r\n";

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and quotes inside are doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text that Excel would run as a formula (=, +, -, @ at the start) gets a leading apostrophe;
 * numbers are left alone so they stay numbers.
 */
function safeText(text: string): string {
  if (/^[=+\-@]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) return `'${text}`;
  return text;
}

export interface CsvFile {
  file: string;
  result: CheckResult;
}

/** The rows of one result, without the header. */
export function findingRows(file: string, result: CheckResult, lang: Lang): string[][] {
  return (result.findings as AcceptedFinding[]).map((f) => [
    safeText(file),
    safeText(f.sheet),
    f.cell,
    f.severity,
    f.rule,
    safeText(f.indicator ?? ""),
    safeText(f.unit ?? ""),
    formatValue(f.stated, f.statedBound, lang),
    formatValue(f.computed, f.computedBound, lang) || formatValue(f.expected, f.expectedBound, lang),
    f.difference?.toString() ?? "",
    f.tolerance?.value.toString() ?? "",
    safeText(renderMessage(f, lang)),
    safeText(f.hints.map((h) => renderHint(h, lang)).join(MESSAGE_TEXT[lang].hintSep)),
    f.accepted ? "yes" : "",
    safeText(f.accepted?.reason ?? ""),
  ]);
}

/** The whole CSV document, BOM first, every line (the last included) ending in CRLF. */
export function findingsCsv(files: CsvFile[], lang: Lang): string {
  return findingsCsvDocument(files.flatMap(({ file, result }) => findingRows(file, result, lang)));
}

/** The document of rows made by findingRows (a batch gathers them file by file). */
export function findingsCsvDocument(rows: readonly string[][]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return BOM + lines.join(CRLF) + CRLF;
}
