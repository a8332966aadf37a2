/**
 * The audit report sheet (审核报告, issue 6) written from the pane: the engine builds it
 * (`auditReport`: fingerprint, stored acceptances applied, stored change trail, `layoutReport`), this
 * file only writes the rows into a new worksheet — values, the styles of `REPORT_STYLES`, column
 * widths, row heights, merged cells, a frozen header, hyperlinks into the checked cells, A4 landscape
 * with the checks' header row repeated on every printed page.
 *
 * Requests: the check (read + 1), the names and the trail (1), the sheet (1; one more per 2,000
 * rows of a very long report). Formats are set per rectangle of cells sharing a style (a run of a
 * row, extended down while the rows below repeat it), so a long list of checks costs few operations.
 */
import { columnName } from "../core/address";
import type { Lang } from "../core/messages";
import {
  auditReport,
  parseTrail,
  REPORT_STYLES,
  uniqueSheetName,
  widthInPoints,
  type ReportSheet,
  type ReportStyle,
  type ReportSummary,
  type TrailEntry,
} from "../core/report";
import { parseProductSheets, withProductSheet, type ProductSheet } from "../core/productSheets";
import { readSectionNow } from "./acceptances";
import { checkNow } from "./check";
import { guarded } from "./run";
import type { Session } from "./session";
import { openStateSheet, queueCreateStateSheet, queueSectionWrite } from "./storage";
import type { CheckOutcome, Outcome } from "./types";

export interface CreateReportOptions {
  /** 填表人 and 审核人, printed in the header. */
  preparer?: string;
  reviewer?: string;
  lang?: Lang;
  /** The sheets to check for the report: the active one by default (pass the pane's scope or sheet list). */
  sheets?: "active" | "all" | string[];
  /** The file name in the header; the workbook's name by default. */
  file?: string;
  /** The report's time (ISO 8601 or a Date); now by default. */
  time?: Date | string;
}

export type ReportOutcome =
  | {
      status: "created";
      /** The new sheet's name: 审核报告, or 审核报告(2)… when taken. */
      sheet: string;
      rows: number;
      summary: ReportSummary;
      fingerprint: string;
      /** Sections of `_tdcheck` that could not be read (the report goes on without them). */
      storageProblems: { section: "acceptances" | "trail"; code: string; detail?: string }[];
    }
  /** The check before the report did not produce a result (empty sheet, a problem, a failure). */
  | { status: "not-checked"; outcome: Exclude<CheckOutcome, { kind: "checked" }> };

/** Rows written per request (values, formats and links of 2,000 rows stay far below 5 MB). */
const ROWS_PER_REQUEST = 2000;

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
  style: ReportStyle;
}

