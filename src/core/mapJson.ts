/**
 * The table map as JSON (`tdcheck-map/1`, documented in docs/table-map.md): what `tdcheck detect`
 * prints and `tdcheck check --map` reads back after a person corrected it. Positions are written
 * as the sheet shows them — column letters and row numbers — never as internal indices, and a map
 * that does not fit the workbook is refused with the path of the field that is wrong.
 */
import { columnIndex, columnName, parseRange, rangeA1 } from "./address";
import { Decimal } from "./decimal";
import { sheetView } from "./detect/view";
import { toleranceFromText } from "./tolerance";
import type { WorkbookGrid } from "./grid";
import type {
  ComponentGroup,
  Direction,
  FlowStock,
  GrowthLink,
  IndicatorKind,
  IndicatorLine,
  Orientation,
  PartGroup,
  PeriodLine,
  Policy,
  Reason,
  Evidence,
  Split,
  TableMap,
  UnitLine,
  WeightLink,
} from "./model";

export const MAP_SCHEMA = "tdcheck-map/1";

/** A column letter (`"D"`) or a 1-based row number (`7`), depending on the orientation. */
export type At = string | number;

interface LineJson {
  at: At;
  label: string;
  unit?: string;
  why?: Reason;
}

interface SplitJson {
  parent: LineJson;
  assignment?: LineJson;
  children: LineJson[];
  level?: number;
  why?: Reason;
}

interface IndicatorJson {
  at: At;
  name: string;
  measure?: string;
  kind: IndicatorKind;
  direction?: Direction;
  flow?: FlowStock;
  count?: boolean;
  /** A tolerance the user set for the indicator's sums ("0": exact), as decimal text or a number. */
  tolerance?: string | number;
  why?: Reason[];
}

interface TableJson {
  sheet: string;
  type: "split" | "progression";
  orientation: Orientation;
  range: string;
  header: At;
  names: At;
  measures?: At;
  policy?: Policy;
  splits?: SplitJson[];
  /** A table without a parent: its units, within which components and 其中 parts are checked. */
  units?: LineJson[];
  /** What detection's reading rests on (ignored when read back). */
  evidence?: Evidence[];
  periods?: { at: At; label: string; year: number; span?: [number, number] }[];
  indicators: IndicatorJson[];
  parts?: { total: At; parts: At[] }[];
  components?: { total: At; components: At[] }[];
  weights?: { ratio: At; weight: At }[];
  growth?: { base: At; rate: At; target: At }[];
}

export interface MapDocument {
  schema: string;
  tables: TableJson[];
}

const KINDS: IndicatorKind[] = ["additive", "share", "ratio", "qualitative"];
const ORIENTATIONS: Orientation[] = ["indicators-in-rows", "units-in-rows"];

/** Unit lines are columns when indicators are rows, rows when units are rows; indicators the other way. */
function unitAt(o: Orientation, line: number): At {
  return o === "indicators-in-rows" ? columnName(line) : line + 1;
}
function indicatorAt(o: Orientation, line: number): At {
  return o === "indicators-in-rows" ? line + 1 : columnName(line);
}

function lineJson(o: Orientation, l: UnitLine): LineJson {
  return { at: unitAt(o, l.line), label: l.label, unit: l.unit, why: l.why };
}

export function toMapDocument(maps: TableMap[]): MapDocument {
  return {
    schema: MAP_SCHEMA,
    tables: maps.map((m): TableJson => {
      const o = m.orientation;
      const ia = (line: number) => indicatorAt(o, line);
      const base: TableJson = {
        sheet: m.sheet,
        type: m.type,
        orientation: o,
        range: rangeA1(m.range),
        header: ia(m.headerLine),
        names: unitAt(o, m.nameLine),
        measures: m.measureLine === undefined ? undefined : unitAt(o, m.measureLine),
        indicators: m.indicators.map((i) => ({
          at: ia(i.line),
          name: i.name,
          measure: i.measure,
          kind: i.kind,
          direction: i.direction,
          flow: i.flow,
          count: i.count,
          ...(i.tolerance !== undefined ? { tolerance: i.tolerance.toString() } : {}),
          why: i.why,
        })),
        parts: m.parts.map((g) => ({ total: ia(g.total), parts: g.parts.map(ia) })),
        components: m.components.map((g) => ({ total: ia(g.total), components: g.components.map(ia) })),
        weights: m.weights.map((w) => ({ ratio: ia(w.ratio), weight: ia(w.weight) })),
        growth: m.growth.map((g) => ({ base: ia(g.base), rate: ia(g.rate), target: ia(g.target) })),
      };
      if (m.evidence?.length) base.evidence = m.evidence;
      if (m.type === "split") {
        base.policy = m.policy;
        if (m.units?.length) base.units = m.units.map((u) => lineJson(o, u));
        base.splits = m.splits.map((s) => ({
          parent: lineJson(o, s.parent),
          assignment: s.assignment && lineJson(o, s.assignment),
          children: s.children.map((c) => lineJson(o, c)),
          level: s.level,
          why: s.why,
        }));
      } else {
        base.periods = m.periods.map((p) => ({
          at: unitAt(o, p.line),
          label: p.label,
          year: p.year,
          span: p.span,
        }));
      }
      return base;
    }),
  };
}

