import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { readXlsx } from "../../src/cli/xlsx";
import { cli, SAMPLE, spawnCli, tempDir } from "../helpers/cli";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseCsv } = require("../../scripts/csv.js") as { parseCsv: (t: string) => string[][] };

interface BatchDoc {
  schema: string;
  files: (
    | { schema: string; file: string; summary: { errors: number } }
    | { file: string; error: string; code?: string }
  )[];
  summary: { files: number; checked: number; unusable: number; errors: number; warnings: number };
}

/** A clean workbook: a split that adds up. */
async function cleanWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("分解表");
  ws.addRow(["指标", "全市", "甲区", "乙区", "丙县"]);
  ws.addRow(["新增企业数(家)", 60, 10, 20, 30]);
  ws.addRow(["新增项目数(个)", 9, 2, 3, 4]);
  await wb.xlsx.writeFile(file);
}

/** good.xlsx (the sample: one error), clean.xlsx, broken.xlsx (cut short), old.xls (an OLE magic, then zeros), notes.txt. */
async function folder(): Promise<{ dir: string; inputs: Map<string, Buffer> }> {
  const dir = tempDir();
  fs.copyFileSync(SAMPLE, path.join(dir, "good.xlsx"));
  await cleanWorkbook(path.join(dir, "clean.xlsx"));
  const sample = fs.readFileSync(SAMPLE);
  fs.writeFileSync(path.join(dir, "broken.xlsx"), sample.subarray(0, Math.floor(sample.length / 2)));
  fs.writeFileSync(
    path.join(dir, "old.xls"),
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
  );
  fs.writeFileSync(path.join(dir, "notes.txt"), "不是工作簿");
  fs.mkdirSync(path.join(dir, "sub"));
  fs.copyFileSync(SAMPLE, path.join(dir, "sub", "deeper.xlsx")); // not recursive: never checked
  const inputs = new Map<string, Buffer>();
  for (const name of ["good.xlsx", "clean.xlsx", "broken.xlsx", "old.xls", "notes.txt", "sub/deeper.xlsx"])
    inputs.set(name, fs.readFileSync(path.join(dir, name)));
  return { dir, inputs };
}

function expectInputsUntouched(dir: string, inputs: Map<string, Buffer>): void {
  for (const [name, bytes] of inputs) expect(fs.readFileSync(path.join(dir, name)).equals(bytes)).toBe(true);
}

