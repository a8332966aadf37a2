/** Loading workbooks into the fake host from Node tests (the fake itself has no Node APIs). */
import * as fs from "fs";
import * as path from "path";
import { readXlsx } from "../../src/cli/xlsx";
import type { WorkbookGrid } from "../../src/core/grid";
import { FakeWorkbook, installFakeExcel, type FakeHost, type FakeHostOptions } from "../../src/fake-excel";

export const SAMPLE = path.join(__dirname, "..", "..", "examples", "hangzhou-2024.xlsx");

export function readWorkbookFile(file: string): WorkbookGrid {
  const result = readXlsx(new Uint8Array(fs.readFileSync(file)), { fileName: path.basename(file) });
  if (!result.ok) throw new Error(`${file}: ${result.problem.code} ${result.problem.detail}`);
  return result.workbook;
}

export function fakeFromXlsx(file: string): FakeWorkbook {
  return FakeWorkbook.fromGrid(readWorkbookFile(file));
}

/** The sample workbook in a fake Excel, 分解表 active. */
export function installSample(options: FakeHostOptions = {}): FakeHost {
  const host = installFakeExcel(fakeFromXlsx(SAMPLE), options);
  host.user.activate("分解表");
  return host;
}

/** Generated split tables (shared with bench/excelFake.ts). */
export { generateSplit, splitWithFindings } from "../../bench/excelFake";
