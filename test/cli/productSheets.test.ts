/**
 * Sheets the product wrote are never read as tables (issue 15): the report a `--report` copy holds
 * is marked in `_tdcheck` (section `sheets`) and both detection and the report skip it, while a
 * user's own sheet that happens to be called 审核报告 is checked like any other.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { readXlsx } from "../../src/cli/xlsx";
import { checkWorkbook, detectWorkbook } from "../../src/core/check";
import { readProductSheets, sheetsToSkip, withProductSheet } from "../../src/core/productSheets";
import { cli, SAMPLE, tempDir } from "../helpers/cli";

function grid(file: string) {
  const r = readXlsx(new Uint8Array(fs.readFileSync(file)));
  if (!r.ok) throw new Error(r.problem.detail);
  return r.workbook;
}

interface Doc {
  tables: { sheet: string }[];
  findings: { sheet: string; severity: string }[];
  summary: { errors: number; checks: number };
}

describe("the product's own sheets are skipped, recognised by their marker in _tdcheck", () => {
  test("re-checking a --report copy does not read 审核报告 as a table: same tables and findings as the input", async () => {
    const dir = tempDir();
    const copy = path.join(dir, "report.xlsx");
    expect((await cli("check", SAMPLE, "--report", copy)).code).toBe(1);
    const wb = grid(copy);
    expect(wb.sheets.map((s) => s.name)).toContain("审核报告");
    expect(readProductSheets(wb)).toMatchObject([{ name: "审核报告", kind: "report" }]);

    const input = JSON.parse((await cli("check", SAMPLE, "--format", "json")).stdout) as Doc;
    const again = JSON.parse((await cli("check", copy, "--format", "json")).stdout) as Doc;
    expect(again.tables.map((t) => t.sheet)).toEqual(input.tables.map((t) => t.sheet));
    expect(again.tables.some((t) => t.sheet === "审核报告")).toBe(false);
    expect(again.findings.filter((f) => f.sheet === "审核报告")).toEqual([]);
    expect(again.summary).toEqual(input.summary);
    // Asked for by name, the report holds no table of the user's: said so, not read.
    const named = await cli("check", copy, "--sheet", "审核报告");
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("未找到可识别的指标分解表");
  });

  test("the marker decides, not the name: a user's own sheet named 审核报告 is checked", async () => {
    const dir = tempDir();
    const file = path.join(dir, "own.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("审核报告");
    ws.addRows([
      ["地区", "新增企业数(家)"],
      ["合计", 100],
      ["甲市", 40],
      ["乙市", 35],
      ["丙市", 24],
    ]);
    await wb.xlsx.writeFile(file);
    const doc = JSON.parse((await cli("check", file, "--format", "json")).stdout) as Doc;
    expect(doc.tables.map((t) => t.sheet)).toEqual(["审核报告"]);
    expect(doc.summary.errors).toBe(1);

    // The same grid with the sheet marked as the product's: skipped.
    const read = grid(file);
    const marked = [{ name: "审核报告", kind: "report" as const, at: "2025-01-01T00:00:00Z" }];
    expect(detectWorkbook(read, { productSheets: marked }).maps).toEqual([]);
    expect(checkWorkbook(read).summary.errors).toBe(1);
  });

  test("sheetsToSkip: _tdcheck and the marked sheets, compared as Excel does (case-insensitive)", () => {
    const marked = [{ name: "Audit report", kind: "report" as const, at: "" }];
    expect([...sheetsToSkip(["Plan", "audit REPORT", "_tdcheck", "Other"], marked)]).toEqual([
      "audit REPORT",
      "_tdcheck",
    ]);
    // A mark of a sheet since deleted is dropped when the next report is marked.
    const doc = withProductSheet(marked, { name: "Audit report(2)", kind: "report", at: "" }, [
      "Plan",
      "Audit report(2)",
    ]);
    expect(doc.sheets.map((s) => s.name)).toEqual(["Audit report(2)"]);
  });
});
