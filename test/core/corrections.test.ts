/** The pane's corrections to a detected table: each gives the map the user asked for, and the engine checks it. */
import { parseRange } from "../../src/core/address";
import { checkMaps, detectWorkbook } from "../../src/core/check";
import { Decimal } from "../../src/core/decimal";
import type { SplitTable } from "../../src/core/model";
import { seedWorkbook } from "../helpers/grid";
import {
  cropGrid,
  indicatorAddress,
  lineAddress,
  setIndicatorKind,
  setIndicatorTolerance,
  setPolicy,
  setUnitRole,
  tablesFromSelection,
  unitColumns,
} from "../../src/core/corrections";

const workbook = seedWorkbook();
const grid = workbook.sheets.find((s) => s.name === "分解表")!;
const maps = detectWorkbook(workbook, { sheet: "分解表" }).maps;
const split = maps.find((m): m is SplitTable => m.type === "split")!;
const rowOf = (name: string) => split.indicators.find((i) => i.name.startsWith(name))!.line;
const findings = (m = maps) => checkMaps(workbook, m).findings.filter((f) => f.severity !== "info");

describe("unit columns of a split", () => {
  test("the sample's header: assignment C, parent D, 13 children E…Q, as the sheet shows them", () => {
    const columns = unitColumns(grid, split, 0);
    expect(columns.filter((c) => c.role === "assignment").map((c) => c.where)).toEqual(["C"]);
    expect(columns.filter((c) => c.role === "parent").map((c) => [c.where, c.label])).toEqual([
      ["D", "杭州市目标"],
    ]);
    const children = columns.filter((c) => c.role === "child");
    expect(children.map((c) => c.where)).toEqual("EFGHIJKLMNOPQ".split(""));
    expect(children[12].label).toBe("建德市");
  });

  test("addresses: columns are letters and rows numbers, by orientation", () => {
    expect(lineAddress("indicators-in-rows", 3)).toBe("D");
    expect(lineAddress("units-in-rows", 3)).toBe("4");
    expect(indicatorAddress("indicators-in-rows", 6)).toBe("7");
    expect(indicatorAddress("units-in-rows", 1)).toBe("B");
  });
});

describe("changing a column's role", () => {
  test("a child left out of the split is no longer summed (建德市 out: 1969 against 2000)", () => {
    const q = unitColumns(grid, split, 0).find((c) => c.label === "建德市")!;
    const changed = setUnitRole(grid, split, 0, q.line, "none");
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    expect(changed.map.splits[0].children.map((c) => c.unit)).not.toContain("建德市");
    expect(changed.map.splits[0].why.by).toBe("user");
    const d7 = findings([changed.map]).find((f) => f.cell === "D7" && f.rule === "sum-mismatch");
    expect(d7?.computed?.toString()).toBe("1969");
  });

  test("a new parent swaps with the old one, so a split always has exactly one parent", () => {
    const e = unitColumns(grid, split, 0).find((c) => c.where === "E")!;
    const changed = setUnitRole(grid, split, 0, e.line, "parent");
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    const roles = unitColumns(grid, changed.map, 0);
    expect(roles.filter((c) => c.role === "parent").map((c) => c.where)).toEqual(["E"]);
    expect(roles.find((c) => c.where === "D")?.role).toBe("child");
  });

  test("the parent cannot be removed, only replaced", () => {
    const d = unitColumns(grid, split, 0).find((c) => c.where === "D")!;
    expect(setUnitRole(grid, split, 0, d.line, "child")).toEqual({ ok: false, reason: "needs-parent" });
  });

  test("the assignment can become a child and back", () => {
    const c = unitColumns(grid, split, 0).find((col) => col.where === "C")!;
    const asChild = setUnitRole(grid, split, 0, c.line, "child");
    expect(asChild.ok && asChild.map.splits[0].assignment).toBeUndefined();
    if (!asChild.ok) return;
    const back = setUnitRole(grid, asChild.map, 0, c.line, "assignment");
    expect(back.ok && back.map.splits[0].assignment?.label).toBe("省下达目标");
  });
});

