import { HANGZHOU_DISTRICTS } from "../helpers/grid";
/**
 * Nothing lost (issue 8): the input file of every command is byte-identical afterwards (and not even
 * rewritten: its modification time stands); `check --annotate` followed by removeAnnotations gives
 * back every part of the workbook exactly — values, formulas, number formats, styles, notes, the
 * user's conditional formats and data validation, charts and pivot tables; a rebalance that is
 * refused, infeasible or given bad input writes nothing, and leaves an existing file at --out alone.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import * as fs from "fs";
import * as path from "path";
import { removeAnnotations } from "../../src/cli/xlsx/annotate";
import { readXlsx } from "../../src/cli/xlsx/read";
import { cli, SAMPLE, tempDir } from "../helpers/cli";
import { rawEntries } from "../cli/xlsx/workbooks";
import { richWorkbook } from "../helpers/richWorkbook";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BAD } = require("../fixtures/bad/build.js") as {
  BAD: Record<string, () => Promise<Uint8Array> | Uint8Array>;
};

function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Every part of a package, inflated. */
function parts(bytes: Uint8Array): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, Buffer.from(v)]));
}

interface Snapshot {
  bytes: Buffer;
  mtimeMs: number;
}
const snapshot = (file: string): Snapshot => ({
  bytes: fs.readFileSync(file),
  mtimeMs: fs.statSync(file).mtimeMs,
});
function expectUnchanged(file: string, before: Snapshot, what: string): void {
  const now = snapshot(file);
  expect([what, now.bytes.equals(before.bytes), now.mtimeMs]).toEqual([what, true, before.mtimeMs]);
}

