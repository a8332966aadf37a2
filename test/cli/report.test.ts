import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import xmllint from "xmllint-wasm";
import { readXlsx } from "../../src/cli/xlsx";
import { WORKSHEET_ORDER, worksheetLayout } from "../../src/cli/xlsx/worksheetLayout";
import { checkWorkbook } from "../../src/core/check";
import type { RawValue, WorkbookGrid } from "../../src/core/grid";
import { createAcceptance, encodeAcceptances, encodeTrail, type TrailEntry } from "../../src/core/report";
import { readProductSheets } from "../../src/core/productSheets";
import { sampleWithState } from "../helpers/stateSheet";
import { cli, SAMPLE, spawnCli, tempDir } from "../helpers/cli";
import { partsOf, rawEntries } from "./xlsx/workbooks";

function grid(bytes: Uint8Array): WorkbookGrid {
  const r = readXlsx(bytes);
  if (!r.ok) throw new Error(`${r.problem.code}: ${r.problem.detail}`);
  return r.workbook;
}

function reportRows(file: string, name = "审核报告"): RawValue[][] {
  const s = grid(fs.readFileSync(file)).sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return Array.from(s.values, (r) => r ?? []);
}

async function wellFormed(xml: string, name: string): Promise<void> {
  const result = await xmllint.validateXML({
    xml: [{ fileName: name.replace(/[^\w.]/g, "_"), contents: xml }],
    normalization: "c14n",
  });
  expect(result.errors).toEqual([]);
}

/** The sample as exceljs rewrites it (the acceptance is computed on what the command line will read). */
async function acceptanceForSample(dir: string, reason: string) {
  const base = path.join(dir, "base.xlsx");
  await sampleWithState(base, {});
  const wb = grid(fs.readFileSync(base));
  const finding = checkWorkbook(wb).findings.find((f) => f.rule === "sum-mismatch" && f.cell === "D7")!;
  return createAcceptance(finding, wb, { reason, by: "张三", at: "2024-05-06T09:30:00.000Z" });
}

