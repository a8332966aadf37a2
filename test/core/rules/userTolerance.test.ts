/**
 * A tolerance set per indicator (PRODUCT §4: "the user can tighten or widen the tolerance per
 * indicator, e.g. exact for typed targets") replaces the rounding tolerance for its sums, says
 * so in every finding, and travels in the table map (tdcheck-map/1 `tolerance`).
 */
import { checkMaps, detectWorkbook } from "../../../src/core/check";
import { Decimal } from "../../../src/core/decimal";
import { describeTolerance, renderMessage } from "../../../src/core/messages";
import { fromMapDocument, toMapDocument } from "../../../src/core/mapJson";
import type { SplitTable, TableMap } from "../../../src/core/model";
import { sheet, workbook } from "../../helpers/grid";
import { THREE } from "../../helpers/split";

/** 地区生产总值 shown to one decimal: 30.1 + 30.1 + 30.1 = 90.3, the parent says 90.4 (rounding). */
const book = () =>
  workbook(
    sheet("表", [
      ["序号", "指标名称", "全市目标", ...THREE],
      [1, "地区生产总值(亿元)", 90.4, 30.1, 30.1, 30.1],
      [2, "一般公共预算收入(亿元)", 95, 30.1, 30.1, 30.1],
    ]),
  );

function withTolerance(maps: TableMap[], row: number, tolerance: Decimal | undefined): TableMap[] {
  return maps.map((m) => ({
    ...m,
    indicators: m.indicators.map((ind, i) => (i === row ? { ...ind, tolerance } : ind)),
  }));
}

function check(tolerances: (Decimal | undefined)[]) {
  const wb = book();
  let { maps } = detectWorkbook(wb);
  tolerances.forEach((t, i) => (maps = withTolerance(maps, i, t)));
  return checkMaps(wb, maps);
}

const on = (r: ReturnType<typeof check>, cell: string) => r.findings.filter((f) => f.cell === cell);

describe("a tolerance set per indicator", () => {
  test("by default, 0.1 off over four one-decimal values is rounding (info); 4.7 off is an error", () => {
    const r = check([]);
    expect(on(r, "C2").map((f) => [f.rule, f.severity])).toEqual([["sum-rounding", "info"]]);
    expect(on(r, "C3").map((f) => [f.rule, f.severity])).toEqual([["sum-mismatch", "error"]]);
  });

  test("exact (0): the rounding difference becomes an error that says the comparison is exact", () => {
    const r = check([Decimal.ZERO]);
    const [f] = on(r, "C2");
    expect([f.rule, f.severity]).toEqual(["sum-mismatch", "error"]);
    expect(f.tolerance).toMatchObject({ basis: "exact" });
    expect(f.tolerance!.value.toString()).toBe("0");
    expect(describeTolerance(f.tolerance, "zh")).toBe("不允许误差（精确比较）");
  });

  test("widened to 5: the 4.7 difference is info, within the tolerance set, and says so", () => {
    const r = check([undefined, Decimal.fromInt(5)]);
    const [f] = on(r, "C3");
    expect([f.rule, f.severity]).toEqual(["sum-rounding", "info"]);
    expect(f.tolerance).toMatchObject({ basis: "user" });
    expect(renderMessage(f, "zh")).toMatch(/在设定的允许误差内；允许 ±5 的误差（用户设定）$/);
    expect(renderMessage(f, "en")).toMatch(
      /within the difference allowed; difference allowed: ±5 \(set by the user\)$/,
    );
    // The other indicator keeps its rounding tolerance.
    expect(on(r, "C2")[0].tolerance).toMatchObject({ basis: "shown-precision" });
  });

  test("tightened below the difference: an error, however many values are rounded", () => {
    const r = check([undefined, Decimal.parse("4.6")!]);
    expect(on(r, "C3").map((f) => [f.rule, f.severity])).toEqual([["sum-mismatch", "error"]]);
  });

  test("an equal sum passes under any tolerance, and the passed check states it", () => {
    const wb = workbook(
      sheet("表", [
        ["序号", "指标名称", "全市目标", ...THREE],
        [1, "地区生产总值(亿元)", 90.3, 30.1, 30.1, 30.1],
      ]),
    );
    const maps = withTolerance(detectWorkbook(wb).maps, 0, Decimal.ZERO);
    const r = checkMaps(wb, maps);
    expect(r.findings).toEqual([]);
    expect(r.passed.find((p) => p.rule === "sum-mismatch")!.tolerance).toMatchObject({ basis: "exact" });
  });
});

describe("the table map carries it", () => {
  test("round trip: written as decimal text, read back as the same decimal", () => {
    const wb = book();
    const maps = withTolerance(detectWorkbook(wb).maps, 1, Decimal.parse("0.25")!);
    const doc = toMapDocument(maps);
    expect(doc.tables[0].indicators.map((i) => i.tolerance)).toEqual([undefined, "0.25"]);
    const back = fromMapDocument(JSON.parse(JSON.stringify(doc)), wb);
    if (!back.ok) throw new Error(back.problem);
    expect((back.maps[0] as SplitTable).indicators.map((i) => i.tolerance?.toString())).toEqual([
      undefined,
      "0.25",
    ]);
  });

  test.each([
    [0, "0"],
    ["0", "0"],
    [2.5, "2.5"],
    [" 10 ", "10"],
  ])("tolerance %j reads as %s", (given, want) => {
    const wb = book();
    const doc = toMapDocument(detectWorkbook(wb).maps);
    (doc.tables[0].indicators[0] as { tolerance?: unknown }).tolerance = given;
    const back = fromMapDocument(doc, wb);
    if (!back.ok) throw new Error(back.problem);
    expect(back.maps[0].indicators[0].tolerance?.toString()).toBe(want);
  });

  test.each([[-1], ["abc"], [true], ["1".repeat(50)]])("tolerance %j is refused with its path", (given) => {
    const wb = book();
    const doc = toMapDocument(detectWorkbook(wb).maps);
    (doc.tables[0].indicators[0] as { tolerance?: unknown }).tolerance = given;
    const back = fromMapDocument(doc, wb);
    expect(back).toMatchObject({ ok: false, path: "tables[0].indicators[0].tolerance" });
  });
});
