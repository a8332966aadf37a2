/**
 * The .xlsx door against hostile packages (issue 8): what the bad-input corpus found, pinned down
 * at the reader. Each case once hung, ran out of memory or gave an answer that was not the file's.
 */
import { readXlsx } from "../../src/cli/xlsx/read";
import { scanSheet, type ScanContext } from "../../src/cli/xlsx/sheetScanner";
import { EMPTY_STYLES } from "../../src/cli/xlsx/styles";
import { handWorkbook } from "../cli/xlsx/workbooks";

function ctx(maxCells = 10_000_000): ScanContext {
  return {
    sharedStrings: [],
    styles: EMPTY_STYLES,
    budget: { cellsLeft: maxCells, maxCells },
    date1904: false,
  };
}
const scan = (sheetData: string, before = "", maxCells?: number) =>
  scanSheet(`<worksheet>${before}<sheetData>${sheetData}</sheetData></worksheet>`, "S", ctx(maxCells));

function problem(bytes: Uint8Array): string {
  const r = readXlsx(bytes);
  return r.ok ? "ok" : `${r.problem.code}: ${r.problem.detail}`;
}

describe("cells outside Excel's grid (XFD1048576) are a damaged file, not a 2^31-row grid", () => {
  test.each([
    ["row 1,048,577", `<row r="1048577"><c r="A1048577"><v>1</v></c></row>`],
    ["row 2^31", `<row r="2147483648"><c r="A2147483648"><v>1</v></c></row>`],
    ["row 2^32 + 1", `<row r="4294967297"><c r="A4294967297"><v>1</v></c></row>`],
    ["column XFE", `<row r="1"><c r="XFE1"><v>1</v></c></row>`],
    ["column ZZZZ", `<row r="1"><c r="ZZZZ1"><v>1</v></c></row>`],
    ["a 40-digit row", `<row r="1"><c r="A${"9".repeat(40)}"><v>1</v></c></row>`],
    [
      "a row with no r after row 1,048,576",
      `<row r="1048576"><c><v>1</v></c></row><row><c><v>2</v></c></row>`,
    ],
  ])("%s: CORRUPT", (_, data) => {
    const bytes = handWorkbook({ sheets: [{ name: "S", body: `<sheetData>${data}</sheetData>` }] });
    expect(problem(bytes)).toMatch(/^CORRUPT: .*outside Excel's grid/);
  });

  test("the last cell itself is fine, and the grid stays sparse", () => {
    const grid = scan(`<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>`);
    expect(grid.values.length).toBe(1048576);
    expect(grid.values[1048575][16383]).toBe(7);
    expect(Object.keys(grid.values)).toEqual(["1048575"]);
  });
});

describe("legacy array formulas over absurd ranges", () => {
  test("a range over the whole sheet is given only to the cells the sheet holds", () => {
    const start = Date.now();
    const grid = scan(
      `<row r="1"><c r="A1"><f t="array" ref="A1:XFD1048576">1</f><v>1</v></c><c r="B1"><v>2</v></c></row>` +
        `<row r="3"><c r="C3"><v>3</v></c></row>`,
    );
    expect(Date.now() - start).toBeLessThan(2000);
    expect(grid.formulas![0][0]).toBe("1");
    expect(grid.formulas![0][1]).toBe("1");
    expect(grid.formulas![2][2]).toBe("1");
    expect(grid.formulas![1]).toBeUndefined();
    expect(grid.formulas![0][2]).toBeUndefined();
  });

  test("the clipped range counts against the cell budget", () => {
    const row = (r: number) => `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`;
    const data = `<row r="1"><c r="A1"><f t="array" ref="A1:XFD1048576">1</f><v>1</v></c></row>${row(2)}${row(1000)}`;
    expect(() => scan(data, "", 1_000_000)).toThrow(/array formula .* more than 1000000 cells/);
    // An ordinary array of a few cells is filled as before.
    const small = scan(
      `<row r="1"><c r="A1"><f t="array" ref="A1:A2">B1*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>4</v></c></row>`,
    );
    expect(small.formulas![1][0]).toBe("B1*2");
  });
});

test("hidden columns from -1,000,000,000 to 2^31 are clamped to Excel's 16,384", () => {
  const start = Date.now();
  const grid = scan(
    `<row r="1"><c r="A1"><v>1</v></c></row>`,
    `<cols><col min="-1000000000" max="2147483647" hidden="1"/></cols>`,
  );
  expect(Date.now() - start).toBeLessThan(1000);
  expect(grid.hiddenColumns!.size).toBe(16384);
  expect(grid.hiddenColumns!.has(0)).toBe(true);
  expect(grid.hiddenColumns!.has(16383)).toBe(true);
});

test("a <v> that is not an xsd:double reads as NaN (the engine's #NUM!), not as Number()'s guess", () => {
  const values = (texts: string[]) =>
    scan(
      `<row r="1">${texts.map((t, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${t}</v></c>`).join("")}</row>`,
    ).values[0];
  expect(values(["0x10", "0b1", " ", "1,5", "12abc"]).every((v) => Number.isNaN(v))).toBe(true);
  expect(values(["1e308", "-1E-5", " 12 ", "INF", "-INF", "12345678901234567", ".5"])).toEqual([
    1e308,
    -1e-5,
    12,
    Infinity,
    -Infinity,
    Number("12345678901234567"),
    0.5,
  ]);
});

describe("ambiguous packages are refused, not read one way of two", () => {
  test("two zip entries of one part name (OPC names are case-insensitive)", () => {
    const dup = handWorkbook({
      sheets: [{ name: "S", body: `<sheetData/>` }],
      extra: { "xl/worksheets/Sheet1.xml": `<worksheet><sheetData/></worksheet>` },
    });
    expect(problem(dup)).toMatch(/^CORRUPT: the zip holds two entries named xl\/worksheets\/Sheet1\.xml/);
  });

  test("two sheets of one name (compared without case, as Excel does)", () => {
    const sheets = (a: string, b: string) =>
      handWorkbook({
        sheets: [
          { name: a, body: `<sheetData/>` },
          { name: b, body: `<sheetData/>` },
        ],
      });
    expect(problem(sheets("分解表", "分解表"))).toMatch(/^CORRUPT: two sheets are named "分解表"/);
    expect(problem(sheets("Sheet1", "SHEET1"))).toMatch(/^CORRUPT: two sheets are named "SHEET1"/);
    expect(problem(sheets("分解表", "分解表2"))).toBe("ok");
  });
});

test("DTD entities are never expanded, internal or external", () => {
  const laughs =
    `<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">` +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i ? i : ""};`.repeat(10)}">`).join("") +
    `<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;
  const bytes = handWorkbook({
    sheets: [
      {
        name: "S",
        body: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c><c r="B1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>`,
        root: (body) =>
          `${laughs}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</worksheet>`,
      },
    ],
  });
  const r = readXlsx(bytes);
  if (!r.ok) throw new Error(r.problem.detail);
  expect(r.workbook.sheets[0].values[0]).toEqual(["&a9;", "&xxe;"]);
});
