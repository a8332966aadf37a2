/**
 * The fake host's workbook: cells (values, formulas, number formats), conditional formats, notes,
 * merged areas, names and sheet visibility, held in plain arrays so a million cells stay cheap.
 * Office.js objects (client.ts) read and write this; tests act as the user through FakeHost (host.ts).
 */
import { parseRange, type RangeBox } from "../core/address";
import { isErrorValue, type ErrorValue, type RawValue, type WorkbookGrid } from "../core/grid";
import { boxAddress, contains, intersects } from "./address";
import { evaluate, lights, mapRefs, UnsupportedFormula, type CellScalar } from "./formula";

export type Visibility = "Visible" | "Hidden" | "VeryHidden";
export type BorderSide = "top" | "bottom" | "left" | "right";

export interface FakeConditionalFormat {
  id: string;
  type: "Custom" | "CellValue";
  /** Areas the rule applies to; its formula is relative to the top-left cell of the first. */
  areas: RangeBox[];
  /** With the leading "=", as Office.js gives it back. */
  formula: string;
  fill?: string;
  font?: string;
  borders: Partial<Record<BorderSide, { color?: string; style?: string }>>;
  stopIfTrue: boolean;
}

/** A cell's look (Range.format): what the report sheet sets. Absent keys are Excel's defaults. */
export interface FakeCellStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  underline?: string;
  fontName?: string;
  fill?: string;
  wrap?: boolean;
  horizontal?: string;
  vertical?: string;
  borders?: Partial<Record<BorderSide, { style: string; color?: string }>>;
}

/** Range.hyperlink (ExcelApi 1.7). */
export interface FakeHyperlink {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

/** Worksheet.pageLayout (ExcelApi 1.9): the parts the report sets. */
export interface FakePageLayout {
  orientation?: string;
  paperSize?: string;
  printTitleRows?: string;
  zoom?: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  centerFooter?: string;
}

export interface FakeNote {
  row: number;
  col: number;
  content: string;
  author: string;
}

export interface FakeName {
  name: string;
  sheetId: string;
  box: RangeBox;
  comment: string;
  visible: boolean;
}

/** Excel's cell limit: 32,767 characters. */
export const MAX_CELL_CHARS = 32767;

export class FakeSheet {
  values: (CellScalar | undefined)[][] = [];
  /** Formulas with "=", only for formula cells. */
  formulas: (string | undefined)[][] = [];
  formats: (string | undefined)[][] = [];
  cfs: FakeConditionalFormat[] = [];
  notes = new Map<string, FakeNote>();
  merges: RangeBox[] = [];
  visibility: Visibility = "Visible";
  protected = false;
  /** Cells holding formulas, "row,col", for recalculation. */
  formulaCells = new Set<string>();
  /** Cell formats other than the number format, "row,col" → style (not moved by insertRows). */
  styles = new Map<string, FakeCellStyle>();
  hyperlinks = new Map<string, FakeHyperlink>();
  /** Column widths and row heights in points, where set. */
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  /** Rows frozen at the top (freezePanes.freezeRows). */
  frozenRows = 0;
  pageLayout: FakePageLayout = {};

  constructor(
    public readonly id: string,
    public name: string,
  ) {}

  value(row: number, col: number): CellScalar | undefined {
    return this.values[row]?.[col];
  }

  formula(row: number, col: number): string | undefined {
    return this.formulas[row]?.[col];
  }

  format(row: number, col: number): string | undefined {
    return this.formats[row]?.[col];
  }

  private put<T>(grid: (T | undefined)[][], row: number, col: number, v: T | undefined): void {
    if (v === undefined && grid[row] === undefined) return;
    const r = (grid[row] ??= []);
    r[col] = v;
  }

  setConstant(row: number, col: number, v: CellScalar | undefined): void {
    this.put(this.values, row, col, v);
    this.put(this.formulas, row, col, undefined);
    this.formulaCells.delete(`${row},${col}`);
  }

