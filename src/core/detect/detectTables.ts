/**
 * Layout detection (docs/table-understanding.md): frames from the sheet's structure
 * (frame.ts), each read in both orientations (reading.ts); the reading with the stronger evidence
 * wins. Frames that cannot be read as something to check are reported with their reason, never
 * silently dropped, so that both doors can say what was looked at.
 */
import type { RangeBox } from "../address";
import type { SheetGrid } from "../grid";
import type { Orientation, TableMap } from "../model";
import { labelOf } from "../vocabulary/words";
import { findFrames, SheetCells, type Frame, type FrameMiss } from "./frame";
import { classify } from "./labels";
import { withNestedLabels } from "./nestedLabels";
import { readFrame, type MissReason, type Reading } from "./reading";

export type RejectReason = FrameMiss["reason"] | MissReason;

/** Every reason a range may be looked at and not read, for the doors to word (tests walk it). */
export const REJECT_REASONS: readonly RejectReason[] = [
  "no-header",
  "no-numbers",
  "no-label-line",
  "unreadable-labels",
  "no-parent",
  "no-units",
  "no-indicators",
  "single-period",
];

/** A range that was looked at and not read as a table to check. */
export interface Rejected {
  sheet: string;
  range: RangeBox;
  reason: RejectReason;
}

export interface DetectedSheet {
  tables: TableMap[];
  score: number;
  rejected: Rejected[];
}

export interface DetectOptions {
  /** The user declared the grid (a selection) to be a table: read it without the confidence gate. */
  declared?: boolean;
}

/** Whether a line of labels names a total or a unit's own target. */
function hasParentWord(cells: SheetCells, texts: unknown[]): boolean {
  void cells;
  for (const t of texts) {
    if (typeof t !== "string" || !t.trim()) continue;
    const role = classify(labelOf(t)).role;
    if (role === "total" || role === "target") return true;
  }
  return false;
}

/** The orientation to read first: the one whose unit line holds a total word. */
function firstOrientation(cells: SheetCells, frame: Frame): Orientation {
  const across = frame.cols.map((c) => cells.raw(frame.header, c));
  const down = frame.body.map((r) => cells.raw(r, frame.labelCol));
  if (hasParentWord(cells, across)) return "indicators-in-rows";
  if (hasParentWord(cells, down)) return "units-in-rows";
  return frame.cols.length >= frame.body.length ? "indicators-in-rows" : "units-in-rows";
}

/**
 * Whether a reading's parent is named (a total word, an own target, a period total); with
 * `supported`, a total word must also add up on at least one row, so that the second reading of a
 * table is never made on a word alone.
 */
function headedByWord(r: Reading, supported = false): boolean {
  return r.evidence.some(
    (e) =>
      e.code === "period-total" ||
      ((e.code === "total-word" || e.code === "own-target") && (!supported || (e.holds ?? 0) >= 1)),
  );
}

function better(a: Reading, b: Reading): Reading {
  const okA = a.tables.length > 0;
  const okB = b.tables.length > 0;
  if (okA !== okB) return okA ? a : b;
  return b.score > a.score ? b : a;
}

export function detectSheet(grid: SheetGrid, options: DetectOptions = {}): DetectedSheet {
  // Units named across two label columns are read as one column of names (nestedLabels.ts).
  const cells = new SheetCells(withNestedLabels(grid));
  const { frames, misses } = findFrames(cells);
  const tables: TableMap[] = [];
  const rejected: Rejected[] = misses.map((m) => ({
    sheet: grid.name,
    range: { top: m.top, left: m.left, bottom: m.bottom, right: m.right },
    reason: m.reason,
  }));
  let score = 0;
  for (const frame of frames) {
    const first = firstOrientation(cells, frame);
    const second: Orientation = first === "indicators-in-rows" ? "units-in-rows" : "indicators-in-rows";
    const a = readFrame(cells, frame, first, options);
    const b = readFrame(cells, frame, second, {
      ...options,
      mustBeat: a.tables.length ? a.score : undefined,
    });
    const best = better(a, b);
    if (best.tables.length) {
      for (const t of best.tables) tables.push({ ...t, evidence: best.evidence });
      // A table totalled both ways (a 合计 row and a 合计 column) is two splits: both are checked.
      const other = best === a ? b : a;
      if (other.tables.length && headedByWord(best) && headedByWord(other, true))
        for (const t of other.tables) tables.push({ ...t, evidence: other.evidence });
      score += best.score;
    } else {
      rejected.push({
        sheet: grid.name,
        range: { top: frame.top, left: frame.left, bottom: frame.bottom, right: frame.right },
        reason: best.miss ?? "no-parent",
      });
    }
  }
  return { tables, score, rejected };
}
