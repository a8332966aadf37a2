/** A small split and formulas that read it, for the dependent-formula tests (issue 13, item 8). */
import ExcelJS from "exceljs";

/** A split of 4 districts (one short: 99 under 100) and formulas that read it, on its sheet and another. */
export async function dependentsWorkbook(options: { summary?: string } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("分解表");
  const rows: ExcelJS.CellValue[][] = [
    ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区", "滨江区"],
    ["新增企业数(家)", 100, 20, 30, 25, 24],
  ];
  rows.forEach((r, i) => r.forEach((v, c) => (ws.getRow(i + 1).getCell(c + 1).value = v)));
  ws.getCell("J10").value = { formula: "SUM(C2:F2)", result: 99 };
  const s = wb.addWorksheet(options.summary ?? "汇 总");
  const q = `'${(options.summary ?? "汇 总").replace(/'/g, "''")}'`;
  const cells: [string, string, number][] = [
    ["B1", "分解表!B2-SUM(分解表!C2:F2)", 1],
    ["B2", "分解表!D2*2", 60],
    ["B3", "B1+1", 2],
    ["B4", "SUM(A10:A12)", 0],
    ["B5", `${q}!B1+分解表!J10`, 100],
    ["B6", "B2+1", 61],
  ];
  for (const [at, formula, result] of cells) s.getCell(at).value = { formula, result };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