  setFormula(row: number, col: number, formula: string, cached?: CellScalar): void {
    this.put(this.formulas, row, col, formula);
    this.put(this.values, row, col, cached);
    this.formulaCells.add(`${row},${col}`);
  }

  setFormat(row: number, col: number, format: string | undefined): void {
    this.put(this.formats, row, col, format === "General" ? undefined : format);
  }

  /** The used range: cells with a value or formula (and, unless valuesOnly, a number format). */
  usedBox(valuesOnly: boolean): RangeBox | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const scan = (grid: unknown[][]) => {
      grid.forEach((row, r) => {
        if (!row) return;
        for (let c = 0; c < row.length; c++) {
          if (row[c] === undefined) continue;
          if (r < top) top = r;
          if (r > bottom) bottom = r;
          if (c < left) left = c;
          if (c > right) right = c;
        }
      });
    };
    scan(this.values);
    scan(this.formulas);
    if (!valuesOnly) scan(this.formats);
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  style(row: number, col: number): FakeCellStyle | undefined {
    return this.styles.get(`${row},${col}`);
  }

  setStyle(row: number, col: number, change: (s: FakeCellStyle) => FakeCellStyle): void {
    const key = `${row},${col}`;
    this.styles.set(key, change({ ...this.styles.get(key) }));
  }

  noteAt(row: number, col: number): FakeNote | undefined {
    return this.notes.get(`${row},${col}`);
  }
}

let nextId = 1;

function fromRaw(v: RawValue): CellScalar | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (isErrorValue(v)) return { error: v.error };
  return v as CellScalar;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  names: FakeName[] = [];
  activeSheetId: string | undefined;
  selection: { sheetId: string; boxes: RangeBox[] } | undefined;

  constructor(public name = "Book1.xlsx") {}

  /** A workbook with the grids' values, formulas and number formats (merges and visibility too). */
  static fromGrid(grid: WorkbookGrid): FakeWorkbook {
    const book = new FakeWorkbook(grid.name);
    for (const g of grid.sheets) {
      const sheet = book.addSheet(g.name);
      sheet.visibility =
        g.visibility === "veryHidden" ? "VeryHidden" : g.visibility === "hidden" ? "Hidden" : "Visible";
      sheet.protected = g.protected ?? false;
      g.values.forEach((row, r) => {
        row?.forEach((v, c) => {
          const value = fromRaw(v);
          const formula = g.formulas?.[r]?.[c];
          if (formula) sheet.setFormula(r, c, `=${formula}`, value);
          else if (value !== undefined) sheet.setConstant(r, c, value);
        });
      });
      g.numberFormats?.forEach((row, r) => row?.forEach((f, c) => f && sheet.setFormat(r, c, f)));
      for (const m of g.merges ?? []) {
        const [a, b] = m.split(":");
        const box = parseRange(`${a}:${b ?? a}`);
        if (box) sheet.merges.push(box);
      }
    }
    book.activeSheetId = book.sheets.find((s) => s.visibility === "Visible")?.id;
    return book;
  }

  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(`{fake-sheet-${nextId++}}`, name);
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByNameOrId(key: string): FakeSheet | undefined {
    return this.sheetById(key) ?? this.sheet(key);
  }

  activeSheet(): FakeSheet {
    const s = (this.activeSheetId && this.sheetById(this.activeSheetId)) || this.sheets[0];
    if (!s) throw new Error("the fake workbook has no sheets");
    return s;
  }

  namedItem(name: string): FakeName | undefined {
    const lower = name.toLowerCase();
    return this.names.find((n) => n.name.toLowerCase() === lower);
  }

  /** The value a formula sees: a sheet-qualified reference reads another sheet. */
  private reader(sheet: FakeSheet) {
    return (name: string | undefined, row: number, col: number): CellScalar | undefined => {
      const s = name === undefined ? sheet : this.sheet(name);
      if (!s) return { error: "#REF!" };
      return s.value(row, col);
    };
  }

