/**
 * What the command line prints about a hostile workbook (issue 8): names are untrusted text, so a
 * cell cannot drive the terminal (escape sequences, carriage returns, bidi overrides) or split a
 * one-line error into several; and formulas Excel never calculated are not read as blanks.
 */
import * as fs from "fs";
import * as path from "path";
import { forPeople, oneLine, printable, type CliIo } from "../../src/cli/io";
import { cli, tempDir } from "../helpers/cli";
import { handWorkbook } from "../cli/xlsx/workbooks";

const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
const CR = String.fromCharCode(13);
const C1_CSI = String.fromCharCode(0x9b);
const RLO = "\u202e";

describe("printable and oneLine", () => {
  test("control characters become visible escapes; newlines and tabs stay in text for people", () => {
    expect(printable(`上城区${ESC}[2J${BEL}\t合计\n`)).toBe("上城区\\x1B[2J\\x07\t合计\n");
    expect(printable(`a${CR}b${C1_CSI}c${String.fromCharCode(127)}`)).toBe("a\\x0Db\\x9Bc\\x7F");
    expect(printable(`西湖区${RLO}001`)).toBe("西湖区\\u202E001");
    expect(printable("普通文本 plain text（全角）\n")).toBe("普通文本 plain text（全角）\n");
  });

  test("a message stays one line whatever it quotes; its closing newline is kept", () => {
    expect(oneLine(`tdcheck: 没有“x”（现有：封面\n第二行${ESC}[2J, 分解表${CR}\n）\n`)).toBe(
      "tdcheck: 没有“x”（现有：封面\\x0A第二行\\x1B[2J, 分解表\\x0D\\x0A）\n",
    );
    expect(oneLine("no newline")).toBe("no newline");
  });

  test("forPeople: text output made printable, JSON and CSV passed as they are, stderr one line", () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } as unknown as CliIo;
    forPeople(io, "text").stdout(`a${ESC}b\n`);
    forPeople(io, "json").stdout(`"a${C1_CSI}"\n`);
    forPeople(io, "csv").stdout(`a${ESC}b\r\n`);
    forPeople(io, "csv").stderr(`x\ny\n`);
    expect(out).toEqual(["a\\x1Bb\n", `"a${C1_CSI}"\n`, `a${ESC}b\r\n`]);
    expect(err).toEqual(["x\\x0Ay\n"]);
  });
});

const HEADER = ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区", "滨江区"];
function cellXml(r: number, c: number, v: string | number): string {
  const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
  return typeof v === "number"
    ? `<c r="${ref}"><v>${v}</v></c>`
    : v.startsWith("=")
      ? `<c r="${ref}"><f>${v.slice(1)}</f></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
}
function table(rows: (string | number)[][], sheet = "分解表"): Uint8Array {
  const body = rows.map(
    (row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(r, c, v)).join("")}</row>`,
  );
  return handWorkbook({ sheets: [{ name: sheet, body: `<sheetData>${body.join("")}</sheetData>` }] });
}
function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe("the command line on names that hold control characters", () => {
  test("text output shows them as escapes; JSON keeps the exact name", async () => {
    const dir = tempDir();
    const file = write(
      dir,
      "ctl.xlsx",
      table([["2025年目标分解表"], HEADER, [`新增企业数${ESC}[31m(家)`, 100, 20, 30, 25, 24]]),
    );
    const text = await cli("check", file, "--lang", "zh");
    expect(text.code).toBe(1);
    expect(text.stdout).not.toContain(ESC);
    expect(text.stdout).toContain("新增企业数\\x1B[31m(家)");
    const json = await cli("check", file, "--format", "json");
    expect(JSON.parse(json.stdout).findings[0].indicator).toBe(`新增企业数${ESC}[31m(家)`);
  });

  test("a sheet name with a newline cannot split the one error line", async () => {
    const dir = tempDir();
    const file = write(dir, "sheet.xlsx", table([["x"]], `封面\n第二行${ESC}[2J`));
    const r = await cli("check", file, "--sheet", "nope");
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(2); // one line and its newline
    expect(r.stderr).not.toContain(ESC);
  });
});

describe("formulas without a calculated result in the table are refused, not read as blanks", () => {
  // Read as blank, 滨江区 would make 20+20+20 = 60 look right; Excel computes 80.
  const rows = [["2025年目标分解表"], HEADER, ["新增企业数(家)", 60, 20, 20, 20, "=10+10"]];

  test("check: exit 2, one line naming the cell and what to do", async () => {
    const dir = tempDir();
    const file = write(dir, "uncalc.xlsx", table(rows));
    for (const format of ["text", "json"]) {
      const r = await cli("check", file, "--format", format);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(
        /^tdcheck: .*1 个公式单元格没有计算结果（分解表!F3）.*Excel 或 WPS 中打开并保存后再检查\n$/,
      );
    }
    const en = await cli("check", file, "--lang", "en");
    expect(en.stderr).toMatch(/1 formula cell in the table has no calculated result \(分解表!F3\)/);
  });

  test("rebalance: exit 2 and nothing written", async () => {
    const dir = tempDir();
    const file = write(dir, "uncalc.xlsx", table(rows));
    const out = path.join(dir, "out.xlsx");
    const r = await cli("rebalance", file, "--indicator", "新增企业数", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/没有计算结果/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a formula outside every table does not matter, and a calculated one is read as its result", async () => {
    const dir = tempDir();
    const outside = write(
      dir,
      "outside.xlsx",
      table([...rows.slice(0, 2), ["新增企业数(家)", 80, 20, 20, 20, 20], [], [], ["备注", "=1+1"]]),
    );
    expect((await cli("check", outside)).code).toBe(0);
  });
});
