import * as fs from "fs";
import * as path from "path";
import { checkWorkbook } from "../../src/core/check";
import type { SheetGrid, WorkbookGrid } from "../../src/core/grid";
import { readXlsx } from "../../src/cli/xlsx/read";
import { readTrail } from "../../src/core/report";
import { cli, SAMPLE, spawnCli, tempDir, type CliRun } from "../helpers/cli";
import { excelWorkbook, rawEntries } from "./xlsx/workbooks";

interface Doc {
  schema: string;
  status: string;
  target: number | null;
  achievable?: [number | null, number | null];
  parent: {
    unit: string;
    cell: string;
    before: number | null;
    after: number | null;
    change: number | null;
    formula?: string;
  };
  children: {
    unit: string;
    cell: string;
    before: number;
    after: number | null;
    change: number | null;
    locked: boolean;
    bound: string | null;
  }[];
  explanation: { text: string[]; code?: string; shortBy?: number };
  written?: { file: string; cells: string[] } | null;
  refused?: { code: string; cells: string[] };
}

const SAMPLE_BYTES = fs.readFileSync(SAMPLE);

/** Runs the command and checks that the input file is byte-identical afterwards. */
async function run(input: string, ...args: string[]): Promise<CliRun> {
  const before = fs.readFileSync(input);
  const r = await cli("rebalance", input, ...args);
  expect(fs.readFileSync(input).equals(before)).toBe(true);
  return r;
}

function readBack(file: string): WorkbookGrid {
  const r = readXlsx(fs.readFileSync(file), { fileName: path.basename(file) });
  if (!r.ok) throw new Error(r.problem.detail);
  return r.workbook;
}

const sheetOf = (wb: WorkbookGrid, name: string): SheetGrid => wb.sheets.find((s) => s.name === name)!;
/** D..Q of a sheet row: the parent (杭州市目标) and the 13 children. */
const row = (wb: WorkbookGrid, sheet: string, r: number): unknown[] =>
  sheetOf(wb, sheet).values[r - 1].slice(3, 17);
const errorsOf = (wb: WorkbookGrid) =>
  checkWorkbook(wb).findings.filter((f) => f.severity === "error" || f.severity === "warning");

/** The sample's E7:Q7 and D7 (the 1999/2000 row). */
const FIRMS = [104, 90, 166, 329, 315, 388, 200, 152, 100, 72, 46, 7, 30];

