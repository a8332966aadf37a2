import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { cli, SAMPLE, spawnCli, tempDir } from "../helpers/cli";

interface Doc {
  schema: string;
  tables: { sheet: string; parent: string; children: string[] }[];
  findings: {
    rule: string;
    severity: string;
    sheet: string;
    cell: string;
    related: string[];
    stated: number;
    computed: number;
    difference: number;
    tolerance: number;
    hints: unknown[];
    message: string;
    unit: string;
    indicator: string;
  }[];
  summary: { tables: number; errors: number; warnings: number; infos: number; checks: number };
}

describe("tdcheck check on the sample workbook", () => {
  test("JSON contract tdcheck/1: exactly one error, the 1999/2000 city cell", async () => {
    const r = await cli("check", SAMPLE, "--format", "json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.schema).toBe("tdcheck/1");
    const errors = doc.findings.filter((f) => f.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      rule: "sum-mismatch",
      sheet: "分解表",
      cell: "D7",
      related: ["E7:Q7"],
      indicator: "新增高新技术企业数(家)",
      unit: "杭州市",
      stated: 2000,
      computed: 1999,
      difference: -1,
      tolerance: 0,
      hints: [],
    });
    expect(errors[0].message).toContain("1999");
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0].parent).toBe("杭州市目标");
    expect(doc.summary.errors).toBe(1);
  });

  test("text output is for people: the error with its evidence and a summary line", async () => {
    const r = await cli("check", SAMPLE);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/错误\s+分解表!D7\s+合计不符/);
    expect(r.stdout).toContain("合计 1999，与杭州市目标 2000 相差 -1");
    expect(r.stdout).toMatch(/错误 1，警告 1，提示 \d+/);
    const en = await cli("check", SAMPLE, "--lang", "en");
    expect(en.stdout).toContain("add up to 1999; the 杭州市 target is 2000 (difference -1");
  });

  test("--strict also fails on warnings; without it warnings exit 0", async () => {
    expect((await cli("check", SAMPLE, "--sheet", "进度表")).code).toBe(0);
    expect((await cli("check", SAMPLE, "--sheet", "进度表", "--strict")).code).toBe(1);
  });

  test("--annotate writes a flagged copy and never touches the input", async () => {
    const dir = tempDir();
    const out = path.join(dir, "flagged.xlsx");
    const before = fs.readFileSync(SAMPLE);
    const r = await cli("check", SAMPLE, "--annotate", out);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(SAMPLE).equals(before)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("分解表")!;
    // exceljs exposes conditional formats it read back from the file.
    const cfs = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }
    ).conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toContain("D7");
    const note = ws.getCell("D7").note;
    const text = typeof note === "string" ? note : (note?.texts ?? []).map((t) => t.text).join("");
    expect(text).toContain("【指标分解校核】");
    expect(ws.getCell("D7").value).toBe(2000);
  });

  test("--annotate refuses to overwrite its own input", async () => {
    const dir = tempDir();
    const copy = path.join(dir, "plan.xlsx");
    fs.copyFileSync(SAMPLE, copy);
    const before = fs.readFileSync(copy);
    const r = await cli("check", copy, "--annotate", copy);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(copy).equals(before)).toBe(true);
  });
});

describe("tdcheck check on bad input: one clear line, exit 2, no stack trace", () => {
  const dir = tempDir();
  const expectOneLine = (r: { code: number; stderr: string; stdout: string }, pattern: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  test("a missing file", () => {
    expectOneLine(spawnCli(["check", path.join(dir, "nope.xlsx")]), /找不到文件/);
  });

  test("a file that is not an xlsx", () => {
    const f = path.join(dir, "notes.xlsx");
    fs.writeFileSync(f, "this is plain text, not a workbook");
    expectOneLine(spawnCli(["check", f]), /不是 Excel 工作簿 \(\.xlsx\)/);
  });

  test(".xls and .et files cut short after their magic are damaged (LibreOffice is not started), told how to save as .xlsx", () => {
    for (const ext of ["xls", "et"]) {
      const f = path.join(dir, `old.${ext}`);
      fs.writeFileSync(f, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
      expectOneLine(
        spawnCli(["check", f]),
        new RegExp(`不是有效的 \\.${ext} 工作簿（文件头已损坏.*另存为 \\.xlsx`),
      );
    }
  });

  test("an empty workbook", async () => {
    const f = path.join(dir, "empty.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    await wb.xlsx.writeFile(f);
    expectOneLine(spawnCli(["check", f]), /工作簿是空的/);
  });

  test("a sheet with no recognisable table", async () => {
    const f = path.join(dir, "minutes.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("纪要");
    ws.addRow(["会议纪要"]);
    ws.addRow(["今天讨论了工作安排。"]);
    await wb.xlsx.writeFile(f);
    expectOneLine(spawnCli(["check", f]), /未找到可识别的指标分解表/);
  });

  test("an unknown sheet name and an unknown option", () => {
    expectOneLine(spawnCli(["check", SAMPLE, "--sheet", "不存在"]), /没有名为“不存在”的工作表/);
    const r = spawnCli(["check", SAMPLE, "--frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/没有选项 --frobnicate/);
  });

  test("the real process exits 1 on the sample and prints no stack trace", () => {
    const r = spawnCli(["check", SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
  });
});
