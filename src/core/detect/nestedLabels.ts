/**
 * Units named across two label columns (docs/table-understanding.md, "Two label columns"): a
 * grouping column (设区市, 县) beside the column of names (县（市、区）, 乡镇), the group's name
 * repeated, merged or written once on its total's line:
 *
 *     设区市 | 县（市、区） | 任务          县（市、区） | 乡镇   | 面积
 *     全省合计 |            | 4000          全市合计    |        | 20
 *     甲市     | 合计        | 2500          东平县      | 小计   | 8
 *     甲市     | A县         | 1000                      | 东平镇 | 3
 *
 * Read for detection as one column of names, the way a single-column table writes it: the group's
 * line says 甲市合计 / 东平县小计, a line with only a group name says it (全省合计), and the grouping
 * column is left out. Nothing else changes: the cells keep their places, so the table's map points
 * at the sheet as it is, and the numbers are read from the sheet itself.
 */
import type { RawValue, SheetGrid } from "../grid";
import { textKind } from "../parse/cellText";
import { classifyLabel } from "./labels";

/** Label columns are at the left: the pair is looked for among the first few columns. */
const FIRST_COLUMNS = 6;

const text = (v: RawValue): string => (typeof v === "string" ? v.trim() : "");
/** A figure as the cells' own reading says (12, "1,200", 1.7万, 23项), not a pattern of our own. */
const isNumber = (v: RawValue): boolean =>
  typeof v === "number" || (typeof v === "string" && textKind(v).kind === "number");

function totalish(label: string): boolean {
  const role = classifyLabel(label).role;
  return role === "total" || role === "subtotal";
}

/** Rows with a number right of the pair: the table's lines (the first `limit` of them). */
function dataRows(grid: SheetGrid, right: number, limit = Infinity): number[] {
  const rows: number[] = [];
  const values = grid.values;
  for (let r = 0; r < values.length && rows.length < limit; r++) {
    const row = values[r];
    if (!row) continue;
    for (let c = right; c < row.length; c++)
      if (isNumber(row[c])) {
        rows.push(r);
        break;
      }
  }
  return rows;
}

/** A figure in either column of the pair on the first lines: no pair of label columns. */
function figuresIn(grid: SheetGrid, c: number, rows: number[]): boolean {
  return rows.some((r) => isNumber(grid.values[r]?.[c]) || isNumber(grid.values[r]?.[c + 1]));
}

/** Whether columns c (groups) and c + 1 (names) label the same lines as one nested list. */
function nested(grid: SheetGrid, c: number, rows: number[]): boolean {
  const names = new Set<string>();
  let nameRows = 0;
  let runs = 0;
  let groupLines = 0;
  let last = "";
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const a = text(grid.values[r]?.[c]);
    const b = text(grid.values[r]?.[c + 1]);
    if (isNumber(grid.values[r]?.[c]) || isNumber(grid.values[r]?.[c + 1])) return false;
    if (b && !totalish(b)) {
      nameRows++;
      names.add(b);
      if (a && a !== last) runs++;
    } else if (a) groupLines++;
    if (a) last = a;
  }
  // Distinct names in the second column, fewer groups than names, and lines the groups own.
  return names.size >= 3 && names.size * 2 > nameRows && runs * 2 <= nameRows && groupLines >= 1;
}

/** The sheet as detection reads it: the same grid, or one whose nested labels are one column. */
export function withNestedLabels(grid: SheetGrid): SheetGrid {
  const width = Math.min(
    FIRST_COLUMNS,
    grid.values.reduce((w, row) => Math.max(w, row ? row.length : 0), 0),
  );
  for (let c = 0; c + 2 < width; c++) {
    // Most sheets show at once that the pair holds figures: a look at the first lines spares a pass.
    const first = dataRows(grid, c + 2, 50);
    if (first.length < 4 || figuresIn(grid, c, first)) continue;
    const rows = dataRows(grid, c + 2);
    if (!nested(grid, c, rows)) continue;
    const values = grid.values.slice();
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      const row = values[r].slice();
      const a = text(row[c]);
      const b = text(row[c + 1]);
      if (a && !b) row[c + 1] = a;
      else if (a && totalish(b) && !totalish(a)) row[c + 1] = `${a}${b}`;
      row[c] = null;
      values[r] = row;
    }
    return { ...grid, values };
  }
  return grid;
}