describe("tdcheck check --report: the audit report sheet 审核报告", () => {
  test("the report of the sample lists the 1999/2000 error and every passed check; the input is untouched", async () => {
    const dir = tempDir();
    const out = path.join(dir, "report.xlsx");
    const before = fs.readFileSync(SAMPLE);
    const r = await cli("check", SAMPLE, "--report", out, "--preparer", "张三", "--reviewer", "李四");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`已写出审核报告：${out}`);
    expect(fs.readFileSync(SAMPLE).equals(before)).toBe(true);

    const doc = JSON.parse((await cli("check", SAMPLE, "--format", "json")).stdout) as {
      summary: { passed: number; checks: number };
    };
    const wb = grid(fs.readFileSync(out));
    // The report is marked as the product's own in the very hidden _tdcheck (issue 15).
    expect(wb.sheets.map((s) => s.name)).toEqual(["分解表", "进度表", "审核报告", "_tdcheck"]);
    const rows = reportRows(out);
    expect(rows[0][0]).toBe("审核报告 · 指标分解校核");
    expect(rows[1][1]).toBe("hangzhou-2024.xlsx");
    expect(rows[2][8]).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[3].slice(0, 2)).toEqual(["填表人", "张三"]);
    expect(rows[3][8]).toBe("李四");
    expect(rows[6][0]).toBe("序号");
    const error = rows.find((row) => row[3] === "分解表!D7" && row[2] === "加总校核")!;
    expect(error.slice(0, 12)).toEqual([
      1,
      "✗ 错误",
      "加总校核",
      "分解表!D7",
      "分解表!E7:Q7",
      "新增高新技术企业数(家)",
      "杭州市",
      2000,
      1999,
      undefined,
      -1,
      0,
    ]);
    expect(String(error[12])).toContain("13 个区县合计 1999，与杭州市目标 2000 相差 -1");
    const passed = rows.filter((row) => row[1] === "✓ 通过");
    expect(passed).toHaveLength(doc.summary.passed);
    // Passed checks are named as the checks they are: 加总校核 ✓ 通过.
    expect(passed.find((row) => row[3] === "分解表!D8")![2]).toBe("加总校核");
    // The 14 identical qualitative cells of a row are one line over their cells, as the CLI prints them.
    const qualitative = rows.filter((row) => String(row[12] ?? "").includes("快于面上投资增速"));
    expect(qualitative.map((row) => row[3])).toEqual(["分解表!C6,E6:Q6", "进度表!C11:D11"]);
    expect(String(qualitative[0][12])).toContain("（共 14 个单元格）");
    // The columns are explained, and the fingerprint in the report's own words: no path of this project.
    const text = rows.flat().map(String).join("\n");
    expect(text).toContain("栏目说明");
    expect(text).toContain("数据指纹的算法");
    expect(text).not.toMatch(/docs\/|\.md\b|src\//);
    expect(passed.some((row) => row[3] === "分解表!D8" && row[9] === "✓" && row[7] === 56.7)).toBe(true);
    // The summary row holds the same numbers as the JSON.
    expect(rows[4][4]).toBe("校核项");
    expect(rows[5][4]).toBe(doc.summary.checks);
    expect(rows[5][5]).toBe(doc.summary.passed);

    // exceljs reads it back: frozen header, A4 landscape fit to one page wide, header row repeated.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.getWorksheet("审核报告")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 7, topLeftCell: "A8" });
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "7:7",
    });
    expect(ws.getColumn(13).width).toBeGreaterThan(40);
    expect(ws.getCell("D8").value).toBe("分解表!D7");
    expect(ws.getCell("H8").value).toBe(2000);
    expect(ws.getCell("A1").isMerged).toBe(true);
    expect(book.getWorksheet("分解表")!.getCell("D7").value).toBe(2000);
  });

  test("only workbook.xml, its relationships, the content types and styles change; the report and _tdcheck are added; all well-formed", async () => {
    const dir = tempDir();
    const out = path.join(dir, "report.xlsx");
    expect((await cli("check", SAMPLE, "--report", out)).code).toBe(1);
    const input = new Uint8Array(fs.readFileSync(SAMPLE));
    const output = new Uint8Array(fs.readFileSync(out));
    const before = rawEntries(input);
    const after = rawEntries(output);
    const changed = new Set([
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
      "xl/styles.xml",
    ]);
    expect(after.slice(0, before.length).map((e) => e.name)).toEqual(before.map((e) => e.name));
    expect(after.slice(before.length).map((e) => e.name)).toEqual([
      "xl/worksheets/sheet3.xml",
      "xl/worksheets/sheet4.xml",
    ]);
    for (const e of before) {
      const o = after.find((a) => a.name === e.name)!;
      expect(Buffer.from(o.local).equals(Buffer.from(e.local))).toBe(changed.has(e.name) ? false : true);
    }
    const parts = partsOf(output);
    for (const name of [...changed, "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"])
      await wellFormed(parts.get(name)!, name);

    const sheetXml = parts.get("xl/worksheets/sheet3.xml")!;
    const names = worksheetLayout(sheetXml).children.map((c) => c.name);
    const ranks = names.map((n) => WORKSHEET_ORDER.indexOf(n as (typeof WORKSHEET_ORDER)[number]));
    expect(ranks.every((x) => x >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // Internal hyperlinks from each check's cells into the sheet (exceljs drops internal links on read).
    expect(sheetXml).toContain(`<hyperlink ref="D8" location="'分解表'!D7" display="分解表!D7"/>`);
    expect(sheetXml).toContain(`<hyperlink ref="E8" location="'分解表'!E7:Q7" display="分解表!E7:Q7"/>`);
    expect(parts.get("xl/workbook.xml")).toContain(`<sheet name="审核报告" sheetId="3" r:id="rId6"/>`);
    expect(parts.get("xl/workbook.xml")).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">'审核报告'!$7:$7</definedName>`,
    );
    expect(parts.get("[Content_Types].xml")).toContain(
      `<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );

    // The original sheets read exactly as before: same values, same number formats (no style id moved).
    const a = grid(input);
    const b = grid(output);
    for (const i of [0, 1]) {
      expect(b.sheets[i].values).toEqual(a.sheets[i].values);
      expect(b.sheets[i].numberFormats).toEqual(a.sheets[i].numberFormats);
    }
  });

  test("a workbook that already has 审核报告 gets 审核报告(2)", async () => {
    const dir = tempDir();
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    await cli("check", SAMPLE, "--report", first);
    const r = await cli("check", first, "--report", second);
    expect(r.code).toBe(1);
    expect(grid(fs.readFileSync(second)).sheets.map((s) => s.name)).toEqual([
      "分解表",
      "进度表",
      "审核报告",
      "_tdcheck",
      "审核报告(2)",
    ]);
    expect(partsOf(new Uint8Array(fs.readFileSync(second))).get("xl/workbook.xml")).toContain(
      `localSheetId="4">'审核报告(2)'!$7:$7`,
    );
    // Both reports are marked as the product's own; the second audits only the user's sheets.
    expect(readProductSheets(grid(fs.readFileSync(second))).map((m) => m.name)).toEqual([
      "审核报告",
      "审核报告(2)",
    ]);
    const rows = reportRows(second, "审核报告(2)");
    const cells = rows.slice(7).map((row) => String(row[3] ?? ""));
    expect(cells.filter((c) => c.startsWith("审核报告"))).toEqual([]);
    expect(cells.some((c) => c.startsWith("分解表!"))).toBe(true);
  });

  test("an accepted finding is shown as accepted with its reason and stops the exit code from being 1", async () => {
    const dir = tempDir();
    const reason = "省里已同意按 2000 家下达，区县数据待下季度调整";
    const acceptance = await acceptanceForSample(dir, reason);
    const copy = path.join(dir, "accepted.xlsx");
    await sampleWithState(copy, { 2: encodeAcceptances([acceptance]) });
    const before = fs.readFileSync(copy);

    const json = await cli("check", copy, "--format", "json");
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as {
      findings: { cell: string; severity: string; accepted?: { reason: string; by: string } }[];
      summary: { errors: number; accepted: number };
    };
    expect(doc.summary).toMatchObject({ errors: 0, accepted: 1 });
    expect(doc.findings.find((f) => f.cell === "D7")).toMatchObject({
      severity: "error",
      accepted: { reason, by: "张三" },
    });

    const text = await cli("check", copy);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("已接受（上报说明）");
    expect(text.stdout).toContain(reason);
    expect(text.stdout).toMatch(/错误 0，警告 1/);

    const out = path.join(dir, "report.xlsx");
    expect((await cli("check", copy, "--report", out)).code).toBe(0);
    const rows = reportRows(out);
    const row = rows.find((r) => r[3] === "分解表!D7" && r[2] === "加总校核")!;
    expect(row[1]).toBe("已接受（错误）");
    expect(String(row[12])).toContain(reason);
    expect(rows.some((r) => r[1] === "已接受（错误）" && r[12] === reason && r[7] === "张三")).toBe(true); // the 已接受 section
    expect(rows[5][6]).toBe(0); // errors
    expect(rows[5][10]).toBe(1); // accepted
    expect(fs.readFileSync(copy).equals(before)).toBe(true);
  });

  test("editing a covered cell lapses the acceptance: exit 1 again, and the report lists it as lapsed", async () => {
    const dir = tempDir();
    const acceptance = await acceptanceForSample(dir, "旧的说明");
    const copy = path.join(dir, "edited.xlsx");
    await sampleWithState(copy, { 2: encodeAcceptances([acceptance]) }, (wb) => {
      const c = wb.getWorksheet("分解表")!.getCell("E7");
      c.value = (c.value as number) + 2;
    });
    const text = await cli("check", copy);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("接受已失效：分解表!D7 合计不符（所涉单元格已修改，需重新确认）");
    const out = path.join(dir, "report.xlsx");
    await cli("check", copy, "--report", out);
    const rows = reportRows(out);
    expect(rows.some((r) => r[1] === "已失效" && r[3] === "分解表!D7" && r[12] === "旧的说明")).toBe(true);
    expect(rows[5][6]).toBe(1);
  });

  test("the change trail stored in _tdcheck is listed in the report", async () => {
    const dir = tempDir();
    const entry: TrailEntry = {
      time: "2024-05-06T10:00:00.000Z",
      kind: "rebalance",
      indicator: "新增高新技术企业数(家)",
      sheet: "分解表",
      method: "proportional",
      locks: ["上城区"],
      bounds: [],
      children: [{ unit: "西湖区", cell: "G7", before: 178, after: 179 }],
      target: 2000,
    };
    const copy = path.join(dir, "trail.xlsx");
    await sampleWithState(copy, { 4: encodeTrail([entry]) });
    const out = path.join(dir, "report.xlsx");
    await cli("check", copy, "--report", out);
    const rows = reportRows(out);
    const at = rows.findIndex((r) => r[0] === "变更记录");
    expect(at).toBeGreaterThan(0);
    expect(rows[at + 2].slice(0, 11)).toEqual([
      1,
      "调整",
      "按现值比例",
      "分解表!G7",
      "西湖区",
      "新增高新技术企业数(家)",
      undefined,
      178,
      179,
      undefined,
      1,
    ]);
  });

  test("--report never overwrites its input", async () => {
    const dir = tempDir();
    const copy = path.join(dir, "plan.xlsx");
    fs.copyFileSync(SAMPLE, copy);
    const before = fs.readFileSync(copy);
    const r = await cli("check", copy, "--report", copy);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不会覆盖输入文件");
    expect(fs.readFileSync(copy).equals(before)).toBe(true);
  });

  test("--annotate and --report naming one file give one copy with the flags and the report", async () => {
    const dir = tempDir();
    const out = path.join(dir, "both.xlsx");
    expect((await cli("check", SAMPLE, "--annotate", out, "--report", out)).code).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((w) => w.name)).toEqual(["分解表", "进度表", "审核报告", "_tdcheck"]);
    const cfs = (book.getWorksheet("分解表") as unknown as { conditionalFormattings: { ref: string }[] })
      .conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toContain("D7");
  });

  test("English: the sheet is named Audit report; the real bundled command line writes it too", () => {
    const dir = tempDir();
    const out = path.join(dir, "en.xlsx");
    const r = spawnCli(["check", SAMPLE, "--report", out, "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Audit report written: ${out}`);
    const rows = reportRows(out, "Audit report");
    expect(rows[0][0]).toBe("Audit report · Target Decomposition Check");
    expect(rows.some((row) => row[1] === "✗ error" && row[3] === "分解表!D7")).toBe(true);
  });
});
