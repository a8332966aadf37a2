/**
 * Merged areas over a table's data: Excel refuses to write into part of a merged area, so a table
 * whose merged areas cover more than one of its data cells cannot be flagged or rebalanced there.
 */
import { parseRange, rangeA1 } from "./address";
import type { WorkbookGrid } from "./grid";
import type { TableMap } from "./model";
import { countWithin } from "./sorted";

/** Merged areas that cover more than one data cell of a table (writing into them fails in Excel). */
export function mergedAcrossTables(
  workbook: WorkbookGrid,
  maps: TableMap[],
): { sheet: string; ranges: string[] } | undefined {
  for (const map of maps) {
    const grid = workbook.sheets.find((s) => s.name === map.sheet);
    if (!grid?.merges?.length) continue;
    const indicatorLines = map.indicators.map((i) => i.line);
    const unitLines =
      map.type === "split"
        ? map.splits.flatMap((s) => [
            s.parent.line,
            ...(s.assignment ? [s.assignment.line] : []),
            ...s.children.map((c) => c.line),
          ])
        : map.periods.map((p) => p.line);
    // Each line once (a city is a child above and a parent below), sorted: a merged area's lines
    // are then counted by two binary searches, not a pass over 50,000 units per area.
    const sorted = (lines: number[]) => [...new Set(lines)].sort((x, y) => x - y);
    const rows = sorted(map.orientation === "indicators-in-rows" ? indicatorLines : unitLines);
    const cols = sorted(map.orientation === "indicators-in-rows" ? unitLines : indicatorLines);
    const bad: string[] = [];
    for (const m of grid.merges) {
      const box = parseRange(m);
      if (!box) continue;
      const hitRows = countWithin(rows, box.top, box.bottom);
      const hitCols = countWithin(cols, box.left, box.right);
      if (hitRows * hitCols > 1) bad.push(rangeA1(box));
    }
    if (bad.length) return { sheet: map.sheet, ranges: bad };
  }
  return undefined;
}
