/**
 * The change trail: every rebalance applied to a workbook, and every undo of one, recorded in
 * the workbook itself so the audit report can list who changed which district's quota, how,
 * and from what to what. The writers (the add-in's apply/undo and `tdcheck rebalance`) append
 * an entry; the report reads them.
 *
 * Stored in the `_tdcheck` sheet, column E (section `trail`), as
 * `{ "schema": 1, "entries": [TrailEntry, …] }`, oldest first.
 */
import type { WorkbookGrid } from "../grid";
import type { Lang } from "../messages";
import { EXPLAIN_TEXT } from "../rebalance/explainText";
import { encodeSection, readSection, type SectionColumn } from "./stateSheet";
import type { StoredRead } from "./acceptance";

/** A cell's stored value: a number, text (`1.7万`, `-`), or empty. */
export type TrailValue = number | string | null;

export interface TrailChange {
  unit: string;
  /** A1 on the entry's sheet. */
  cell: string;
  before: TrailValue;
  after: TrailValue;
  /** The formula the cell held before, when one was overwritten (without "="). */
  beforeFormula?: string;
}

export interface TrailBound {
  unit: string;
  min?: TrailValue;
  max?: TrailValue;
}

export interface TrailEntry {
  /** When it was applied, ISO 8601. */
  time: string;
  kind: "rebalance" | "undo";
  indicator: string;
  sheet: string;
  /**
   * The engine's method id (src/core/rebalance/types.ts `Method`): proportional, equal-increment,
   * reference, minimal-change, ratio, edit-one, fix-parent (unknown ids are shown as written).
   */
  method: string;
  /** Units whose values were held. */
  locks: string[];
  bounds: TrailBound[];
  children: TrailChange[];
  /** The parent's cell, when it was written too (a new target, fix-parent). */
  parent?: TrailChange;
  /** The parent target the split was made to add up to. */
  target?: TrailValue;
  /** Rounding grid (1, 0.1, …). */
  step?: string;
  /** The reference row of the reference method, or the weights of minimal-change/ratio. */
  reference?: string;
  /** Who applied it, where known. */
  by?: string;
  /** For an undo: the `time` of the entry it reverses. */
  undoes?: string;
  /** Which door wrote it: "add-in" or "cli". */
  source?: string;
}

export const TRAIL_SCHEMA = 1;

export interface TrailDocument {
  schema: 1;
  entries: TrailEntry[];
}

/** The section's JSON document (for a storage that chunks documents itself, like src/excel/storage.ts). */
export function trailDocument(entries: TrailEntry[]): TrailDocument {
  return { schema: TRAIL_SCHEMA, entries };
}

/** The section's column cells, top to bottom, for writing into `_tdcheck` column E. */
export function encodeTrail(entries: TrailEntry[]): SectionColumn {
  return encodeSection("trail", trailDocument(entries));
}

/** The stored trail with one more entry, ready to write back (column E of `_tdcheck`). */
export function appendTrail(entries: TrailEntry[], entry: TrailEntry): SectionColumn {
  return encodeTrail([...entries, entry]);
}

function isValue(v: unknown): v is TrailValue {
  return v === null || typeof v === "number" || typeof v === "string";
}

function isChange(v: unknown): v is TrailChange {
  const c = v as Partial<TrailChange> | null;
  return (
    !!c && typeof c.unit === "string" && typeof c.cell === "string" && isValue(c.before) && isValue(c.after)
  );
}

export function parseTrail(document: unknown): { entries: TrailEntry[]; dropped: number; ok: boolean } {
  const doc = document as Partial<TrailDocument> | null;
  if (!doc || typeof doc !== "object" || doc.schema !== TRAIL_SCHEMA || !Array.isArray(doc.entries))
    return { entries: [], dropped: 0, ok: false };
  const entries: TrailEntry[] = [];
  let dropped = 0;
  for (const e of doc.entries as unknown[]) {
    const x = e as Partial<TrailEntry> | null;
    const valid =
      !!x &&
      typeof x.time === "string" &&
      (x.kind === "rebalance" || x.kind === "undo") &&
      typeof x.indicator === "string" &&
      typeof x.sheet === "string" &&
      typeof x.method === "string" &&
      Array.isArray(x.locks) &&
      Array.isArray(x.bounds) &&
      Array.isArray(x.children) &&
      x.children.every(isChange);
    if (valid) entries.push(x as TrailEntry);
    else dropped++;
  }
  return { entries, dropped, ok: true };
}

/** The trail stored in a workbook's `_tdcheck` sheet (empty when there is none). */
export function readTrail(workbook: WorkbookGrid): StoredRead<TrailEntry> {
  const read = readSection(workbook, "trail");
  if (!read.ok) return read.problem.code === "MISSING" ? { items: [] } : { items: [], problem: read.problem };
  const parsed = parseTrail(read.document);
  if (!parsed.ok)
    return { items: [], problem: { code: "BAD_SHAPE", detail: "not a trail document (schema 1)" } };
  return parsed.dropped
    ? {
        items: parsed.entries,
        problem: { code: "BAD_SHAPE", detail: `${parsed.dropped} entries unreadable` },
      }
    : { items: parsed.entries };
}

/** A method's name in the reader's language (the engine's one wording); an unknown id as written. */
export function methodText(method: string, lang: Lang): string {
  const names: Record<string, string> = EXPLAIN_TEXT[lang].method;
  return Object.hasOwn(names, method) ? names[method] : method;
}
