/**
 * Step 1 of the plan: the indicator (exact name, else a unique part) and the split to rebalance
 * (the one whose parent is `parent`, else the top split of the table), with a view of its sheet.
 */
import { sheetView, type SheetView } from "../detect/view";
import type { WorkbookGrid } from "../grid";
import type { IndicatorLine, Split, SplitTable, TableMap } from "../model";
import type { RebalanceChoices } from "./choices";
import { findIndicator, matchKey } from "./matching";
import { isProblem, type RequestProblem } from "./problems";

export interface LocatedSplit {
  table: SplitTable;
  indicator: IndicatorLine;
  split: Split;
  view: SheetView;
}

export function locateSplit(
  workbook: WorkbookGrid,
  maps: readonly TableMap[],
  choices: RebalanceChoices,
): LocatedSplit | RequestProblem {
  const inSheet = maps.filter((m) => choices.sheet === undefined || m.sheet === choices.sheet);
  const splitTables = inSheet.filter((m): m is SplitTable => m.type === "split");
  const others = inSheet.filter((m) => m.type !== "split");
  if (splitTables.length === 0 && others.length === 0) return { code: "NO_TABLE", sheet: choices.sheet };

  const located = findIndicator(splitTables, others, choices.indicator, "indicator");
  if (isProblem(located)) return located;
  const { table, indicator } = located;
  if (indicator.kind === "qualitative") return { code: "QUALITATIVE_INDICATOR", indicator: indicator.name };

  let split: Split | undefined;
  if (choices.parent !== undefined) {
    const key = matchKey(choices.parent);
    split = table.splits.find((s) => matchKey(s.parent.unit) === key || matchKey(s.parent.label) === key);
    if (!split)
      return {
        code: "UNKNOWN_PARENT",
        text: choices.parent,
        parents: table.splits.map((s) => s.parent.unit),
      };
  } else {
    split = [...table.splits].sort((a, b) => a.level - b.level)[0];
  }
  if (!split) return { code: "NO_TABLE", sheet: table.sheet };

  const grid = workbook.sheets.find((s) => s.name === table.sheet);
  if (!grid) return { code: "NO_TABLE", sheet: table.sheet };
  return { table, indicator, split, view: sheetView(grid, table.orientation) };
}