describe("check --annotate, then removeAnnotations: every part exactly as before", () => {
  async function roundTrip(name: string, input: Uint8Array): Promise<void> {
    const dir = tempDir();
    const file = write(dir, name, input);
    const out = path.join(dir, `flagged-${name}`);
    const r = await cli("check", file, "--annotate", out);
    expect([name, r.code, r.stderr]).toEqual([name, 1, ""]);
    const annotated = fs.readFileSync(out);
    expect(annotated.equals(Buffer.from(input))).toBe(false); // flags were added

    // The cells an annotated copy shows are the input's cells.
    const a = readXlsx(input);
    const b = readXlsx(annotated);
    if (!a.ok || !b.ok) throw new Error("unreadable");
    for (const [i, s] of a.workbook.sheets.entries()) {
      const t = b.workbook.sheets[i];
      expect([s.name, t.values, t.formulas, t.numberFormats, t.merges, t.hiddenRows]).toEqual([
        s.name,
        s.values,
        s.formulas,
        s.numberFormats,
        s.merges,
        s.hiddenRows,
      ]);
    }

    const cleared = removeAnnotations(annotated);
    if (!cleared.ok) throw new Error(`${name}: ${cleared.problem.detail}`);
    const before = parts(input);
    const after = parts(cleared.bytes);
    expect([name, [...after.keys()].sort()]).toEqual([name, [...before.keys()].sort()]);
    for (const [part, content] of before) {
      let back = after.get(part)!;
      // The one documented difference (src/cli/xlsx/README.md): a stylesheet that had no <dxfs> keeps
      // the empty <dxfs count="0"/> our formats went into — what Excel itself writes in every file.
      if (part === "xl/styles.xml" && !content.includes("<dxfs"))
        back = Buffer.from(back.toString("utf8").replace('<dxfs count="0"/>', ""), "utf8");
      expect([name, part, back.equals(content)]).toEqual([name, part, true]);
    }
  }

  test("a workbook with notes, a user's conditional format, data validation, number formats, merges, hidden row and sheet, a hyperlink and a defined name", async () => {
    await roundTrip("rich.xlsx", await richWorkbook());
  });

  test("the sample workbook", async () => {
    await roundTrip("sample.xlsx", new Uint8Array(fs.readFileSync(SAMPLE)));
  });

  test("the chart, pivot table and data validation: byte-identical entries in the annotated copy, exact after clearing", async () => {
    const input = await BAD["chart-pivot-validation.xlsx"]();
    const dir = tempDir();
    const file = write(dir, "cpv.xlsx", input);
    const out = path.join(dir, "out.xlsx");
    expect((await cli("check", file, "--annotate", out)).code).toBe(1);
    const copied = new Map(rawEntries(fs.readFileSync(out)).map((e) => [e.name, Buffer.from(e.local)]));
    for (const e of rawEntries(input)) {
      if (!/chart|drawing|pivot/i.test(e.name)) continue;
      expect([e.name, copied.get(e.name)?.equals(Buffer.from(e.local))]).toEqual([e.name, true]);
    }
    const sheet = parts(fs.readFileSync(out)).get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(sheet).toContain('<dataValidation type="whole"');
    expect(sheet).toContain('<drawing r:id="rId1"/>');
    await roundTrip("cpv.xlsx", input);
  });

  test("the usable files of the bad-input corpus (protected, hidden sheets, merges, huge numbers, control characters, …)", async () => {
    const usable = [
      "protected-sheet.xlsx",
      "hidden-sheets.xlsx",
      "merged-across-table.xlsx",
      "huge-and-negative-numbers.xlsx",
      "numbers-as-text-fullwidth.xlsx",
      "error-values.xlsx",
      "control-characters.xlsx",
      "columns-16384-sparse.xlsx",
      "long-text-32767.xlsx",
      "path-traversal-names.xlsx",
    ];
    for (const name of usable) await roundTrip(name, await BAD[name]());
  }, 60_000);

  test.each([
    ["missing-content-types.xlsx", /\[Content_Types\]\.xml/],
    // Rewriting the sheet would turn its invalid bytes into U+FFFD: that is losing them.
    ["invalid-utf8.xlsx", /xl\/worksheets\/sheet1\.xml is not valid UTF-8/],
  ])("%s: an annotated copy is refused, naming the part, and nothing is written", async (name, why) => {
    const dir = tempDir();
    const file = write(dir, name, await BAD[name]());
    const before = snapshot(file);
    const out = path.join(dir, "out.xlsx");
    const r = await cli("check", file, "--annotate", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(why);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(fs.existsSync(out)).toBe(false);
    // A report copy does not rewrite the damaged part, so it may be written; if refused, nothing is.
    const report = path.join(dir, "report.xlsx");
    const rr = await cli("check", file, "--report", report);
    expect([1, 2]).toContain(rr.code);
    expect(fs.existsSync(report)).toBe(rr.code === 1);
    expectUnchanged(file, before, "input");
  });
});

describe("a rebalance that does not go through writes nothing", () => {
  // Every district but the last (建德市) held.
  const LOCK_ALL_BUT_ONE = HANGZHOU_DISTRICTS.slice(0, -1).flatMap((u) => ["--lock", u]);

  async function formulaChildWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("分解表");
    const rows: ExcelJS.CellValue[][] = [
      ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区"],
      ["新增企业数(家)", 100, { formula: "10*3", result: 30 }, 30, 30],
    ];
    rows.forEach((r, i) => r.forEach((v, c) => (ws.getRow(i + 1).getCell(c + 1).value = v)));
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  const cases: [string, () => Promise<Uint8Array> | Uint8Array, string[], number][] = [
    [
      "infeasible locks and bounds",
      () => fs.readFileSync(SAMPLE),
      ["--indicator", "新增高新技术企业数", "--target", "3000", ...LOCK_ALL_BUT_ONE, "--max", "建德市=50"],
      1,
    ],
    [
      "a formula in a cell to write (no --overwrite-formulas)",
      formulaChildWorkbook,
      ["--indicator", "新增企业数"],
      1,
    ],
    [
      "a bad number",
      () => fs.readFileSync(SAMPLE),
      ["--indicator", "新增高新技术企业数", "--target", "两千"],
      2,
    ],
    [
      "an unknown unit",
      () => fs.readFileSync(SAMPLE),
      ["--indicator", "新增高新技术企业数", "--lock", "不存在区"],
      2,
    ],
    ["an unknown indicator", () => fs.readFileSync(SAMPLE), ["--indicator", "没有这个指标"], 2],
    ["a protected sheet", () => BAD["protected-sheet.xlsx"](), ["--indicator", "新增高新技术企业数"], 2],
    [
      "formulas without calculated results",
      () => BAD["formula-uncalculated-wrong-clean.xlsx"](),
      ["--indicator", "新增高新技术企业数", "--target", "80"],
      2,
    ],
    ["an unreadable file", () => BAD["truncated-half.xlsx"](), ["--indicator", "x"], 2],
  ];

  test.each(cases)("%s", async (_, build, args, code) => {
    const dir = tempDir();
    const file = write(dir, "in.xlsx", new Uint8Array(await build()));
    const before = snapshot(file);
    const out = path.join(dir, "out.xlsx");
    const r = await cli("rebalance", file, ...args, "--out", out);
    expect([r.code, r.stderr.includes("\n    at ")]).toEqual([code, false]);
    expect(fs.existsSync(out)).toBe(false);
    // An existing file at --out is left as it was.
    fs.writeFileSync(out, "sentinel");
    const kept = snapshot(out);
    expect((await cli("rebalance", file, ...args, "--out", out)).code).toBe(code);
    expectUnchanged(out, kept, "--out");
    expectUnchanged(file, before, "input");
  });

  test("--out naming the input, through a hard link or a symbolic link: refused, input untouched", async () => {
    const dir = tempDir();
    const file = write(dir, "in.xlsx", new Uint8Array(fs.readFileSync(SAMPLE)));
    const before = snapshot(file);
    fs.linkSync(file, path.join(dir, "hard.xlsx"));
    fs.symlinkSync(file, path.join(dir, "soft.xlsx"));
    for (const out of [
      file,
      path.join(dir, "hard.xlsx"),
      path.join(dir, "soft.xlsx"),
      path.join(dir, ".", "in.xlsx"),
    ]) {
      const r = await cli(
        "rebalance",
        file,
        "--indicator",
        "新增高新技术企业数",
        "--fix",
        "parent",
        "--out",
        out,
      );
      expect([out, r.code]).toEqual([out, 2]);
      for (const flag of ["--annotate", "--report"])
        expect([out, flag, (await cli("check", file, flag, out)).code]).toEqual([out, flag, 2]);
    }
    expectUnchanged(file, before, "input");
  });
});

describe("the input of every command is byte-identical afterwards, and not rewritten", () => {
  test("check (text, json, csv, --strict, --sheet), detect, --annotate, --map, --report, both at once, a batch, rebalance", async () => {
    const dir = tempDir();
    const file = write(dir, "plan.xlsx", await richWorkbook());
    const sample = write(dir, "sample.xlsx", new Uint8Array(fs.readFileSync(SAMPLE)));
    const inputs = [file, sample];
    const before = inputs.map(snapshot);
    const map = path.join(dir, "map.json");
    const detected = await cli("detect", file, "--format", "json");
    expect(detected.code).toBe(0);
    fs.writeFileSync(map, detected.stdout);
    const out = (n: string) => path.join(dir, "out", n);
    fs.mkdirSync(path.join(dir, "out"));
    const runs: string[][] = [
      ["check", file],
      ["check", file, "--format", "json"],
      ["check", file, "--format", "csv"],
      ["check", file, "--strict", "--sheet", "分解表"],
      ["detect", file],
      ["check", file, "--annotate", out("a.xlsx")],
      ["check", file, "--map", map],
      ["check", file, "--map", map, "--annotate", out("m.xlsx")],
      ["check", file, "--report", out("r.xlsx")],
      ["check", file, "--annotate", out("both.xlsx"), "--report", out("both.xlsx")],
      ["check", file, sample, "--annotate", out("batch-a"), "--report", out("batch-r"), "--format", "json"],
      ["check", dir, "--annotate", out("folder")],
      ["rebalance", sample, "--indicator", "新增高新技术企业数", "--out", out("rb.xlsx")],
      [
        "rebalance",
        sample,
        "--indicator",
        "新增高新技术企业数",
        "--fix",
        "parent",
        "--format",
        "json",
        "--out",
        out("fix.xlsx"),
      ],
      ["rebalance", file, "--indicator", "规上工业企业数", "--target", "90", "--out", out("formula.xlsx")],
    ];
    for (const args of runs) {
      const r = await cli(...args);
      expect([args.join(" "), r.stderr.includes("\n    at "), r.code <= 2]).toEqual([
        args.join(" "),
        false,
        true,
      ]);
      inputs.forEach((f, i) => expectUnchanged(f, before[i], `${args.join(" ")} → ${path.basename(f)}`));
    }
    // The copies that were asked for exist (so the commands above did their work).
    for (const f of ["a.xlsx", "m.xlsx", "r.xlsx", "both.xlsx", "rb.xlsx", "fix.xlsx"])
      expect([f, fs.existsSync(out(f))]).toEqual([f, true]);
  }, 60_000);
});
