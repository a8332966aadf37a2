import fc from "fast-check";
import { strToU8, zipSync, type Zippable } from "fflate";
import xmllint from "xmllint-wasm";
import { Decimal } from "../../../src/core/decimal";
import type { SheetGrid } from "../../../src/core/grid";
import { readXlsx } from "../../../src/cli/xlsx/read";
import {
  setFullCalcOnLoad,
  writeCellValues,
  type ValueWrite,
  type WriteValuesOptions,
} from "../../../src/cli/xlsx/writeValues";
import {
  excelWorkbook,
  handWorkbook,
  loadWithExcelJS,
  partsOf,
  rawEntries,
  type HandWorkbook,
} from "./workbooks";

const d = (s: string): Decimal => Decimal.parse(s)!;
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function written(bytes: Uint8Array, sheet: string, writes: ValueWrite[], options: WriteValuesOptions = {}) {
  const r = writeCellValues(bytes, sheet, writes, options);
  if (!r.ok) throw new Error(`${r.problem.code}: ${r.problem.detail}`);
  return r;
}

function grid(bytes: Uint8Array, name = "S"): SheetGrid {
  const r = readXlsx(bytes);
  if (!r.ok) throw new Error(r.problem.detail);
  return r.workbook.sheets.find((s) => s.name === name)!;
}

function sheetXml(bytes: Uint8Array, n = 1): string {
  return partsOf(bytes).get(`xl/worksheets/sheet${n}.xml`)!;
}

/** Every entry other than `changed` (and `removed`) is byte-identical and in the same order. */
function expectOthersIdentical(
  input: Uint8Array,
  output: Uint8Array,
  changed: string[],
  removed: string[] = [],
): void {
  const before = rawEntries(input).filter((e) => !removed.includes(e.name));
  const after = rawEntries(output);
  expect(after.map((e) => e.name)).toEqual(before.map((e) => e.name));
  for (const e of before) {
    if (changed.includes(e.name)) continue;
    const out = after.find((a) => a.name === e.name)!;
    expect(Buffer.from(out.local).equals(Buffer.from(e.local))).toBe(true);
  }
}

async function expectWellFormed(xml: string): Promise<void> {
  const result = await xmllint.validateXML({
    xml: [{ fileName: "part.xml", contents: xml }],
    normalization: "c14n",
  });
  expect(result.errors).toEqual([]);
}

const STYLES_WITH_FORMATS =
  `<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`;

