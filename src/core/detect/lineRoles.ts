/**
 * What a line of a table is (docs/table-understanding.md §2): the roles a line across the units
 * can have, and the small judgements reading.ts makes about lines and cells along the way.
 */
import type { RawValue } from "../grid";
import { anyCharOf } from "../charTests";
import { normalizeLabel } from "../text";
import { LEVEL_WORDS } from "../vocabulary/headers";
import { parseCell } from "../parse/cellText";
import { containing, labelOf } from "../vocabulary/words";
import { QUALITATIVE_TARGET_WORDS } from "../vocabulary/indicators";
import type { LabelRole } from "./labels";
import type { SheetView } from "./view";

/** What a line across the units does in a table. */
export type LineRole =
  | "child"
  | "total"
  | "subtotal"
  | "target"
  | "level-target"
  | "assignment"
  | "part"
  | "derived"
  | "reference"
  /** Beside a total, on the side it does not head (Rate and Gross pay after Total hours). */
  | "beyond"
  | "measure"
  | "note"
  | "attribute"
  | "period"
  | "structure"
  | "caption";

/** A line across the indicators, with its name and role. */
export interface UnitInfo {
  line: number;
  label: string;
  display: string;
  role: LineRole;
  word?: LabelRole;
  /** Whether the line holds any number-like cell. */
  hasValues: boolean;
}

/** What a note or a sentence holds somewhere (a colon, a full stop, a footnote mark, 注): most names hold none. */
export const NOTE_HINT_CHARS = ":：.、。；;!?*†‡§¶)]¹²³⁴⁵⁶⁷⁸⁹注";
export const NOTE_HINT = anyCharOf(NOTE_HINT_CHARS);

/** Unit-line roles a word gives outright. */
export const WORDED_ROLES: Partial<Record<LabelRole["role"], LineRole>> = {
  total: "total",
  subtotal: "subtotal",
  target: "target",
  "level-target": "level-target",
  assignment: "assignment",
  part: "part",
  derived: "derived",
  reference: "reference",
  "parent-line": "structure",
  "level-line": "structure",
};

/** A caption over a group of units (一、城区, （二）县市), not a unit: it holds no values. */
export const CAPTION = /^([(（]?[一二三四五六七八九十]+[)）、.．]|各|其中)/;

const TARGET_WORDS = containing(QUALITATIVE_TARGET_WORDS);

/**
 * A target given in words (快于全省平均, 确保完成): wording the cell parser takes for a target, that
 * holds a target's words — a name (王芳, 财务部, 所属县区's 上城区) does not.
 */
export function isQualitativeText(v: RawValue): boolean {
  const c = parseCell(v);
  return c.kind === "text" && c.qualitative && TARGET_WORDS.test(labelOf(c.text));
}

export function textOf(v: RawValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return "";
}

/** Roles a label in an upper header row may lend to an empty header cell below it. */
export const LENDABLE = new Set([
  "name",
  "index",
  "measure",
  "note",
  "assignment",
  "total",
  "target",
  "unit-header",
]);

/** The one measure word a line holds in every non-blank cell, if it is one. */
export function sameMeasure(view: SheetView, line: number, units: readonly number[]): string | undefined {
  let found: string | undefined;
  for (const u of units) {
    const t = normalizeLabel(textOf(view.raw(line, u)));
    if (!t) continue;
    if (found !== undefined && found !== t) return undefined;
    found = t;
  }
  return found;
}

const LEVELS = new Map<string, number>(
  LEVEL_WORDS.flatMap(([n, words]) => words.map((w) => [w, n] as const)),
);

/** A level written as a number (1, 2, 3) or a word (省, 市, 县/区, 乡/镇). */
export function levelOf(v: RawValue): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v !== "string") return undefined;
  const t = normalizeLabel(v);
  if (/^\d+$/.test(t)) return Number(t);
  return LEVELS.get(t);
}

/** Leading spaces of a unit name, a full-width space counting as two (how planners indent by hand). */
export function leadingSpaces(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0xa0) n += 1;
    else if (c === 0x3000) n += 2;
    else break;
  }
  return n;
}

/**
 * The parent among lines named as totals or own targets (docs/table-understanding.md §2): a whole
 * total word (合计, Total) before one that qualifies what it totals (人员经费合计, Total personnel);
 * among equals the first when it opens the units, else the last (totals close their groups).
 */
export function chooseWordParent(lines: readonly UnitInfo[]): UnitInfo | undefined {
  const named = lines.filter((u) => u.role === "total" || u.role === "target");
  if (named.length <= 1) return named[0];
  const grand = named.filter(
    (u) => u.role === "target" || (u.word?.role === "total" && u.word.grand !== false),
  );
  const pool = grand.length ? grand : named;
  return pool[0] === lines[0] ? pool[0] : pool[pool.length - 1];
}

/**
 * The level a 序号 cell's numbering gives (the Chinese outline convention): 一、 is 1, （一） 2,
 * 1 or 1. 3, (1) or ⑴ 4; anything else none.
 */
export function numberingLevel(v: RawValue): number | undefined {
  if (typeof v === "number") return Number.isInteger(v) ? 3 : undefined;
  if (typeof v !== "string") return undefined;
  const t = normalizeLabel(v);
  if (/^[一二三四五六七八九十]+[、.．]?$/.test(t)) return 1;
  if (/^[(（][一二三四五六七八九十]+[)）]$/.test(t)) return 2;
  if (/^\d+[、.．]?$/.test(t)) return 3;
  if (/^([(（]\d+[)）]|[⑴-⒇①-⑳])$/.test(t)) return 4;
  return undefined;
}
