/**
 * What the user asks for: the choices a door collects (indicator, parent, target, method, locks,
 * bounds…) and the ids of the options they fill. Core never names a door's control.
 */
import type { Decimal } from "../decimal";
import type { Lang } from "../messages";

/** The user's method names (CLI `--method`); `equal` is equal increment. */
export type MethodChoice = "proportional" | "equal" | "reference" | "minimal-change";

export interface UnitValue {
  unit: string;
  /** A number as typed (full-width digits and thousands separators are accepted) or a Decimal. */
  value: string | Decimal;
}

export interface RebalanceChoices {
  /** Only look at this sheet (the maps may already be limited to it). */
  sheet?: string;
  /** The indicator: its exact name or a unique part of it. */
  indicator: string;
  /** The parent of the split to rebalance (a city in a three-level table); the top split when absent. */
  parent?: string;
  /** The parent's new total; the parent's stated value when absent. */
  target?: string | Decimal;
  method?: MethodChoice;
  /** Reference row for the reference method (base year, GDP, any factor), by indicator name. */
  reference?: string;
  /** Weights row: the denominators of a ratio indicator, or minimal-change weights. */
  weights?: string;
  /** Edit one child and keep the total. */
  edit?: UnitValue;
  /** Keep the children, set the parent to their sum. */
  fixParent?: boolean;
  /** The explicit fallback for zero bases (docs/rebalancing.md §2): spread the rest equally over zero-base children. */
  zeroBase?: "equal";
  locks?: readonly string[];
  min?: readonly UnitValue[];
  max?: readonly UnitValue[];
  /** 只增不减 for every free child. */
  noDecrease?: boolean;
  /** Grid step (1, 0.1, 0.01, 0.5…); the indicator's own decimals when absent. */
  step?: string | Decimal;
}

export type NumberOption = "target" | "min" | "max" | "edit" | "step";
export type UnitOption = "lock" | "min" | "max" | "edit";
export type RowRole = "indicator" | "reference" | "weights";

/**
 * The parts of a request, by id. Core never names a door's control: each door labels an option
 * its own way (the command line its flag, `--max`; the pane its field, 上限), through `OptionLabel`.
 */
export type OptionId =
  | "indicator"
  | "parent"
  | "target"
  | "method"
  | "reference"
  | "weights"
  | "edit"
  | "fix-parent"
  | "zero-base"
  | "lock"
  | "min"
  | "max"
  | "step";

/** An option as a problem names it; `value` where the choice matters (method equal). */
export interface OptionRef {
  option: OptionId;
  value?: string;
}

/** A door's name for an option, in the reader's language. */
export type OptionLabel = (ref: OptionRef, lang: Lang) => string;
