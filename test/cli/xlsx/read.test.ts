import type { SheetGrid, WorkbookGrid } from "../../../src/core/grid";
import { readXlsx } from "../../../src/cli/xlsx/read";
import { excelWorkbook, handWorkbook } from "./workbooks";

function read(bytes: Uint8Array, options = {}): WorkbookGrid {
  const r = readXlsx(bytes, options);
  if (!r.ok) throw new Error(`${r.problem.code}: ${r.problem.detail}`);
  return r.workbook;
}

function sheet(wb: WorkbookGrid, name: string): SheetGrid {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe("readXlsx: cell values from an exceljs workbook", () => {
  let wb: WorkbookGrid;
  beforeAll(async () => {
    const bytes = await excelWorkbook((w) => {
      const ws = w.addWorksheet("分解表");
      ws.getCell("A1").value = "指标名称";
      ws.getCell("B1").value = "杭州市目标";
      ws.getCell("A2").value = "新增高新技术企业数(家)";
      ws.getCell("B2").value = 2000;
      ws.getCell("C2").value = 56.7;
      ws.getCell("D2").value = "1,234"; // a number stored as text
      ws.getCell("E2").value = -0.125;
      ws.getCell("F2").value = 1e-7;
      ws.getCell("G2").value = 2 ** 70;
      ws.getCell("A3").value = { richText: [{ text: "宝 应" }, { font: { bold: true }, text: "县" }] };
      ws.getCell("B3").value = true;
      ws.getCell("C3").value = false;
      ws.getCell("D3").value = { error: "#REF!" };
      ws.getCell("E3").value = { error: "#DIV/0!" };
      ws.getCell("A4").value = { formula: "SUM(B2:C2)", result: 2056.7 } as never;
      ws.getCell("B4").value = { formula: "B2*2" } as never; // no cached result
      ws.getCell("C4").value = { formula: 'IF(B2>1,"超","低")', result: "超" } as never;
      ws.getCell("A5").value = "A & B < C > D \"q\" 'a'";
      ws.getCell("A6").value = "合\u3000计";
      ws.getCell("A7").value = "line1\nline2";
    });
    wb = read(bytes, { fileName: "t.xlsx" });
  });

  test("numbers come back as numbers, exactly as stored", () => {
    const s = sheet(wb, "分解表");
    expect(s.values[1][1]).toBe(2000);
    expect(s.values[1][2]).toBe(56.7);
    expect(s.values[1][4]).toBe(-0.125);
    expect(s.values[1][5]).toBe(1e-7);
    expect(s.values[1][6]).toBe(2 ** 70);
  });
  test("text stays text, a number stored as text included", () => {
    const s = sheet(wb, "分解表");
    expect(s.values[0][0]).toBe("指标名称");
    expect(s.values[1][3]).toBe("1,234");
    expect(s.values[5][0]).toBe("合\u3000计");
    expect(s.values[6][0]).toBe("line1\nline2");
  });
  test("rich text is the concatenation of its runs", () => {
    expect(sheet(wb, "分解表").values[2][0]).toBe("宝 应县");
  });
  test("booleans and error values", () => {
    const s = sheet(wb, "分解表");
    expect(s.values[2][1]).toBe(true);
    expect(s.values[2][2]).toBe(false);
    expect(s.values[2][3]).toEqual({ error: "#REF!" });
    expect(s.values[2][4]).toEqual({ error: "#DIV/0!" });
  });
  test("formulas keep their text (without '=') and their cached value; no cache = no value", () => {
    const s = sheet(wb, "分解表");
    expect(s.formulas?.[3][0]).toBe("SUM(B2:C2)");
    expect(s.values[3][0]).toBe(2056.7);
    expect(s.formulas?.[3][1]).toBe("B2*2");
    expect(s.values[3]?.[1]).toBeUndefined();
    expect(s.formulas?.[3][2]).toBe('IF(B2>1,"超","低")');
    expect(s.values[3][2]).toBe("超");
  });
  test("XML entities are decoded", () => {
    expect(sheet(wb, "分解表").values[4][0]).toBe("A & B < C > D \"q\" 'a'");
  });
  test("the workbook name is the file name", () => {
    expect(wb.name).toBe("t.xlsx");
  });
});

describe("readXlsx: sheet facts from an exceljs workbook", () => {
  let wb: WorkbookGrid;
  beforeAll(async () => {
    const bytes = await excelWorkbook(async (w) => {
      const ws = w.addWorksheet("表一");
      ws.getCell("A1").value = "2024年杭州市目标分解表";
      ws.mergeCells("A1:D1");
      ws.mergeCells("A2:A3");
      ws.getCell("B2").value = 1.5;
      ws.getCell("B2").numFmt = "0.00";
      ws.getCell("C2").value = 0.0395;
      ws.getCell("C2").numFmt = "0%";
      ws.getCell("D2").value = 12.345;
      ws.getCell("D2").numFmt = '#,##0.0"万亩"';
      ws.getCell("E2").value = 7;
      ws.getCell("B4").value = "上城区";
      ws.getCell("B4").alignment = { indent: 2 };
      ws.getRow(5).hidden = true;
      ws.getCell("A5").value = "hidden row";
      ws.getRow(6).outlineLevel = 1;
      ws.getRow(7).outlineLevel = 2;
      ws.getCell("A6").value = "l1";
      ws.getCell("A7").value = "l2";
      ws.getColumn(3).hidden = true;
      const hidden = w.addWorksheet("隐藏");
      hidden.state = "hidden";
      hidden.getCell("A1").value = 1;
      const very = w.addWorksheet("state");
      very.state = "veryHidden";
      very.getCell("A1").value = "{}";
      const locked = w.addWorksheet("保护");
      locked.getCell("A1").value = 1;
      await locked.protect("pw", {});
    });
    wb = read(bytes);
  });

  test("sheets in workbook order with their visibility", () => {
    expect(wb.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["表一", "visible"],
      ["隐藏", "hidden"],
      ["state", "veryHidden"],
      ["保护", "visible"],
    ]);
  });
  test("merged areas as A1 ranges", () => {
    expect(sheet(wb, "表一").merges).toEqual(["A1:D1", "A2:A3"]);
  });
  test("number formats: built-in ids and custom codes; General is left out", () => {
    const s = sheet(wb, "表一");
    expect(s.numberFormats?.[1][1]).toBe("0.00");
    expect(s.numberFormats?.[1][2]).toBe("0%");
    expect(s.numberFormats?.[1][3]).toBe('#,##0.0"万亩"');
    expect(s.numberFormats?.[1]?.[4]).toBeUndefined();
  });
  test("indents, hidden rows and columns, outline levels (0-based)", () => {
    const s = sheet(wb, "表一");
    expect(s.indents?.get("3,1")).toBe(2);
    expect([...(s.hiddenRows ?? [])]).toEqual([4]);
    expect([...(s.hiddenColumns ?? [])]).toEqual([2]);
    expect(s.outlineLevels?.get(5)).toBe(1);
    expect(s.outlineLevels?.get(6)).toBe(2);
    expect(s.outlineLevels?.has(4)).toBe(false);
  });
  test("a protected sheet says so; others do not", () => {
    expect(sheet(wb, "保护").protected).toBe(true);
    expect(sheet(wb, "表一").protected).toBe(false);
  });
});

