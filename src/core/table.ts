/**
 * A detected table with its cells parsed in the context of each indicator's measure, each once and
 * only when a rule reads it. Rules read cells from here; positions are turned into A1 text only when a finding needs one.
 */
import { a1, type CellPosition } from "./address";
import type { CellValue, ParseContext } from "./cell";
import type { SheetView } from "./detect/view";
import type { RawValue } from "./grid";
import type { IndicatorLine, ProgressionTable, Split, SplitTable, UnitLine } from "./model";
import { Decimal } from "./decimal";
import { parseCell, pow10Number, storedScale } from "./parse/cellText";
import { formatInfo, NO_FORMAT, shownDecimalsOfScale, type FormatInfo } from "./parse/numberFormat";

/** One split of a table seen on its own: the table's facts with this split's parent and children. */
export type SplitMap = Omit<SplitTable, "splits"> & Split;

export interface ParsedSplit {
  table: SplitTable;
  /** Position of this split in table.splits: table-wide rules run on the first only. */
  index: number;
  map: SplitMap;
  view: SheetView;
  rows: ParsedRow[];
  /**
   * Every unit line of the table (all splits' parents and children, and the assignment), once;
   * made when first asked for.
   */
  lines: () => readonly ParsedLine[];
  /** The table's cells, shared by its splits. */
  cells: TableCells;
}

export interface ParsedProgression {
  map: ProgressionTable;
  view: SheetView;
  /** cells[i][p]: indicator i, period p (in map.periods order). */
  cells: CellValue[][];
}

const CONTEXTS = new Map<string, ParseContext>();

const INDEXES = new WeakMap<readonly IndicatorLine[], Map<number, number>>();

/**
 * Each indicator's position by its line, made once per table: group rules run once per group
 * (其中, components, growth), and a table of 20,000 rows may have 10,000 groups.
 */
export function indicatorIndex(indicators: readonly IndicatorLine[]): Map<number, number> {
  let index = INDEXES.get(indicators);
  if (!index) INDEXES.set(indicators, (index = new Map(indicators.map((ind, i) => [ind.line, i]))));
  return index;
}

export function parseAt(view: SheetView, row: number, line: number, measure: string): CellValue {
  const numberFormat = view.format(row, line);
  if (numberFormat !== undefined) return parseCell(view.raw(row, line), { measure, numberFormat });
  // Most cells have no format of their own: one shared context per measure spares an object per cell.
  let ctx = CONTEXTS.get(measure);
  if (!ctx) CONTEXTS.set(measure, (ctx = Object.freeze({ measure })));
  return parseCell(view.raw(row, line), ctx);
}

/**
 * The cells of a split table, each parsed when a rule first reads it, once: in a three-level table
 * a city's line is a child of the province and the parent of its districts. Rows whose children
 * are all stored numbers are summed straight from the grid (`ParsedRow.plainChildren`), so a
 * passing row of 50,000 children never builds its cells.
 */
export class TableCells {
  /** The table's unit lines, each once, in first-seen order: a line's index is its place here. */
  readonly units: UnitLine[] = [];
  /** indexOfLine[view line] = index + 1 (0: not a unit line of the table). */
  private readonly indexOfLine: Int32Array;
  /** Per line index, its cells by indicator, made when one of them is first read. */
  private readonly cellsOfLine: ((CellValue | undefined)[] | undefined)[];
  /** Bumped by `forget`, so the lists lines keep know to rebuild. */
  version = 0;
  /** Bumped per indicator by `forget`, so that row's lists and sums know to rebuild. */
  readonly rowVersion: Uint32Array;

  constructor(
    readonly view: SheetView,
    readonly indicators: readonly IndicatorLine[],
    splits: readonly Split[],
  ) {
    let last = 0;
    for (let s = 0; s < splits.length; s++) {
      const split = splits[s];
      last = Math.max(last, split.parent.line, split.assignment?.line ?? 0);
      for (let k = 0; k < split.children.length; k++) last = Math.max(last, split.children[k].line);
    }
    this.indexOfLine = new Int32Array(last + 1);
    const add = (unit: UnitLine | undefined) => {
      if (unit && this.indexOfLine[unit.line] === 0) this.indexOfLine[unit.line] = this.units.push(unit);
    };
    for (let s = 0; s < splits.length; s++) {
      const split = splits[s];
      add(split.assignment);
      add(split.parent);
      for (let k = 0; k < split.children.length; k++) add(split.children[k]);
    }
    this.cellsOfLine = new Array(this.units.length).fill(undefined);
    this.rowVersion = new Uint32Array(indicators.length);
  }