describe("changing an indicator's kind", () => {
  test("新增高新技术企业数 as qualitative is never flagged; the reason records the user", () => {
    const line = rowOf("新增高新技术企业数");
    const map = setIndicatorKind(split, line, "qualitative");
    const indicator = map.indicators.find((i) => i.line === line)!;
    expect(indicator.kind).toBe("qualitative");
    expect(indicator.why.at(-1)).toEqual({ by: "user", evidence: "kind: qualitative" });
    expect(findings([map]).filter((f) => f.cell === "D7")).toEqual([]);
  });

  test("the same kind again changes nothing", () => {
    const line = rowOf("新增高新技术企业数");
    expect(setIndicatorKind(split, line, "additive")).toEqual(split);
  });
});

describe("an indicator's tolerance", () => {
  test("1 for 新增高新技术企业数: the D7 difference of 1 is info within it; cleared, an error again", () => {
    const line = rowOf("新增高新技术企业数");
    const map = setIndicatorTolerance(split, line, Decimal.ONE);
    const indicator = map.indicators.find((i) => i.line === line)!;
    expect(indicator.tolerance?.toString()).toBe("1");
    expect(indicator.why.at(-1)).toEqual({ by: "user", evidence: "tolerance: 1" });
    expect(
      checkMaps(workbook, [map])
        .findings.filter((f) => f.cell === "D7")
        .map((f) => [f.rule, f.severity]),
    ).toEqual([["sum-rounding", "info"]]);
    const cleared = setIndicatorTolerance(map, line, undefined);
    expect("tolerance" in cleared.indicators.find((i) => i.line === line)!).toBe(false);
    expect(
      checkMaps(workbook, [cleared])
        .findings.filter((f) => f.cell === "D7")
        .map((f) => f.severity),
    ).toEqual(["error"]);
  });

  test("the same tolerance again, or clearing none, changes nothing", () => {
    const line = rowOf("新增高新技术企业数");
    expect(setIndicatorTolerance(split, line, undefined)).toEqual(split);
    const once = setIndicatorTolerance(split, line, Decimal.parse("0.5")!);
    expect(setIndicatorTolerance(once, line, Decimal.parse("0.50")!)).toEqual(once);
  });
});

describe("policy", () => {
  test("at-least (层层加码) accepts children adding up to more; exact does not", () => {
    // E7 from 104 to 106: the children add up to 2001 over a 2000 parent.
    const more = structuredClone(workbook);
    more.sheets.find((s) => s.name === "分解表")!.values[6][4] = 106;
    const exact = checkMaps(more, [split]).findings.filter((f) => f.cell === "D7" && f.severity === "error");
    const atLeast = checkMaps(more, [setPolicy(split, "at-least")]).findings.filter(
      (f) => f.cell === "D7" && f.severity === "error",
    );
    expect(exact).toHaveLength(1);
    expect(atLeast).toEqual([]);
  });
});

describe("the selection as the table", () => {
  test("cropping keeps only the selected cells", () => {
    const cropped = cropGrid(grid, parseRange("A3:F8")!);
    expect(cropped.values[0]).toEqual([]);
    expect(cropped.values[2].slice(0, 6)).toEqual([
      "序号",
      "指标名称",
      "省下达目标",
      "杭州市目标",
      "上城区",
      "拱墅区",
    ]);
    expect(cropped.values[2][6]).toBeUndefined();
  });

  test("selecting A3:Q8 finds the split again, replacing the table it overlaps", () => {
    const found = tablesFromSelection(grid, parseRange("A3:Q8")!, maps);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const splits = found.maps.filter((m) => m.type === "split");
    expect(splits).toHaveLength(1);
    expect(splits[0].sheet).toBe("分解表");
  });

  test("a selection without a table says so", () => {
    expect(tablesFromSelection(grid, parseRange("A1:B2")!, maps)).toEqual({ ok: false, reason: "no-table" });
  });
});
