/**
 * A workbook with what a planning office's file holds besides the numbers: notes, a user's
 * conditional format, data validation, number formats, merges, a hidden row, a hyperlink, a defined
 * name, a very hidden sheet (issue 8's nothing-lost tests; issue 13's LibreOffice round trip).
 */
import ExcelJS from "exceljs";

export async function richWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "规划处";
  const ws = wb.addWorksheet("分解表", { views: [{ state: "frozen", xSplit: 1, ySplit: 2 }] });
  ws.getCell("A1").value = "2025年目标分解表";
  ws.getCell("A1").font = { bold: true, size: 14, name: "黑体" };
  ws.mergeCells("A1:F1");
  const rows: ExcelJS.CellValue[][] = [
    ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区", "滨江区"],
    ["新增高新技术企业数(家)", 100, 20, 30, 25, 24],
    ["规上工业企业数(家)", { formula: "SUM(C4:F4)", result: 80 }, 20, 20, 20, 20],
    ["研发投入(万元)", 41.5, 10.25, 10.25, 10.5, 10.5],
  ];
  rows.forEach((r, i) => r.forEach((v, c) => (ws.getRow(i + 2).getCell(c + 1).value = v)));
  for (let c = 2; c <= 6; c++) ws.getRow(5).getCell(c).numFmt = "#,##0.00";
  ws.getColumn(1).width = 28;
  ws.getCell("A2").note = "填表说明：各区县目标之和应等于全市合计。";
  ws.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  ws.addConditionalFormatting({
    ref: "C3:F5",
    rules: [
      {
        type: "cellIs",
        operator: "greaterThan",
        priority: 1,
        formulae: ["25"],
        style: { font: { color: { argb: "FF0000FF" } } },
      },
    ],
  });
  for (const a of ["C3", "D3", "E3", "F3", "C4", "D4"])
    ws.getCell(a).dataValidation = {
      type: "whole",
      operator: "greaterThanOrEqual",
      formulae: [0],
      allowBlank: true,
    };
  ws.getRow(8).getCell(1).value = "注：本行隐藏";
  ws.getRow(8).hidden = true;
  const notes = wb.addWorksheet("说明");
  notes.getCell("A1").value = { text: "政策文件", hyperlink: "https://example.gov.cn/plan" };
  notes.getCell("A2").value = "内部底稿，勿外传";
  notes.getCell("A2").note = "用户自己的批注";
  wb.definedNames.add("说明!$A$1", "政策链接");
  const hidden = wb.addWorksheet("底稿", { state: "veryHidden" });
  hidden.getCell("A1").value = "veryHidden";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
