/**
 * The engine's FlagPlan → conditional formats and notes (docs/architecture.md, "The Excel door"), and back
 * out again.
 *
 * - One conditional-format rule per planned rule, over a multi-area range (getRanges, ExcelApi
 *   1.9); a rule whose address list would pass Excel's 8,192 characters is cut into parts, each
 *   with the formula moved to its own top-left cell.
 * - Notes only where ExcelApi 1.18 is available and the cell has no note of the user's; the
 *   add-in's notes start with NOTE_MARK.
 * - Ownership: the "flags" section of the very hidden sheet lists, per sheet, the rules (kind,
 *   formula, ranges) and note cells the add-in wrote. A rule in the workbook is ours when it is a
 *   custom rule with a recorded formula and the kind's colours; Clear flags removes exactly those.
 * - Writing is a diff: identical rules and notes stay, so re-checking an unchanged sheet writes
 *   nothing (add-in writes can clear Excel's undo stack).
 *
 * Syncs: one to take stock (ownership record, rules and notes on the sheets involved), one to
 * write; more only when the stock shows sheets the session did not know about, when the workbook
 * has notes of ours that moved, or when the writes pass the per-request byte budget.
 */
import { FLAG_STYLE, type FlagKind, type FlagPlan, NOTE_MARK, type NotePlan } from "../core/flags";
import { hostCapabilities } from "./capabilities";
import { formulaShape, normalizeFormula } from "./formulaRefs";
import { splitAddressList } from "./read";
import { guarded, jsonBytes, stop, utf8Length } from "./run";
import type { Session } from "./session";
import { queueCreateStateSheet, queueSectionWrite } from "./storage";
import type { FlagsCleared, FlagsWritten, Outcome, WriteFlagsOptions } from "./types";
import {
  FLAGS_SCHEMA,
  type FlagsRecord,
  OP_BYTES,
  type OwnedRule,
  type RuleItem,
  type RulePart,
  type SheetRecord,
  type SheetStock,
  type Stock,
  WRITE_BUDGET_BYTES,
  emptyRecord,
  kindOfColours,
  ruleParts,
  takeStock,
} from "./flagStock";

// ---------------------------------------------------------------------------------------------
// Deciding and writing

interface Writes {
  ops: { bytes: number; queue: () => void }[];
  changed: boolean;
}

function ruleItems(stock: SheetStock): RuleItem[] {
  return stock.rules.items
    .filter((cf) => cf.type === Excel.ConditionalFormatType.custom)
    .map((cf) => {
      const custom = cf.customOrNullObject;
      return {
        cf,
        formula: custom.rule.formula,
        kind: kindOfColours(custom.format.fill.color, custom.format.font.color),
        taken: false,
      };
    });
}

/**
 * The custom rules of each sheet. When more rules share a recorded rule's formula and colours than
 * the record has (a user's rule made with Excel's same light-red preset), their areas are loaded
 * too (one more sync), so the user's look-alike is never taken for ours.
 */
async function inspectRules(context: Excel.RequestContext, stock: Stock): Promise<void> {
  const pending: { item: RuleItem; areas: Excel.RangeAreas }[] = [];
  for (const s of stock.sheets.values()) {
    s.items = ruleItems(s);
    const recorded = stock.record.sheets[s.name]?.rules ?? [];
    const key = (kind: FlagKind | undefined, formula: string) => `${kind}\u0000${normalizeFormula(formula)}`;
    const wanted = new Map<string, number>();
    for (const r of recorded)
      wanted.set(key(r.kind, r.formula), (wanted.get(key(r.kind, r.formula)) ?? 0) + 1);
    const found = new Map<string, RuleItem[]>();
    for (const i of s.items)
      found.set(key(i.kind, i.formula), [...(found.get(key(i.kind, i.formula)) ?? []), i]);
    for (const [k, n] of wanted) {
      const candidates = found.get(k) ?? [];
      if (candidates.length <= n) continue;
      for (const item of candidates) {
        const areas = item.cf.getRanges();
        areas.load("address");
        pending.push({ item, areas });
      }
    }
  }
  if (!pending.length) return;
  await context.sync();
  for (const { item, areas } of pending) item.ranges = splitAddressList(areas.address).join(",");
}