/** Cells sharing a style as rectangles: runs along each row, grown downwards while repeated. */
export function styleRects(rows: ReportSheet["rows"]): Rect[] {
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  rows.forEach((row, r) => {
    const next = new Map<string, Rect>();
    let c = 0;
    while (c < row.length) {
      const style = row[c]?.style;
      if (!style) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < row.length && row[end + 1]?.style === style) end++;
      const key = `${c}:${end}:${style}`;
      const prev = open.get(key);
      if (prev) {
        prev.bottom = r;
        open.delete(key);
        next.set(key, prev);
      } else next.set(key, { top: r, bottom: r, left: c, right: end, style });
      c = end + 1;
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  return done;
}

function a1(r: Rect): string {
  const tl = `${columnName(r.left)}${r.top + 1}`;
  const br = `${columnName(r.right)}${r.bottom + 1}`;
  return tl === br ? tl : `${tl}:${br}`;
}

const H = { left: "Left", center: "Center", right: "Right" } as const;
const V = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function queueStyle(range: Excel.Range, style: ReportStyle): void {
  const spec = REPORT_STYLES[style];
  const f = range.format;
  if (spec.font?.bold) f.font.bold = true;
  if (spec.font?.size) f.font.size = spec.font.size;
  if (spec.font?.color) f.font.color = spec.font.color;
  if (spec.font?.underline) f.font.underline = "Single";
  if (spec.font?.name) f.font.name = spec.font.name;
  if (spec.fill) f.fill.color = spec.fill;
  if (spec.horizontal) f.horizontalAlignment = H[spec.horizontal];
  if (spec.vertical) f.verticalAlignment = V[spec.vertical];
  if (spec.wrap) f.wrapText = true;
  if (spec.border === "grid") {
    for (const side of [
      "EdgeTop",
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
      "InsideVertical",
      "InsideHorizontal",
    ]) {
      const b = f.borders.getItem(side as Excel.BorderIndex);
      b.style = "Continuous";
      b.color = "#BFBFBF";
    }
  } else if (spec.border === "bottom") {
    const b = f.borders.getItem("EdgeBottom");
    b.style = "Continuous";
    b.color = "#000000";
  }
}

/** Text that Excel would turn into a number, date or formula is written into a text-formatted cell. */
function needsText(v: string): boolean {
  return /^[=+\-@]/.test(v) || /^\s*[\d.,%\s]+\s*$/.test(v) || /^\d{1,4}[-/]\d{1,2}([-/]\d{1,4})?$/.test(v);
}

/** Queues the whole report sheet (values, formats, links, merges, widths, frozen rows, print setup). */
async function writeSheet(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  sheet: ReportSheet,
): Promise<void> {
  const cols = sheet.columns.length;
  const last = columnName(cols - 1);
  for (let start = 0; start < sheet.rows.length; start += ROWS_PER_REQUEST) {
    if (start > 0) await context.sync();
    const part = sheet.rows.slice(start, start + ROWS_PER_REQUEST);
    const range = ws.getRange(`A${start + 1}:${last}${start + part.length}`);
    range.numberFormat = part.map((row) =>
      row.map((c) => (c && typeof c.value === "string" && needsText(c.value) ? "@" : "General")),
    );
    range.values = part.map((row) => row.map((c) => c?.value ?? ""));
    for (const rect of styleRects(part)) {
      const shifted = { ...rect, top: rect.top + start, bottom: rect.bottom + start };
      queueStyle(ws.getRange(a1(shifted)), rect.style);
    }
    part.forEach((row, i) =>
      row.forEach((c, j) => {
        if (!c?.link) return;
        ws.getRange(`${columnName(j)}${start + i + 1}`).hyperlink = {
          documentReference: c.link,
          textToDisplay: String(c.value),
          screenTip: c.link,
        };
      }),
    );
  }
  for (const m of sheet.merges) ws.getRange(m).merge(false);
  sheet.columns.forEach((w, i) => {
    const col = columnName(i);
    ws.getRange(`${col}:${col}`).format.columnWidth = widthInPoints(w);
  });
  for (const [row, pt] of Object.entries(sheet.heights)) {
    const n = Number(row) + 1;
    ws.getRange(`${n}:${n}`).format.rowHeight = pt;
  }
  if (sheet.freezeRows > 0) ws.freezePanes.freezeRows(sheet.freezeRows);
  const page = ws.pageLayout;
  page.orientation = "Landscape";
  page.paperSize = "A4";
  page.zoom = { horizontalFitToPages: 1 };
  if (sheet.printTitleRow > 0) page.setPrintTitleRows(`$${sheet.printTitleRow}:$${sheet.printTitleRow}`);
  page.headersFooters.defaultForAllPages.centerFooter = sheet.pageFooter;
  ws.activate();
}

/**
 * Checks (the given sheets, the user's saved maps, the stored acceptances), builds the engine's
 * report and writes it as a new sheet, which is then shown. Nothing else in the workbook changes.
 */
export function createReport(
  session: Session,
  options: CreateReportOptions = {},
): Promise<Outcome<ReportOutcome>> {
  return guarded(() =>
    Excel.run(async (context): Promise<ReportOutcome> => {
      const lang = options.lang ?? session.lang;
      const outcome = await checkNow(session, context, {
        sheets: options.sheets ?? "active",
        lang,
        flags: false,
      });
      if (outcome.kind !== "checked") return { status: "not-checked", outcome };

      const book = context.workbook;
      book.load("name");
      const sheets = book.worksheets;
      sheets.load("items/name");
      let trailDoc: unknown;
      let trailProblem: string | undefined;
      try {
        trailDoc = await readSectionNow(session, context, "trail");
      } catch (err) {
        trailProblem = err instanceof Error ? err.message : String(err);
      }
      // readSectionNow synced only when _tdcheck exists: make sure the names arrived.
      if (session.stateSheet !== true) await context.sync();
      const trail: TrailEntry[] = trailDoc === undefined ? [] : parseTrail(trailDoc).entries;

      // The scope the report states: the one sheet asked for, or the whole workbook.
      const requested = options.sheets ?? "active";
      const oneSheet =
        requested === "all"
          ? undefined
          : requested === "active"
            ? outcome.sheet
            : requested.length === 1
              ? requested[0]
              : undefined;
      const report = await auditReport(outcome.workbook, outcome.result, {
        file: options.file ?? book.name,
        sheet: oneSheet,
        time: options.time ?? new Date(),
        preparer: options.preparer,
        reviewer: options.reviewer,
        lang,
        acceptances: session.acceptances ?? [],
        trail,
      });
      const storageProblems = [...report.storageProblems];
      if (trailProblem) storageProblems.push({ section: "trail", code: "UNREADABLE", detail: trailProblem });

      const name = uniqueSheetName(
        report.sheet.name,
        sheets.items.map((s) => s.name),
      );
      // Marked as the product's own before anything else, so no later check reads it as a table.
      let marks: ProductSheet[];
      try {
        marks = parseProductSheets(await readSectionNow(session, context, "sheets"));
      } catch {
        marks = [];
      }
      const ws = sheets.add(name);
      let stateSheet = await openStateSheet(session, context);
      if (!stateSheet) {
        stateSheet = queueCreateStateSheet(context);
        session.stateSheet = true;
      }
      await queueSectionWrite(
        context,
        stateSheet,
        "sheets",
        withProductSheet(marks, { name, kind: "report", at: new Date().toISOString() }, [
          ...sheets.items.map((s) => s.name),
          name,
        ]),
      );
      await writeSheet(context, ws, report.sheet);
      await context.sync();
      return {
        status: "created",
        sheet: name,
        rows: report.sheet.rows.length,
        summary: report.model.summary,
        fingerprint: report.fingerprint,
        storageProblems,
      };
    }),
  );
}
