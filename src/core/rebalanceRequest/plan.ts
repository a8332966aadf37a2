/** The plan: everything the solver, the writer and the preview need to know about one split. */
import type { Decimal } from "../decimal";
import type { IndicatorLine, Split, SplitTable } from "../model";
import type { Method, RebalanceRequest, StepInput } from "../rebalance/rebalance";
import type { RequestProblem } from "./problems";

/** One cell of the split: a child or the parent. */
export interface PlanCell {
  unit: string;
  /** The header text as written (padding removed). */
  label: string;
  /** A1 address on the sheet. */
  cell: string;
  row: number;
  col: number;
  /** The value in the indicator's units (a blank or `-` child is 0). */
  value: Decimal;
  /** How the cell shows it now. */
  shown: "number" | "text-number" | "dash" | "blank";
  /** The raw text of a dash or text-number cell, for display. */
  text?: string;
  /** Stored as a fraction shown with a percent format (0.0395 as 3.95%): write value / 100. */
  percentStored: boolean;
  /** The cell's formula (without "="), when it has one. */
  formula?: string;
}

export interface PlanParent extends Omit<PlanCell, "value" | "shown"> {
  /** The parent's stated value, when it is a plain number. */
  stated?: Decimal;
  shown: PlanCell["shown"] | "other";
}

export interface RebalancePlan {
  sheet: string;
  table: SplitTable;
  split: Split;
  indicator: IndicatorLine;
  parent: PlanParent;
  children: PlanCell[];
  locked: boolean[];
  min: (Decimal | undefined)[];
  max: (Decimal | undefined)[];
  /** The target asked for (fix-parent: the parent's stated value, if any). */
  target?: Decimal;
  targetFrom: "option" | "parent" | "share-100" | "none";
  step: StepInput;
  stepFrom: "option" | "count" | "decimals";
  /** The engine's method. */
  method: Method;
  /** The reference or weights row used, by name. */
  referenceRow?: string;
  weightsRow?: string;
  request: RebalanceRequest;
}

export type PlanResult = { ok: true; plan: RebalancePlan } | { ok: false; problem: RequestProblem };