/** Matches each recorded rule to a rule in the workbook: the same formula first, then the same shape. */
function matchOwned(record: SheetRecord | undefined, items: RuleItem[]): Map<OwnedRule, RuleItem> {
  const matched = new Map<OwnedRule, RuleItem>();
  if (!record) return matched;
  for (const pass of ["exact", "shape"] as const) {
    for (const rule of record.rules) {
      if (matched.has(rule)) continue;
      const want = pass === "exact" ? normalizeFormula(rule.formula) : formulaShape(rule.formula);
      const item = items.find(
        (i) =>
          !i.taken &&
          i.kind === rule.kind &&
          (pass === "exact" ? normalizeFormula(i.formula) : formulaShape(i.formula)) === want &&
          (pass === "shape" || i.ranges === undefined || i.ranges === rule.ranges.join(",")),
      );
      if (item) {
        item.taken = true;
        matched.set(rule, item);
      }
    }
  }
  return matched;
}

function queueAddRule(stock: SheetStock, part: RulePart): void {
  const cf = stock.sheet
    .getRanges(part.ranges.join(","))
    .conditionalFormats.add(Excel.ConditionalFormatType.custom);
  const style = FLAG_STYLE[part.kind];
  cf.custom.rule.formula = `=${part.formula}`;
  cf.custom.format.fill.color = style.fill;
  cf.custom.format.font.color = style.font;
  if (style.border) {
    // A frame marks the cells a hint points at (ConditionalRangeBorderCollection, ExcelApi 1.6).
    const borders = cf.custom.format.borders;
    for (const side of [borders.top, borders.bottom, borders.left, borders.right]) {
      side.style = Excel.BorderLineStyle.continuous;
      side.color = style.border;
    }
  }
}

interface Decision {
  writes: Writes;
  record: FlagsRecord;
  /** Record of everything that may exist while the writes are under way (old and new). */
  superset: FlagsRecord;
  rules: number;
  added: number;
  removedRules: number;
  removedNotes: number;
  notes: number;
  skippedNotes: string[];
  /** Notes of ours whose cells are unknown (rows were inserted above them). */
  strays: { stock: SheetStock; keep: Set<string> }[];
}

