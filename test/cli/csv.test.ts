/**
 * CSV and TSV inputs end to end: the sample's tables in every encoding a Chinese statistics system
 * exports, checked, detected, annotated, reported and rebalanced; hostile text files refused.
 */
import * as fs from "fs";
import * as path from "path";
import { readXlsx } from "../../src/cli/xlsx";
import { cli, ROOT, SAMPLE, tempDir } from "../helpers/cli";
import { encodeLegacy, encodeUtf16, encodeUtf8 } from "../helpers/legacyEncoders";
import { toTraditional } from "../helpers/traditional";

const DISTRICTS = fs.readFileSync(
  path.join(ROOT, "examples", "data", "hangzhou-2024-district-targets.csv"),
  "utf8",
);
const PROGRESS = fs.readFileSync(
  path.join(ROOT, "examples", "data", "hangzhou-2024-main-indicators.csv"),
  "utf8",
);

interface Finding {
  rule: string;
  severity: string;
  sheet: string;
  cell: string;
  related?: string[];
  indicator?: string;
  unit?: string;
  stated?: unknown;
  computed?: unknown;
  difference?: unknown;
  tolerance?: unknown;
  message: string;
}
interface Doc {
  file: string;
  findings: Finding[];
  summary: Record<string, number>;
  input?: { format: string; encoding: string; delimiter: string; rows: number };
}

/** The encodings a table arrives in, each as the bytes of `text` (Big5 gets the traditional text). */
function encodings(text: string): [string, Uint8Array][] {
  return [
    ["utf-8", encodeUtf8(text, false)],
    ["utf-8-bom", encodeUtf8(text, true)],
    ["utf-16le", encodeUtf16(text.replace(/,/g, "\t"), "le")],
    ["utf-16be", encodeUtf16(text.replace(/,/g, "\t"), "be")],
    ["gb18030", encodeLegacy(text, "gb18030")],
    ["semicolon-gb18030", encodeLegacy(text.replace(/,/g, ";"), "gb18030")],
    ["big5", encodeLegacy(toTraditional(text), "big5")],
  ];
}

/** Writes `name` into a folder of its own per encoding (so every copy has the same sheet name). */
function writeAll(text: string, name: string): Map<string, string> {
  const dir = tempDir();
  const files = new Map<string, string>();
  for (const [label, bytes] of encodings(text)) {
    fs.mkdirSync(path.join(dir, label));
    const file = path.join(dir, label, name);
    fs.writeFileSync(file, bytes);
    files.set(label, file);
  }
  return files;
}

async function json(...args: string[]): Promise<{ code: number; doc: Doc; stderr: string }> {
  const r = await cli("check", ...args, "--format", "json");
  return { code: r.code, doc: JSON.parse(r.stdout) as Doc, stderr: r.stderr };
}

/** A finding's facts, with its rows moved by `rows` (the sample sheet has a title and a blank row). */
function facts(f: Finding, rows = 0, withText = true) {
  const shift = (ref: string) => ref.replace(/(\d+)/g, (n) => String(Number(n) + rows));
  return {
    rule: f.rule,
    severity: f.severity,
    cell: shift(f.cell),
    related: (f.related ?? []).map(shift),
    stated: f.stated,
    computed: f.computed,
    difference: f.difference,
    tolerance: f.tolerance,
    ...(withText ? { indicator: f.indicator, unit: f.unit } : {}),
  };
}

