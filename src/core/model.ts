/**
 * The table map: what detection understood about a table, in the words of docs/rules.md §1.
 * Lines are positions in the table's oriented view (indicators are view rows, units view
 * columns); `orientation` says how the view maps onto the sheet.
 */
import type { Decimal } from "./decimal";
import type { RangeBox } from "./address";

export type Orientation = "indicators-in-rows" | "units-in-rows";
export type IndicatorKind = "additive" | "share" | "ratio" | "qualitative";
export type Direction = "floor" | "cap";
export type FlowStock = "flow" | "stock" | "unknown";
export type Policy = "exact" | "at-least";

/**
 * One piece of evidence a reading rests on: a code (what kind), the line's label it concerns, and
 * for arithmetic the rows where a sum holds. Words for it are in core/messages.ts.
 */
export interface Evidence {
  code:
    | "total-word"
    | "own-target"
    | "division-names"
    | "arithmetic"
    | "assignment-word"
    | "corner-header"
    | "measures-in-names"
    | "measure-line"
    | "division-suffixes"
    | "periods"
    | "period-total"
    | "flat-sum"
    | "group-sums"
    | "components"
    | "parts";
  label?: string;
  holds?: number;
  tested?: number;
}

/** Why detection decided something: keyword, arithmetic fit, user, or default. */
export interface Reason {
  by: "keyword" | "arithmetic" | "user" | "default" | "position";
  /** The keyword or evidence, e.g. "目标", "sum holds on 5 of 5 rows". */
  evidence: string;
  /** Further evidence for the same decision (a total word that the arithmetic also supports). */
  support?: Reason[];
}

export interface UnitLine {
  /** View column (indicators-in-rows: sheet column; units-in-rows: sheet row). */
  line: number;
  /** The header text as the planner wrote it (padding removed). */
  label: string;
  /** The unit it names (杭州市目标 → 杭州市; 合计 → 合计). */
  unit: string;
  why: Reason;
}

export interface PeriodLine {
  line: number;
  label: string;
  /** Sortable period key: the (last) year, e.g. 2025 for 2021-2025年. */
  year: number;
  /** The years a period total covers (2021-2025年合计). */
  span?: [number, number];
  /** A period total (十四五合计) rather than a single period. */
  total?: boolean;
}

export interface IndicatorLine {
  /** View row. */
  line: number;
  name: string;
  measure: string;
  kind: IndicatorKind;
  direction: Direction;
  flow: FlowStock;
  /** Whole-number counts are exact: tolerance 0. */
  count: boolean;
  /**
   * A tolerance the user set for this indicator's sums, in its measure (0: exact), in place of the
   * rounding tolerance (docs/rules.md §3, "Set by the user").
   */
  tolerance?: Decimal;
  why: Reason[];
}

/** 其中 rows: parts of the indicator above them, never larger than it (docs/rules.md §1). */
export interface PartGroup {
  /** View row of the total. */
  total: number;
  parts: number[];
  why: Reason;
}

/** A total row that is the sum of component rows in every unit (粮食 = 水稻 + 小麦 + 旱杂粮). */
export interface ComponentGroup {
  total: number;
  components: number[];
  why: Reason;
}

/** A ratio row whose parent is the mean of its children weighted by another row (GDP). */
export interface WeightLink {
  ratio: number;
  weight: number;
  why: Reason;
}

/** Within each unit: target = base × (1 + rate%), e.g. 2009 = 2008 × 1.22. */
export interface GrowthLink {
  base: number;
  rate: number;
  target: number;
  why: Reason;
}

interface TableBase {
  sheet: string;
  orientation: Orientation;
  /** The table's area on the sheet (header to last indicator). */
  range: RangeBox;
  headerLine: number;
  nameLine: number;
  measureLine?: number;
  indexLine?: number;
  noteLines: number[];
  indicators: IndicatorLine[];
  /** From a 单位：万元 line above the table. */
  defaultMeasure?: string;
  parts: PartGroup[];
  components: ComponentGroup[];
  weights: WeightLink[];
  growth: GrowthLink[];
  /** What detection's reading rests on ("合计: total word + sums 4 of 5 rows"), rendered at the edge. */
  evidence?: Evidence[];
}

/** One parent and its children; a three-level table holds one split per parent. */
export interface Split {
  parent: UnitLine;
  /** What the level above assigned to this parent (省下达目标), where the table shows it. */
  assignment?: UnitLine;
  children: UnitLine[];
  /** 0 for the top split, 1 for the splits of its children, … */
  level: number;
  /** How the levels were read: keyword, outline, indent, subtotal rows, names, user. */
  why: Reason;
}

/** Units listed as 其中 under another unit (杭州市 / 其中：市区): parts of it, not more children. */
export interface UnitPartGroup {
  whole: UnitLine;
  parts: UnitLine[];
}

export interface SplitTable extends TableBase {
  type: "split";
  /** 其中 units under a unit of the table, each part at most its whole (unitPartExceedsTotal.ts). */
  unitParts?: UnitPartGroup[];
  policy: Policy;
  /** The children are years and the parent their period total: only flows add up over time. */
  acrossPeriods?: boolean;
  splits: Split[];
  /**
   * A table of units with no parent (towns side by side, no 合计): no split to check, but its
   * component rows and 其中 parts are checked within each of these units.
   */
  units?: UnitLine[];
}

export interface ProgressionTable extends TableBase {
  type: "progression";
  periods: PeriodLine[];
}

export type TableMap = SplitTable | ProgressionTable;
