import { checkWorkbook } from "../../../src/core/check";
import {
  applyAcceptances,
  createAcceptance,
  CSV_COLUMNS,
  csvField,
  findingsCsv,
} from "../../../src/core/report";
import { seedWorkbook } from "../../helpers/grid";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseCsv } = require("../../../scripts/csv.js") as { parseCsv: (t: string) => string[][] };

describe("findings as CSV", () => {
  test("UTF-8 BOM first, CRLF line ends, the columns in order, one row per finding", () => {
    const result = checkWorkbook(seedWorkbook());
    const csv = findingsCsv([{ file: "计划.xlsx", result }], "zh");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "").includes("\n")).toBe(false); // no bare LF outside quoted fields here
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[0].slice(0, 13)).toEqual([
      "file",
      "sheet",
      "cell",
      "severity",
      "rule",
      "indicator",
      "unit",
      "stated",
      "computed",
      "difference",
      "tolerance",
      "message",
      "hints",
    ]);
    expect(rows).toHaveLength(1 + result.findings.length);
    const error = rows.find((r) => r[2] === "D7")!;
    expect(error.slice(0, 11)).toEqual([
      "计划.xlsx",
      "分解表",
      "D7",
      "error",
      "sum-mismatch",
      "新增高新技术企业数(家)",
      "杭州市",
      "2000",
      "1999",
      "-1",
      "0",
    ]);
    expect(error[11]).toContain(
      "13 个区县合计 1999，与杭州市目标 2000 相差 -1；不允许误差：整数计数须完全相等",
    );
  });

  test("RFC 4180 quoting: commas, quotes and line breaks are quoted, quotes doubled", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\r\nlines")).toBe('"two\r\nlines"');
    const fields = ["a,b", 'q"q', "x\ny", '定性目标"快于面上投资增速"'];
    expect(parseCsv(fields.map(csvField).join(",") + "\r\n")).toEqual([fields]);
  });

  test("an accepted finding keeps its severity and carries the acceptance", async () => {
    const wb = seedWorkbook();
    const result = checkWorkbook(wb);
    const a = await createAcceptance(
      result.findings.find((f) => f.cell === "D7")!,
      wb,
      { reason: "已报备, 待调整", by: "张三", at: "2024-05-06T09:30:00.000Z" },
    );
    const rows = parseCsv(
      findingsCsv([{ file: "x.xlsx", result: await applyAcceptances(result, [a], wb) }], "zh").slice(1),
    );
    const row = rows.find((r) => r[2] === "D7")!;
    expect(row[3]).toBe("error");
    expect(row.slice(13)).toEqual(["yes", "已报备, 待调整"]);
  });

  test("text Excel would run as a formula gets an apostrophe; negative numbers stay numbers", () => {
    const result = checkWorkbook(seedWorkbook());
    const odd = { ...result, findings: [{ ...result.findings[0], sheet: "=cmd|' /C calc'!A0" }] };
    const rows = parseCsv(findingsCsv([{ file: "+x.xlsx", result: odd }], "en").slice(1));
    expect(rows[1][0]).toBe("'+x.xlsx");
    expect(rows[1][1]).toBe("'=cmd|' /C calc'!A0");
    expect(rows[1][9]).toBe("-1");
  });
});