describe("tdcheck check on CSV and TSV", () => {
  test("the sample's split table in every encoding gives the findings of the sample workbook's sheet", async () => {
    const files = writeAll(DISTRICTS, "分解表.csv");
    const sample = await json(SAMPLE, "--sheet", "分解表");
    const expected = sample.doc.findings.map((f) => facts(f));
    for (const [label, file] of files) {
      const r = await json(file);
      expect([label, r.code, r.stderr]).toEqual([label, 1, ""]);
      // Same cells two rows higher (no title rows), same sheet name (the file's), same words.
      expect([label, r.doc.findings.map((f) => facts(f, 2, label !== "big5"))]).toEqual([
        label,
        label === "big5" ? sample.doc.findings.map((f) => facts(f, 0, false)) : expected,
      ]);
      expect(r.doc.findings.every((f) => f.sheet === "分解表")).toBe(true);
      expect(r.doc.input).toMatchObject({ format: "csv", rows: 6 });
      expect(r.doc.input!.encoding).toBe(
        label.startsWith("utf-8") ? "utf-8" : label.includes("gb18030") ? "gb18030" : label,
      );
      expect(r.doc.input!.delimiter).toBe(
        label.startsWith("utf-16") ? "\t" : label.startsWith("semicolon") ? ";" : ",",
      );
    }
  });

  test("the progression table (累计1.9万, 超70) reads the same in every encoding", async () => {
    const files = writeAll(PROGRESS, "进度表.csv");
    const base = await json(files.get("utf-8")!);
    expect(base.code).toBeLessThan(2);
    for (const [label, file] of files) {
      if (label === "big5") continue; // its labels are traditional; compared below
      const r = await json(file);
      expect([label, r.doc.findings.map((f) => facts(f)), r.doc.summary]).toEqual([
        label,
        base.doc.findings.map((f) => facts(f)),
        base.doc.summary,
      ]);
    }
    const big5 = await json(files.get("big5")!);
    expect(big5.doc.findings.map((f) => facts(f, 0, false))).toEqual(
      base.doc.findings.map((f) => facts(f, 0, false)),
    );
  });

  test("text output names the file and how it was read", async () => {
    const file = writeAll(DISTRICTS, "plan.csv").get("gb18030")!;
    const zh = await cli("check", file);
    expect(zh.stdout.split("\n")[0]).toBe(`${file}  (CSV，GB18030 编码，逗号分隔，6 行)`);
    expect(zh.stdout).toContain("plan!D5");
    const en = await cli("check", file, "--lang", "en");
    expect(en.stdout.split("\n")[0]).toBe(`${file}  (CSV, GB18030, comma-separated, 6 rows)`);
  });

  test("--annotate from a CSV writes a new .xlsx with the flags, says so, and leaves the CSV as it was", async () => {
    const file = writeAll(DISTRICTS, "plan.csv").get("gb18030")!;
    const before = fs.readFileSync(file);
    const out = path.join(path.dirname(file), "flagged.xlsx");
    const r = await cli("check", file, "--annotate", out, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Annotated copy written: ${out} (a new .xlsx workbook made from the CSV`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    const read = readXlsx(fs.readFileSync(out));
    expect(read.ok).toBe(true);
    // Numbers are numbers, text is text, in the cells the CSV had.
    const grid = read.ok ? read.workbook.sheets[0] : undefined;
    expect(grid?.name).toBe("plan");
    expect(grid?.values[1][2]).toBe(3.89);
    expect(grid?.values[3][2]).toBe("快于面上投资增速");
    // The copy is checked like the CSV: the same findings on the same cells.
    const again = await json(out);
    const csv = await json(file);
    expect(again.doc.findings.map((f) => facts(f))).toEqual(csv.doc.findings.map((f) => facts(f)));
    // And it carries the flags: the sum-mismatch cell has a conditional format.
    const sheetXml = zipText(out, "xl/worksheets/sheet1.xml");
    expect(sheetXml).toMatch(/<conditionalFormatting sqref="[^"]*D5/);
  });

  test("--report from a CSV adds the audit report to a new workbook; a .csv output name is refused", async () => {
    const file = writeAll(DISTRICTS, "plan.csv").get("utf-16le")!;
    const dir = path.dirname(file);
    const out = path.join(dir, "report.xlsx");
    const r = await cli("check", file, "--report", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("已写出审核报告：");
    expect(r.stdout).toContain("由 CSV 新建的 .xlsx 工作簿");
    const read = readXlsx(fs.readFileSync(out));
    expect(read.ok && read.workbook.sheets.map((s) => s.name)).toEqual(["plan", "审核报告", "_tdcheck"]);

    const refused = await cli("check", file, "--annotate", path.join(dir, "flagged.csv"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("请用 .xlsx 作输出文件名");
    expect(fs.existsSync(path.join(dir, "flagged.csv"))).toBe(false);
  });

  test("rebalance from a CSV writes an .xlsx whose split adds up; --out x.csv is refused", async () => {
    const file = writeAll(DISTRICTS, "plan.csv").get("gb18030")!;
    const dir = path.dirname(file);
    const out = path.join(dir, "fixed.xlsx");
    const r = await cli("rebalance", file, "--indicator", "新增高新", "--lock", "滨江区", "--out", out);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("由 CSV 新建的 .xlsx 工作簿");
    const after = await json(out);
    expect(after.doc.findings.filter((f) => f.rule === "sum-mismatch")).toEqual([]);
    expect(after.doc.findings.some((f) => f.sheet === "plan")).toBe(true);

    const refused = await cli("rebalance", file, "--indicator", "新增高新", "--out", path.join(dir, "x.csv"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^tdcheck: .*x\.csv：CSV 文件的副本是新建的 \.xlsx 工作簿/);
    expect(fs.existsSync(path.join(dir, "x.csv"))).toBe(false);
  });

  test("detect reads a CSV, and its map checks the CSV back", async () => {
    const file = writeAll(DISTRICTS, "plan.csv").get("big5")!;
    const text = await cli("detect", file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("plan!A1:Q6");
    const map = await cli("detect", file, "--format", "json");
    const mapFile = path.join(path.dirname(file), "map.json");
    fs.writeFileSync(mapFile, map.stdout);
    const withMap = await json(file, "--map", mapFile);
    const plain = await json(file);
    expect(withMap.doc.findings).toEqual(plain.doc.findings);
  });

  test("a .tsv and Excel's Unicode text (.txt, UTF-16) are read; a CSV misnamed .xlsx is still refused as before", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "plan.tsv"), encodeUtf8(DISTRICTS.replace(/,/g, "\t"), false));
    fs.writeFileSync(path.join(dir, "plan.txt"), encodeUtf16(DISTRICTS.replace(/,/g, "\t"), "le"));
    fs.writeFileSync(path.join(dir, "plan.xlsx"), DISTRICTS);
    for (const name of ["plan.tsv", "plan.txt"]) {
      const r = await json(path.join(dir, name));
      expect([name, r.code, r.doc.summary.errors]).toEqual([name, 1, 1]);
    }
    const misnamed = await cli("check", path.join(dir, "plan.xlsx"));
    expect(misnamed.code).toBe(2);
    expect(misnamed.stderr).toContain("不是 Excel 工作簿");
  });
});

describe("hostile and broken text files", () => {
  test("random bytes named .csv: exit 2, one line naming the encodings tried, never read as GB18030", async () => {
    const dir = tempDir();
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16;
    for (let k = 0; k < 5; k++) {
      const file = path.join(dir, `noise${k}.csv`);
      // High bytes only: the hardest case, since every pair of them decodes as GB18030.
      fs.writeFileSync(
        file,
        Uint8Array.from({ length: 2000 + k * 500 }, () => 0x81 + (next() % 126)),
      );
      for (const lang of ["zh", "en"]) {
        const r = await cli("check", file, "--lang", lang);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr.split("\n")).toHaveLength(2);
        expect(r.stderr).toContain(
          lang === "zh" ? "已尝试 UTF-8、GB18030、Big5" : "tried UTF-8, GB18030, Big5",
        );
      }
    }
  });

  test("a binary file, an unclosed quote and an empty file each get their own line", async () => {
    const dir = tempDir();
    const binary = path.join(dir, "binary.csv");
    fs.writeFileSync(binary, Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]));
    const quote = path.join(dir, "quote.csv");
    fs.writeFileSync(quote, '指标,全市,甲区\n企业,"10,10\n项目,5,5\n');
    const empty = path.join(dir, "empty.csv");
    fs.writeFileSync(empty, "\ufeff\r\n");
    const results = await Promise.all([binary, quote, empty].map((f) => cli("check", f, "--lang", "en")));
    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(results[0].stderr).toContain("is not a text table");
    expect(results[1].stderr).toContain("the quote opened on line 2 is never closed");
    expect(results[2].stderr).toContain("the file is empty");
    for (const r of results) expect(r.stderr.split("\n")).toHaveLength(2);
  });

  test("a batch: CSVs in a folder are checked beside workbooks, a bad one reported, copies named .xlsx", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "a-gbk.csv"), encodeLegacy(DISTRICTS, "gb18030"));
    fs.writeFileSync(path.join(dir, "b-unicode.tsv"), encodeUtf16(DISTRICTS.replace(/,/g, "\t"), "le"));
    fs.copyFileSync(SAMPLE, path.join(dir, "c.xlsx"));
    fs.writeFileSync(
      path.join(dir, "d-noise.csv"),
      Uint8Array.from({ length: 3000 }, (_, i) => 0x81 + ((i * 71) % 126)),
    );
    fs.writeFileSync(path.join(dir, "notes.txt"), "not read from a folder");
    const out = path.join(tempDir(), "flagged");
    const r = await cli("check", dir, "--annotate", out);
    expect(r.code).toBe(2);
    const lines = r.stdout.split("\n");
    expect(lines[1]).toMatch(/a-gbk\.csv\s+1\s+1\s+0\s+有错误$/);
    expect(lines[2]).toMatch(/b-unicode\.tsv\s+1\s+1\s+0\s+有错误$/);
    expect(lines[3]).toMatch(/c\.xlsx\s+2\s+1\s+1\s+有错误$/);
    expect(lines[4]).toMatch(/d-noise\.csv\s+–\s+–\s+–\s+无法校核$/);
    expect(r.stdout).not.toContain("notes.txt");
    expect(r.stdout).toContain("已尝试 UTF-8、GB18030、Big5");
    expect(fs.readdirSync(out).sort()).toEqual(["a-gbk.xlsx", "b-unicode.xlsx", "c.xlsx"]);
  });
});

test("a folder with nothing to check (no .xlsx, .csv or .tsv) is reported as such", async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "readme.txt"), "notes");
  const r = await cli("check", dir, SAMPLE, "--lang", "en");
  expect(r.code).toBe(2);
  expect(r.stdout).toContain(`${dir}: the folder holds no file to check (.xlsx, .csv, .tsv, .xls, .et)`);
});

/** One part of a zip, inflated (the copies are our own writer's, so a small reader suffices). */
function zipText(file: string, part: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unzipSync, strFromU8 } = require("fflate") as typeof import("fflate");
  return strFromU8(unzipSync(fs.readFileSync(file))[part]);
}
