/**
 * From a workbook and the user's choices (indicator text, parent, target, method, locks, bounds…)
 * to a rebalance request for the solvers in ./rebalance, and from the solver's answer to the
 * cells to write and the `tdcheck-rebalance/1` JSON document. Shared by the command line and
 * the task pane: both doors ask the same questions and get the same answers. Pure: no Node,
 * no Office; nothing throws for bad input, every problem is a typed value.
 *
 * Decisions:
 * - `--indicator` (and `--reference`, `--weights`) match an indicator's name exactly, else by a
 *   unique part, comparing labels with every space removed, full-width and traditional forms
 *   folded, and Latin letters case-folded. An ambiguous part is refused with the candidates.
 * - The split is the one whose parent is `--parent`, else the top split of the table.
 * - A blank or `-` child is 0 (and is only written if its value changes); a text, qualitative,
 *   bound (超500) or error child cannot take part and is refused, naming the cell.
 * - The grid is the indicator's own: counts (家, 个, 项…) step 1; other indicators the largest
 *   number of decimals their cells show (number format first, else the stored value).
 * - The default target is the parent's stated value (a blank share parent means 100).
 * - The parent cell is written only when its value changes (a new `--target`, `--fix parent`).
 * - `achievable` is in the JSON only when the request is refused (INFEASIBLE: the range that
 *   locks and bounds allow; ZERO_BASE_BLOCKED: the range reachable without the zero bases). An
 *   accepted request has hit its target exactly, so a range would only repeat the solver's work.
 */
import { a1 } from "./address";
import type { CellValue } from "./cell";
import { Decimal } from "./decimal";
import { sheetView, type SheetView } from "./detect/view";
import type { WorkbookGrid } from "./grid";
import type { Lang } from "./messages";
import type { IndicatorLine, Split, SplitTable, TableMap, UnitLine } from "./model";
import {
  REFUSAL_CODE,
  rebalance,
  renderExplanation,
  renderRefusal,
  type ChildInput,
  type ChildRole,
  type InputProblem as SolverProblem,
  type InvalidInput,
  type Method,
  type Rational,
  type RebalanceOk,
  type RebalanceRequest,
  type RebalanceResult,
  type Refusal,
  type SpreadMethod,
  type StepInput,
} from "./rebalance/rebalance";
import { rowDecimals } from "./rules/rounding";
import { parseAt } from "./table";
import { normalizeLabel, normalizeText } from "./text";

// ---------------------------------------------------------------------------------------------
// Choices and problems

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
  /** The explicit fallback of ALLOCATION T4c: spread the rest equally over zero-base children. */
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

// ---------------------------------------------------------------------------------------------
// The plan

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

// ---------------------------------------------------------------------------------------------
// Matching

/** How labels are compared: normalised, spaces removed, Latin case folded. */
export function matchKey(text: string): string {
  return normalizeLabel(text).toLowerCase();
}

interface Located {
  table: SplitTable;
  indicator: IndicatorLine;
}

function describeCandidate(c: { sheet: string; name: string }, sheets: number): string {
  return sheets > 1 ? `${c.sheet}: ${c.name}` : c.name;
}

/** Exact name first, else a unique part; the candidates are listed when a part is ambiguous. */
function findIndicator(
  tables: SplitTable[],
  others: TableMap[],
  text: string,
  role: RowRole,
): Located | RequestProblem {
  const key = matchKey(text);
  const all: Located[] = tables.flatMap((table) =>
    table.indicators.map((indicator) => ({ table, indicator })),
  );
  const sheets = new Set(all.map((c) => c.table.sheet)).size;
  const exact = key ? all.filter((c) => matchKey(c.indicator.name) === key) : [];
  const partial = key ? all.filter((c) => matchKey(c.indicator.name).includes(key)) : [];
  const hits = exact.length > 0 ? exact : partial;
  const names = (list: Located[]) =>
    list.map((c) => describeCandidate({ sheet: c.table.sheet, name: c.indicator.name }, sheets));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) return { code: "AMBIGUOUS_INDICATOR", role, text, candidates: names(hits) };
  // Not in any split: say so when a progression table has it (years are never split).
  for (const map of others) {
    const found = map.indicators.find((i) => key && matchKey(i.name).includes(key));
    if (found) return { code: "NOT_A_SPLIT", role, text, indicator: found.name, sheet: map.sheet };
  }
  return { code: "UNKNOWN_INDICATOR", role, text, indicators: names(all) };
}

/**
 * A child by the name the sheet writes (unit or header label, spaces ignored), else by a unique
 * part of it, as `indicator` is matched. -1: none; the candidates when the part is ambiguous.
 */
function findUnit(units: readonly UnitLine[], text: string): number | string[] {
  const key = matchKey(text);
  if (!key) return -1;
  const byUnit = units.findIndex((u) => matchKey(u.unit) === key);
  if (byUnit >= 0) return byUnit;
  const byLabel = units.findIndex((u) => matchKey(u.label) === key);
  if (byLabel >= 0) return byLabel;
  const partial = units.flatMap((u, i) =>
    matchKey(u.unit).includes(key) || matchKey(u.label).includes(key) ? [i] : [],
  );
  if (partial.length === 1) return partial[0];
  return partial.length > 1 ? partial.map((i) => units[i].unit) : -1;
}

/** A number as a person types it: full-width digits, thousands separators, a leading +. */
export function parseNumber(value: string | Decimal): Decimal | null {
  if (value instanceof Decimal) return value;
  const text = normalizeText(value)
    .trim()
    .replace(/^\+/, "")
    .replace(/(\d),(?=\d{3}(\D|$))/g, "$1");
  return Decimal.parse(text);
}

