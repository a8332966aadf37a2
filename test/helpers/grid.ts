import * as fs from "fs";
import * as path from "path";
import type { RawValue, SheetGrid, WorkbookGrid } from "../../src/core/grid";

export function sheet(name: string, values: RawValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, values, ...extra };
}

export function workbook(...sheets: SheetGrid[]): WorkbookGrid {
  return { name: "test.xlsx", sheets };
}

/** RFC 4180 rows of a committed transcription (the same reader make-sample.js uses). */
export function readCsv(file: string): string[][] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseCsv } = require("../../scripts/csv.js") as { parseCsv: (t: string) => string[][] };
  return parseCsv(fs.readFileSync(path.join(__dirname, "..", "..", "examples", "data", file), "utf8"));
}

/** A transcribed cell as Excel holds it: plain decimals as numbers, the rest as text. */
export function asStored(text: string): RawValue {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** The seed's two tables laid out as the sample workbook lays them out (title row, blank row, header on row 3). */
export function seedWorkbook(): WorkbookGrid {
  const split = readCsv("hangzhou-2024-district-targets.csv");
  const progress = readCsv("hangzhou-2024-main-indicators.csv");
  const lay = (title: string, rows: string[][]): RawValue[][] => [
    [title],
    [],
    ...rows.map((r, i) => r.map((t) => (i === 0 ? t : asStored(t)))),
  ];
  return workbook(
    sheet("分解表", lay("各区、县(市) 主要指标 2024 年度目标分解表", split)),
    sheet("进度表", lay("主要指标年度目标进度表", progress)),
  );
}

/** 杭州市's 13 county-level units in the seed's order (since the 2021 reform). */
export const HANGZHOU_DISTRICTS = [
  "上城区",
  "拱墅区",
  "西湖区",
  "滨江区",
  "萧山区",
  "余杭区",
  "临平区",
  "钱塘区",
  "富阳区",
  "临安区",
  "桐庐县",
  "淳安县",
  "建德市",
];
