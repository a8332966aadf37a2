/**
 * A plain-data picture of everything a user could tell apart in a workbook: cell values, formulas and
 * number formats, conditional formats (type, areas, formula, colours, borders, order), notes, merged
 * areas, sheet names, order and visibility, protection, and names. Tests compare two snapshots with
 * toEqual to prove that clearing flags (or undoing) put everything back exactly.
 */
import { a1 } from "../core/address";
import { isErrorValue } from "../core/grid";
import { boxAddress, quoteSheet } from "./address";
import type { FakeWorkbook } from "./book";

export interface CellSnapshot {
  value?: string | number | boolean;
  error?: string;
  formula?: string;
  format?: string;
}

export interface RuleSnapshot {
  type: string;
  ranges: string[];
  formula: string;
  fill?: string;
  font?: string;
  borders: Record<string, { color?: string; style?: string }>;
  stopIfTrue: boolean;
}

export interface SheetSnapshot {
  name: string;
  visibility: string;
  protected: boolean;
  cells: Record<string, CellSnapshot>;
  rules: RuleSnapshot[];
  notes: Record<string, { content: string; author: string }>;
  merges: string[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  names: { name: string; refersTo: string }[];
}

export interface SnapshotOptions {
  /** Leave these sheets out (e.g. the add-in's own very hidden sheet when it is meant to stay). */
  omitSheets?: string[];
  /** Leave out names starting with this prefix. */
  omitNamesStarting?: string;
}

export function takeSnapshot(book: FakeWorkbook, options: SnapshotOptions = {}): WorkbookSnapshot {
  const omit = new Set(options.omitSheets ?? []);
  const sheets: SheetSnapshot[] = [];
  for (const s of book.sheets) {
    if (omit.has(s.name)) continue;
    const cells: Record<string, CellSnapshot> = {};
    const rows = Math.max(s.values.length, s.formulas.length, s.formats.length);
    for (let r = 0; r < rows; r++) {
      const width = Math.max(s.values[r]?.length ?? 0, s.formulas[r]?.length ?? 0, s.formats[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const v = s.value(r, c);
        const f = s.formula(r, c);
        const nf = s.format(r, c);
        if (v === undefined && f === undefined && nf === undefined) continue;
        const cell: CellSnapshot = {};
        if (v !== undefined) {
          if (isErrorValue(v)) cell.error = v.error;
          else cell.value = v;
        }
        if (f !== undefined) cell.formula = f;
        if (nf !== undefined) cell.format = nf;
        cells[a1(r, c)] = cell;
      }
    }
    const notes: SheetSnapshot["notes"] = {};
    for (const n of [...s.notes.values()].sort((p, q) => p.row - q.row || p.col - q.col))
      notes[a1(n.row, n.col)] = { content: n.content, author: n.author };
    sheets.push({
      name: s.name,
      visibility: s.visibility,
      protected: s.protected,
      cells,
      rules: s.cfs.map((cf) => ({
        type: cf.type,
        ranges: cf.areas.map(boxAddress),
        formula: cf.formula,
        fill: cf.fill,
        font: cf.font,
        borders: JSON.parse(JSON.stringify(cf.borders)),
        stopIfTrue: cf.stopIfTrue,
      })),
      notes,
      merges: s.merges.map(boxAddress),
    });
  }
  const names = book.names
    .filter((n) => !(options.omitNamesStarting && n.name.startsWith(options.omitNamesStarting)))
    .map((n) => {
      const sheet = book.sheetById(n.sheetId);
      return { name: n.name, refersTo: sheet ? `${quoteSheet(sheet.name)}!${boxAddress(n.box)}` : "#REF!" };
    });
  return { sheets, names };
}
