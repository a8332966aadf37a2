/**
 * What each unit line of a frame is (a child, a total, a note, a caption, a line of measures…),
 * from its name and its cells: the first step of a reading (reading.ts), run once per unit line.
 */
import { displayLabel, normalizeLabel } from "../text";
import { labelWith } from "../vocabulary/words";
import { CODE, isValueCode } from "./cells";
import type { Frame, SheetCells } from "./frame";
import { classify, isNoteLine, isSentence } from "./labels";
import { CAPTION, NOTE_HINT, numberingLevel, WORDED_ROLES, type LineRole, type UnitInfo } from "./lineRoles";

/** What readUnits needs of the frame being read. */
export interface UnitLinesContext {
  cells: SheetCells;
  frame: Frame;
  across: boolean;
  unitLines: readonly number[];
  indicatorRows: readonly { line: number }[];
  unitText: (line: number) => string;
  codeAt: (row: number, line: number) => number;
  unitsOfMeasure: (line: number) => boolean;
}

/**
 * What each line across the indicators is, from its name and its cells. A function of its own: it
 * runs once per unit (50,000 on a large table) and is compiled on its own, small and early.
 */
export function readUnits(ctx: UnitLinesContext): UnitInfo[] {
  const { cells, frame, across, unitLines, indicatorRows, unitText, codeAt, unitsOfMeasure } = ctx;
  let cut = false;
  const units: UnitInfo[] = [];
  for (let k = 0; k < unitLines.length; k++) {
    const line = unitLines[k];
    const text = unitText(line);
    const display = displayLabel(text);
    const label = normalizeLabel(text);
    const labelled = labelWith(label, text);
    let values = 0,
      texts = 0,
      measures = 0;
    for (let j = 0; j < indicatorRows.length; j++) {
      const ind = indicatorRows[j];
      const code = codeAt(ind.line, line);
      if (code === CODE.blank) continue;
      if (isValueCode(code)) {
        // One number makes it a line of values: its role then comes from its name alone.
        values++;
        break;
      } else if (code === CODE.measure) measures++;
      else texts++;
    }
    const word = label ? classify(labelled) : undefined;
    const worded = word ? WORDED_ROLES[word.role] : undefined;
    let role: LineRole;
    if (cut) role = "note";
    // A line with no name is nobody's: its numbers belong to no unit; its measure words still
    // give the indicators' measures.
    else if (!label)
      role =
        values === 0 && (measures > 0 ? measures >= texts : texts > 0 && unitsOfMeasure(line))
          ? "measure"
          : "caption";
    else if (NOTE_HINT.test(text) && (isNoteLine(text) || isSentence(text))) {
      role = "note";
      // Everything after a note (注：…) below a table is notes too.
      cut = !across;
    } else if (word?.role === "period") role = "period";
    else if (measures > 0 && values === 0 && measures >= texts) role = "measure";
    else if (word?.role === "note" || word?.role === "index") role = "note";
    else if (values === 0 && texts >= 2) role = "attribute";
    else if (worded) role = worded;
    else if (word?.role === "name" || word?.role === "unit-header") role = "caption";
    else if (values === 0 && texts === 0 && (!label || CAPTION.test(label))) role = "caption";
    else role = "child";
    // A group's heading row numbered 一、 or （一） with no figures of its own captions the rows
    // under it (units down the rows, numbered in a 序号 column).
    if (
      role === "child" &&
      values === 0 &&
      !across &&
      frame.indexCol !== undefined &&
      (numberingLevel(cells.raw(line, frame.indexCol)) ?? 3) <= 2
    )
      role = "caption";
    units.push({ line, label, display, role, word, hasValues: values > 0 });
  }
  return units;
}