  /**
   * Recalculates formula cells (a few passes, enough for the short chains sheets have). A formula
   * outside the evaluator's set keeps its cached value: the fake never invents a result.
   */
  recalc(): void {
    for (let pass = 0; pass < 8; pass++) {
      let changed = false;
      for (const sheet of this.sheets) {
        for (const key of sheet.formulaCells) {
          const [r, c] = key.split(",").map(Number);
          const f = sheet.formula(r, c);
          if (!f) continue;
          let v: CellScalar | null;
          try {
            v = evaluate(f, { cell: this.reader(sheet) });
          } catch (e) {
            if (e instanceof UnsupportedFormula) continue;
            throw e;
          }
          const next = v === null ? 0 : v;
          const prev = sheet.value(r, c);
          if (!sameScalar(prev, next)) {
            sheet.values[r][c] = next;
            changed = true;
          }
        }
      }
      if (!changed) return;
    }
  }

  /** Every conditional format on the cell whose formula lights there, highest priority first. */
  litRules(sheet: FakeSheet, row: number, col: number): FakeConditionalFormat[] {
    const lit: FakeConditionalFormat[] = [];
    for (const cf of sheet.cfs) {
      if (!cf.areas.some((b) => contains(b, row, col))) continue;
      const anchor = cf.areas[0];
      const result = evaluate(cf.formula, {
        cell: this.reader(sheet),
        dRow: row - anchor.top,
        dCol: col - anchor.left,
      });
      if (lights(result)) {
        lit.push(cf);
        if (cf.stopIfTrue) break;
      }
    }
    return lit;
  }

  /** Rows inserted above sheet row `at` (0-based): cells, formulas, rules, notes, merges and names move. */
  insertRows(sheet: FakeSheet, at: number, count: number): void {
    const blank = () => new Array<undefined>(count).fill(undefined);
    for (const grid of [sheet.values, sheet.formulas, sheet.formats] as unknown[][][]) {
      if (grid.length > at) grid.splice(at, 0, ...blank().map(() => []));
    }
    const moveBox = (b: RangeBox): RangeBox =>
      b.top >= at
        ? { ...b, top: b.top + count, bottom: b.bottom + count }
        : b.bottom >= at
          ? { ...b, bottom: b.bottom + count }
          : b;
    const moveFormula = (f: string, formulaSheet: FakeSheet) =>
      mapRefs(f, (ref) => {
        const target = ref.sheet === undefined ? formulaSheet : this.sheet(ref.sheet);
        return target === sheet && ref.row >= at ? { ...ref, row: ref.row + count } : ref;
      });
    sheet.formulaCells = new Set(
      [...sheet.formulaCells].map((k) => {
        const [r, c] = k.split(",").map(Number);
        return `${r >= at ? r + count : r},${c}`;
      }),
    );
    for (const s of this.sheets) {
      for (const key of s.formulaCells) {
        const [r, c] = key.split(",").map(Number);
        const f = s.formula(r, c);
        if (f) s.formulas[r][c] = moveFormula(f, s);
      }
      for (const cf of s.cfs) cf.formula = moveFormula(cf.formula, s);
    }
    for (const cf of sheet.cfs) cf.areas = cf.areas.map(moveBox);
    sheet.merges = sheet.merges.map(moveBox);
    sheet.notes = new Map(
      [...sheet.notes.values()].map((n) => {
        const moved = n.row >= at ? { ...n, row: n.row + count } : n;
        return [`${moved.row},${moved.col}`, moved];
      }),
    );
    for (const n of this.names) if (n.sheetId === sheet.id) n.box = moveBox(n.box);
  }

  /** Merged areas of the sheet that meet the box. */
  mergesIn(sheet: FakeSheet, box: RangeBox): RangeBox[] {
    return sheet.merges.filter((m) => intersects(m, box));
  }
}

export function sameScalar(a: CellScalar | undefined, b: CellScalar | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (typeof a === "object" && typeof b === "object")
    return (a as ErrorValue).error === (b as ErrorValue).error;
  return false;
}

export { boxAddress };