describe("tdcheck check over many files", () => {
  test("a folder: one summary table, the unusable files reported, exit 2; the inputs untouched", async () => {
    const { dir, inputs } = await folder();
    const r = await cli("check", dir);
    expect(r.code).toBe(2);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^\s+文件\s+表格\s+错误\s+警告\s+结果$/);
    // Sorted by name, non-recursive; notes.txt is not a workbook and is left out.
    const files = lines.slice(1, 5).map((l) => l.trim().split(/\s+/)[0]);
    expect(files).toEqual(
      ["broken.xlsx", "clean.xlsx", "good.xlsx", "old.xls"].map((n) => path.join(dir, n)),
    );
    expect(lines[1]).toMatch(/broken\.xlsx\s+–\s+–\s+–\s+无法校核$/);
    expect(lines[2]).toMatch(/clean\.xlsx\s+1\s+0\s+0\s+通过$/);
    expect(lines[3]).toMatch(/good\.xlsx\s+2\s+1\s+1\s+有错误$/);
    expect(lines[4]).toMatch(/old\.xls\s+–\s+–\s+–\s+无法校核$/);
    expect(r.stdout).toContain("共 4 个文件：2 个已校核，2 个无法校核；错误 1，警告 1");
    expect(r.stdout).not.toContain("deeper");
    // The reasons follow the table: the broken file, and old.xls damaged, with how to save it as .xlsx.
    const reasons = r.stdout.slice(r.stdout.indexOf("个无法校核"));
    expect(reasons).toContain("broken.xlsx");
    expect(reasons).toContain("另存为");
    expect(r.stderr).toBe("");
    expectInputsUntouched(dir, inputs);
  });

  test("--format json prints one tdcheck-batch/1 document with a files list", async () => {
    const { dir, inputs } = await folder();
    const r = await cli("check", dir, "--format", "json");
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as BatchDoc;
    expect(doc.schema).toBe("tdcheck-batch/1");
    expect(doc.files).toHaveLength(4);
    const good = doc.files.find((f) => f.file.endsWith("good.xlsx")) as {
      schema: string;
      summary: { errors: number };
    };
    expect(good.schema).toBe("tdcheck/1");
    expect(good.summary.errors).toBe(1);
    const broken = doc.files.find((f) => f.file.endsWith("broken.xlsx")) as { error: string };
    expect(typeof broken.error).toBe("string");
    expect(broken.error.length).toBeGreaterThan(0);
    expect(doc.summary).toMatchObject({ files: 4, checked: 2, unusable: 2, errors: 1, warnings: 1 });
    expect(r.stderr).toContain("broken.xlsx"); // people still hear why, on stderr
    expectInputsUntouched(dir, inputs);
  });

  test("several files: exit 1 when one has an error and none is unusable, 0 when all are clean; --strict counts warnings", async () => {
    const { dir } = await folder();
    const good = path.join(dir, "good.xlsx");
    const clean = path.join(dir, "clean.xlsx");
    expect((await cli("check", good, clean)).code).toBe(1);
    expect((await cli("check", clean, clean)).code).toBe(0);
    expect((await cli("check", clean, good, "--sheet", "进度表")).code).toBe(2); // clean.xlsx has no 进度表
    const warnOnly = await cli("check", good, good, "--sheet", "进度表");
    expect(warnOnly.code).toBe(0);
    expect((await cli("check", good, good, "--sheet", "进度表", "--strict")).code).toBe(1);
  });

  test("a single file still prints the plain tdcheck/1 document; a folder of one file is a batch", async () => {
    const dir = tempDir();
    fs.copyFileSync(SAMPLE, path.join(dir, "only.xlsx"));
    const single = JSON.parse(
      (await cli("check", path.join(dir, "only.xlsx"), "--format", "json")).stdout,
    ) as { schema: string };
    expect(single.schema).toBe("tdcheck/1");
    const batch = JSON.parse((await cli("check", dir, "--format", "json")).stdout) as BatchDoc;
    expect(batch.schema).toBe("tdcheck-batch/1");
    expect(batch.files).toHaveLength(1);
  });

  test("--annotate OUTDIR writes one annotated copy per checked file (the folder is created); the batch goes on past broken files", async () => {
    const { dir, inputs } = await folder();
    const out = path.join(tempDir(), "flagged");
    const r = await cli("check", dir, "--annotate", out, "--report", path.join(out, "reports"));
    expect(r.code).toBe(2);
    expect(fs.readdirSync(out).sort()).toEqual(["clean.xlsx", "good.xlsx", "reports"]);
    expect(fs.readdirSync(path.join(out, "reports")).sort()).toEqual(["clean.xlsx", "good.xlsx"]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(out, "good.xlsx"));
    const cfs = (book.getWorksheet("分解表") as unknown as { conditionalFormattings: { ref: string }[] })
      .conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toContain("D7");
    const report = readXlsx(fs.readFileSync(path.join(out, "reports", "good.xlsx")));
    expect(report.ok && report.workbook.sheets.map((s) => s.name)).toEqual([
      "分解表",
      "进度表",
      "审核报告",
      "_tdcheck",
    ]);
    expectInputsUntouched(dir, inputs);
  });

  test("two inputs with one name get distinct copies; a copy never lands on an input", async () => {
    const a = tempDir();
    const b = tempDir();
    fs.copyFileSync(SAMPLE, path.join(a, "plan.xlsx"));
    fs.copyFileSync(SAMPLE, path.join(b, "plan.xlsx"));
    const out = tempDir();
    expect(
      (await cli("check", path.join(a, "plan.xlsx"), path.join(b, "plan.xlsx"), "--annotate", out)).code,
    ).toBe(1);
    expect(fs.readdirSync(out).sort()).toEqual(["plan(2).xlsx", "plan.xlsx"]);
    // OUTDIR = the input folder: the copy would overwrite the input, so it is refused.
    const before = fs.readFileSync(path.join(a, "plan.xlsx"));
    const r = await cli("check", a, "--annotate", a);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不会覆盖输入文件");
    expect(fs.readFileSync(path.join(a, "plan.xlsx")).equals(before)).toBe(true);
  });

  test("--format csv: findings of every file, UTF-8 with BOM, CRLF, Chinese intact when parsed back", async () => {
    const { dir } = await folder();
    const r = await cli(
      "check",
      path.join(dir, "good.xlsx"),
      path.join(dir, "clean.xlsx"),
      "--format",
      "csv",
    );
    expect(r.code).toBe(1);
    expect(r.stdout.charCodeAt(0)).toBe(0xfeff);
    const bytes = Buffer.from(r.stdout, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.stdout.split("\r\n").length).toBeGreaterThan(2);
    const rows = parseCsv(bytes.subarray(3).toString("utf8"));
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
    const error = rows.find((row) => row[3] === "error")!;
    expect(error.slice(1, 9)).toEqual([
      "分解表",
      "D7",
      "error",
      "sum-mismatch",
      "新增高新技术企业数(家)",
      "杭州市",
      "2000",
      "1999",
    ]);
    expect(error[11]).toContain("13 个区县合计 1999，与杭州市目标 2000 相差 -1");
    expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
    const single = await cli("check", SAMPLE, "--format", "csv");
    expect(single.stdout.startsWith("\ufefffile,sheet,cell,")).toBe(true);
  });

  test("the real bundled command line: a folder batch exits 2 and prints the table", async () => {
    const { dir } = await folder();
    const r = spawnCli(["check", dir, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/File\s+Tables\s+Errors\s+Warnings\s+Status/);
    expect(r.stdout).toContain("4 files: 2 checked, 2 unusable; 1 error, 1 warning");
  });
});
