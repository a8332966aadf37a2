/**
 * What inline flags to put on a workbook, decided once for both doors: the Office.js adapter
 * turns a plan into conditional formats and notes, the command line into the same parts of an
 * .xlsx copy. The plan is pure data.
 */

export type FlagKind = "error" | "warning" | "hint";

export interface FlagRulePlan {
  sheet: string;
  kind: FlagKind;
  /** A1 areas (no sheet) the one conditional-format rule covers. */
  ranges: string[];
  /**
   * Excel formula without "=", written relative to the top-left cell of the first range
   * (as conditional formats are). "TRUE" for a static flag the add-in re-evaluates itself;
   * otherwise a live test that lights only while the split still does not add up.
   */
  formula: string;
}

export interface NotePlan {
  sheet: string;
  cell: string;
  /** Starts with NOTE_MARK so the add-in's notes are recognisably its own. */
  text: string;
}

export interface FlagPlan {
  rules: FlagRulePlan[];
  notes: NotePlan[];
}

/** Marks the add-in's own notes: a note without it is the user's and is never touched. */
export const NOTE_MARK = "【指标分解校核】";

/** Excel's own "light red fill with dark red text" family, so flags look native. */
export const FLAG_STYLE: Record<FlagKind, { fill: string; font: string; border?: string }> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  hint: { fill: "#DDEBF7", font: "#1F4E78", border: "#2F75B5" },
};
