#!/usr/bin/env node
"use strict";
/**
 * Builds examples/hangzhou-2024.xlsx from the committed transcriptions of the seed plan:
 * sheet 分解表 (the province → city → district split) and sheet 进度表 (targets by year).
 * Usage: node scripts/make-sample.js [OUT.xlsx]
 */
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");
const { parseCsv, cellValue } = require("./csv");

const root = path.join(__dirname, "..");
const read = (name) => parseCsv(fs.readFileSync(path.join(root, "examples", "data", name), "utf8"));

function addTable(workbook, sheetName, title, rows, widths) {
  const ws = workbook.addWorksheet(sheetName);
  ws.getCell("A1").value = title;
  ws.getCell("A1").font = { bold: true, size: 14 };
  // Row 2 is left blank, as in the printed plan; the header is row 3.
  rows.forEach((r, i) => {
    const excelRow = ws.getRow(3 + i);
    r.forEach((text, c) => {
      excelRow.getCell(c + 1).value = i === 0 ? text : cellValue(text);
    });
    if (i === 0) excelRow.font = { bold: true };
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: 3 }];
  return ws;
}

async function main() {
  const out = process.argv[2] || path.join(root, "examples", "hangzhou-2024.xlsx");
  const wb = new ExcelJS.Workbook();
  wb.creator = "tdcheck make-sample";
  wb.created = new Date("2024-03-12T00:00:00Z");
  wb.modified = new Date("2024-03-12T00:00:00Z");
  const split = read("hangzhou-2024-district-targets.csv");
  addTable(wb, "分解表", "各区、县(市) 主要指标 2024 年度目标分解表", split, [
    6,
    44,
    12,
    12,
    ...Array(13).fill(9),
  ]);
  const progress = read("hangzhou-2024-main-indicators.csv");
  addTable(wb, "进度表", "主要指标年度目标进度表", progress, [6, 44, 14, 14, 14, 20]);
  await wb.xlsx.writeFile(out);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
