/**
 * A parsed cell: what a planner's cell text or stored value means (docs/rules.md §1).
 * Produced by `parseCell` (parse/cellText.ts); consumed by detection and rules.
 */
import type { Decimal } from "./decimal";

/** 超 = gt; 不低于/≥/以上 = ge; 低于/< = lt; 不超过/以内/≤/控制在…以内 = le. */
export type Bound = "gt" | "ge" | "lt" | "le";

/** 累计 = cumulative (a stock), 新增 = new in this period (a flow). */
export type Qualifier = "cumulative" | "new";

export interface NumberCell {
  kind: "number";
  /** Exact value with any written multiplier applied (1.7万 → 17000; 42.0万亩 in a 万亩 row → 42). */
  value: Decimal;
  /**
   * Decimals as shown: from a number format that fixes them, else as written/stored.
   * For a multiplier-written value, the decimals of the written digits (1.7万 → 1).
   */
  shownDecimals: number;
  /** The multiplier that was written (万 → 10000, 亿 → 100000000), when one was applied. */
  multiplier?: Decimal;
  /** The value is a bound, not a point: 超500 → { bound: "gt", value: 500 }. */
  bound?: Bound;
  qualifier?: Qualifier;
  /** A measure glued to the number (23项 → "项", 42.0万亩 → "万亩", 3.95% → "%"). */
  suffix?: string;
  /** The cell held text, not a number (numbers stored as text, or words around a number). */
  fromText: boolean;
  /** A stored fraction shown with a percent format (0.0395 as 3.95%): value is already ×100. */
  percentFormat?: boolean;
  /** The original text, when the cell held text. */
  text?: string;
}

export interface DashCell {
  kind: "dash";
  text: string;
}

export interface TextCell {
  kind: "text";
  text: string;
  /** Wording a target can legitimately be given in (快于面上投资增速, 持续提升); false = garbage/typo. */
  qualitative: boolean;
}

export interface ErrorCell {
  kind: "error";
  /** The Excel error code: #REF!, #DIV/0!, #N/A, #NAME?, #NULL!, #NUM!, #VALUE!, #SPILL!, #CALC!, #GETTING_DATA */
  code: string;
}

export interface EmptyCell {
  kind: "empty";
}

export type CellValue = NumberCell | DashCell | TextCell | ErrorCell | EmptyCell;

/** A number known exactly: not a bound (超500), so it can be added and compared as it stands. */
export function isExactNumber(c: CellValue | undefined): c is NumberCell {
  return c !== undefined && c.kind === "number" && !c.bound;
}

/** Context that changes a cell's meaning. */
export interface ParseContext {
  /** The row's (or column's) measure, e.g. "万亩", "亿元", "%", "家". */
  measure?: string;
  /** The cell's number format code, e.g. "0.00", "0.0%", "General", "@". */
  numberFormat?: string;
}