function decide(stock: Stock, parts: RulePart[], notes: NotePlan[], withNotes: boolean): Decision {
  const writes: Writes = { ops: [], changed: false };
  const record = emptyRecord();
  const superset: FlagsRecord = {
    schema: FLAGS_SCHEMA,
    sheets: JSON.parse(JSON.stringify(stock.record.sheets)),
  };
  const d: Decision = {
    writes,
    record,
    superset,
    rules: 0,
    added: 0,
    removedRules: 0,
    removedNotes: 0,
    notes: 0,
    skippedNotes: [],
    strays: [],
  };
  const op = (bytes: number, queue: () => void) => {
    writes.ops.push({ bytes: bytes + OP_BYTES, queue });
    writes.changed = true;
  };
  const sheetRecord = (r: FlagsRecord, name: string) => (r.sheets[name] ??= { rules: [], notes: [] });
  const names = new Set([...stock.sheets.keys()]);
  for (const name of names) {
    const s = stock.sheets.get(name)!;
    const planned = parts.filter((p) => p.sheet === name);
    const plannedNotes = notes.filter((n) => n.sheet === name);
    const old = stock.record.sheets[name];
    const items = s.items ?? ruleItems(s);
    const owned = matchOwned(old, items);
    // Rules are kept or replaced by groups of one kind and formula: parts of one long static rule
    // share "TRUE" and cannot be told apart without their ranges, so such a group stays only when
    // it is exactly as recorded and every part of it was found unmoved.
    const keyOf = (r: OwnedRule) => `${r.kind}\u0000${normalizeFormula(r.formula)}`;
    const rangesOf = (rs: OwnedRule[]) =>
      rs
        .map((r) => r.ranges.join(","))
        .sort()
        .join("\u0001");
    const keptKeys = new Set<string>();
    const recordedByKey = new Map<string, OwnedRule[]>();
    for (const r of old?.rules ?? [])
      recordedByKey.set(keyOf(r), [...(recordedByKey.get(keyOf(r)) ?? []), r]);
    const plannedByKey = new Map<string, RulePart[]>();
    for (const p of planned) plannedByKey.set(keyOf(p), [...(plannedByKey.get(keyOf(p)) ?? []), p]);
    for (const [key, parts] of plannedByKey) {
      const recorded = recordedByKey.get(key) ?? [];
      const unmoved = recorded.every((r) => {
        const item = owned.get(r);
        return item !== undefined && normalizeFormula(item.formula) === normalizeFormula(r.formula);
      });
      if (recorded.length && unmoved && rangesOf(recorded) === rangesOf(parts)) keptKeys.add(key);
    }
    for (const part of planned) {
      const own: OwnedRule = { kind: part.kind, formula: part.formula, ranges: part.ranges };
      if (!keptKeys.has(keyOf(own))) {
        op(utf8Length(part.ranges.join(",")) + utf8Length(part.formula) + 4 * OP_BYTES, () =>
          queueAddRule(s, part),
        );
        d.added++;
      }
      sheetRecord(record, name).rules.push(own);
      sheetRecord(superset, name).rules.push(own);
      d.rules++;
    }
    for (const [rule, item] of owned)
      if (!keptKeys.has(keyOf(rule))) {
        op(0, () => item.cf.delete());
        d.removedRules++;
      }
    if (!withNotes || !s.notes) continue;
    // Notes: ours start with NOTE_MARK; a note without it is the user's and is never touched.
    const stockNotes = s.notes;
    const plannedCells = new Set(plannedNotes.map((n) => n.cell));
    let markedSeen = 0;
    for (const [cell, note] of stockNotes.cells) {
      if (note.isNullObject || !note.content.startsWith(NOTE_MARK)) continue;
      markedSeen++;
      if (!plannedCells.has(cell)) {
        op(jsonBytes(cell), () => note.delete());
        d.removedNotes++;
      }
    }
    for (const n of plannedNotes) {
      const existing = stockNotes.cells.get(n.cell);
      if (existing && !existing.isNullObject && !existing.content.startsWith(NOTE_MARK)) {
        d.skippedNotes.push(`${name}!${n.cell}`);
        continue;
      }
      if (!existing || existing.isNullObject)
        op(jsonBytes([n.cell, n.text]), () => stockNotes.collection.add(n.cell, n.text));
      else if (existing.content.replace(/\r\n?/g, "\n") !== n.text)
        op(jsonBytes(n.text), () => {
          existing.content = n.text;
        });
      sheetRecord(record, name).notes.push(n.cell);
      sheetRecord(superset, name).notes.push(n.cell);
      d.notes++;
    }
    const markedAll = stockNotes.collection.items.filter((n) => n.content.startsWith(NOTE_MARK)).length;
    if (markedAll > markedSeen) d.strays.push({ stock: s, keep: plannedCells });
  }
  for (const r of [record, superset])
    for (const [name, sr] of Object.entries(r.sheets)) {
      sr.notes = [...new Set(sr.notes)];
      if (!sr.rules.length && !sr.notes.length) delete r.sheets[name];
    }
  return d;
}

/** Notes of ours whose cell moved (rows inserted above): found by location, one more sync. */
async function queueStrays(context: Excel.RequestContext, d: Decision): Promise<void> {
  if (!d.strays.length) return;
  const located = d.strays.flatMap(({ stock, keep }) =>
    stock
      .notes!.collection.items.filter((n) => n.content.startsWith(NOTE_MARK))
      .map((note) => {
        const at = note.getLocation();
        at.load("address");
        return { note, at, keep, seen: stock.notes!.cells };
      }),
  );
  await context.sync();
  for (const { note, at, keep, seen } of located) {
    const cell = at.address.slice(at.address.lastIndexOf("!") + 1).replace(/\$/g, "");
    if (keep.has(cell) || seen.has(cell)) continue;
    d.writes.ops.push({ bytes: OP_BYTES, queue: () => note.delete() });
    d.writes.changed = true;
    d.removedNotes++;
  }
}

const recordEmpty = (r: FlagsRecord) => Object.keys(r.sheets).length === 0;

