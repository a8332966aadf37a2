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

/**
 * A split table of `indicators` rows × `children` districts (counts, 家), header on row 3, the
 * parent in column D; every `offEvery`-th indicator's parent is one more than its children add up
 * to (a sum-mismatch error), the rest add up.
 */
export function generateSplit(indicators: number, children: number, offEvery: number): WorkbookGrid {
  let seed = 7;
  const rnd = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const header: (string | number)[] = ["序号", "指标名称", "省下达目标", "全市合计"];
  for (let c = 0; c < children; c++) header.push(`单位${c + 1}区`);
  const values: (string | number | undefined)[][] = [["生成的分解表"], [], header];
  for (let i = 0; i < indicators; i++) {
    const cells = Array.from({ length: children }, () => 1 + Math.floor(rnd() * 900));
    const sum = cells.reduce((a, b) => a + b, 0);
    const parent = sum + (i % offEvery === 0 ? 1 : 0);
    values.push([i + 1, `指标${i + 1}(家)`, parent, parent, ...cells]);
  }
  return { name: "generated.xlsx", sheets: [{ name: "分解表", values }] };
}
