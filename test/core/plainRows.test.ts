/**
 * The fast lane (ParsedRow.plainChildren) reads a row's stored numbers straight from the grid.
 * It must agree with parsing each cell: the same exact sum, count of numbers and blanks, and most
 * decimals shown — and step aside (null) whenever a cell is anything else.
 */
import fc from "fast-check";
import { Decimal } from "../../src/core/decimal";
import { detectWorkbook } from "../../src/core/check";
import { sheetView } from "../../src/core/detect/view";
import type { RawValue } from "../../src/core/grid";
import type { SplitTable } from "../../src/core/model";
import { parseSplits, type ParsedRow, type PlainChildren } from "../../src/core/table";
import { sheet, workbook } from "../helpers/grid";
import { NINE } from "../helpers/split";

interface Cell {
  raw: RawValue;
  format?: string;
}

const unitName = (i: number) => NINE[i % NINE.length] + (i >= NINE.length ? String(i) : "");

/** One table (header, one indicator row) with the given children; its parsed row. */
function rowOf(children: Cell[], measure = "亿元"): ParsedRow {
  const units = children.map((_, i) => unitName(i));
  const values: RawValue[][] = [
    ["序号", "指标名称", "全市目标", ...units],
    [1, `地区生产总值(${measure})`, 1000, ...children.map((c) => c.raw)],
  ];
  const formats = [[], [undefined, undefined, undefined, ...children.map((c) => c.format)]];
  const grid = sheet("表", values, { numberFormats: formats });
  const { maps } = detectWorkbook(workbook(grid));
  const map = maps[0] as SplitTable;
  expect(map.splits[0].children).toHaveLength(children.length);
  return parseSplits(sheetView(grid, map.orientation), map)[0].rows[0];
}

/** The same with units in rows (a 地区 column, one column per indicator): both indicators' rows. */
function unitsInRows(first: Cell[], second: Cell[]): ParsedRow[] {
  const values: RawValue[][] = [
    ["地区", "地区生产总值(亿元)", "投资额(亿元)"],
    ["全市", 1000, 1000],
  ];
  const formats: (string | undefined)[][] = [[], []];
  first.forEach((c, i) => {
    values.push([unitName(i), c.raw, second[i].raw]);
    formats.push([undefined, c.format, second[i].format]);
  });
  const grid = sheet("表", values, { numberFormats: formats });
  const map = detectWorkbook(workbook(grid)).maps[0] as SplitTable;
  expect(map.orientation).toBe("units-in-rows");
  expect(map.splits[0].children).toHaveLength(first.length);
  return parseSplits(sheetView(grid, map.orientation), map)[0].rows;
}

/** The fast lane's answer in fromCells' terms: the values it keeps are each child's number (NaN: blank). */
function summary(plain: PlainChildren) {
  const { values, ...rest } = plain;
  return {
    ...rest,
    sum: rest.sum.toString(),
    values: [...values].map((v) => (Number.isNaN(v) ? null : v + 0)),
  };
}

/** What the parsed cells say, the way sum-mismatch's general path reads them. */
function fromCells(row: ParsedRow) {
  const numbers = row.children.filter((c) => c.kind === "number");
  return {
    count: numbers.length,
    blanks: row.children.filter((c) => c.kind === "empty").length,
    sum: Decimal.sum(numbers.map((c) => c.value)).toString(),
    decimals: Math.max(0, ...numbers.map((c) => c.shownDecimals)),
    values: row.children.map((c) => (c.kind === "number" ? c.value.toNumber() : null)),
  };
}

/** Numbers as planners store them: up to a million, up to six decimals. */
const modest = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc
    .integer({ min: -99_999_999, max: 99_999_999 })
    .chain((u) => fc.integer({ min: 1, max: 6 }).map((k) => Number((u / 10 ** k).toFixed(k)))),
  fc.constantFrom(-0, 5e-6, 0.5),
);
/** Anything up to 15 significant digits, where the sum at the finest scale may leave 2^53. */
const wide = fc.oneof(
  modest,
  fc
    .integer({ min: -99_999_999, max: 99_999_999 })
    .chain((u) => fc.integer({ min: 1, max: 8 }).map((k) => Number((u / 10 ** k).toFixed(k)))),
  fc.constantFrom(1e15, 2 ** 53 - 1, 123456789.123456, 5e-7),
);
const format = fc.constantFrom(undefined, "General", "0", "0.0", "0.00", "#,##0.0", "0.0#", "@");
const blank = fc.constantFrom<Cell>({ raw: undefined }, { raw: null }, { raw: "" });
const cells = (n: fc.Arbitrary<number>) =>
  fc.array(
    fc.oneof({ weight: 8, arbitrary: fc.record({ raw: n, format }) }, { weight: 1, arbitrary: blank }),
    { minLength: 2, maxLength: 12 },
  );

describe("plain rows: sums read from the grid equal the sums of parsed cells", () => {
  test("numbers as planners store them, any number formats, blanks: always the fast lane", () => {
    fc.assert(
      fc.property(cells(modest), (children) => {
        const row = rowOf(children);
        const plain = row.plainChildren();
        expect(plain).not.toBeNull();
        expect(summary(plain!)).toEqual(fromCells(row));
      }),
      { numRuns: 300 },
    );
  });

  test("up to 15 significant digits: where the fast lane answers, it agrees", () => {
    let answered = 0;
    fc.assert(
      fc.property(cells(wide), (children) => {
        const row = rowOf(children);
        const plain = row.plainChildren();
        if (!plain) return;
        answered++;
        expect(summary(plain)).toEqual(fromCells(row));
      }),
      { numRuns: 300 },
    );
    // About a third of such rows leave 2^53 at their finest scale (≈110 of 300 answer; 50 is far below).
    expect(answered).toBeGreaterThan(50);
  });

  test("units in rows: every indicator's sum read in one pass along the children agrees", () => {
    fc.assert(
      fc.property(cells(modest), cells(wide), (a, b) => {
        const n = Math.min(a.length, b.length);
        const rows = unitsInRows(a.slice(0, n), b.slice(0, n));
        for (const row of rows) {
          const plain = row.plainChildren();
          if (!plain) continue;
          expect(summary(plain)).toEqual(fromCells(row));
        }
        expect(rows[0].plainChildren()).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  test("sums beyond a double's exact integers are still exact (through the parsed cells)", () => {
    // 15 significant digits each (Excel's precision), their sum past 2^53.
    const row = rowOf([{ raw: 8999999999999990 }, { raw: 8999999999999990 }, { raw: 0.5 }]);
    expect(row.plainChildren()).toBeNull();
    expect(fromCells(row).sum).toBe("17999999999999980.5");
  });

  test.each<[string, Cell]>([
    ["text", { raw: "12.5" }],
    ["a dash", { raw: "-" }],
    ["an error", { raw: { error: "#REF!" } }],
    ["a percent format", { raw: 0.25, format: "0.0%" }],
    ["TRUE", { raw: true }],
    ["a number with more than 15 significant digits", { raw: 0.1 + 0.2 }],
    ["a third", { raw: 1 / 3 }],
  ])("a child holding %s sends the row through its parsed cells", (_, odd) => {
    const row = rowOf([{ raw: 1 }, odd, { raw: 2 }]);
    expect(row.plainChildren()).toBeNull();
  });
});