describe("readXlsx: hand-written parts", () => {
  test("shared formulas are expanded to each cell with relative references shifted", () => {
    const body =
      `<sheetData>` +
      `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f t="shared" ref="C1:E3" si="0">A1+$B1+B$1+$A$1+SUM(A1:B1)+'My Sheet'!A1+"A1"</f><v>9</v></c>` +
      `<c r="D1"><f t="shared" si="0"/><v>9</v></c><c r="E1"><f t="shared" si="0"/></c></row>` +
      `<row r="2"><c r="C2"><f t="shared" si="0"/><v>0</v></c><c r="D2"><f t="shared" si="0"/></c></row>` +
      `<row r="3"><c r="E3"><f t="shared" si="0"/></c><c r="F3"><f t="shared" ref="F3:F4" si="1">SUM(A:A)+ROW(3:3)+LOG10(A3)+Table1[[#This Row],[A1]]</f></c></row>` +
      `<row r="4"><c r="F4"><f t="shared" si="1"/></c></row>` +
      `</sheetData>`;
    const wb = read(handWorkbook({ sheets: [{ name: "S", body }] }));
    const f = wb.sheets[0].formulas!;
    expect(f[0][2]).toBe(`A1+$B1+B$1+$A$1+SUM(A1:B1)+'My Sheet'!A1+"A1"`);
    expect(f[0][3]).toBe(`B1+$B1+C$1+$A$1+SUM(B1:C1)+'My Sheet'!B1+"A1"`);
    expect(f[0][4]).toBe(`C1+$B1+D$1+$A$1+SUM(C1:D1)+'My Sheet'!C1+"A1"`);
    expect(f[1][2]).toBe(`A2+$B2+B$1+$A$1+SUM(A2:B2)+'My Sheet'!A2+"A1"`);
    expect(f[1][3]).toBe(`B2+$B2+C$1+$A$1+SUM(B2:C2)+'My Sheet'!B2+"A1"`);
    expect(f[2][4]).toBe(`C3+$B3+D$1+$A$1+SUM(C3:D3)+'My Sheet'!C3+"A1"`);
    expect(f[3][5]).toBe(`SUM(A:A)+ROW(4:4)+LOG10(A4)+Table1[[#This Row],[A1]]`);
    expect(wb.sheets[0].values[0][3]).toBe(9);
    expect(wb.sheets[0].values[0]?.[4]).toBeUndefined();
  });

  test("legacy array formulas belong to every cell of their range; a spill only to its anchor", () => {
    const body =
      `<sheetData><row r="1"><c r="A1"><f t="array" ref="A1:A2">TRANSPOSE(B1:C1)</f><v>1</v></c><c r="B1"><v>1</v></c><c r="C1"><v>2</v></c>` +
      `<c r="D1" cm="1"><f t="array" ref="D1:D2">_xlfn.SEQUENCE(2)</f><v>1</v></c></row>` +
      `<row r="2"><c r="A2"><v>2</v></c><c r="D2"><v>2</v></c></row></sheetData>`;
    const s = read(handWorkbook({ sheets: [{ name: "S", body }] })).sheets[0];
    expect(s.formulas![0][0]).toBe("TRANSPOSE(B1:C1)");
    expect(s.formulas![1][0]).toBe("TRANSPOSE(B1:C1)");
    expect(s.formulas![0][3]).toBe("_xlfn.SEQUENCE(2)");
    expect(s.formulas![1]?.[3]).toBeUndefined();
    expect(s.values[1][0]).toBe(2);
  });

  test("shared, inline, rich and formula strings; entities and _xHHHH_ escapes", () => {
    const strings = [
      "杭州市&amp;宁波市",
      "&#x4E0A;&#22478;区",
      '<r><t>宝</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 应县</t></r><rPh sb="0" eb="1"><t>ホウ</t></rPh>',
      "a_x000D_b_x005F_x000D_",
      "<t/>",
    ];
    const body =
      `<sheetData><row r="1">` +
      [0, 1, 2, 3, 4].map((i) => `<c r="${"ABCDE"[i]}1" t="s"><v>${i}</v></c>`).join("") +
      `<c r="F1" t="inlineStr"><is><t>内联&lt;1&gt;</t></is></c>` +
      `<c r="G1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>` +
      `<c r="H1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>` +
      `<c r="I1" t="str"><f>""</f><v></v></c>` +
      `<c r="J1" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
      `<c r="K1" t="b"><v>1</v></c>` +
      `<c r="L1" t="n"><v>-1.5E-3</v></c>` +
      `<c r="M1" s="0"/>` +
      `</row></sheetData>`;
    const s = read(handWorkbook({ sheets: [{ name: "S", body }], sharedStrings: strings })).sheets[0];
    expect(s.values[0].slice(0, 12)).toEqual([
      "杭州市&宁波市",
      "上城区",
      "宝 应县",
      "a\rb_x000D_",
      "",
      "内联<1>",
      "富文本",
      "xy",
      "",
      { error: "#DIV/0!" },
      true,
      -0.0015,
    ]);
    expect(s.formulas![0][7]).toBe('"x"&"y"');
    expect(s.values[0]?.[12]).toBeUndefined();
  });

  test("absolute relationship targets, prefixed elements and cells without r attributes", () => {
    const body = `<x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c><x:v>5</x:v></x:c></x:row><x:row><x:c r="C2"><x:v>7</x:v></x:c><x:c><x:v>8</x:v></x:c></x:row></x:sheetData>`;
    const wb = read(
      handWorkbook({
        absoluteTargets: true,
        sharedStrings: ["名"],
        sheets: [
          {
            name: "P",
            body,
            root: (b) =>
              `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${b}</x:worksheet>`,
          },
        ],
      }),
    );
    expect(wb.sheets[0].values[0]).toEqual(["名", 5]);
    expect(wb.sheets[0].values[1][2]).toBe(7);
    expect(wb.sheets[0].values[1][3]).toBe(8);
  });

  test("custom number formats override the built-in table; indents come from cellXfs alignment", () => {
    const styles =
      `<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0_);[Red]\\(0.0\\)"/><numFmt numFmtId="165" formatCode="#,##0&quot;家&quot;"/></numFmts>` +
      `<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>` +
      `<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="10"><alignment horizontal="left" indent="3"/></xf><xf numFmtId="0"><alignment indent="1"/></xf></cellXfs>`;
    const body = `<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="2"><v>2</v></c><c r="C1" s="3"><v>0.5</v></c><c r="D1" s="4" t="s"><v>0</v></c></row></sheetData>`;
    const s = read(handWorkbook({ sheets: [{ name: "S", body }], styles, sharedStrings: ["区"] })).sheets[0];
    expect(s.numberFormats![0]).toEqual(["0.0_);[Red]\\(0.0\\)", '#,##0"家"', "0.00%", undefined]);
    expect([...s.indents!]).toEqual([
      ["0,2", 3],
      ["0,3", 1],
    ]);
  });

  test("hidden by zero height and width, rows self-closing, hidden columns in ranges", () => {
    const body =
      `<cols><col min="2" max="4" width="0" customWidth="1"/><col min="6" max="6" hidden="true" width="9"/></cols>` +
      `<sheetData><row r="2" hidden="1"/><row r="3" ht="0" customHeight="1"><c r="A3"><v>1</v></c></row><row r="4" outlineLevel="3"><c r="A4"><v>2</v></c></row></sheetData>` +
      `<sheetProtection sheet="true" objects="1"/><mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells>`;
    const s = read(handWorkbook({ sheets: [{ name: "S", body }] })).sheets[0];
    expect([...s.hiddenRows!].sort()).toEqual([1, 2]);
    expect([...s.hiddenColumns!]).toEqual([1, 2, 3, 5]);
    expect(s.outlineLevels!.get(3)).toBe(3);
    expect(s.protected).toBe(true);
    expect(s.merges).toEqual(["B2:C3"]);
  });

  test("the last column (XFD) and the last row (1048576) are addressable", () => {
    const body = `<sheetData><row r="1"><c r="XFD1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row></sheetData>`;
    const s = read(handWorkbook({ sheets: [{ name: "S", body }] })).sheets[0];
    expect(s.values[0][16383]).toBe(1);
    expect(s.values[1048575][0]).toBe(2);
    expect(s.values.length).toBe(1048576);
  });

  test('ISO dates (t="d") become serial numbers', () => {
    const body = `<sheetData><row r="1"><c r="A1" t="d"><v>2024-01-01T00:00:00</v></c></row></sheetData>`;
    expect(read(handWorkbook({ sheets: [{ name: "S", body }] })).sheets[0].values[0][0]).toBe(45292);
  });

  test("only the sheets asked for are read; an unknown name is NO_SHEETS listing what exists", () => {
    const bytes = handWorkbook({
      sheets: [
        { name: "一", body: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` },
        { name: "二", body: `<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>` },
      ],
    });
    expect(read(bytes, { sheets: ["二"] }).sheets.map((s) => s.name)).toEqual(["二"]);
    const r = readXlsx(bytes, { sheets: ["三"] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe("NO_SHEETS");
      expect(r.problem.detail).toContain('"一", "二"');
    }
  });

  test("an empty sheet gives an empty grid; a workbook of chart sheets only has NO_SHEETS", () => {
    const wb = read(handWorkbook({ sheets: [{ name: "空", body: `<sheetData/>` }] }));
    expect(wb.sheets[0].values).toEqual([]);
  });

  test("cells beyond maxCells are refused as TOO_MANY_CELLS", () => {
    const row = Array.from({ length: 10 }, (_, i) => `<c r="${"ABCDEFGHIJ"[i]}1"><v>${i}</v></c>`).join("");
    const bytes = handWorkbook({
      sheets: [{ name: "S", body: `<sheetData><row r="1">${row}</row></sheetData>` }],
    });
    const r = readXlsx(bytes, { limits: { maxCells: 5 } });
    expect(r.ok ? "ok" : r.problem.code).toBe("TOO_MANY_CELLS");
    expect(readXlsx(bytes, { limits: { maxCells: 10 } }).ok).toBe(true);
  });
});