  /** The index of a unit line among the table's lines; -1 when it is not one. */
  lineIndex(line: number): number {
    return line >= 0 && line < this.indexOfLine.length ? this.indexOfLine[line] - 1 : -1;
  }

  /** Indicator i's cell on the line at `lineIndex`. */
  at(lineIndex: number, i: number): CellValue {
    let cells = this.cellsOfLine[lineIndex];
    if (cells === undefined)
      cells = this.cellsOfLine[lineIndex] = new Array(this.indicators.length).fill(undefined);
    let cell = cells[i];
    if (cell === undefined) {
      const ind = this.indicators[i];
      cell = cells[i] = parseAt(this.view, ind.line, this.units[lineIndex].line, ind.measure);
    }
    return cell;
  }

  /** After an edit of the grid: indicator i's cell on `line` is read again when next asked for. */
  forget(line: number, i: number): void {
    const index = this.lineIndex(line);
    if (index < 0) return;
    const cells = this.cellsOfLine[index];
    if (cells) cells[i] = undefined;
    this.version++;
    this.rowVersion[i]++;
  }
}

/** What a row's children add up to when every one is a stored number or blank. */
export interface PlainChildren {
  /** Children holding a number. */
  count: number;
  /** Blank children. */
  blanks: number;
  /** Their exact sum. */
  sum: Decimal;
  /** The most decimals a child shows (its number format's, else its own). */
  decimals: number;
  /**
   * Each child's stored number as a double (NaN for a blank), in split order: for passing over the
   * children again (typo hints) without going back to the grid, where one row's cells lie a whole
   * sheet row apart.
   */
  values: Float64Array;
}

/** Integers below this add exactly in a double. */
const SAFE = 2 ** 53;

/**
 * A row's children summed straight from the grid, each cell read exactly as parseCell reads it;
 * `result` is null when one is anything but a stored number or a blank (text, a percent format,
 * an error, a number with more than 15 significant digits) or the sum leaves the doubles' exact
 * integers.
 */
class PlainSum {
  private readonly values: Float64Array;
  private next = 0;
  // -0, not 0: the field holds a double from the first store, so V8 never changes its
  // representation once a sum passes 2^31 (which cost a deoptimisation of the whole pass).
  private sum = -0;
  private scale = 0;
  private count = 0;
  private blanks = 0;
  private decimals = 0;
  private failed = false;
  private format: string | undefined = undefined;
  private formatInfo: FormatInfo = NO_FORMAT;

  constructor(children: number) {
    this.values = new Float64Array(children);
  }

  add(raw: RawValue, format: string | undefined): void {
    if (this.failed) return;
    if (typeof raw !== "number") {
      this.values[this.next++] = NaN;
      if (raw === undefined || raw === null || raw === "") this.blanks++;
      else this.failed = true;
      return;
    }
    this.values[this.next++] = raw;
    const k = storedScale(raw);
    // One sum reads one line of cells, which mostly share a format: analysed once per change.
    if (format !== this.format) {
      this.format = format;
      this.formatInfo = formatInfo(format);
    }
    const shown = k < 0 ? -1 : shownDecimalsOfScale(k, this.formatInfo);
    if (shown < 0) {
      this.failed = true;
      return;
    }
    if (shown > this.decimals) this.decimals = shown;
    let units = k === 0 ? raw : Math.round(raw * pow10Number(k));
    if (k > this.scale) {
      this.sum *= pow10Number(k - this.scale);
      this.scale = k;
    } else if (k < this.scale) units *= pow10Number(this.scale - k);
    const sum = this.sum + units;
    // Each step's true value is an integer: below 2^53 it was exact, at or above it the check fails.
    if (!(sum > -SAFE && sum < SAFE && units > -SAFE && units < SAFE)) this.failed = true;
    this.sum = sum;
    this.count++;
  }

  result(): PlainChildren | null {
    if (this.failed) return null;
    const { count, blanks, decimals } = this;
    return { count, blanks, sum: Decimal.fromUnits(this.sum, this.scale), decimals, values: this.values };
  }
}

