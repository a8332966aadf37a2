/**
 * How strongly a reading's evidence supports it (docs/table-understanding.md §3): the points each
 * piece of evidence is worth, samples for evidence on long tables, and the bound that lets a
 * reading stop early when it cannot win.
 */
import type { Orientation } from "../model";
import { normalizeLabel } from "../text";
import { labelOf } from "../vocabulary/words";
import type { Frame, SheetCells } from "./frame";
import { classify, measureFromName } from "./labels";
import { textOf, type UnitInfo } from "./lineRoles";

/** Points per piece of evidence. */
export const SCORE = {
  wordParent: 12,
  namesParent: 8,
  arithmeticParent: 6,
  assignment: 2,
  corner: 3,
  measures: 3,
  measureLine: 2,
  indicatorWords: 2,
  unitNames: 2,
  progression: 6,
};

/** Names an evidence share is judged on, at most. */
export const EVIDENCE_SAMPLE = 200;
/** Children beyond which a word parent's arithmetic support is not summed (it is only evidence). */
export const SUPPORT_LIMIT = 5000;

export function sampled<T>(items: T[]): T[] {
  if (items.length <= EVIDENCE_SAMPLE) return items;
  return sampledIndices(items.length).map((k) => items[k]);
}

/** The places `sampled` picks from a list of `length` items longer than EVIDENCE_SAMPLE. */
export function sampledIndices(length: number): number[] {
  const step = length / EVIDENCE_SAMPLE;
  return Array.from({ length: EVIDENCE_SAMPLE }, (_, k) => Math.floor(k * step));
}

/**
 * The names of the named units as `sampled` would pick them from the list of all of them, and how
 * many there are: without that list where every unit is named (a table of 50,000 units).
 */
export function namedUnitsSample(units: readonly UnitInfo[]): { sample: string[]; count: number } {
  let count = 0;
  for (let k = 0; k < units.length; k++) if (units[k].label) count++;
  if (count !== units.length || count <= EVIDENCE_SAMPLE) {
    const names: string[] = [];
    for (let k = 0; k < units.length; k++) if (units[k].label) names.push(units[k].display);
    return { sample: sampled(names), count };
  }
  return { sample: sampledIndices(count).map((k) => units[k].display), count };
}

/**
 * The most a reading can score when its unit line holds no parent word and no periods: every
 * piece of orientation evidence in its favour and the strongest parent short of a word. Undefined
 * when a word or periods are there (the reading must be made). The corner header and measures in
 * the unit names are known cheaply, and count against it as they will.
 */
export function upperBound(
  cells: SheetCells,
  frame: Frame,
  orientation: Orientation,
  unitLines: readonly number[],
  unitText: (line: number) => string,
): number | undefined {
  let periods = 0;
  let named = 0;
  let measured = 0;
  for (const line of unitLines) {
    const text = unitText(line);
    if (!normalizeLabel(text)) continue;
    const role = classify(labelOf(text)).role;
    if (role === "total" || role === "target" || role === "level-target") return undefined;
    if (role === "period" && ++periods >= 2) return undefined;
    if (named++ < EVIDENCE_SAMPLE && measureFromName(normalizeLabel(text)) !== undefined) measured++;
  }
  let bound =
    SCORE.corner +
    SCORE.measures +
    SCORE.measureLine +
    SCORE.indicatorWords +
    SCORE.unitNames +
    SCORE.assignment +
    Math.max(SCORE.namesParent, SCORE.arithmeticParent + 4, PARENTLESS);
  const corner = textOf(cells.raw(frame.header, frame.labelCol));
  const role = corner ? classify(labelOf(corner)).role : "other";
  const says = role === "name" ? "indicators-in-rows" : role === "unit-header" ? "units-in-rows" : undefined;
  if (says && says !== orientation) bound -= 2 * SCORE.corner;
  if (named && measured * 2 >= Math.min(named, EVIDENCE_SAMPLE)) bound -= SCORE.measures;
  return bound;
}

/** What a table with no parent but groups of rows that add up scores beyond its evidence. */
export const PARENTLESS = 4;
