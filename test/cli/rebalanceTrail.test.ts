/**
 * `tdcheck rebalance` records what it applied in the copy's change trail (PRODUCT §6, issue 6):
 * the very hidden `_tdcheck` sheet, column E, appended to whatever trail the input held, and
 * listed by `check --report`. Other sections of `_tdcheck` are left as they were.
 */
import * as fs from "fs";
import * as path from "path";
import { readXlsx } from "../../src/cli/xlsx";
import { checkWorkbook } from "../../src/core/check";
import type { RawValue, WorkbookGrid } from "../../src/core/grid";
import {
  createAcceptance,
  encodeAcceptances,
  readAcceptances,
  readSection,
  readTrail,
} from "../../src/core/report";
import { sampleWithState } from "../helpers/stateSheet";
import xmllint from "xmllint-wasm";
import { cli, SAMPLE, tempDir } from "../helpers/cli";
import { loadWithExcelJS, partsOf } from "./xlsx/workbooks";

function readBack(file: string): WorkbookGrid {
  const r = readXlsx(fs.readFileSync(file), { fileName: path.basename(file) });
  if (!r.ok) throw new Error(r.problem.detail);
  return r.workbook;
}

const REBALANCE = ["--indicator", "新增高新技术企业数", "--lock", "滨江区", "--lock", "余杭区"];

describe("tdcheck rebalance records the change in the copy's trail", () => {
  test("two rebalances in a row: the second appends to the trail the first created", async () => {
    const dir = tempDir();
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    expect((await cli("rebalance", SAMPLE, ...REBALANCE, "--out", first)).code).toBe(0);
    const r = await cli(
      "rebalance",
      first,
      "--indicator",
      "新增高新技术企业数",
      "--target",
      "2010",
      "--by",
      "李四",
      "--out",
      second,
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).trail).toEqual({ recorded: true, entries: 2 });

    const copy = readBack(second);
    expect(copy.sheets.filter((s) => s.name === "_tdcheck")).toHaveLength(1);
    const { items, problem } = readTrail(copy);
    expect(problem).toBeUndefined();
    expect(items.map((e) => [e.kind, e.target, e.by, e.source])).toEqual([
      ["rebalance", 2000, undefined, "cli"],
      ["rebalance", 2010, "李四", "cli"],
    ]);
    // The second entry's before values are the first one's after values.
    const after1 = new Map(items[0].children.map((c) => [c.unit, c.after]));
    for (const c of items[1].children) expect(c.before).toBe(after1.get(c.unit));
    const afterSum = items[1].children.reduce((s, c) => s + (c.after as number), 0);
    expect(afterSum).toBe(2010);

    // The audit report of the copy lists both, one row per child that changed (the trail itself keeps every child).
    const report = path.join(dir, "report.xlsx");
    expect((await cli("check", second, "--report", report)).code).toBeLessThan(2);
    const rows = readBack(report).sheets.find((s) => s.name === "审核报告")!.values as RawValue[][];
    const at = rows.findIndex((row) => row?.[0] === "变更记录");
    expect(at).toBeGreaterThan(0);
    // One row per child of each entry, the entry's number and kind on its first: 萧山区 (I7) is
    // the one the first entry moved.
    const byEntry = new Map<number, RawValue[][]>();
    let current = 0;
    for (const row of rows.slice(at + 2)) {
      if (!row || typeof row[3] !== "string" || !/^分解表![A-Z]+\d+$/.test(row[3])) continue;
      if (typeof row[0] === "number") {
        current = row[0];
        expect(row[1]).toBe("调整");
      }
      byEntry.set(current, [...(byEntry.get(current) ?? []), row]);
    }
    expect([...byEntry.keys()]).toEqual([1, 2]);
    // The first moved only 萧山区 (315 → 316): one row, not thirteen.
    expect(byEntry.get(1)).toHaveLength(1);
    // The second set a new target: its parent's row (D7, 2000 → 2010) comes first, then the
    // children it moved.
    const moved2 = items[1].children.filter((c) => c.before !== c.after).length;
    expect(moved2).toBeGreaterThan(0);
    expect(byEntry.get(2)).toHaveLength(1 + moved2);
    expect(byEntry.get(2)![0].slice(3, 9)).toEqual([
      "分解表!D7",
      "杭州市",
      "新增高新技术企业数(家)",
      undefined,
      2000,
      2010,
    ]);
    expect(
      byEntry
        .get(1)!
        .find((row) => row[3] === "分解表!I7")!
        .slice(7, 9),
    ).toEqual([315, 316]);
  });

  test("a _tdcheck sheet holding acceptances keeps them; the trail goes into its column E", async () => {
    const dir = tempDir();
    const base = path.join(dir, "base.xlsx");
    await sampleWithState(base, {});
    const wb = readBack(base);
    const finding = checkWorkbook(wb).findings.find((f) => f.rule === "sum-mismatch" && f.cell === "D7")!;
    const acceptance = await createAcceptance(finding, wb, {
      reason: "省里口径",
      by: "张三",
      at: "2024-05-06T09:30:00.000Z",
    });
    const input = path.join(dir, "accepted.xlsx");
    await sampleWithState(input, { 2: encodeAcceptances([acceptance]) });
    const out = path.join(dir, "out.xlsx");
    expect((await cli("rebalance", input, ...REBALANCE, "--out", out)).code).toBe(0);

    const copy = readBack(out);
    expect(copy.sheets.filter((s) => s.name === "_tdcheck")).toHaveLength(1);
    expect(readAcceptances(copy).items).toEqual([acceptance]);
    expect(readTrail(copy).items).toHaveLength(1);
  });

  test("a trail that cannot be read is left alone: the copy is written, the change not recorded, and said so", async () => {
    const dir = tempDir();
    const input = path.join(dir, "broken.xlsx");
    await sampleWithState(input, { 4: ["trail", 1, "~{not json"] });
    const out = path.join(dir, "out.xlsx");
    const r = await cli("rebalance", input, ...REBALANCE, "--out", out, "--format", "json");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/已有的变更记录无法读取，未能记入这次调整/);
    expect(JSON.parse(r.stdout).trail.recorded).toBe(false);
    const copy = readBack(out);
    expect(copy.sheets.find((s) => s.name === "分解表")!.values[6][8]).toBe(316);
    const section = readSection(copy, "trail");
    expect(section.ok).toBe(false);
    expect(copy.sheets.find((s) => s.name === "_tdcheck")!.values[2][4]).toBe("~{not json");
  });

  test("the new _tdcheck sheet is well-formed and read by another library as very hidden, the trail intact", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.xlsx");
    expect((await cli("rebalance", SAMPLE, ...REBALANCE, "--out", out)).code).toBe(0);
    const bytes = fs.readFileSync(out);
    const parts = partsOf(bytes);
    for (const name of [
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
      "xl/worksheets/sheet3.xml",
    ]) {
      const result = await xmllint.validateXML({
        xml: [{ fileName: name.replace(/[^\w.]/g, "_"), contents: parts.get(name)! }],
        normalization: "c14n",
      });
      expect(result.errors).toEqual([]);
    }
    const book = await loadWithExcelJS(bytes);
    const state = book.getWorksheet("_tdcheck")!;
    expect(state.state).toBe("veryHidden");
    expect(state.getCell("E1").value).toBe("trail");
    expect(state.getCell("E2").value).toBe(1);
    expect(String(state.getCell("E3").value).startsWith("~{")).toBe(true);
    // The other sheets as they were, the new one last.
    expect(book.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["分解表", "visible"],
      ["进度表", "visible"],
      ["_tdcheck", "veryHidden"],
    ]);
  });
});
