/**
 * The adapter's typed problems in the reader's words: a title and a sentence that says what happened
 * and what to do (protected sheet, merged cells, an Excel too old for ExcelApi 1.14, …).
 */
import type { InputProblem } from "../core/check";
import type { ExcelProblem } from "../excel";
import { fill, type StringKey, type Strings } from "./i18n";

export interface ProblemText {
  title: string;
  body: string;
  intent: "error" | "warning" | "info";
}

export function excelProblemText(problem: ExcelProblem, t: Strings): ProblemText {
  const key = `problem.${problem.code}` as StringKey;
  const vars: Record<string, string> = {};
  switch (problem.code) {
    case "UNSUPPORTED_HOST":
      vars.required = problem.required;
      break;
    case "PROTECTED_SHEET":
    case "NO_SUCH_SHEET":
      vars.sheet = problem.sheet;
      break;
    case "MERGED_CELLS":
      vars.sheet = problem.sheet;
      vars.ranges = problem.ranges.join(", ");
      break;
    case "STATE_UNREADABLE":
      vars.detail = problem.detail;
      break;
    case "HOST_ERROR":
      vars.detail = problem.hostCode ? `${problem.detail} (${problem.hostCode})` : problem.detail;
      break;
  }
  const intent =
    problem.code === "STATE_UNREADABLE" || problem.code === "PROTECTED_SHEET" ? "warning" : "error";
  return { title: t[`${key}.title` as StringKey], body: fill(t[key], vars), intent };
}

/** The engine's input problems (no table recognised, …); `sheet` empty: the whole workbook was read. */
export function inputProblemText(problem: InputProblem, sheet: string, t: Strings): string {
  const key = (
    problem.code === "NO_SUCH_SHEET"
      ? "problem.NO_SUCH_SHEET.engine"
      : problem.code === "NO_TABLE" && !problem.sheet && !sheet
        ? "problem.NO_TABLE.workbook"
        : `problem.${problem.code}`
  ) as StringKey;
  return fill(t[key] ?? problem.code, { sheet: problem.sheet ?? sheet });
}