function book(body: string, extra: Partial<HandWorkbook> = {}): Uint8Array {
  return handWorkbook({
    sheets: [
      { name: "S", body },
      { name: "Other", body: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` },
    ],
    styles: STYLES_WITH_FORMATS,
    ...extra,
  });
}

describe("writeCellValues", () => {
  const body =
    `<dimension ref="A1:D3"/><sheetData>` +
    `<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>3.1</v></c><c r="C1" s="1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>12</t></is></c></row>` +
    `<row r="3" spans="1:4"><c r="A3" t="b"><v>1</v></c><c r="B3" t="e"><v>#REF!</v></c><c r="D3" s="2"><v>0.25</v></c></row>` +
    `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  const input = book(body, { sharedStrings: ["名称", "14.7"] });

  test("numbers, shared strings, inline strings, booleans and errors all become exact numbers; styles stay", async () => {
    const r = written(input, "S", [
      { cell: "B1", value: d("3.3") },
      { cell: "C1", value: d("15.6") },
      { cell: "D1", value: d("-0.000001") },
      { cell: "A3", value: d("316") },
      { cell: "B3", value: d("1234567.891") },
      { cell: "D3", value: d("0.26") },
    ]);
    expect(r.cells).toEqual(["B1", "C1", "D1", "A3", "B3", "D3"]);
    const xml = sheetXml(r.bytes);
    expect(xml).toContain(`<c r="B1" s="1"><v>3.3</v></c>`);
    expect(xml).toContain(`<c r="C1" s="1"><v>15.6</v></c>`);
    expect(xml).toContain(`<c r="D1"><v>-0.000001</v></c>`);
    expect(xml).toContain(`<c r="A3"><v>316</v></c>`);
    expect(xml).toContain(`<c r="B3"><v>1234567.891</v></c>`);
    expect(xml).toContain(`<c r="D3" s="2"><v>0.26</v></c>`);
    // Untouched cells keep their exact text.
    expect(xml).toContain(`<c r="A1" t="s"><v>0</v></c>`);
    const g = grid(r.bytes);
    expect(g.values[0]).toEqual(["名称", 3.3, 15.6, -0.000001]);
    expect(g.values[2]).toEqual([316, 1234567.891, undefined, 0.26]);
    expect(g.numberFormats?.[0][1]).toBe("0.0");
    expect(g.numberFormats?.[2][3]).toBe("0.00%");
    // Only the sheet changed; shared strings, styles, the other sheet are byte-identical.
    expect(r.changed).toEqual(["xl/worksheets/sheet1.xml"]);
    expectOthersIdentical(input, r.bytes, r.changed);
    await expectWellFormed(xml);
    const wb = await loadWithExcelJS(r.bytes);
    expect(wb.getWorksheet("S")!.getCell("C1").value).toBe(15.6);
  });

  test("missing cells and rows are created in order, with the column's or the row's style; spans and dimension grow", async () => {
    const b =
      `<dimension ref="B2:C4"/><cols><col min="5" max="6" width="9" style="1" customWidth="1"/></cols><sheetData>` +
      `<row r="2" spans="2:3"><c r="B2"><v>1</v></c><c r="C2"><v>2</v></c></row>` +
      `<row r="4" spans="2:3" s="2" customFormat="1"><c r="C4"><v>4</v></c></row>` +
      `<row r="5"/>` +
      `</sheetData>`;
    const src = book(b);
    const r = written(src, "S", [
      { cell: "A2", value: d("0.5") },
      { cell: "E2", value: d("5") },
      { cell: "D2", value: d("4") },
      { cell: "B4", value: d("3") },
      { cell: "C3", value: d("7") },
      { cell: "F1", value: d("9") },
      { cell: "A5", value: d("1") },
      { cell: "B9", value: d("8") },
    ]);
    const xml = sheetXml(r.bytes);
    expect(xml).toContain(`<dimension ref="A1:F9"/>`);
    expect(xml).toContain(
      `<row r="1"><c r="F1" s="1"><v>9</v></c></row>` +
        `<row r="2" spans="1:5"><c r="A2"><v>0.5</v></c><c r="B2"><v>1</v></c><c r="C2"><v>2</v></c><c r="D2"><v>4</v></c><c r="E2" s="1"><v>5</v></c></row>` +
        `<row r="3"><c r="C3"><v>7</v></c></row>` +
        `<row r="4" spans="2:3" s="2" customFormat="1"><c r="B4" s="2"><v>3</v></c><c r="C4"><v>4</v></c></row>` +
        `<row r="5"><c r="A5"><v>1</v></c></row>` +
        `<row r="9"><c r="B9"><v>8</v></c></row></sheetData>`,
    );
    const g = grid(r.bytes);
    expect(g.values[1]).toEqual([0.5, 1, 2, 4, 5]);
    expect(g.values[8]?.[1]).toBe(8);
    await expectWellFormed(xml);
    expect((await loadWithExcelJS(r.bytes)).getWorksheet("S")!.getCell("E2").value).toBe(5);
  });

  test("an empty <sheetData/> and a prefixed worksheet are written in their own style", () => {
    const empty = written(book(`<sheetData/>`), "S", [{ cell: "B2", value: d("2.5") }]);
    expect(sheetXml(empty.bytes)).toContain(
      `<sheetData><row r="2"><c r="B2"><v>2.5</v></c></row></sheetData>`,
    );
    const prefixed = handWorkbook({
      sheets: [
        {
          name: "S",
          body: `<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>`,
          root: (inner) =>
            `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${inner}</x:worksheet>`,
        },
      ],
    });
    const r = written(prefixed, "S", [
      { cell: "A1", value: d("2") },
      { cell: "B1", value: d("3") },
    ]);
    expect(sheetXml(r.bytes)).toContain(
      `<x:row r="1"><x:c r="A1"><x:v>2</x:v></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row>`,
    );
    expect(grid(r.bytes).values[0]).toEqual([2, 3]);
  });

  test("a cell's own extLst is kept; its phonetic and value-metadata attributes follow the rules", () => {
    const src = book(
      `<sheetData><row r="1"><c r="A1" vm="1" ph="1"><v>1</v><extLst><ext uri="{X}"><y/></ext></extLst></c><c r="B1"><v>2</v><extLst/></c></row></sheetData>`,
    );
    const r = written(src, "S", [
      { cell: "A1", value: d("5") },
      { cell: "B1", value: d("6") },
    ]);
    expect(sheetXml(r.bytes)).toContain(
      `<c r="A1" ph="1"><v>5</v><extLst><ext uri="{X}"><y/></ext></extLst></c><c r="B1"><v>6</v><extLst/></c>`,
    );
  });

  test("a sheet cut short at any point gives a result or a problem, never an exception", () => {
    const full = `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>A1</f><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData>`;
    for (let cut = 0; cut < full.length; cut += 3) {
      const src = book(full.slice(0, cut), { sharedStrings: ["x"] });
      const r = writeCellValues(src, "S", [{ cell: "A2", value: d("3") }]);
      if (!r.ok) expect(typeof r.problem.code).toBe("string");
    }
  });

  test("cells and rows without r attributes are found by position", () => {
    const src = book(
      `<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData>`,
    );
    const r = written(src, "S", [
      { cell: "B1", value: d("20") },
      { cell: "A2", value: d("30") },
      { cell: "C2", value: d("40") },
    ]);
    expect(grid(r.bytes).values).toEqual([
      [1, 20],
      [30, undefined, 40],
    ]);
  });
});

describe("formulas", () => {
  const calcChain = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="C1" i="1"/><c r="B2"/></calcChain>`;
  const withChain = (body: string): Uint8Array => {
    const bytes = book(body, {
      extra: { "xl/calcChain.xml": calcChain },
      overrides: [
        {
          part: "xl/calcChain.xml",
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
        },
      ],
    });
    // Add the workbook's relationship to the chain (the hand-built package has none).
    return rezip(partsOf(bytes), (name, text) =>
      name === "xl/_rels/workbook.xml.rels"
        ? text.replace(
            "</Relationships>",
            `<Relationship Id="rId99" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`,
          )
        : text,
    );
  };
  const body =
    `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1" s="1"><f>A1+B1</f><v>3</v></c></row>` +
    `<row r="2"><c r="A2"><v>5</v></c><c r="B2" t="str"><f>"x"&amp;A2</f><v>x5</v></c></row></sheetData>`;

  test("a formula cell is refused, listing every formula cell, unless overwriteFormulas", () => {
    const src = withChain(body);
    const r = writeCellValues(src, "S", [
      { cell: "A1", value: d("9") },
      { cell: "C1", value: d("10") },
      { cell: "B2", value: d("11") },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.code).toBe("FORMULA_CELLS");
    expect(r.problem.cells).toEqual(["C1", "B2"]);
  });

  test("with overwriteFormulas: <f> and t go, s stays; calcChain, its relationship and override are dropped; Excel recalculates on open", async () => {
    const src = withChain(body);
    const r = written(src, "S", [{ cell: "C1", value: d("10") }], { overwriteFormulas: true });
    expect(r.removedFormulas).toEqual(["C1"]);
    expect(r.removed).toEqual(["xl/calcChain.xml"]);
    const parts = partsOf(r.bytes);
    expect(parts.has("xl/calcChain.xml")).toBe(false);
    expect(parts.get("xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(parts.get("[Content_Types].xml")).not.toContain("calcChain");
    expect(sheetXml(r.bytes)).toContain(`<c r="C1" s="1"><v>10</v></c>`);
    // B2 still has a formula, so the workbook asks for a full recalculation.
    expect(r.fullCalcOnLoad).toBe(true);
    expect(parts.get("xl/workbook.xml")).toContain(`<calcPr fullCalcOnLoad="1"/>`);
    const g = grid(r.bytes);
    expect(g.formulas?.[0]?.[2]).toBeUndefined();
    expect(g.formulas?.[1]?.[1]).toBe(`"x"&A2`);
    expect(g.values[0][2]).toBe(10);
    expectOthersIdentical(
      src,
      r.bytes,
      ["xl/worksheets/sheet1.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/workbook.xml"],
      ["xl/calcChain.xml"],
    );
    await expectWellFormed(parts.get("xl/workbook.xml")!);
    await loadWithExcelJS(r.bytes);
  });

  test("writing plain cells next to formulas keeps calcChain byte-identical and only sets fullCalcOnLoad", () => {
    const src = withChain(body);
    const r = written(src, "S", [{ cell: "A1", value: d("7") }]);
    expect(r.removed).toEqual([]);
    expect(r.fullCalcOnLoad).toBe(true);
    expectOthersIdentical(src, r.bytes, ["xl/worksheets/sheet1.xml", "xl/workbook.xml"]);
  });

  test("a workbook without formulas keeps workbook.xml byte-identical", () => {
    const src = book(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`);
    const r = written(src, "S", [{ cell: "A1", value: d("2") }]);
    expect(r.fullCalcOnLoad).toBe(false);
    expect(r.changed).toEqual(["xl/worksheets/sheet1.xml"]);
  });

  test("fullCalcOnLoad: added to an existing calcPr, or a new calcPr placed after definedNames", () => {
    const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
    expect(
      setFullCalcOnLoad(`<workbook ${ns}><sheets><sheet/></sheets><calcPr calcId="191029"/></workbook>`),
    ).toBe(
      `<workbook ${ns}><sheets><sheet/></sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`,
    );
    expect(setFullCalcOnLoad(`<workbook><sheets/><calcPr fullCalcOnLoad="0"></calcPr></workbook>`)).toBe(
      `<workbook><sheets/><calcPr fullCalcOnLoad="1"></calcPr></workbook>`,
    );
    const same = `<workbook><sheets/><calcPr fullCalcOnLoad="1"/></workbook>`;
    expect(setFullCalcOnLoad(same)).toBe(same);
    expect(
      setFullCalcOnLoad(
        `<workbook><sheets><sheet/></sheets><definedNames><definedName name="a">S!A1</definedName></definedNames><extLst/></workbook>`,
      ),
    ).toBe(
      `<workbook><sheets><sheet/></sheets><definedNames><definedName name="a">S!A1</definedName></definedNames><calcPr fullCalcOnLoad="1"/><extLst/></workbook>`,
    );
  });

  test("overwriting the master of a shared formula writes the group's other formulas out in full", () => {
    const shared =
      `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>` +
      `<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>` +
      `<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row></sheetData>`;
    const src = book(shared);
    const before = grid(src).formulas!;
    const r = written(src, "S", [{ cell: "B1", value: d("100") }], { overwriteFormulas: true });
    expect(r.unsharedFormulas).toEqual(["B2", "B3"]);
    const after = grid(r.bytes);
    expect(after.formulas?.[0]?.[1]).toBeUndefined();
    expect(after.formulas?.[1][1]).toBe(before[1][1]);
    expect(after.formulas?.[2][1]).toBe(before[2][1]);
    expect(after.formulas?.[2][1]).toBe("A3*2");
    expect(after.values[0][1]).toBe(100);
    // Overwriting a member alone just drops its <f>.
    const member = written(src, "S", [{ cell: "B2", value: d("7") }], { overwriteFormulas: true });
    expect(member.unsharedFormulas).toEqual([]);
    expect(grid(member.bytes).formulas?.[2][1]).toBe("A3*2");
  });

  test("a cell inside an array formula or a spill is refused even with overwriteFormulas", () => {
    const arrays =
      `<sheetData><row r="1"><c r="A1"><f t="array" ref="A1:A2">TRANSPOSE(B1:C1)</f><v>1</v></c><c r="B1"><v>1</v></c><c r="C1"><v>2</v></c>` +
      `<c r="D1" cm="1"><f t="array" ref="D1:D2">_xlfn.SEQUENCE(2)</f><v>1</v></c><c r="E1"><f t="array" ref="E1">SUM(B1:C1*2)</f><v>6</v></c></row>` +
      `<row r="2"><c r="A2"><v>2</v></c><c r="D2"><v>2</v></c></row></sheetData>`;
    const src = book(arrays);
    for (const cell of ["A1", "A2", "D2"]) {
      const r = writeCellValues(src, "S", [{ cell, value: d("5") }], { overwriteFormulas: true });
      expect(r.ok ? "ok" : r.problem.code).toBe("CANNOT_PRESERVE");
    }
    // A single-cell array formula is an ordinary formula cell.
    const single = written(src, "S", [{ cell: "E1", value: d("5") }], { overwriteFormulas: true });
    expect(sheetXml(single.bytes)).toContain(`<c r="E1"><v>5</v></c>`);
  });
});

describe("refusals and edge cases", () => {
  test("an unknown sheet or a bad address is BAD_PLAN; a protected sheet is PROTECTED; a broken file keeps its read problem", () => {
    const src = book(`<sheetData/>`);
    const code = (r: ReturnType<typeof writeCellValues>) => (r.ok ? "ok" : r.problem.code);
    expect(code(writeCellValues(src, "Nope", [{ cell: "A1", value: d("1") }]))).toBe("BAD_PLAN");
    expect(code(writeCellValues(src, "S", [{ cell: "A0", value: d("1") }]))).toBe("BAD_PLAN");
    expect(
      code(
        writeCellValues(src, "S", [
          { cell: "A1", value: d("1") },
          { cell: "$A$1", value: d("2") },
        ]),
      ),
    ).toBe("BAD_PLAN");
    const locked = book(`<sheetData/><sheetProtection sheet="1" objects="1"/>`);
    expect(code(writeCellValues(locked, "S", [{ cell: "A1", value: d("1") }]))).toBe("PROTECTED");
    expect(code(writeCellValues(new Uint8Array([1, 2, 3]), "S", []))).toBe("NOT_XLSX");
  });

  test("no writes: an identical copy; the input buffer is never modified", () => {
    const src = book(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`);
    const copy = src.slice();
    const r = written(src, "S", []);
    expect(Buffer.from(r.bytes).equals(Buffer.from(src))).toBe(true);
    written(src, "S", [{ cell: "A1", value: d("2") }]);
    expect(Buffer.from(src).equals(Buffer.from(copy))).toBe(true);
  });

  test("an exceljs workbook round-trips through a write", async () => {
    const src = await excelWorkbook((wb) => {
      const ws = wb.addWorksheet("分解表");
      ws.getCell("A1").value = "指标";
      ws.getCell("B1").value = 56.7;
      ws.getCell("B1").numFmt = "0.0";
      ws.getCell("C1").value = "-";
    });
    const r = written(src, "分解表", [
      { cell: "B1", value: d("60") },
      { cell: "C1", value: d("0.3") },
    ]);
    const ws = (await loadWithExcelJS(r.bytes)).getWorksheet("分解表")!;
    expect(ws.getCell("B1").value).toBe(60);
    expect(ws.getCell("B1").numFmt).toBe("0.0");
    expect(ws.getCell("C1").value).toBe(0.3);
    expect(ws.getCell("A1").value).toBe("指标");
  });
});

describe("property: exact decimals round-trip through readXlsx", () => {
  // Excel holds IEEE doubles: 15 significant digits are exact, which is what a target table needs.
  const decimal = fc
    .tuple(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 12 }))
    .map(([units, scale]) => Decimal.of(units, scale));
  const cell = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 12 }));
  const src = book(
    `<dimension ref="A1:C2"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1"><v>1.5</v></c></row><row r="2"><c r="B2"><f>C1*2</f><v>3</v></c></row></sheetData>`,
    { sharedStrings: ["名称"] },
  );

  test("any decimals written to any cells read back as exactly those decimals; nothing else changes", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(cell, decimal), {
          minLength: 1,
          maxLength: 12,
          selector: ([c]) => `${c[0]},${c[1]}`,
        }),
        (items) => {
          const writes = items
            .filter(([[r, c]]) => !(r === 1 && c === 1))
            .map(([[r, c], value]) => ({ cell: `${String.fromCharCode(65 + c)}${r + 1}`, value }));
          const r = writeCellValues(src, "S", writes);
          if (!r.ok) throw new Error(r.problem.detail);
          const g = grid(r.bytes);
          for (const w of writes) {
            const pos = { row: Number(w.cell.slice(1)) - 1, col: w.cell.charCodeAt(0) - 65 };
            const v = g.values[pos.row]?.[pos.col];
            expect(typeof v).toBe("number");
            expect(Decimal.fromNumber(v as number).eq(w.value)).toBe(true);
          }
          // Cells not written keep their values and the formula stays.
          if (!writes.some((w) => w.cell === "A1")) expect(g.values[0][0]).toBe("名称");
          expect(g.formulas?.[1][1]).toBe("C1*2");
          expectOthersIdentical(src, r.bytes, ["xl/worksheets/sheet1.xml", "xl/workbook.xml"]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** Re-zips text parts with an edit (for building test packages only). */
function rezip(parts: Map<string, string>, edit: (name: string, text: string) => string): Uint8Array {
  const files: Zippable = {};
  for (const [name, text] of parts) files[name] = strToU8(edit(name, text));
  return zipSync(files);
}
