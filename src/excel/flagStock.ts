/**
 * What the add-in's flags are now, before writing (flags.ts): the ownership record in the very
 * hidden sheet, and the rules and notes on the sheets involved, taken in one sync (two when the
 * record names sheets or note cells the first request did not ask for); and the engine's rules cut
 * into parts that respect Excel's address limit.
 */
import { type RangeBox, parseRange } from "../core/address";
import { FLAG_STYLE, type FlagKind, type FlagPlan } from "../core/flags";
import { shiftFormula } from "./formulaRefs";
import { stop } from "./run";
import type { Session } from "./session";
import { LAST_SECTION_COLUMN, SECTION_COLUMNS, STATE_SHEET, SectionReader, openStateSheet } from "./storage";

export const FLAGS_SCHEMA = "tdcheck-flags/1";
/** Address strings stay under Excel's 8,192 characters with a margin. */
export const ADDRESS_BUDGET = 8000;
/** Writes per request: well under Excel on the web's 5 MB. */
export const WRITE_BUDGET_BYTES = 2_500_000;
/** What one queued operation costs a request besides its arguments (object path, ids, JSON keys). */
export const OP_BYTES = 120;

export interface OwnedRule {
  kind: FlagKind;
  /** Without "=". */
  formula: string;
  ranges: string[];
}

export interface SheetRecord {
  rules: OwnedRule[];
  notes: string[];
}

export interface FlagsRecord {
  schema: typeof FLAGS_SCHEMA;
  sheets: Record<string, SheetRecord>;
}

export const emptyRecord = (): FlagsRecord => ({ schema: FLAGS_SCHEMA, sheets: {} });

export interface RuleItem {
  cf: Excel.ConditionalFormat;
  formula: string;
  kind: FlagKind | undefined;
  taken: boolean;
  /** Its areas ("D7,D9:D12"), loaded only when formula and colours alone are ambiguous. */
  ranges?: string;
}

interface NoteStock {
  collection: Excel.NoteCollection;
  cells: Map<string, Excel.Note>;
}

export interface SheetStock {
  name: string;
  sheet: Excel.Worksheet;
  protection: Excel.WorksheetProtection;
  rules: Excel.ConditionalFormatCollection;
  notes?: NoteStock;
  /** The sheet's custom rules, once the stock was taken. */
  items?: RuleItem[];
}

// ---------------------------------------------------------------------------------------------
// Planning: the engine's rules, split to respect the address limit

/** A rule as written: one conditional format. */
export interface RulePart extends OwnedRule {
  sheet: string;
}

function topLeft(ranges: string[]): RangeBox {
  const b = parseRange(ranges[0]);
  if (!b) throw new Error(`flag plan range "${ranges[0]}" is not an A1 range`);
  return b;
}

/** Cuts a rule's ranges into address strings under ADDRESS_BUDGET, re-anchoring the formula per part. */
export function ruleParts(plan: FlagPlan): RulePart[] {
  const parts: RulePart[] = [];
  for (const rule of plan.rules) {
    if (rule.ranges.length === 0) continue;
    const anchor = topLeft(rule.ranges);
    let current: string[] = [];
    let length = 0;
    const flush = () => {
      if (!current.length) return;
      const at = topLeft(current);
      parts.push({
        sheet: rule.sheet,
        kind: rule.kind,
        ranges: current,
        formula: shiftFormula(rule.formula, at.top - anchor.top, at.left - anchor.left),
      });
      current = [];
      length = 0;
    };
    for (const r of rule.ranges) {
      if (length + r.length + 1 > ADDRESS_BUDGET) flush();
      current.push(r);
      length += r.length + 1;
    }
    flush();
  }
  return parts;
}

