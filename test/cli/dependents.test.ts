/**
 * A rebalanced copy's dependent formulas (issue 13, item 8): formulas elsewhere that read the changed
 * cells get recomputed cached results (SUM, +, −, references), formulas kept; the others are named
 * in text and JSON as left to Excel; no cached result is ever dropped.
 */
import * as fs from "fs";
import * as path from "path";
import { readXlsx } from "../../src/cli/xlsx/read";
import type { SheetGrid } from "../../src/core/grid";
import { cli, tempDir } from "../helpers/cli";
import { dependentsWorkbook } from "../helpers/dependentsWorkbook";
import { handWorkbook, partsOf } from "./xlsx/workbooks";

function sheetOf(file: string, name: string): SheetGrid {
  const r = readXlsx(fs.readFileSync(file));
  if (!r.ok) throw new Error(r.problem.detail);
  return r.workbook.sheets.find((s) => s.name === name)!;
}

describe("item 8: dependent formulas after a rebalance", () => {
  test("recomputed where the engine can (on the sheet and another), named where it cannot; formulas and caches kept", async () => {
    const dir = tempDir();
    const input = path.join(dir, "in.xlsx");
    fs.writeFileSync(input, await dependentsWorkbook());
    const out = path.join(dir, "out.xlsx");
    // 拱墅区 (D2) gets the missing 1 (proportional, largest remainder): 20 31 25 24 = 100.
    const r = await cli("rebalance", input, "--indicator", "新增企业数", "--out", out, "--format", "json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const doc = JSON.parse(r.stdout) as {
      written: { cells: string[] };
      fullCalcOnLoad: boolean;
      dependents: {
        recalculated: { sheet: string; cell: string; formula: string; before: number; after: number }[];
        excelRecalculates: { sheet: string; cell: string; formula: string; why: string }[];
      };
    };
    expect(doc.written.cells).toEqual(["D2"]);
    expect(doc.fullCalcOnLoad).toBe(true);
    expect(doc.dependents.recalculated.map((d) => [d.sheet, d.cell, d.before, d.after])).toEqual([
      ["分解表", "J10", 99, 100],
      ["汇 总", "B1", 1, 0],
      ["汇 总", "B3", 2, 1],
      ["汇 总", "B5", 100, 100],
    ]);
    expect(doc.dependents.excelRecalculates.map((d) => [d.sheet, d.cell, d.why])).toEqual([
      ["汇 总", "B2", "outside-subset"],
      ["汇 总", "B6", "unreadable-input"],
    ]);
    // In the copy: the new results cached, every formula still there, the others' old results kept.
    const own = sheetOf(out, "分解表");
    expect([own.values[1][3], own.values[9][9], own.formulas?.[9][9]]).toEqual([31, 100, "SUM(C2:F2)"]);
    const summary = sheetOf(out, "汇 总");
    expect(summary.values.map((row) => row?.[1])).toEqual([0, 60, 1, 0, 100, 61]);
    expect(summary.formulas?.map((row) => row?.[1])).toEqual([
      "分解表!B2-SUM(分解表!C2:F2)",
      "分解表!D2*2",
      "B1+1",
      "SUM(A10:A12)",
      "'汇 总'!B1+分解表!J10",
      "B2+1",
    ]);
    // A check of the copy now reads the new totals: J10's cached SUM agrees with the children.
    expect((await cli("check", out)).code).toBe(0);
  });

  test("text output, in both languages, says what was recalculated and what Excel will recalculate", async () => {
    const dir = tempDir();
    const input = path.join(dir, "in.xlsx");
    fs.writeFileSync(input, await dependentsWorkbook());
    const en = await cli(
      "rebalance",
      input,
      "--indicator",
      "新增企业数",
      "--out",
      path.join(dir, "en.xlsx"),
      "--lang",
      "en",
    );
    expect(en.code).toBe(0);
    expect(en.stdout).toContain(
      "4 formulas that read the changed cells were recalculated in the copy (their results are saved with it): 分解表!J10 =SUM(C2:F2): 99 → 100; 汇 总!B1 =分解表!B2-SUM(分解表!C2:F2): 1 → 0;",
    );
    expect(en.stdout).toContain(
      "2 more formulas read the changed cells and were not recalculated here; Excel recalculates them when it opens the copy (a program that does not recalculate on opening shows their old results until then): 汇 总!B2 =分解表!D2*2; 汇 总!B6 =B2+1",
    );
    const zh = await cli("rebalance", input, "--indicator", "新增企业数", "--out", path.join(dir, "zh.xlsx"));
    expect(zh.stdout).toContain("依赖调整单元格的公式已在副本中重算 4 个");
    expect(zh.stdout).toContain("另有 2 个公式依赖调整单元格，本工具未重算，Excel 打开副本时会重算");
  });

  test("--fix parent: the parent's readers are recalculated; a workbook without formulas gets no dependents field", async () => {
    const dir = tempDir();
    const input = path.join(dir, "in.xlsx");
    fs.writeFileSync(input, await dependentsWorkbook());
    // --fix parent writes B2 (100 → 99): read by 汇 总!B1 only, which is in the subset.
    const r = await cli(
      "rebalance",
      input,
      "--indicator",
      "新增企业数",
      "--fix",
      "parent",
      "--out",
      path.join(dir, "o.xlsx"),
      "--format",
      "json",
    );
    const doc = JSON.parse(r.stdout) as {
      dependents: { recalculated: { cell: string; after: number }[]; excelRecalculates: unknown[] };
    };
    expect(doc.dependents.recalculated.map((d) => [d.cell, d.after])).toEqual([
      ["B1", 0],
      ["B3", 1],
      ["B5", 99],
    ]);
    expect(doc.dependents.excelRecalculates).toEqual([]);
    const sample = await cli(
      "rebalance",
      path.join(__dirname, "..", "..", "examples", "hangzhou-2024.xlsx"),
      "--indicator",
      "新增高新技术企业数",
      "--out",
      path.join(dir, "s.xlsx"),
      "--format",
      "json",
    );
    expect(JSON.parse(sample.stdout)).not.toHaveProperty("dependents");
  });

  test("a sheet name that needs quoting (an apostrophe, a space) is matched in references", async () => {
    const dir = tempDir();
    const input = path.join(dir, "in.xlsx");
    fs.writeFileSync(input, await dependentsWorkbook({ summary: "It's 汇总" }));
    const r = await cli(
      "rebalance",
      input,
      "--indicator",
      "新增企业数",
      "--out",
      path.join(dir, "o.xlsx"),
      "--format",
      "json",
    );
    const doc = JSON.parse(r.stdout) as {
      dependents: { recalculated: { sheet: string; cell: string; after: number }[] };
    };
    expect(doc.dependents.recalculated.find((d) => d.cell === "B5")).toEqual(
      expect.objectContaining({ sheet: "It's 汇总", after: 100 }),
    );
  });

  test("a dependent inside an array formula keeps its result and is left to Excel; the copy is written", async () => {
    const cells = (r: number, values: (string | number)[]) =>
      `<row r="${r}">` +
      values
        .map((v, c) =>
          typeof v === "number"
            ? `<c r="${"ABCDEF"[c]}${r}"><v>${v}</v></c>`
            : `<c r="${"ABCDEF"[c]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`,
        )
        .join("") +
      (r === 1 ? `<c r="K1"><f t="array" ref="K1:K2">SUM(C2:F2)</f><v>99</v></c>` : "") +
      (r === 2 ? `<c r="K2"><v>99</v></c>` : "") +
      `</row>`;
    const body =
      `<sheetData>${cells(1, ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区", "滨江区"])}` +
      `${cells(2, ["新增企业数(家)", 100, 20, 30, 25, 24])}</sheetData>`;
    const dir = tempDir();
    const input = path.join(dir, "array.xlsx");
    fs.writeFileSync(input, handWorkbook({ sheets: [{ name: "分解表", body }] }));
    const out = path.join(dir, "out.xlsx");
    const r = await cli("rebalance", input, "--indicator", "新增企业数", "--out", out, "--format", "json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const doc = JSON.parse(r.stdout) as {
      dependents: { recalculated: unknown[]; excelRecalculates: { cell: string }[] };
    };
    expect(doc.dependents.recalculated).toEqual([]);
    expect(doc.dependents.excelRecalculates.map((d) => d.cell)).toEqual(["K1", "K2"]);
    const sheet = sheetOf(out, "分解表");
    expect([sheet.values[0][10], sheet.values[1][10]]).toEqual([99, 99]);
    expect(partsOf(new Uint8Array(fs.readFileSync(out))).get("xl/worksheets/sheet1.xml")).toContain(
      '<f t="array" ref="K1:K2">SUM(C2:F2)</f><v>99</v>',
    );
  });
});
