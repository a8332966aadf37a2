/**
 * What a person would see in the fake host, as data: the sync statistics, a flag on a cell, a
 * rendered sheet, a change event; and how a cell's value shows and which flag a rule paints.
 */
import { FLAG_STYLE, type FlagKind } from "../core/flags";
import type { FakeConditionalFormat } from "./book";
import type { CellScalar } from "./formula";

export interface StatsSummary {
  syncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  maxAddressLength: number;
  totalRequestBytes: number;
  totalResponseBytes: number;
}

export interface FlagView {
  /** Some conditional format lights on the cell. */
  lit: boolean;
  /** The add-in's flag kind the top lit rule's colours say, or "other" for a user's rule. */
  kind?: FlagKind | "other";
  fill?: string;
  font?: string;
  border?: string;
  /** How many rules light there. */
  rules: number;
}

export interface CellView {
  address: string;
  text: string;
  fill?: string;
  font?: string;
  border?: string;
  note?: string;
}

export interface SheetView {
  name: string;
  /** 0-based position of rows[0][0] on the sheet. */
  top: number;
  left: number;
  rows: CellView[][];
}

export interface ChangedArgs {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: "RangeEdited" | "RowInserted";
  source: "Local";
  triggerSource: "ThisLocalAddin" | "Unknown";
}

/** 5 MB as Excel on the web counts it (decimal megabytes; the fake errs on the strict side). */

export function displayText(v: CellScalar | undefined): string {
  if (v === undefined) return "";
  if (typeof v === "object") return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

export function kindOf(cf: FakeConditionalFormat): FlagKind | "other" {
  for (const kind of Object.keys(FLAG_STYLE) as FlagKind[]) {
    const style = FLAG_STYLE[kind];
    if (
      cf.fill?.toUpperCase() === style.fill.toUpperCase() &&
      cf.font?.toUpperCase() === style.font.toUpperCase()
    )
      return kind;
  }
  return "other";
}
