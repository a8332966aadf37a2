import fc from "fast-check";
import { delimitedSheet, plainNumber, readDelimitedTable, sheetNameFor } from "../../../src/core/csv";
import { writesDecimalComma } from "../../../src/core/csv/sheet";
import { parseCell } from "../../../src/core/parse/cellText";
import type { NumberCell } from "../../../src/core/cell";

describe("delimitedSheet: cells as typed into Excel", () => {
  test("plain decimals become numbers with the decimals written; everything else stays text", () => {
    const sheet = delimitedSheet(
      [
        ["指标", "全市", "甲区", "乙区", "丙区", "", ""],
        ["GDP", "3.50", "1.2", "-0.3", "12", "", ""],
        ["企业", "1.7万", "超500", "-", "1,234", "3.5%", "007"],
        ["", " 42 ", "1e5", "+5", ".5", "12345678901234567", "#REF!"],
      ],
      "表",
    );
    expect(sheet.values).toEqual([
      ["指标", "全市", "甲区", "乙区", "丙区"],
      ["GDP", 3.5, 1.2, -0.3, 12],
      ["企业", "1.7万", "超500", "-", "1,234", "3.5%", "007"],
      [undefined, 42, "1e5", "+5", ".5", "12345678901234567", "#REF!"],
    ]);
    expect(sheet.numberFormats?.[1]).toEqual([undefined, "0.00", "0.0", "0.0"]);
    expect(sheet.numberFormats?.[3]).toBeUndefined();
  });

  test("plainNumber: at most 15 significant digits, no leading zeros, minus zero is zero", () => {
    expect(plainNumber("123456789012345")).toEqual({ value: 123456789012345, decimals: 0 });
    expect(plainNumber("1234567890123456")).toBeUndefined();
    expect(plainNumber("0.000000000000001")).toEqual({ value: 1e-15, decimals: 15 });
    expect(plainNumber("-0.00")).toEqual({ value: 0, decimals: 2 });
    expect(Object.is(plainNumber("-0")!.value, 0)).toBe(true);
    expect(plainNumber("00")).toBeUndefined();
    expect(plainNumber("")).toBeUndefined();
  });

  test("a number read from the CSV means what its text meant to the engine: same value, same shown decimals", () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 6 }))
      .map(([neg, units, scale]) => {
        const digits = units.toString().padStart(scale + 1, "0");
        const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
        return (neg && units !== 0n ? "-" : "") + text;
      })
      .filter((t) => plainNumber(t) !== undefined);
    fc.assert(
      fc.property(decimal, (text) => {
        const sheet = delimitedSheet([[text]], "s");
        const fromGrid = parseCell(sheet.values[0][0], {
          numberFormat: sheet.numberFormats?.[0]?.[0] ?? undefined,
        });
        const fromText = parseCell(text);
        return (
          fromGrid.kind === "number" &&
          fromText.kind === "number" &&
          (fromGrid as NumberCell).value.eq((fromText as NumberCell).value) &&
          (fromGrid as NumberCell).shownDecimals === (fromText as NumberCell).shownDecimals
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe("sheetNameFor", () => {
  test("the file's name without extension, made a legal sheet name", () => {
    expect(sheetNameFor("杭州 2024.csv")).toBe("杭州 2024");
    expect(sheetNameFor("a[1]:b*?.csv")).toBe("a_1__b__");
    expect(sheetNameFor("'quoted'.csv")).toBe("quoted");
    expect(
      sheetNameFor("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三.tsv"),
    ).toHaveLength(31);
    expect(sheetNameFor("''.csv")).toBe("Sheet1");
    expect(sheetNameFor("History.csv")).toBe("History_1");
    expect(sheetNameFor("_tdcheck.csv")).toBe("_tdcheck_1");
  });
});

describe("readDelimitedTable", () => {
  const bytes = (t: string) => new TextEncoder().encode(t);
  test("bytes → one sheet named after the file, with how it was read", () => {
    const r = readDelimitedTable(bytes("指标\t全市\t甲区\n企业\t3\t3\n"), { fileName: "plan.tsv" });
    expect(r).toMatchObject({
      ok: true,
      source: { encoding: "utf-8", bom: false, delimiter: "\t", rows: 2 },
    });
    expect(r.ok && r.workbook.sheets.map((s) => s.name)).toEqual(["plan"]);
  });

  test("problems are values: empty, unterminated quote, too many cells, unknown encoding", () => {
    expect(readDelimitedTable(bytes("\r\n\r\n"), { fileName: "x.csv" })).toEqual({
      ok: false,
      problem: { code: "EMPTY" },
    });
    expect(readDelimitedTable(bytes('a,b\n"c,d\n'), { fileName: "x.csv" })).toEqual({
      ok: false,
      problem: { code: "UNTERMINATED_QUOTE", line: 2 },
    });
    expect(readDelimitedTable(bytes("1,2,3\n"), { fileName: "x.csv", maxCells: 2 })).toEqual({
      ok: false,
      problem: { code: "TOO_MANY_CELLS", maxCells: 2 },
    });
    const noise = Uint8Array.from({ length: 300 }, (_, i) => 0xa1 + ((i * 53) % 94));
    expect(readDelimitedTable(noise, { fileName: "x.csv" })).toEqual({
      ok: false,
      problem: { code: "UNKNOWN_ENCODING", tried: ["utf-8", "gb18030", "big5"] },
    });
  });
});

test("semicolon files from comma-decimal locales: 50,5 and 1.234,5 are numbers", () => {
  const rows = [
    ["Region", "Staff", "Budget (EUR k)"],
    ["Total", "100", "1.250,5"],
    ["North", "60", "30,2"],
  ];
  expect(writesDecimalComma(rows)).toBe(true);
  const grid = delimitedSheet(rows, "t", { decimalComma: true });
  expect(grid.values[1][2]).toBe(1250.5);
  expect(grid.values[2][2]).toBe(30.2);
  expect(grid.numberFormats?.[2]?.[2]).toBe("0.0");
  // A file that writes a dot decimal anywhere keeps commas as they are.
  expect(
    writesDecimalComma([
      ["a", "1,5"],
      ["b", "2.5"],
    ]),
  ).toBe(false);
});
