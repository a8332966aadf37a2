/**
 * Honest outcomes (issue 12): "no error" is said only when a check ran; a workbook with no
 * recognisable split is refused with one line naming what was looked at; ranges looked at and not
 * checked are listed in the text and the JSON of a workbook that was checked.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { cli, tempDir } from "../helpers/cli";

async function book(sheets: Record<string, (string | number | null)[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => r.forEach((v, k) => v !== null && (ws.getRow(i + 1).getCell(k + 1).value = v)));
  }
  const file = path.join(tempDir(), "book.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

const NO_SPLIT = [
  ["承担单位", "新建住房(套)", "投资(万元)"],
  ["东片区", 20, 410],
  ["西片区", 12, 520],
  ["南片区", 8, 300],
];
const SPLIT = [
  ["地区", "新增企业(家)"],
  ["合计", 10],
  ["甲区", 4],
  ["乙区", 6],
];

test("no split anywhere: exit 2, one line that names the range looked at and why, in both languages", async () => {
  const file = await book({ 明细: NO_SPLIT });
  const zh = await cli("check", file);
  expect(zh.code).toBe(2);
  expect(zh.stdout).toBe("");
  expect(zh.stderr.trim().split("\n")).toHaveLength(1);
  expect(zh.stderr).toContain("未找到可识别的指标分解表");
  expect(zh.stderr).toContain("查看了 明细!A1:C4（没有合计行（列）、本级目标，也没有等于其余各行之和的行）");
  const en = await cli("check", file, "--lang", "en");
  expect(en.stderr).toContain("looked at 明细!A1:C4 (no total line, no unit's own target");
  const detect = await cli("detect", file);
  expect(detect.code).toBe(2);
  expect(detect.stderr).toContain("明细!A1:C4");
});

test("a split beside a table that is not one: the split is checked, the other listed as looked at", async () => {
  const file = await book({ 分解: SPLIT, 明细: NO_SPLIT });
  const text = await cli("check", file);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain("查看但未校核：明细!A1:C4（");
  const json = await cli("check", file, "--format", "json");
  const doc = JSON.parse(json.stdout) as { rejected: unknown[]; summary: { checks: number } };
  expect(doc.summary.checks).toBeGreaterThan(0);
  expect(doc.rejected).toEqual([{ sheet: "明细", range: "A1:C4", reason: "no-parent" }]);
  const detect = await cli("detect", file, "--format", "json");
  expect(JSON.parse(detect.stdout).rejected).toEqual(doc.rejected);
});

test("detect shows what each reading rests on", async () => {
  const file = await book({ 分解: SPLIT });
  const r = await cli("detect", file);
  expect(r.stdout).toContain("上级 2 “合计”（关键词 合计 + 算术吻合 1 行中 1 行）");
  expect(r.stdout).toContain(
    "依据：地区：表头；指标名称中带计量单位；单位名称为行政区划；合计：合计词，1 行中 1 行加总吻合",
  );
  const en = await cli("detect", file, "--lang", "en");
  expect(en.stdout).toContain(
    "evidence: 地区: the header over the names; measures in the indicators' names;",
  );
});
