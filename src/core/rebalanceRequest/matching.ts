/**
 * What the user typed against what the sheet says: indicator and unit names (exact, else a
 * unique part, labels compared with spaces removed, full-width and traditional forms folded,
 * Latin case folded) and numbers as a person types them.
 */
import { Decimal } from "../decimal";
import type { SplitTable, TableMap, IndicatorLine, UnitLine } from "../model";
import { normalizeLabel, normalizeText } from "../text";
import type { RowRole } from "./choices";
import type { RequestProblem } from "./problems";

/** How labels are compared: normalised, spaces removed, Latin case folded. */
export function matchKey(text: string): string {
  return normalizeLabel(text).toLowerCase();
}

export interface Located {
  table: SplitTable;
  indicator: IndicatorLine;
}

function describeCandidate(c: { sheet: string; name: string }, sheets: number): string {
  return sheets > 1 ? `${c.sheet}: ${c.name}` : c.name;
}

/** Exact name first, else a unique part; the candidates are listed when a part is ambiguous. */
export function findIndicator(
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
export function findUnit(units: readonly UnitLine[], text: string): number | string[] {
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