function isProblem(x: unknown): x is RequestProblem {
  return typeof x === "object" && x !== null && "code" in x;
}

// ---------------------------------------------------------------------------------------------
// Cells

function cellText(c: CellValue): string {
  switch (c.kind) {
    case "number":
      return c.text ?? c.value.toString();
    case "dash":
    case "text":
      return c.text;
    case "error":
      return c.code;
    case "empty":
      return "";
  }
}

/** What a plan records of any cell it reads: where it is, what it holds, its formula. */
function cellFacts(view: SheetView, indicator: IndicatorLine, unit: UnitLine) {
  const pos = view.toSheet(indicator.line, unit.line);
  const parsed = parseAt(view, indicator.line, unit.line, indicator.measure);
  const base = {
    unit: unit.unit,
    label: unit.label,
    cell: a1(pos.row, pos.col),
    row: pos.row,
    col: pos.col,
    percentStored: parsed.kind === "number" && !!parsed.percentFormat,
  };
  return { parsed, base, formula: view.formula(indicator.line, unit.line) };
}

function planCell(
  view: SheetView,
  indicator: IndicatorLine,
  unit: UnitLine,
  role: RowRole,
): { cell: PlanCell; parsed: CellValue } | RequestProblem {
  const { parsed, base, formula } = cellFacts(view, indicator, unit);
  const withFormula = (c: PlanCell): PlanCell => (formula ? { ...c, formula } : c);
  const notNumeric = (holds: "bound" | "text" | "error"): RequestProblem => ({
    code: "CELL_NOT_NUMERIC",
    role,
    row: indicator.name,
    unit: unit.unit,
    cell: base.cell,
    holds,
    text: cellText(parsed),
  });
  switch (parsed.kind) {
    case "number":
      if (parsed.bound) return notNumeric("bound");
      return {
        cell: withFormula({
          ...base,
          value: parsed.value,
          shown: parsed.fromText ? "text-number" : "number",
          ...(parsed.fromText && parsed.text !== undefined ? { text: parsed.text } : {}),
        }),
        parsed,
      };
    case "dash":
      return {
        cell: withFormula({ ...base, value: Decimal.ZERO, shown: "dash", text: parsed.text }),
        parsed,
      };
    case "empty":
      return { cell: withFormula({ ...base, value: Decimal.ZERO, shown: "blank" }), parsed };
    case "text":
    case "error":
      return notNumeric(parsed.kind);
  }
}

function planParent(
  view: SheetView,
  indicator: IndicatorLine,
  unit: UnitLine,
): { parent: PlanParent; parsed: CellValue } {
  const { parsed, base, formula } = cellFacts(view, indicator, unit);
  const parent: PlanParent = { ...base, shown: "other" };
  if (formula) parent.formula = formula;
  if (parsed.kind === "number" && !parsed.bound) {
    parent.stated = parsed.value;
    parent.shown = parsed.fromText ? "text-number" : "number";
    if (parsed.fromText && parsed.text !== undefined) parent.text = parsed.text;
  } else if (parsed.kind === "dash") {
    parent.shown = "dash";
    parent.text = parsed.text;
  } else if (parsed.kind === "empty") parent.shown = "blank";
  else parent.text = cellText(parsed);
  return { parent, parsed };
}