export type MapResult = { ok: true; maps: TableMap[] } | { ok: false; path: string; problem: string };

class MapError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

function fail(path: string, problem: string): never {
  throw new MapError(path, problem);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown, path: string): string {
  if (typeof v !== "string" || v.trim() === "") fail(path, "must be a non-empty string");
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== "string" || !allowed.includes(v as T))
    fail(path, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
  return v as T;
}

/** A non-negative decimal, written as text ("0.5") or a JSON number (0.5). */
function toleranceOf(v: unknown, path: string): Decimal {
  const d =
    typeof v === "string"
      ? toleranceFromText(v)
      : typeof v === "number" && Number.isFinite(v) && v >= 0
        ? Decimal.fromNumber(v)
        : null;
  if (!d) fail(path, 'must be a number of at least 0 (0 or "0": exact)');
  return d;
}

function arr(v: unknown, path: string, nonEmpty = false): unknown[] {
  if (!Array.isArray(v)) fail(path, "must be a list");
  if (nonEmpty && v.length === 0) fail(path, "must not be empty");
  return v;
}

/**
 * Reads a map document against the workbook it will be used on. Every position must lie inside
 * its sheet, indicators must be listed before relations refer to them, and kinds must be known.
 */
export function fromMapDocument(doc: unknown, workbook: WorkbookGrid): MapResult {
  try {
    if (!isObject(doc)) fail("(document)", "must be a JSON object");
    if (doc.schema !== MAP_SCHEMA)
      fail("schema", `must be "${MAP_SCHEMA}" (found ${JSON.stringify(doc.schema)})`);
    const tables = arr(doc.tables, "tables");
    return { ok: true, maps: tables.map((t, i) => readTable(t, `tables[${i}]`, workbook)) };
  } catch (e) {
    if (e instanceof MapError) return { ok: false, path: e.path, problem: e.problem };
    return { ok: false, path: "(document)", problem: (e as Error).message };
  }
}

