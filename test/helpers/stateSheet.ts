import ExcelJS from "exceljs";
import { SAMPLE } from "./cli";

/**
 * A copy of the sample through exceljs with a very hidden `_tdcheck` sheet holding these columns
 * (0-based column → cells from row 1), as the add-in leaves a workbook; `edit` changes it further.
 */
export async function sampleWithState(
  out: string,
  columns: Record<number, (string | number)[]>,
  edit?: (wb: ExcelJS.Workbook) => void,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const ws = wb.addWorksheet("_tdcheck", { state: "veryHidden" });
  for (const [col, values] of Object.entries(columns))
    values.forEach((v, i) => {
      const c = ws.getCell(i + 1, Number(col) + 1);
      c.numFmt = "@";
      c.value = v;
    });
  edit?.(wb);
  await wb.xlsx.writeFile(out);
}