interface PlainMemo {
  version: number;
  value: PlainChildren | null;
}

interface SplitLines {
  parent: number;
  /** -1 when the split shows no assignment. */
  assignment: number;
  /** Line indexes (TableCells.lineIndex) of the children. */
  children: Int32Array;
  /** View lines of the children, for reading the grid directly. */
  childLines: number[];
  /** Each indicator's plain sum, once worked out (see ParsedRow.plainChildren). */
  plain: (PlainMemo | undefined)[];
}

/**
 * Every indicator's plain sum over a split's children in one pass along the children. With units in
 * rows a child's cells lie together in the sheet's row, while one indicator's are a column apart in
 * every row: reading a whole child at a time is several times faster on a large table.
 */
function plainSumsByChild(cells: TableCells, lines: SplitLines): void {
  const { view, indicators } = cells;
  // Units in rows: a child's line is a sheet row and an indicator's line a sheet column, so the
  // grid is read a sheet row at a time (what view.raw and view.format would give, cell by cell).
  const { values, numberFormats } = view.grid;
  const cols = indicators.map((ind) => ind.line);
  const sums = indicators.map(() => new PlainSum(lines.childLines.length));
  for (let k = 0; k < lines.childLines.length; k++) {
    const line = lines.childLines[k];
    const row = values[line];
    const formats = numberFormats?.[line];
    for (let i = 0; i < cols.length; i++) {
      const format = formats ? formats[cols[i]] : undefined;
      sums[i].add(row ? row[cols[i]] : undefined, format ?? undefined);
    }
  }
  sums.forEach((s, i) => (lines.plain[i] = { version: cells.rowVersion[i], value: s.result() }));
}

/** One indicator row of one split; its cells are read from the table's cells when asked for. */
export class ParsedRow {
  private childList?: { version: number; cells: CellValue[] };

  constructor(
    readonly indicator: IndicatorLine,
    private readonly i: number,
    private readonly cells: TableCells,
    private readonly lines: SplitLines,
  ) {}

  get parent(): CellValue {
    return this.cells.at(this.lines.parent, this.i);
  }

  get assignment(): CellValue | undefined {
    return this.lines.assignment < 0 ? undefined : this.cells.at(this.lines.assignment, this.i);
  }

  /** The children's cells, in split order. */
  get children(): readonly CellValue[] {
    const version = this.cells.rowVersion[this.i];
    if (this.childList?.version !== version) {
      const { children } = this.lines;
      const cells = new Array<CellValue>(children.length);
      for (let k = 0; k < children.length; k++) cells[k] = this.cells.at(children[k], this.i);
      this.childList = { version, cells };
    }
    return this.childList.cells;
  }

  /** Child k's cell alone (a cross-sheet check needs one child of a split of 50,000). */
  child(k: number): CellValue {
    return this.cells.at(this.lines.children[k], this.i);
  }

  /** The children's sum without building their cells, when all are stored numbers or blanks. */
  plainChildren(): PlainChildren | null {
    const { cells, lines, i } = this;
    const version = cells.rowVersion[i];
    if (lines.plain[i]?.version === version) return lines.plain[i]!.value;
    // The first row asked for with units in rows reads every row's children at once; after an
    // edit only the edited row is read again.
    if (cells.view.orientation === "units-in-rows" && !lines.plain.some((m) => m !== undefined)) {
      plainSumsByChild(cells, lines);
      return lines.plain[i]!.value;
    }
    const sum = new PlainSum(lines.childLines.length);
    const row = this.indicator.line;
    for (let k = 0; k < lines.childLines.length; k++) {
      const line = lines.childLines[k];
      sum.add(cells.view.raw(row, line), cells.view.format(row, line));
    }
    lines.plain[i] = { version, value: sum.result() };
    return lines.plain[i]!.value;
  }
}

/** One unit line of a table with its cell under each indicator. */
export class ParsedLine {
  private list?: { version: number; cells: CellValue[] };

  constructor(
    readonly line: UnitLine,
    private readonly index: number,
    private readonly table: TableCells,
  ) {}