describe("tdcheck rebalance on the sample workbook", () => {
  test("the issue's worked case: 2000 with 滨江区 and 余杭区 locked → only 萧山区 moves, 315 → 316; the error is gone", async () => {
    const out = path.join(tempDir(), "rebalanced.xlsx");
    const r = await run(
      SAMPLE,
      "--sheet",
      "分解表",
      "--indicator",
      "新增高新技术企业数",
      "--target",
      "2000",
      "--lock",
      "滨江区",
      "--lock",
      "余杭区",
      "--out",
      out,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // The text is a table per child with the lock marked, the explanation and one summary line.
    expect(r.stdout).toMatch(/滨江区\s+H7\s+329\s+329\s+0\s+锁定/);
    expect(r.stdout).toMatch(/萧山区\s+I7\s+315\s+316\s+\+1/);
    expect(r.stdout).toMatch(/下级合计\s+1999\s+2000\s+\+1/);
    expect(r.stdout).toContain("锁定的单位合计 717，其余单位分配 1283");
    expect(r.stdout.trim().split("\n").pop()).toBe(
      `已写出 ${out}：改动 1 个单元格（I7）；下级合计 2000 = 杭州市 2000`,
    );

    // Independent arithmetic: the free children hold 1999 − 717 = 1282 and must hold 1283, so the
    // one leftover unit goes to the largest remainder, 315/1282 (萧山区).
    const copy = readBack(out);
    const expected = [...FIRMS];
    expected[4] = 316;
    expect(row(copy, "分解表", 7)).toEqual([2000, ...expected]);
    // Re-checked: the sum-mismatch error on D7 is gone, and nothing else changed.
    const before = checkWorkbook(readBack(SAMPLE));
    const after = checkWorkbook(copy);
    expect(before.findings.filter((f) => f.rule === "sum-mismatch").map((f) => f.cell)).toEqual(["D7"]);
    expect(after.findings.filter((f) => f.rule === "sum-mismatch")).toEqual([]);
    expect(after.summary.errors).toBe(0);
    // The sheet part differs, and the copy gains a very hidden _tdcheck sheet holding the change
    // trail: a new part, listed in workbook.xml, its relationships and [Content_Types].xml.
    // Every other entry is byte-identical.
    const a = rawEntries(SAMPLE_BYTES);
    const b = rawEntries(fs.readFileSync(out));
    expect(b.map((e) => e.name).filter((n) => !a.some((e) => e.name === n))).toEqual([
      "xl/worksheets/sheet3.xml",
    ]);
    const differing = a
      .filter((e) => !Buffer.from(e.local).equals(Buffer.from(b.find((x) => x.name === e.name)!.local)))
      .map((e) => e.name)
      .sort();
    expect(differing).toEqual(
      [
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
      ].sort(),
    );
    const state = copy.sheets.find((s) => s.name === "_tdcheck")!;
    expect(state.visibility).toBe("veryHidden");
    const trail = readTrail(copy);
    expect(trail.problem).toBeUndefined();
    expect(trail.items).toHaveLength(1);
    const [entry] = trail.items;
    expect(entry).toMatchObject({
      kind: "rebalance",
      sheet: "分解表",
      indicator: "新增高新技术企业数(家)",
      method: "proportional",
      locks: ["滨江区", "余杭区"],
      target: 2000,
      source: "cli",
    });
    expect(Date.parse(entry.time)).not.toBeNaN();
    expect(entry.children).toHaveLength(13);
    expect(entry.children.find((c) => c.unit === "萧山区")).toEqual({
      unit: "萧山区",
      cell: "I7",
      before: 315,
      after: 316,
    });
    expect(entry.children.filter((c) => c.before !== c.after)).toHaveLength(1);
  });

  test("JSON (tdcheck-rebalance/1) for the same request", async () => {
    const out = path.join(tempDir(), "rebalanced.xlsx");
    const r = await run(
      SAMPLE,
      "--indicator",
      "新增高新技术企业数",
      "--lock",
      "滨江区",
      "--lock",
      "余杭区",
      "--out",
      out,
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc).toMatchObject({
      schema: "tdcheck-rebalance/1",
      status: "ok",
      target: 2000,
      written: { file: out, cells: ["I7"] },
    });
    expect(doc.parent).toMatchObject({ unit: "杭州市", cell: "D7", before: 2000, after: 2000, change: 0 });
    expect(doc.achievable).toBeUndefined();
    expect(doc.children).toHaveLength(13);
    expect(doc.children.filter((c) => c.change !== 0)).toEqual([
      {
        unit: "萧山区",
        cell: "I7",
        before: 315,
        after: 316,
        change: 1,
        locked: false,
        bound: null,
        role: "free",
      },
    ]);
    expect(doc.children.filter((c) => c.locked).map((c) => c.unit)).toEqual(["滨江区", "余杭区"]);
    expect(doc.explanation.text.length).toBeGreaterThan(1);
  });

  test("an ambiguous part (比重) lists both candidates and exits 2; nothing is written", async () => {
    const out = path.join(tempDir(), "x.xlsx");
    const r = await run(SAMPLE, "--sheet", "分解表", "--indicator", "比重", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("R&D经费支出占GDP比重(%)");
    expect(r.stderr).toContain("高新技术产业增加值占规上工业比重(%)");
    expect(fs.existsSync(out)).toBe(false);
  });

  test("infeasible (the locked children alone exceed 500): exit 1, the range is shown, nothing is written", async () => {
    const out = path.join(tempDir(), "x.xlsx");
    const r = await run(
      SAMPLE,
      "--indicator",
      "新增高新",
      "--target",
      "500",
      "--lock",
      "滨江区",
      "--lock",
      "余杭区",
      "--out",
      out,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("[717, 无上限]");
    expect(r.stdout).toContain("锁定项合计已超出目标 217");
    expect(r.stdout).toContain("已拒绝：在这些锁定和上下限下达不到目标，未写出任何文件");
    expect(fs.existsSync(out)).toBe(false);
  });

  test("--fix parent sets D7 to 1999 and changes nothing else", async () => {
    const out = path.join(tempDir(), "fixed.xlsx");
    const r = await run(SAMPLE, "--indicator", "新增高新", "--fix", "parent", "--out", out, "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Parent 杭州市 (D7): 2000 → the children's sum 1999");
    expect(r.stdout.trim().split("\n").pop()).toBe(
      `Written ${out}: 1 cell changed (D7); children add up to 1999 = 杭州市 1999`,
    );
    const copy = readBack(out);
    expect(row(copy, "分解表", 7)).toEqual([1999, ...FIRMS]);
    expect(errorsOf(copy).filter((f) => f.rule === "sum-mismatch")).toEqual([]);
  });

  test("--edit 西湖区=170 keeps the total 2000: the others absorb the difference", async () => {
    const out = path.join(tempDir(), "edited.xlsx");
    const r = await run(
      SAMPLE,
      "--indicator",
      "新增高新",
      "--edit",
      "西湖区=170",
      "--out",
      out,
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.children.find((c) => c.unit === "西湖区")).toMatchObject({ after: 170, change: 4 });
    const copy = readBack(out);
    const values = row(copy, "分解表", 7) as number[];
    expect(values[0]).toBe(2000);
    expect(values[3]).toBe(170);
    expect(values.slice(1).reduce((a, b) => a + b, 0)).toBe(2000);
    expect(checkWorkbook(copy).summary.errors).toBe(0);
  });

  test("0.1 grid (亿元) with `-` children: proportional to 60; dashes stay dashes, the parent becomes 60", async () => {
    const out = path.join(tempDir(), "invest.xlsx");
    const r = await run(
      SAMPLE,
      "--indicator",
      "科技创新强基领域重大项目投资额",
      "--target",
      "60",
      "--out",
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("步长 0.1");
    expect(r.stdout).toMatch(/拱墅区\s+F8\s+-\s+-\s+0\s+零基数/);
    // Independent arithmetic: scale 60/56.7; flooring to 0.1 leaves 4 steps for the remainders
    // .804 (3.1), .783 (6.5, twice) and .556 (14.7).
    const copy = readBack(out);
    expect(row(copy, "分解表", 8)).toEqual([
      60,
      3.3,
      "-",
      6.9,
      4.3,
      15.6,
      7.5,
      7.9,
      5.5,
      2.1,
      6.9,
      "-",
      "-",
      "-",
    ]);
    expect(checkWorkbook(copy).findings.filter((f) => f.rule === "sum-mismatch" && f.cell === "D8")).toEqual(
      [],
    );
  });

  test("an already consistent row: exit 0, a copy identical to the input", async () => {
    const out = path.join(tempDir(), "same.xlsx");
    const r = await run(SAMPLE, "--indicator", "科技创新", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("无需改动任何单元格");
    expect(fs.readFileSync(out).equals(SAMPLE_BYTES)).toBe(true);
  });
});

describe("bad input exits 2 and writes nothing", () => {
  const cases: [string, string[], RegExp][] = [
    ["a missing file", ["--indicator", "新增高新"], /找不到文件/],
    ["an unknown sheet", ["--sheet", "汇总", "--indicator", "新增高新"], /没有名为“汇总”的工作表/],
    ["an unknown indicator", ["--indicator", "粮食产量"], /没有名称含“粮食产量”的指标/],
    [
      "an unknown unit in --lock",
      ["--indicator", "新增高新", "--lock", "宁波市"],
      /--lock：没有名称含“宁波市”的下级单位/,
    ],
    ["a bad --target", ["--indicator", "新增高新", "--target", "2千"], /--target：“2千”不是有效数字/],
    ["a bad --max", ["--indicator", "新增高新", "--max", "西湖区"], /格式应为 单位=数值/],
    ["a target off the grid", ["--indicator", "新增高新", "--target", "2000.5"], /不在步长 1 的网格上/],
    ["a text row", ["--indicator", "投资增长", "--target", "20"], /文字“快于面上投资增速”/],
    [
      "--fix parent with --lock",
      ["--indicator", "新增高新", "--fix", "parent", "--lock", "西湖区"],
      /选项不能同时使用/,
    ],
    [
      "an unknown --method",
      ["--indicator", "新增高新", "--method", "magic"],
      /--method <方法> 的值“magic”无效，可选：proportional、equal/,
    ],
  ];
  test.each(cases)("%s", async (_name, args, message) => {
    const dir = tempDir();
    const out = path.join(dir, "out.xlsx");
    const input = _name === "a missing file" ? path.join(dir, "nope.xlsx") : SAMPLE;
    const r =
      _name === "a missing file"
        ? await cli("rebalance", input, ...args, "--out", out)
        : await run(input, ...args, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("--out equal to the input is refused (by path, and by the same file under another name)", async () => {
    const dir = tempDir();
    const copy = path.join(dir, "plan.xlsx");
    fs.copyFileSync(SAMPLE, copy);
    const r = await run(copy, "--indicator", "新增高新", "--fix", "parent", "--out", copy);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不会覆盖输入文件");
    const link = path.join(dir, "link.xlsx");
    fs.linkSync(copy, link);
    const viaLink = await run(
      copy,
      "--indicator",
      "新增高新",
      "--fix",
      "parent",
      "--out",
      link,
      "--lang",
      "en",
    );
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toContain("refusing to overwrite the input");
    expect(fs.readFileSync(copy).equals(SAMPLE_BYTES)).toBe(true);
  });

  test("--indicator is required; --out is not (without it, the preview)", async () => {
    expect((await cli("rebalance", SAMPLE, "--indicator", "新增高新")).code).toBe(0);
    expect((await cli("rebalance", SAMPLE, "--out", path.join(tempDir(), "x.xlsx"))).code).toBe(2);
  });
});

describe("generated workbooks", () => {
  const DISTRICTS = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区"];

  async function t1Workbook(): Promise<string> {
    const bytes = await excelWorkbook((wb) => {
      const ws = wb.addWorksheet("分解表");
      ws.addRow(["指标名称", "杭州市目标", ...DISTRICTS]);
      ws.addRow(["新增企业数(家)", 2000, 600, 400, 300, 200, 100]);
    });
    const file = path.join(tempDir(), "t1.xlsx");
    fs.writeFileSync(file, bytes);
    return file;
  }

  test("ALLOCATION T1: locks and caps cannot reach 2000 → exit 1, achievable [1000, 1950], short by 50, no file", async () => {
    const file = await t1Workbook();
    const out = path.join(tempDir(), "t1-out.xlsx");
    const args = [
      "--indicator",
      "新增企业数",
      "--lock",
      "上城区",
      "--lock",
      "拱墅区",
      "--max",
      "西湖区=450",
      "--max",
      "滨江区=400",
      "--max",
      "萧山区=100",
      "--out",
      out,
    ];
    const r = await run(file, ...args, "--format", "json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.status).toBe("infeasible");
    expect(doc.achievable).toEqual([1000, 1950]);
    expect(doc.explanation).toMatchObject({ code: "INFEASIBLE", shortBy: 50 });
    expect(doc.children.map((c) => c.bound)).toEqual([null, null, "max", "max", "max"]);
    expect(fs.existsSync(out)).toBe(false);
    const text = await run(file, ...args, "--lang", "en");
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      "Target 2000 cannot be reached: locks and bounds allow [1000, 1950]; nothing was written.",
    );
    expect(text.stdout).toMatch(/西湖区\s+E2\s+300\s+≤ 450, stopped by its max/);
  });

  test("ALLOCATION T4c: ZERO_BASE_BLOCKED exits 1; --zero-base equal writes [6.0, 12.0, 12.0]", async () => {
    const bytes = await excelWorkbook((wb) => {
      const ws = wb.addWorksheet("分解表");
      ws.addRow(["指标名称", "全市合计", "上城区", "拱墅区", "西湖区"]);
      ws.addRow(["投资额(亿元)", 30, 0, 10, 10]);
      for (const c of ["B2", "C2", "D2", "E2"]) ws.getCell(c).numFmt = "0.0";
    });
    const file = path.join(tempDir(), "t4.xlsx");
    fs.writeFileSync(file, bytes);
    const out = path.join(tempDir(), "t4-out.xlsx");
    const args = ["--indicator", "投资额", "--max", "拱墅区=12", "--max", "西湖区=12", "--out", out];
    const blocked = await run(file, ...args);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain("--zero-base equal");
    expect(fs.existsSync(out)).toBe(false);
    const r = await run(file, ...args, "--zero-base", "equal");
    expect(r.code).toBe(0);
    expect(readBack(out).sheets[0].values[1]).toEqual(["投资额(亿元)", 30, 6, 12, 12]);
  });

  async function formulaWorkbook(): Promise<string> {
    const bytes = await excelWorkbook((wb) => {
      const ws = wb.addWorksheet("分解表");
      ws.addRow(["指标名称", "杭州市目标", ...DISTRICTS]);
      ws.addRow(["新增企业数(家)", 1000, 300, 200, 100, 200, 100]);
      ws.getCell("G2").value = { formula: "50*2", result: 100 };
      ws.getCell("B3").value = { formula: "SUM(C2:G2)", result: 900 };
      ws.getCell("A3").value = "核对";
    });
    const file = path.join(tempDir(), "formulas.xlsx");
    fs.writeFileSync(file, bytes);
    return file;
  }

  test("writing over a formula cell is refused (exit 1) naming the cell, unless --overwrite-formulas", async () => {
    const file = await formulaWorkbook();
    const out = path.join(tempDir(), "f-out.xlsx");
    const refused = await run(file, "--indicator", "新增企业数", "--out", out);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("G2 = 50*2");
    expect(refused.stdout).toContain("--overwrite-formulas");
    expect(fs.existsSync(out)).toBe(false);
    const json = await run(file, "--indicator", "新增企业数", "--out", out, "--format", "json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: "ok",
      written: null,
      refused: { code: "FORMULA_CELLS", cells: ["G2"] },
    });

    const r = await run(file, "--indicator", "新增企业数", "--out", out, "--overwrite-formulas");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("替换公式 1 个");
    const copy = readBack(out).sheets[0];
    // 900 → 1000 proportionally: every child ×10/9 floors to 999; the last unit goes to the
    // largest remainder, 300·10/9 = 333.33….
    const values = copy.values[1].slice(2) as number[];
    expect(values).toEqual([334, 222, 111, 222, 111]);
    expect(copy.formulas?.[1]?.[6]).toBeUndefined();
    expect(copy.formulas?.[2]?.[1]).toBe("SUM(C2:G2)");
  });

  test("a three-level sheet: --parent picks the city", async () => {
    const bytes = await excelWorkbook((wb) => {
      const ws = wb.addWorksheet("三级");
      ws.addRow(["地区", "新增企业数(家)"]);
      ws.addRow(["全省合计", 600]);
      ws.addRow(["　杭州市", 300]);
      ws.addRow(["　　上城区", 100]);
      ws.addRow(["　　西湖区", 120]);
      ws.addRow(["　　建德市", 80]);
      ws.addRow(["　宁波市", 300]);
      ws.addRow(["　　海曙区", 150]);
      ws.addRow(["　　余姚市", 149]);
    });
    const file = path.join(tempDir(), "levels.xlsx");
    fs.writeFileSync(file, bytes);
    const out = path.join(tempDir(), "levels-out.xlsx");
    const r = await run(file, "--indicator", "新增企业数", "--parent", "宁波市", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/海曙区\s+B8\s+150\s+151\s+\+1/);
    const copy = readBack(out);
    expect(copy.sheets[0].values.map((v) => v[1])).toEqual([
      "新增企业数(家)",
      600,
      300,
      100,
      120,
      80,
      300,
      151,
      149,
    ]);
    expect(checkWorkbook(copy).summary.errors).toBe(0);
    const unknown = await run(file, "--indicator", "新增企业数", "--parent", "温州市", "--out", out + "2");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("全省、杭州市、宁波市");
  });
});

describe("the bundled command line", () => {
  test("exit codes and output from a real process", () => {
    const out = path.join(tempDir(), "spawned.xlsx");
    const r = spawnCli([
      "rebalance",
      SAMPLE,
      "--indicator",
      "新增高新技术企业数",
      "--lock",
      "滨江区",
      "--lock",
      "余杭区",
      "--out",
      out,
      "--lang",
      "en",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/萧山区\s+I7\s+315\s+316\s+\+1\s+locked|萧山区\s+I7\s+315\s+316\s+\+1/);
    expect(fs.existsSync(out)).toBe(true);
    expect(fs.readFileSync(SAMPLE).equals(SAMPLE_BYTES)).toBe(true);
    expect(spawnCli(["rebalance", SAMPLE, "--indicator", "比重", "--out", out + "2"]).code).toBe(2);
  });
});
