/** Why a request cannot be planned: typed values, never thrown, rendered in ./messages. */
import type { NumberOption, OptionRef, RowRole, UnitOption } from "./choices";

export type RequestProblem =
  | { code: "NO_TABLE"; sheet?: string }
  | { code: "UNKNOWN_INDICATOR"; role: RowRole; text: string; indicators: string[] }
  | { code: "AMBIGUOUS_INDICATOR"; role: RowRole; text: string; candidates: string[] }
  | { code: "NOT_A_SPLIT"; role: RowRole; text: string; indicator: string; sheet: string }
  | { code: "UNKNOWN_PARENT"; text: string; parents: string[] }
  | { code: "UNKNOWN_UNIT"; option: UnitOption; text: string; units: string[] }
  | { code: "AMBIGUOUS_UNIT"; option: UnitOption; text: string; candidates: string[] }
  | { code: "BAD_NUMBER"; option: NumberOption; text: string; unit?: string }
  | { code: "QUALITATIVE_INDICATOR"; indicator: string }
  | { code: "RATIO_NEEDS_WEIGHTS"; indicator: string }
  | { code: "NOT_FOR_RATIO"; indicator: string; option: "edit" | "reference" | "minimal-change" }
  | {
      code: "CELL_NOT_NUMERIC";
      role: RowRole;
      row: string;
      unit: string;
      cell: string;
      /** What the cell holds: words, an Excel error code, or a bound (超500). */
      holds: "text" | "error" | "bound";
      text: string;
    }
  | { code: "NO_TARGET"; unit: string; cell: string; text: string }
  | { code: "CONFLICTING_OPTIONS"; options: OptionRef[] }
  | { code: "METHOD_NEEDS_REFERENCE" };

export function isProblem(x: unknown): x is RequestProblem {
  return typeof x === "object" && x !== null && "code" in x;
}