/** Runs the writes in requests under WRITE_BUDGET_BYTES, the ownership record first and last. */
async function applyWrites(
  session: Session,
  context: Excel.RequestContext,
  stock: Stock,
  d: Decision,
  onRequest: (done: number, total: number) => void,
): Promise<boolean> {
  const recordChanged = JSON.stringify(d.record.sheets) !== JSON.stringify(stock.record.sheets);
  if (!d.writes.changed && !recordChanged) return false;
  let stateSheet = stock.stateSheet;
  const deleteState = recordEmpty(d.record) && !stock.otherSections;
  if (!stateSheet && recordEmpty(d.record) && recordEmpty(stock.record)) {
    // Nothing of ours was there and nothing is left: no state sheet needed.
  } else if (!stateSheet) {
    stateSheet = queueCreateStateSheet(context);
    session.stateSheet = true;
  }
  const total = d.writes.ops.length;
  // While the rules are being changed the record lists old and new, so an interrupted write
  // leaves nothing of ours that Clear flags would not find.
  if (stateSheet && total > 0) await queueSectionWrite(context, stateSheet, "flags", d.superset);
  let bytes = jsonBytes(d.superset);
  let done = 0;
  for (const op of d.writes.ops) {
    if (bytes + op.bytes > WRITE_BUDGET_BYTES && done > 0) {
      await context.sync();
      onRequest(done, total);
      bytes = 0;
    }
    op.queue();
    bytes += op.bytes;
    done++;
  }
  if (stateSheet) {
    if (deleteState) {
      // The sheet held only our flags record: leave the workbook as it was before the add-in.
      stateSheet.delete();
      session.stateSheet = false;
    } else
      await queueSectionWrite(context, stateSheet, "flags", recordEmpty(d.record) ? undefined : d.record);
  }
  await context.sync();
  onRequest(total, total);
  return true;
}

function notePlanCells(plan: FlagPlan): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const n of plan.notes) {
    const set = m.get(n.sheet) ?? new Set<string>();
    set.add(n.cell);
    m.set(n.sheet, set);
  }
  return m;
}

export async function writeFlagsNow(
  session: Session,
  context: Excel.RequestContext,
  plan: FlagPlan,
  options: WriteFlagsOptions = {},
): Promise<FlagsWritten> {
  const withNotes = (options.hostSupportsNotes ?? true) && hostCapabilities().notes;
  const notes = withNotes ? plan.notes : [];
  const parts = ruleParts(plan);
  const planSheets = [...new Set([...parts.map((p) => p.sheet), ...notes.map((n) => n.sheet)])];
  const stock = await takeStock(session, context, planSheets, notePlanCells({ rules: [], notes }), withNotes);
  // A protected sheet refuses rules and notes: say so before writing anything anywhere.
  for (const s of stock.sheets.values()) {
    const touches = planSheets.includes(s.name) || stock.record.sheets[s.name] !== undefined;
    if (touches && s.protection.protected) stop({ code: "PROTECTED_SHEET", sheet: s.name });
  }
  await inspectRules(context, stock);
  const d = decide(stock, parts, notes, withNotes);
  await queueStrays(context, d);
  const wrote = await applyWrites(session, context, stock, d, (done, total) =>
    options.onProgress?.({ stage: "write", done, total }),
  );
  session.flaggedSheets = Object.keys(d.record.sheets);
  session.flaggedPlan = JSON.stringify(plan);
  session.flaggedNotes = Object.fromEntries(Object.entries(d.record.sheets).map(([n, r]) => [n, r.notes]));
  return {
    rules: d.rules,
    added: d.added,
    removed: d.removedRules + d.removedNotes,
    notes: d.notes,
    skippedNotes: d.skippedNotes,
    wrote,
    removedRules: d.removedRules,
    removedNotes: d.removedNotes,
  };
}

export async function clearFlagsNow(session: Session, context: Excel.RequestContext): Promise<FlagsCleared> {
  const r = await writeFlagsNow(session, context, { rules: [], notes: [] }, { hostSupportsNotes: true });
  session.flaggedKey = undefined;
  session.flaggedPlan = undefined;
  return { rules: r.removedRules, notes: r.removedNotes };
}

/** Makes the add-in's rules and notes equal the plan (see the file comment). */
export function writeFlags(
  session: Session,
  plan: FlagPlan,
  options: WriteFlagsOptions = {},
): Promise<Outcome<FlagsWritten>> {
  return guarded(() => Excel.run((context) => writeFlagsNow(session, context, plan, options)));
}

/** Removes exactly the rules and notes the add-in recorded as its own. */
export function clearFlags(session: Session): Promise<Outcome<FlagsCleared>> {
  return guarded(() => Excel.run((context) => clearFlagsNow(session, context)));
}