/** A row's values under the split's children (reference or weights): blank and `-` are 0. */
function rowValues(
  view: SheetView,
  indicator: IndicatorLine,
  units: readonly UnitLine[],
  role: RowRole,
): Decimal[] | RequestProblem {
  const out: Decimal[] = [];
  for (const u of units) {
    const c = planCell(view, indicator, u, role);
    if (isProblem(c)) return c;
    out.push(c.cell.value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building the request

function engineMethod(
  choice: MethodChoice | undefined,
): Exclude<Method, "ratio" | "edit-one" | "fix-parent"> {
  switch (choice) {
    case "equal":
      return "equal-increment";
    case "reference":
      return "reference";
    case "minimal-change":
      return "minimal-change";
    default:
      return "proportional";
  }
}

function conflicts(choices: RebalanceChoices): RequestProblem | null {
  if (choices.fixParent) {
    const clash: OptionRef[] = [
      ...(choices.target !== undefined ? [{ option: "target" as const }] : []),
      ...(choices.method ? [{ option: "method" as const, value: choices.method }] : []),
      ...(choices.reference ? [{ option: "reference" as const }] : []),
      ...(choices.weights ? [{ option: "weights" as const }] : []),
      ...(choices.edit ? [{ option: "edit" as const }] : []),
      ...(choices.zeroBase ? [{ option: "zero-base" as const }] : []),
      ...(choices.locks?.length ? [{ option: "lock" as const }] : []),
      ...(choices.min?.length ? [{ option: "min" as const }] : []),
      ...(choices.max?.length ? [{ option: "max" as const }] : []),
    ];
    if (clash.length) return { code: "CONFLICTING_OPTIONS", options: [{ option: "fix-parent" }, ...clash] };
  }
  if (choices.reference && choices.method && choices.method !== "reference")
    return {
      code: "CONFLICTING_OPTIONS",
      options: [{ option: "reference" }, { option: "method", value: choices.method }],
    };
  if (choices.edit && (choices.method === "reference" || choices.reference))
    return {
      code: "CONFLICTING_OPTIONS",
      options: [
        { option: "edit" },
        choices.reference ? { option: "reference" } : { option: "method", value: "reference" },
      ],
    };
  if (choices.method === "reference" && !choices.reference) return { code: "METHOD_NEEDS_REFERENCE" };
  return null;
}

/**
 * Builds the rebalance request for one indicator of one split, with everything the writer and
 * the preview need (cell addresses, formulas, how each cell is stored).
 */
export function buildRebalancePlan(
  workbook: WorkbookGrid,
  maps: readonly TableMap[],
  choices: RebalanceChoices,
): PlanResult {
  const fail = (problem: RequestProblem): PlanResult => ({ ok: false, problem });
  const clash = conflicts(choices);
  if (clash) return fail(clash);

  const inSheet = maps.filter((m) => choices.sheet === undefined || m.sheet === choices.sheet);
  const splitTables = inSheet.filter((m): m is SplitTable => m.type === "split");
  const others = inSheet.filter((m) => m.type !== "split");
  if (splitTables.length === 0 && others.length === 0)
    return fail({ code: "NO_TABLE", sheet: choices.sheet });

  const located = findIndicator(splitTables, others, choices.indicator, "indicator");
  if (isProblem(located)) return fail(located);
  const { table, indicator } = located;
  if (indicator.kind === "qualitative")
    return fail({ code: "QUALITATIVE_INDICATOR", indicator: indicator.name });
  const ratio = indicator.kind === "ratio";

  // The split.
  let split: Split | undefined;
  if (choices.parent !== undefined) {
    const key = matchKey(choices.parent);
    split = table.splits.find((s) => matchKey(s.parent.unit) === key || matchKey(s.parent.label) === key);
    if (!split)
      return fail({
        code: "UNKNOWN_PARENT",
        text: choices.parent,
        parents: table.splits.map((s) => s.parent.unit),
      });
  } else {
    split = [...table.splits].sort((a, b) => a.level - b.level)[0];
  }
  if (!split) return fail({ code: "NO_TABLE", sheet: table.sheet });

  const grid = workbook.sheets.find((s) => s.name === table.sheet);
  if (!grid) return fail({ code: "NO_TABLE", sheet: table.sheet });
  const view = sheetView(grid, table.orientation);

  // Children and parent.
  const children: PlanCell[] = [];
  const parsedCells: CellValue[] = [];
  for (const unit of split.children) {
    const c = planCell(view, indicator, unit, "indicator");
    if (isProblem(c)) return fail(c);
    children.push(c.cell);
    parsedCells.push(c.parsed);
  }
  const { parent, parsed: parentParsed } = planParent(view, indicator, split.parent);
  parsedCells.push(parentParsed);
  if (split.assignment)
    parsedCells.push(parseAt(view, indicator.line, split.assignment.line, indicator.measure));
  const units = split.children;
  const unitNames = units.map((u) => u.unit);

  // Numbers typed by the user.
  let target: Decimal | undefined;
  let targetFrom: RebalancePlan["targetFrom"];
  if (choices.target !== undefined) {
    const t = parseNumber(choices.target);
    if (!t) return fail({ code: "BAD_NUMBER", option: "target", text: String(choices.target) });
    target = t;
    targetFrom = "option";
  } else if (parent.stated) {
    target = parent.stated;
    targetFrom = "parent";
  } else if (indicator.kind === "share" && (parent.shown === "blank" || parent.shown === "dash")) {
    target = Decimal.fromInt(100);
    targetFrom = "share-100";
  } else if (choices.fixParent) targetFrom = "none";
  else return fail({ code: "NO_TARGET", unit: parent.unit, cell: parent.cell, text: parent.text ?? "" });

  let step: StepInput;
  let stepFrom: RebalancePlan["stepFrom"];
  if (choices.step !== undefined) {
    const s = parseNumber(choices.step);
    if (!s || s.sign() <= 0) return fail({ code: "BAD_NUMBER", option: "step", text: String(choices.step) });
    step = s;
    stepFrom = "option";
  } else if (indicator.count) {
    step = Decimal.ONE;
    stepFrom = "count";
  } else {
    step = { decimals: rowDecimals(parsedCells) };
    stepFrom = "decimals";
  }

  // Locks and bounds, by the names the sheet uses (spaces ignored).
  const locked = children.map(() => false);
  const unitProblem = (option: UnitOption, text: string, found: number | string[]): RequestProblem | null =>
    Array.isArray(found)
      ? { code: "AMBIGUOUS_UNIT", option, text, candidates: found }
      : found < 0
        ? { code: "UNKNOWN_UNIT", option, text, units: unitNames }
        : null;
  for (const name of choices.locks ?? []) {
    const i = findUnit(units, name);
    const bad = unitProblem("lock", name, i);
    if (bad || typeof i !== "number") return fail(bad!);
    locked[i] = true;
  }
  const bounds = (
    option: "min" | "max",
    list: readonly UnitValue[] | undefined,
  ): (Decimal | undefined)[] | RequestProblem => {
    const out: (Decimal | undefined)[] = children.map(() => undefined);
    for (const b of list ?? []) {
      const i = findUnit(units, b.unit);
      const bad = unitProblem(option, b.unit, i);
      if (bad || typeof i !== "number") return bad!;
      const v = parseNumber(b.value);
      if (!v) return { code: "BAD_NUMBER", option, text: String(b.value), unit: b.unit };
      out[i] = v;
    }
    return out;
  };
  const min = bounds("min", choices.min);
  if (isProblem(min)) return fail(min);
  const max = bounds("max", choices.max);
  if (isProblem(max)) return fail(max);

  let edit: { child: number; value: Decimal } | undefined;
  if (choices.edit) {
    const i = findUnit(units, choices.edit.unit);
    const bad = unitProblem("edit", choices.edit.unit, i);
    if (bad || typeof i !== "number") return fail(bad!);
    const v = parseNumber(choices.edit.value);
    if (!v)
      return fail({
        code: "BAD_NUMBER",
        option: "edit",
        text: String(choices.edit.value),
        unit: choices.edit.unit,
      });
    edit = { child: i, value: v };
  }

  // Reference and weights rows, from the same table and split.
  interface OtherRow {
    indicator: IndicatorLine;
    values: Decimal[];
    parent?: Decimal;
  }
  const otherRow = (text: string, role: RowRole): OtherRow | RequestProblem => {
    const found = findIndicator([table], [], text, role);
    if (isProblem(found)) return found;
    const values = rowValues(view, found.indicator, units, role);
    if (isProblem(values)) return values;
    const p = parseAt(view, found.indicator.line, split.parent.line, found.indicator.measure);
    return {
      indicator: found.indicator,
      values,
      parent: p.kind === "number" && !p.bound ? p.value : undefined,
    };
  };
  let reference: OtherRow | undefined;
  if (choices.reference) {
    if (ratio) return fail({ code: "NOT_FOR_RATIO", indicator: indicator.name, option: "reference" });
    const found = otherRow(choices.reference, "reference");
    if (isProblem(found)) return fail(found);
    reference = found;
  }
  let weights: OtherRow | undefined;
  if (choices.weights) {
    const method = choices.method ?? (ratio ? undefined : "proportional");
    if (!ratio && method !== "minimal-change")
      return fail({
        code: "CONFLICTING_OPTIONS",
        options: [{ option: "weights" }, { option: "method", value: method }],
      });
    const found = otherRow(choices.weights, "weights");
    if (isProblem(found)) return fail(found);
    weights = found;
  }

  const inputs: ChildInput[] = children.map((c, i) => {
    const input: ChildInput = { unit: c.unit, value: c.value };
    if (locked[i]) input.locked = true;
    if (min[i]) input.min = min[i];
    if (max[i]) input.max = max[i];
    if (reference) input.reference = reference.values[i];
    if (weights) {
      if (ratio) input.denominator = weights.values[i];
      else input.weight = weights.values[i];
    }
    return input;
  });
  const base = { children: inputs, step, ...(choices.noDecrease ? { noDecrease: true } : {}) };
  const zeroBase = choices.zeroBase === "equal" ? ({ zeroBase: "equal" } as const) : {};

  let request: RebalanceRequest;
  if (choices.fixParent) {
    request = {
      method: "fix-parent",
      children: inputs,
      step,
      ...(parent.stated ? { target: parent.stated } : {}),
    };
  } else if (ratio) {
    if (edit) return fail({ code: "NOT_FOR_RATIO", indicator: indicator.name, option: "edit" });
    if (choices.method === "minimal-change")
      return fail({ code: "NOT_FOR_RATIO", indicator: indicator.name, option: "minimal-change" });
    if (!weights) return fail({ code: "RATIO_NEEDS_WEIGHTS", indicator: indicator.name });
    // The parent's own denominator (the city's GDP); the children's total when the sheet has none.
    const parentDenominator = weights.parent ?? Decimal.sum(weights.values);
    request = {
      ...base,
      ...zeroBase,
      method: "ratio",
      target: target!,
      parentDenominator,
      ratioMode: choices.method === "proportional" ? "scale" : "shift",
    };
  } else if (edit) {
    const spread: SpreadMethod =
      choices.method === "equal"
        ? "equal-increment"
        : choices.method === "minimal-change"
          ? "minimal-change"
          : "proportional";
    request = { ...base, ...zeroBase, method: "edit-one", target: target!, edit, spread };
  } else {
    const method = choices.reference ? "reference" : engineMethod(choices.method);
    switch (method) {
      case "proportional":
      case "reference":
        request = { ...base, ...zeroBase, method, target: target! };
        break;
      case "equal-increment":
      case "minimal-change":
        request = { ...base, method, target: target! };
        break;
    }
  }

  const plan: RebalancePlan = {
    sheet: table.sheet,
    table,
    split,
    indicator,
    parent,
    children,
    locked,
    min,
    max,
    targetFrom,
    step,
    stepFrom,
    method: request.method,
    request,
  };
  if (target) plan.target = target;
  if (reference) plan.referenceRow = reference.indicator.name;
  if (weights) plan.weightsRow = weights.indicator.name;
  return { ok: true, plan };
}

/** Plans and solves in one call. */
export function planAndRebalance(
  workbook: WorkbookGrid,
  maps: readonly TableMap[],
  choices: RebalanceChoices,
): { ok: true; plan: RebalancePlan; result: RebalanceResult } | { ok: false; problem: RequestProblem } {
  const planned = buildRebalancePlan(workbook, maps, choices);
  if (!planned.ok) return planned;
  return { ok: true, plan: planned.plan, result: rebalance(planned.plan.request) };
}

// ---------------------------------------------------------------------------------------------
// What to write

export interface CellWrite {
  cell: string;
  row: number;
  col: number;
  unit: string;
  /** The value as the sheet stores it (a percent-formatted cell holds value / 100). */
  value: Decimal;
  /** The value in the indicator's units, as the sheet shows it. */
  shown: Decimal;
  /** The formula this write would replace. */
  formula?: string;
  role: "child" | "parent";
}

function write(c: PlanCell | PlanParent, value: Decimal, role: CellWrite["role"]): CellWrite {
  const w: CellWrite = {
    cell: c.cell,
    row: c.row,
    col: c.col,
    unit: c.unit,
    value: c.percentStored ? value.shift(-2) : value,
    shown: value,
    role,
  };
  if (c.formula) w.formula = c.formula;
  return w;
}

/**
 * The cells an accepted rebalance changes, in sheet order: each child whose value changes
 * (a `-` that stays 0 stays `-`; a number stored as text that keeps its value stays text), and
 * the parent when its value changes. A formula among them is listed on the write, so the caller
 * can refuse or ask before replacing it.
 */
export function plannedWrites(plan: RebalancePlan, result: RebalanceOk): CellWrite[] {
  const writes: CellWrite[] = [];
  result.values.forEach((after, i) => {
    const c = plan.children[i];
    if (!after.eq(c.value)) writes.push(write(c, after, "child"));
  });
  const p = plan.parent;
  const newParent = result.method === "fix-parent" ? result.parent : plan.target;
  const keepBlankShare = plan.targetFrom === "share-100";
  if (newParent && !keepBlankShare && !(p.stated && p.stated.eq(newParent)))
    writes.push(write(p, newParent, "parent"));
  return writes.sort((a, b) => a.row - b.row || a.col - b.col);
}

// ---------------------------------------------------------------------------------------------
// The JSON document (tdcheck-rebalance/1)

export interface RebalanceChildDoc {
  unit: string;
  cell: string;
  before: number;
  after: number | null;
  change: number | null;
  locked: boolean;
  /** The bound that binds: "min" / "max" (ok: the child sits at it; infeasible: it stops the parent). */
  bound: "min" | "max" | null;
  role?: ChildRole;
  min?: number;
  max?: number;
  formula?: string;
}

export interface RebalanceDocument {
  schema: "tdcheck-rebalance/1";
  status: "ok" | "infeasible" | "zero-base-blocked" | "invalid-input";
  file?: string;
  sheet: string;
  indicator: string;
  method: Method;
  step: number;
  target: number | null;
  parent: {
    unit: string;
    cell: string;
    before: number | null;
    after: number | null;
    change: number | null;
    formula?: string;
  };
  achievable?: [number | null, number | null];
  children: RebalanceChildDoc[];
  explanation: Record<string, unknown> & { text: string[] };
  /** The copy written and its changed cells; null when writing was refused (formulas). */
  written?: { file: string; cells: string[] } | null;
  [key: string]: unknown;
}

function num(d: Decimal): number {
  return d.toJSON();
}

const BOUND_SETS = new WeakMap<readonly number[], Set<number>>();

/** Whether child i is one of those an infeasible result says its bound stopped (asked per child). */
export function isBoundChild(
  result: RebalanceResult,
  i: number,
): result is Extract<RebalanceResult, { status: "infeasible" }> {
  if (result.status !== "infeasible") return false;
  let set = BOUND_SETS.get(result.boundChildren);
  if (!set) BOUND_SETS.set(result.boundChildren, (set = new Set(result.boundChildren)));
  return set.has(i);
}
function rat(r: Rational | null): number | null {
  if (r === null) return null;
  const d = r.toDecimal();
  return d ? d.toJSON() : r.toNumber();
}

function stepOf(plan: RebalancePlan, result: RebalanceResult): Decimal {
  if (result.status === "ok") return result.step;
  const s = plan.step;
  return s instanceof Decimal ? s : Decimal.of(1n, s.decimals);
}

/**
 * The explanation in words: the solver's, except for fix-parent, where the only thing to say
 * is what the parent becomes.
 */
export function explanationText(plan: RebalancePlan, result: RebalanceOk, lang: Lang): string[] {
  if (result.method !== "fix-parent") return renderExplanation(result.explanation, lang);
  const p = plan.parent;
  const was = p.stated ? p.stated.toString() : (p.text ?? "");
  const sum = result.parent.toString();
  if (p.stated && p.stated.eq(result.parent))
    return [
      lang === "zh"
        ? `下级合计 ${sum} 与上级 ${p.unit}（${p.cell}）一致，无需修改。`
        : `The children add up to ${sum}, as the parent ${p.unit} (${p.cell}) states; nothing to change.`,
    ];
  return [
    lang === "zh"
      ? `下级保持不变；上级 ${p.unit}（${p.cell}）由 ${was || "空白"} 改为下级合计 ${sum}。`
      : `The children stay; the parent ${p.unit} (${p.cell}) becomes their sum, ${sum}${was ? ` (was ${was})` : ""}.`,
  ];
}

function explanationDoc(
  plan: RebalancePlan,
  result: RebalanceOk,
  lang: Lang,
): RebalanceDocument["explanation"] {
  const expl = result.explanation;
  const unit = (i: number) => expl.children[i]?.unit ?? `#${i + 1}`;
  const out: RebalanceDocument["explanation"] = {
    text: explanationText(plan, result, lang),
    method: expl.method,
    rounding: expl.rounding,
    lockedTotal: num(expl.lockedTotal),
    toSpread: num(expl.toSpread),
    leftoverSteps: expl.leftoverSteps,
    atMin: expl.atMin.map(unit),
    atMax: expl.atMax.map(unit),
    ties: expl.ties.map((t) => ({
      contenders: t.contenders.map(unit),
      winners: t.winners.map(unit),
      decidedBy: t.decidedBy,
      ...(t.remainder ? { remainder: t.remainder.toString() } : {}),
      ...(t.marginalCost ? { marginalCost: t.marginalCost.toString() } : {}),
    })),
    roundedUp: expl.children.filter((c) => c.roundedUp).map((c) => c.unit),
  };
  if (expl.spread) out.spread = expl.spread;
  if (expl.zeroBase) out.zeroBase = expl.zeroBase;
  // Factors: a JSON number for charts, and the exact fraction as text.
  for (const key of ["scale", "increment", "perReference", "shift", "marginalCost"] as const) {
    const r = expl[key];
    if (r) {
      out[key] = rat(r);
      out[`${key}Exact`] = r.toString();
    }
  }
  return out;
}

function refusalDoc(refusal: Refusal, lang: Lang, label?: OptionLabel): RebalanceDocument["explanation"] {
  const out: RebalanceDocument["explanation"] = {
    text: renderRefusal(refusal, lang),
    code: REFUSAL_CODE[refusal.status],
  };
  if (refusal.status === "infeasible") {
    out.limitedBy = refusal.limitedBy;
    out.lockedTotal = rat(refusal.lockedTotal);
    if (refusal.shortBy) out.shortBy = rat(refusal.shortBy);
    if (refusal.overBy) out.overBy = rat(refusal.overBy);
  } else if (refusal.status === "zero-base-blocked") {
    // The way out, as the door names it (the command line's JSON says `--zero-base equal`).
    if (label) out.option = label({ option: "zero-base", value: "equal" }, lang);
  } else out.problems = refusal.problems;
  return out;
}

export interface DocumentOptions {
  lang: Lang;
  /** The door's names for options, where the document names one (a refusal's way out). */
  label?: OptionLabel;
  file?: string;
  written?: { file: string; cells: string[] };
}

/** The `tdcheck-rebalance/1` document for a plan and the solver's answer. */
export function rebalanceDocument(
  plan: RebalancePlan,
  result: RebalanceResult,
  options: DocumentOptions,
): RebalanceDocument {
  const ok = result.status === "ok" ? result : undefined;
  const roles = ok?.explanation.children.map((c) => c.role);
  const boundNow = (i: number): "min" | "max" | null => {
    if (ok) return roles![i] === "at-min" ? "min" : roles![i] === "at-max" ? "max" : null;
    if (isBoundChild(result, i)) return result.shortBy ? "max" : "min";
    return null;
  };
  const children = plan.children.map((c, i): RebalanceChildDoc => {
    const doc: RebalanceChildDoc = {
      unit: c.unit,
      cell: c.cell,
      before: num(c.value),
      after: ok ? num(ok.values[i]) : null,
      change: ok ? num(ok.changes[i]) : null,
      locked: plan.locked[i] || roles?.[i] === "locked",
      bound: boundNow(i),
    };
    if (roles) doc.role = roles[i];
    if (plan.min[i]) doc.min = num(plan.min[i]!);
    if (plan.max[i]) doc.max = num(plan.max[i]!);
    if (c.formula) doc.formula = c.formula;
    return doc;
  });
  // fix-parent locks every child by construction; the user locked none.
  if (plan.method === "fix-parent") for (const c of children) c.locked = false;

  const stated = plan.parent.stated;
  const newParent = ok ? (ok.method === "fix-parent" ? ok.parent : (plan.target ?? ok.parent)) : undefined;
  const parent: RebalanceDocument["parent"] = {
    unit: plan.parent.unit,
    cell: plan.parent.cell,
    before: stated ? num(stated) : null,
    after: newParent ? num(newParent) : null,
    change: newParent && stated ? num(newParent.sub(stated)) : null,
  };
  if (plan.parent.formula) parent.formula = plan.parent.formula;

  const target = ok?.method === "fix-parent" ? ok.parent : plan.target;
  const doc: RebalanceDocument = {
    schema: "tdcheck-rebalance/1",
    status: result.status,
    ...(options.file !== undefined ? { file: options.file } : {}),
    sheet: plan.sheet,
    indicator: plan.indicator.name,
    method: plan.method,
    step: num(stepOf(plan, result)),
    target: target ? num(target) : null,
    parent,
    children,
    explanation: ok
      ? explanationDoc(plan, ok, options.lang)
      : refusalDoc(result as Refusal, options.lang, options.label),
  };
  if (result.status === "infeasible") doc.achievable = [rat(result.achievable[0]), rat(result.achievable[1])];
  if (result.status === "zero-base-blocked")
    doc.achievable = [rat(result.reachable[0]), rat(result.reachable[1])];
  if (ok?.ratioCheck) {
    const r = ok.ratioCheck;
    doc.ratioCheck = {
      recomputed: rat(r.recomputed),
      difference: rat(r.difference),
      tolerance: rat(r.tolerance),
      pass: r.pass,
      showsAsTarget: r.showsAsTarget,
    };
  }
  if (plan.referenceRow) doc.reference = plan.referenceRow;
  if (plan.weightsRow) doc.weights = plan.weightsRow;
  if (options.written) doc.written = options.written;
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Problems in words (at the edge, like messages.ts)

const ROLE_NAME: Record<RowRole, Record<Lang, string>> = {
  indicator: { zh: "指标", en: "indicator" },
  reference: { zh: "参考行", en: "reference row" },
  weights: { zh: "权重行", en: "weights row" },
};

/** The option a problem belongs to, with the child it names: where a form shows it. */
export interface ProblemPlace {
  option: OptionId;
  unit?: string;
}

/** Where a request problem belongs (the field at fault); undefined when it is about the table. */
export function problemPlace(p: RequestProblem): ProblemPlace | undefined {
  switch (p.code) {
    case "NO_TABLE":
      return undefined;
    case "UNKNOWN_INDICATOR":
    case "AMBIGUOUS_INDICATOR":
    case "NOT_A_SPLIT":
    case "CELL_NOT_NUMERIC":
      return { option: p.role };
    case "UNKNOWN_PARENT":
      return { option: "parent" };
    case "UNKNOWN_UNIT":
    case "AMBIGUOUS_UNIT":
      return { option: p.option, unit: p.text };
    case "BAD_NUMBER":
      return { option: p.option, ...(p.unit ? { unit: p.unit } : {}) };
    case "QUALITATIVE_INDICATOR":
      return { option: "indicator" };
    case "RATIO_NEEDS_WEIGHTS":
      return { option: "weights" };
    case "NOT_FOR_RATIO":
      return { option: p.option === "minimal-change" ? "method" : p.option };
    case "NO_TARGET":
      return { option: "target" };
    case "CONFLICTING_OPTIONS":
      return p.options[0] && { option: p.options[0].option };
    case "METHOD_NEEDS_REFERENCE":
      return { option: "reference" };
  }
}

/** In a Chinese sentence, a Latin name (a flag) stands apart with spaces; a Chinese one (“目标”) does not. */
function inSentence(name: string, lang: Lang): string {
  return lang === "zh" && /^[\x21-\x7e]/.test(name) ? ` ${name} ` : name;
}

export interface RenderOptions {
  /** Shown beside the field at fault (`problemPlace`): the sentence leaves out the field's name. */
  atField?: boolean;
}

/**
 * A request problem in words. `label` is the door's name for an option: the command line says
 * `--max 建德市：“abc”不是有效数字`, the pane shows “abc”不是有效数字 under 建德市's 上限 field.
 */
export function renderRequestProblem(
  p: RequestProblem,
  lang: Lang,
  label: OptionLabel,
  options: RenderOptions = {},
): string {
  const zh = lang === "zh";
  const list = (xs: readonly string[]) => xs.join(zh ? "、" : ", ");
  const name = (option: OptionId, value?: string) => label(value ? { option, value } : { option }, lang);
  /** The name inside a sentence (spaced apart in Chinese when it is a flag). */
  const named = (option: OptionId, value?: string) => inSentence(name(option, value), lang);
  /** "--max 建德市：" before a sentence about one option, unless shown at its field. */
  const lead = (option: OptionId, unit?: string) =>
    options.atField ? "" : `${name(option)}${unit ? ` ${unit}` : ""}${zh ? "：" : ": "}`;
  switch (p.code) {
    case "NO_TABLE":
      return zh
        ? `${p.sheet ? `工作表“${p.sheet}”中` : ""}未找到可识别的指标分解表`
        : `no recognisable target split${p.sheet ? ` on sheet "${p.sheet}"` : ""}`;
    case "UNKNOWN_INDICATOR":
      return zh
        ? `没有名称含“${p.text}”的${ROLE_NAME[p.role].zh}；可选：${list(p.indicators)}`
        : `no ${ROLE_NAME[p.role].en} named like "${p.text}"; the indicators are: ${list(p.indicators)}`;
    case "AMBIGUOUS_INDICATOR":
      return zh
        ? `“${p.text}”匹配多个${ROLE_NAME[p.role].zh}，请写得更具体：${list(p.candidates)}`
        : `"${p.text}" matches several indicators; be more specific: ${list(p.candidates)}`;
    case "NOT_A_SPLIT":
      return zh
        ? `“${p.indicator}”在工作表“${p.sheet}”的年度进度表中，不是上下级分解，无法调整分配`
        : `"${p.indicator}" is in a progression table (years) on sheet "${p.sheet}", not a split; there is nothing to rebalance`;
    case "UNKNOWN_PARENT":
      return zh
        ? `没有以“${p.text}”为上级的分解；可选：${list(p.parents)}`
        : `no split has "${p.text}" as its parent; the parents are: ${list(p.parents)}`;
    case "UNKNOWN_UNIT":
      return zh
        ? `${lead(p.option)}没有名称含“${p.text}”的下级单位；下级单位有：${list(p.units)}`
        : `${lead(p.option)}no child is named like "${p.text}"; the children are: ${list(p.units)}`;
    case "AMBIGUOUS_UNIT":
      return zh
        ? `${lead(p.option)}“${p.text}”匹配多个下级单位，请写得更具体：${list(p.candidates)}`
        : `${lead(p.option)}"${p.text}" matches several children; be more specific: ${list(p.candidates)}`;
    case "BAD_NUMBER":
      return zh
        ? `${lead(p.option, p.unit)}“${p.text}”不是有效数字${p.option === "step" ? "（步长须为正数）" : ""}`
        : `${lead(p.option, p.unit)}"${p.text}" is not a valid number${p.option === "step" ? " (the step must be positive)" : ""}`;
    case "QUALITATIVE_INDICATOR":
      return zh
        ? `“${p.indicator}”是定性指标（文字目标），无法按数值调整分配`
        : `"${p.indicator}" is a qualitative target (words), which cannot be rebalanced`;
    case "RATIO_NEEDS_WEIGHTS":
      return zh
        ? `“${p.indicator}”是比率指标，上级是加权平均而不是合计：请用${named("weights")}指定分母行（如 GDP）`
        : `"${p.indicator}" is a ratio: the parent is a weighted mean, not a sum; name the denominator row (GDP, …) with ${name("weights")}`;
    case "NOT_FOR_RATIO": {
      const what =
        p.option === "minimal-change" ? name("method", "minimal-change") : name(p.option as OptionId);
      return zh
        ? `“${p.indicator}”是比率指标，不支持${inSentence(what, lang).trimEnd()}`
        : `"${p.indicator}" is a ratio; ${what} does not apply`;
    }
    case "CELL_NOT_NUMERIC": {
      const what =
        p.holds === "error"
          ? zh
            ? `错误值 ${p.text}`
            : `the error ${p.text}`
          : p.holds === "bound"
            ? zh
              ? `范围值“${p.text}”`
              : `the bound "${p.text}"`
            : zh
              ? `文字“${p.text}”`
              : `the text "${p.text}"`;
      return zh
        ? `${ROLE_NAME[p.role].zh}“${p.row}”中 ${p.unit}（${p.cell}）是${what}，不是数值，无法参与调整`
        : `${p.unit} (${p.cell}) in ${ROLE_NAME[p.role].en} "${p.row}" holds ${what}, not a number; it cannot take part`;
    }
    case "NO_TARGET":
      return zh
        ? `上级 ${p.unit}（${p.cell}）没有数值目标${p.text ? `（“${p.text}”）` : ""}：请用${named("target")}指定`
        : `the parent ${p.unit} (${p.cell}) has no numeric target${p.text ? ` ("${p.text}")` : ""}; give one with ${name("target")}`;
    case "CONFLICTING_OPTIONS": {
      const names = p.options.map((o) => name(o.option, o.value));
      return zh
        ? `选项不能同时使用：${list(names)}`
        : `these options cannot be used together: ${list(names)}`;
    }
    case "METHOD_NEEDS_REFERENCE":
      return zh
        ? `${named("method", "reference").trimStart()}需要用${named("reference")}指定参考行`
        : `${name("method", "reference")} needs a reference row: ${name("reference")}`;
  }
}

/** Where an INVALID_INPUT problem of the solver belongs: the option, and the child it names. */
export function invalidInputPlace(plan: RebalancePlan, p: SolverProblem): ProblemPlace {
  const unit = "child" in p ? plan.children[p.child]?.unit : undefined;
  const at = (option: OptionId): ProblemPlace => (unit ? { option, unit } : { option });
  switch (p.kind) {
    case "bad-step":
    case "value-off-grid":
      return { option: "step" };
    case "target-off-grid":
      return { option: "target" };
    case "edit-off-grid":
    case "edit-out-of-range":
      return at("edit");
    case "empty-bounds":
      return at("min");
    case "missing-reference":
    case "negative-reference":
      return at("reference");
    case "bad-weight":
    case "missing-denominator":
    case "bad-parent-denominator":
      return at("weights");
  }
}

/**
 * The solver's INVALID_INPUT problems named by unit and cell (the solver only knows child
 * indices), with what to do about each; `label` names the option to use, as the door calls it.
 */
export function renderInvalidInput(
  plan: RebalancePlan,
  refusal: InvalidInput,
  lang: Lang,
  label: OptionLabel,
): string[] {
  const zh = lang === "zh";
  const step =
    plan.step instanceof Decimal ? plan.step.toString() : Decimal.of(1n, plan.step.decimals).toString();
  const stepName = inSentence(label({ option: "step" }, lang), lang);
  const who = (i: number) => {
    const c = plan.children[i];
    return c ? `${c.unit}（${c.cell}）` : `#${i + 1}`;
  };
  const whoEn = (i: number) => {
    const c = plan.children[i];
    return c ? `${c.unit} (${c.cell})` : `#${i + 1}`;
  };
  return refusal.problems.map((p: SolverProblem): string => {
    switch (p.kind) {
      case "bad-step":
        return zh ? `步长无效：${step}` : `invalid step: ${step}`;
      case "target-off-grid":
        return zh
          ? `目标 ${p.value} 不在步长 ${step} 的网格上：请用${stepName}指定更细的步长`
          : `the target ${p.value} is not a multiple of the step ${step}; give a finer step with ${stepName}`;
      case "value-off-grid":
        return zh
          ? `${who(p.child)}的值 ${p.value} 比步长 ${step} 更精细：请用${stepName}指定步长`
          : `${whoEn(p.child)} holds ${p.value}, finer than the step ${step}; give the step with ${stepName}`;
      case "edit-off-grid":
        return zh
          ? `修改值 ${p.value} 不在步长 ${step} 的网格上`
          : `the edited value ${p.value} is not a multiple of the step ${step}`;
      case "empty-bounds":
        return zh
          ? `${who(p.child)}的下限 ${p.min} 高于上限 ${p.max}`
          : `${whoEn(p.child)}: the minimum ${p.min} is above the maximum ${p.max}`;
      case "missing-reference":
        return zh ? `${who(p.child)}缺少参考值` : `${whoEn(p.child)} has no reference value`;
      case "negative-reference":
        return zh ? `${who(p.child)}的参考值为负` : `${whoEn(p.child)}'s reference value is negative`;
      case "bad-weight":
        return zh ? `${who(p.child)}的权重须为正数` : `${whoEn(p.child)}'s weight must be positive`;
      case "missing-denominator":
        return zh
          ? `${who(p.child)}的分母（权重行）须为正数`
          : `${whoEn(p.child)}'s denominator (weights row) must be positive`;
      case "bad-parent-denominator":
        return zh
          ? `上级的分母（权重行）须为正数`
          : `the parent's denominator (weights row) must be positive`;
      case "edit-out-of-range":
        return zh ? `没有要修改的下级单位` : `the edited child does not exist`;
    }
  });
}