  /** One cell per indicator, in table order. */
  get cells(): readonly CellValue[] {
    const version = this.table.version;
    if (this.list?.version !== version) {
      const n = this.table.indicators.length;
      const cells = new Array<CellValue>(n);
      for (let i = 0; i < n; i++) cells[i] = this.table.at(this.index, i);
      this.list = { version, cells };
    }
    return this.list.cells;
  }
}

/** Every split of a table over one set of lazily parsed cells (see TableCells). */
/**
 * The lines of a table with no parent (towns side by side), seen as one split for the rules that
 * run within each unit (其中 parts, components, growth); no rule over a split runs on it.
 */
export function parseUnitGroups(view: SheetView, table: SplitTable): ParsedSplit | undefined {
  const units = table.units ?? [];
  if (table.splits.length || units.length === 0) return undefined;
  const split: Split = { parent: units[0], children: units.slice(1), level: 0, why: units[0].why };
  return parseSplits(view, { ...table, splits: [split] })[0];
}

export function parseSplits(view: SheetView, table: SplitTable): ParsedSplit[] {
  const cells = new TableCells(view, table.indicators, table.splits);
  // Only the rules within each unit (其中 parts, components, growth) go line by line: a table of
  // 50,000 units with none of those makes no line of them.
  let lines: ParsedLine[] | undefined;
  const linesOf = (): ParsedLine[] =>
    (lines ??= cells.units.map((unit, k) => new ParsedLine(unit, k, cells)));
  const { splits: _splits, ...rest } = table;
  void _splits;
  return table.splits.map((split, index) => {
    const map: SplitMap = { ...rest, ...split };
    const n = split.children.length;
    const children = new Int32Array(n);
    const childLines = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const line = split.children[k].line;
      childLines[k] = line;
      children[k] = cells.lineIndex(line);
    }
    const at: SplitLines = {
      parent: cells.lineIndex(split.parent.line),
      assignment: split.assignment ? cells.lineIndex(split.assignment.line) : -1,
      children,
      childLines,
      plain: new Array<PlainMemo | undefined>(table.indicators.length),
    };
    const rows = table.indicators.map((indicator, i) => new ParsedRow(indicator, i, cells, at));
    return {
      table,
      index,
      map,
      view,
      rows,
      lines: linesOf,
      cells,
    };
  });
}

export function parseProgression(view: SheetView, map: ProgressionTable): ParsedProgression {
  const cells = map.indicators.map((ind) =>
    map.periods.map((p) => parseAt(view, ind.line, p.line, ind.measure)),
  );
  return { map, view, cells };
}

export function sheetPos(
  view: SheetView,
  indicator: IndicatorLine,
  unit: UnitLine | { line: number },
): CellPosition {
  return view.toSheet(indicator.line, unit.line);
}

export function address(
  view: SheetView,
  indicator: IndicatorLine,
  unit: UnitLine | { line: number },
): string {
  const p = view.toSheet(indicator.line, unit.line);
  return a1(p.row, p.col);
}

const RUNS = new WeakMap<readonly { line: number }[], [number, number][]>();

/**
 * The A1 ranges of some unit lines on one indicator row, e.g. "E7:Q7". The runs of adjacent
 * lines are worked out once per list of lines: this is on every row's path, and a 500-child
 * split would otherwise build and sort 500 positions per row.
 */
export function lineRanges(view: SheetView, row: number, units: readonly { line: number }[]): string[] {
  let runs = RUNS.get(units);
  if (!runs) {
    const sorted = units.map((u) => u.line);
    // Units are mostly listed in sheet order: sorted already, which one pass tells.
    let ascending = true;
    for (let k = 1; k < sorted.length && ascending; k++) ascending = sorted[k - 1] <= sorted[k];
    if (!ascending) sorted.sort((a, b) => a - b);
    runs = [];
    for (let k = 0; k < sorted.length; k++) {
      const l = sorted[k];
      const last = runs[runs.length - 1];
      if (last && l === last[1] + 1) last[1] = l;
      else if (!last || l > last[1]) runs.push([l, l]);
    }
    RUNS.set(units, runs);
  }
  return runs.map(([from, to]) => {
    const a = view.toSheet(row, from);
    const b = view.toSheet(row, to);
    return from === to ? a1(a.row, a.col) : `${a1(a.row, a.col)}:${a1(b.row, b.col)}`;
  });
}