export function kindOfColours(
  fill: string | null | undefined,
  font: string | null | undefined,
): FlagKind | undefined {
  for (const kind of Object.keys(FLAG_STYLE) as FlagKind[]) {
    const s = FLAG_STYLE[kind];
    if (fill?.toUpperCase() === s.fill.toUpperCase() && font?.toUpperCase() === s.font.toUpperCase())
      return kind;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Taking stock

const RULE_PROPERTIES =
  "items/type,items/customOrNullObject/rule/formula,items/customOrNullObject/format/fill/color,items/customOrNullObject/format/font/color";

function queueSheetStock(
  context: Excel.RequestContext,
  name: string,
  noteCells: Iterable<string>,
  withNotes: boolean,
): SheetStock {
  const sheet = context.workbook.worksheets.getItem(name);
  const protection = sheet.protection;
  protection.load("protected");
  // The whole sheet's rules: a rule of ours may have been moved by inserted rows.
  const rules = sheet.getRange().conditionalFormats;
  rules.load(RULE_PROPERTIES);
  const stock: SheetStock = { name, sheet, protection, rules };
  if (withNotes) {
    const collection = sheet.notes;
    collection.load("items/content");
    const cells = new Map<string, Excel.Note>();
    for (const cell of noteCells) {
      const note = collection.getItemOrNullObject(cell);
      note.load("content");
      cells.set(cell, note);
    }
    stock.notes = { collection, cells };
  }
  return stock;
}

export interface Stock {
  stateSheet: Excel.Worksheet | null;
  record: FlagsRecord;
  /** Whether the other sections of the state sheet hold anything (the sheet must then stay). */
  otherSections: boolean;
  sheets: Map<string, SheetStock>;
}

function readRecord(raw: unknown): FlagsRecord {
  if (raw === undefined) return emptyRecord();
  const r = raw as Partial<FlagsRecord>;
  if (r.schema !== FLAGS_SCHEMA || !r.sheets || typeof r.sheets !== "object")
    stop({
      code: "STATE_UNREADABLE",
      detail: `the flags record was written by another version (${JSON.stringify(r.schema)})`,
    });
  return { schema: FLAGS_SCHEMA, sheets: r.sheets };
}

/**
 * One sync for the record and the sheets the session expects; one more when the record names
 * sheets or note cells that were not in that first request (or when the state sheet was unknown).
 */
export async function takeStock(
  session: Session,
  context: Excel.RequestContext,
  planSheets: string[],
  planNotes: Map<string, Set<string>>,
  withNotes: boolean,
): Promise<Stock> {
  try {
    return await takeStockOnce(session, context, planSheets, planNotes, withNotes);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code !== "ItemNotFound" || (session.flaggedSheets.length === 0 && session.stateSheet === undefined))
      throw err;
    // A sheet the session remembered is gone (renamed, deleted): ask the workbook afresh.
    session.flaggedSheets = [];
    session.flaggedNotes = {};
    session.stateSheet = undefined;
    return takeStockOnce(session, context, planSheets, planNotes, withNotes);
  }
}

async function takeStockOnce(
  session: Session,
  context: Excel.RequestContext,
  planSheets: string[],
  planNotes: Map<string, Set<string>>,
  withNotes: boolean,
): Promise<Stock> {
  const sheets = new Map<string, SheetStock>();
  const wantNotes = (name: string, extra: Iterable<string> = []) =>
    new Set([...(planNotes.get(name) ?? []), ...extra]);
  const queue = (names: Iterable<string>, record?: FlagsRecord) => {
    for (const name of names) {
      if (sheets.has(name)) continue;
      sheets.set(
        name,
        queueSheetStock(context, name, wantNotes(name, record?.sheets[name]?.notes ?? []), withNotes),
      );
    }
  };
  // A sheet the session thinks was flagged may have been deleted or renamed since.
  const known = new Set(session.workbook?.sheets.map((s) => s.name) ?? []);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  let reader: SectionReader | undefined;
  let heads: Excel.Range | undefined;
  const readState = (sheet: Excel.Worksheet) => {
    reader = new SectionReader(sheet, "flags");
    heads = sheet.getRange(`A1:${LAST_SECTION_COLUMN}1`);
    heads.load("values");
  };
  const firstSheets = [
    ...new Set([...planSheets, ...session.flaggedSheets.filter((s) => known.size === 0 || known.has(s))]),
  ];
  const hinted: FlagsRecord = {
    schema: FLAGS_SCHEMA,
    sheets: Object.fromEntries(
      Object.entries(session.flaggedNotes).map(([n, notes]) => [n, { rules: [], notes }]),
    ),
  };
  let stateSheet: Excel.Worksheet | null;
  if (session.stateSheet === true) {
    stateSheet = context.workbook.worksheets.getItem(STATE_SHEET);
    readState(stateSheet);
    queue(firstSheets, hinted);
    await context.sync();
  } else {
    stateSheet = await openStateSheet(session, context, () => queue(firstSheets, hinted));
    if (stateSheet) {
      readState(stateSheet);
      await context.sync();
    }
  }
  const record = readRecord(reader ? await reader.result(context) : undefined);
  const flagsColumn = Object.values(SECTION_COLUMNS).indexOf(SECTION_COLUMNS.flags);
  const otherSections = (heads?.values[0] ?? []).some((v, i) => i !== flagsColumn && v !== "" && v !== null);
  const existing = new Set(worksheets.items.map((s) => s.name));
  // Sheets deleted since they were flagged: their rules and notes went with them.
  for (const name of Object.keys(record.sheets)) if (!existing.has(name)) delete record.sheets[name];
  const missingSheets = Object.keys(record.sheets).filter((n) => !sheets.has(n));
  const missingNotes =
    withNotes &&
    Object.entries(record.sheets).some(
      ([n, r]) => sheets.has(n) && r.notes.some((c) => !sheets.get(n)!.notes!.cells.has(c)),
    );
  if (missingSheets.length || missingNotes) {
    // Re-take stock of the sheets whose recorded notes were not asked for, and of the new ones.
    for (const [n, r] of Object.entries(record.sheets))
      if (withNotes && sheets.has(n) && r.notes.some((c) => !sheets.get(n)!.notes!.cells.has(c)))
        sheets.delete(n);
    queue(Object.keys(record.sheets), record);
    await context.sync();
  }
  return { stateSheet, record, otherSections, sheets };
}