function readTable(t: unknown, path: string, workbook: WorkbookGrid): TableMap {
  if (!isObject(t)) fail(path, "must be an object");
  const sheetName = str(t.sheet, `${path}.sheet`);
  const grid = workbook.sheets.find((s) => s.name === sheetName);
  if (!grid)
    fail(
      `${path}.sheet`,
      `no sheet named "${sheetName}" (sheets: ${workbook.sheets.map((s) => s.name).join(", ")})`,
    );
  const type = oneOf(t.type, ["split", "progression"] as const, `${path}.type`);
  const o = oneOf(t.orientation, ORIENTATIONS, `${path}.orientation`);
  const view = sheetView(grid, o);
  const range = parseRange(str(t.range, `${path}.range`));
  if (!range) fail(`${path}.range`, `"${String(t.range)}" is not an A1 range`);

  const unitsAreColumns = o === "indicators-in-rows";
  const describeAxis = (columns: boolean) =>
    columns
      ? `columns A–${columnName(Math.max(0, (unitsAreColumns ? view.cols : view.rows) - 1))}`
      : `rows 1–${unitsAreColumns ? view.rows : view.cols}`;
  // A unit line is a view column, an indicator line a view row, whatever the orientation.
  const unitLine = (v: unknown, p: string): number => {
    const line = atToIndex(v, unitsAreColumns, p);
    if (line >= view.cols)
      fail(p, `${JSON.stringify(v)} is outside the sheet "${sheetName}" (${describeAxis(unitsAreColumns)})`);
    return line;
  };
  const indicatorLine = (v: unknown, p: string): number => {
    const line = atToIndex(v, !unitsAreColumns, p);
    if (line >= view.rows)
      fail(p, `${JSON.stringify(v)} is outside the sheet "${sheetName}" (${describeAxis(!unitsAreColumns)})`);
    return line;
  };

  const indicators: IndicatorLine[] = arr(t.indicators, `${path}.indicators`, true).map((raw, i) => {
    const p = `${path}.indicators[${i}]`;
    if (!isObject(raw)) fail(p, "must be an object");
    const kind = oneOf(raw.kind, KINDS, `${p}.kind`);
    return {
      line: indicatorLine(raw.at, `${p}.at`),
      name: str(raw.name, `${p}.name`),
      measure: typeof raw.measure === "string" ? raw.measure : "",
      kind,
      direction:
        raw.direction === undefined
          ? "floor"
          : oneOf(raw.direction, ["floor", "cap"] as const, `${p}.direction`),
      flow:
        raw.flow === undefined
          ? "unknown"
          : oneOf(raw.flow, ["flow", "stock", "unknown"] as const, `${p}.flow`),
      count: raw.count === undefined ? false : raw.count === true,
      ...(raw.tolerance === undefined ? {} : { tolerance: toleranceOf(raw.tolerance, `${p}.tolerance`) }),
      why: [{ by: "user", evidence: "map" }],
    };
  });
  const listed = new Set(indicators.map((i) => i.line));
  const ref = (v: unknown, p: string): number => {
    const line = indicatorLine(v, p);
    if (!listed.has(line)) fail(p, `${JSON.stringify(v)} is not one of the table's indicators`);
    return line;
  };
  const relations = <T>(key: string, read: (o: Record<string, unknown>, p: string) => T): T[] =>
    t[key] === undefined
      ? []
      : arr(t[key], `${path}.${key}`).map((g, i) => {
          const p = `${path}.${key}[${i}]`;
          if (!isObject(g)) fail(p, "must be an object");
          return read(g, p);
        });
  const user: Reason = { by: "user", evidence: "map" };
  const base = {
    sheet: sheetName,
    orientation: o,
    range,
    headerLine: indicatorLine(t.header, `${path}.header`),
    nameLine: unitLine(t.names, `${path}.names`),
    measureLine: t.measures === undefined ? undefined : unitLine(t.measures, `${path}.measures`),
    noteLines: [],
    indicators,
    parts: relations<PartGroup>("parts", (g, p) => ({
      total: ref(g.total, `${p}.total`),
      parts: arr(g.parts, `${p}.parts`, true).map((x, k) => ref(x, `${p}.parts[${k}]`)),
      why: user,
    })),
    components: relations<ComponentGroup>("components", (g, p) => ({
      total: ref(g.total, `${p}.total`),
      components: arr(g.components, `${p}.components`, true).map((x, k) => ref(x, `${p}.components[${k}]`)),
      why: user,
    })),
    weights: relations<WeightLink>("weights", (g, p) => ({
      ratio: ref(g.ratio, `${p}.ratio`),
      weight: ref(g.weight, `${p}.weight`),
      why: user,
    })),
    growth: relations<GrowthLink>("growth", (g, p) => ({
      base: ref(g.base, `${p}.base`),
      rate: ref(g.rate, `${p}.rate`),
      target: ref(g.target, `${p}.target`),
      why: user,
    })),
  };

  if (type === "progression") {
    const periods: PeriodLine[] = arr(t.periods, `${path}.periods`, true).map((raw, i) => {
      const p = `${path}.periods[${i}]`;
      if (!isObject(raw)) fail(p, "must be an object");
      if (typeof raw.year !== "number" || !Number.isInteger(raw.year))
        fail(`${p}.year`, "must be a whole year such as 2025");
      return { line: unitLine(raw.at, `${p}.at`), label: str(raw.label, `${p}.label`), year: raw.year };
    });
    return { ...base, type: "progression", periods };
  }

  const readLine = (raw: unknown, p: string): UnitLine => {
    if (!isObject(raw)) fail(p, "must be an object");
    const label = str(raw.label, `${p}.label`);
    return {
      line: unitLine(raw.at, `${p}.at`),
      label,
      unit: typeof raw.unit === "string" && raw.unit ? raw.unit : label,
      why: user,
    };
  };
  const units =
    t.units === undefined
      ? undefined
      : arr(t.units, `${path}.units`, true).map((u, k) => readLine(u, `${path}.units[${k}]`));
  // A table without a parent lists its units instead of splits.
  const splits: Split[] = arr(t.splits, `${path}.splits`, units === undefined).map((raw, i) => {
    const p = `${path}.splits[${i}]`;
    if (!isObject(raw)) fail(p, "must be an object");
    const parent = readLine(raw.parent, `${p}.parent`);
    const children = arr(raw.children, `${p}.children`, true).map((c, k) =>
      readLine(c, `${p}.children[${k}]`),
    );
    const seen = new Set<number>([parent.line]);
    children.forEach((c, k) => {
      if (seen.has(c.line))
        fail(`${p}.children[${k}].at`, `${JSON.stringify(unitAt(o, c.line))} is used twice in this split`);
      seen.add(c.line);
    });
    return {
      parent,
      assignment: raw.assignment === undefined ? undefined : readLine(raw.assignment, `${p}.assignment`),
      children,
      level: typeof raw.level === "number" ? raw.level : i === 0 ? 0 : 1,
      why: user,
    };
  });
  const policy =
    t.policy === undefined ? "exact" : oneOf(t.policy, ["exact", "at-least"] as const, `${path}.policy`);
  return units
    ? { ...base, type: "split", policy, splits, units }
    : { ...base, type: "split", policy, splits };
}

function atToIndex(v: unknown, column: boolean, path: string): number {
  if (column) {
    if (typeof v !== "string" || !/^[A-Za-z]{1,3}$/.test(v))
      fail(path, `must be a column letter such as "D" (found ${JSON.stringify(v)})`);
    const c = columnIndex(v.toUpperCase());
    if (c >= 16384) fail(path, `${JSON.stringify(v)} is beyond Excel's last column XFD`);
    return c;
  }
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1)
    fail(path, `must be a row number such as 7 (found ${JSON.stringify(v)})`);
  if (v > 1048576) fail(path, `${v} is beyond Excel's last row 1048576`);
  return v - 1;
}
