import xmllint from "xmllint-wasm";
import { addReportSheet, addReportStyles, uniqueSheetName } from "../../../src/cli/xlsx/addSheet";
import { readXlsx } from "../../../src/cli/xlsx/read";
import type { ReportSheet } from "../../../src/core/report/layout";
import { handWorkbook, loadWithExcelJS, partsOf, zipOf } from "./workbooks";

const SHEET: ReportSheet = {
  name: "审核报告",
  columns: [6, 20],
  rows: [
    [{ value: "审核报告", style: "title" }, null],
    [
      { value: "序号", style: "header" },
      { value: "单元格", style: "header" },
    ],
    [
      { value: 1, style: "number" },
      { value: "S!A1", style: "link", link: "'S'!A1" },
    ],
    [null, { value: "", style: "text" }],
  ],
  merges: ["A1:B1"],
  freezeRows: 2,
  printTitleRow: 2,
  heights: { 0: 24 },
  pageFooter: "&P / &N",
};

function added(bytes: Uint8Array) {
  const r = addReportSheet(bytes, SHEET);
  if (!r.ok) throw new Error(`${r.problem.code}: ${r.problem.detail}`);
  return r;
}

async function wellFormed(xml: string): Promise<void> {
  const result = await xmllint.validateXML({
    xml: [{ fileName: "part.xml", contents: xml }],
    normalization: "c14n",
  });
  expect(result.errors).toEqual([]);
}

const plain = (): Uint8Array =>
  handWorkbook({
    sheets: [{ name: "S", body: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` }],
  });

/** A workbook whose workbook.xml is replaced (to test prefixes, defined names, protection). */
function withWorkbookXml(workbookXml: string): Uint8Array {
  const parts = partsOf(plain());
  parts.set("xl/workbook.xml", workbookXml);
  return zipOf(Object.fromEntries(parts));
}

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;

describe("addReportSheet: a new worksheet by XML surgery", () => {
  test("the sheet goes last with a fresh sheetId, part, relationship and Override; exceljs and readXlsx read it", async () => {
    const r = added(plain());
    expect(r.sheetName).toBe("审核报告");
    expect(r.added).toEqual(["xl/worksheets/sheet2.xml"]);
    expect(r.changed.sort()).toEqual(
      ["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"].sort(),
    );
    const parts = partsOf(r.bytes);
    for (const name of [...r.changed, ...r.added]) await wellFormed(parts.get(name)!);
    const back = readXlsx(r.bytes);
    expect(back.ok && back.workbook.sheets.map((s) => [s.name, s.values])).toEqual([
      ["S", [[1]]],
      ["审核报告", [["审核报告"], ["序号", "单元格"], [1, "S!A1"]]],
    ]);
    const wb = await loadWithExcelJS(r.bytes);
    const ws = wb.getWorksheet("审核报告")!;
    expect(ws.getCell("B3").value).toBe("S!A1");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("B2").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFF2F2F2" },
    });
    expect(ws.getCell("B3").font).toMatchObject({ underline: true, color: { argb: "FF0563C1" } });
    expect(ws.getRow(1).height).toBe(24);
    expect(ws.pageSetup.printTitlesRow).toBe("2:2");
  });

  test("a stylesheet without collections gets them, in schema order, defaults first", async () => {
    const r = addReportStyles(
      `<?xml version="1.0"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dxfs count="0"/></styleSheet>`,
    );
    const order = ["fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "dxfs"].map((n) =>
      r.xml.indexOf(`<${n}`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.xml).toContain(
      `<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`,
    );
    expect(Math.min(...Object.values(r.ids))).toBe(1); // cellXfs 0 stays the default format
    await wellFormed(r.xml);
  });

  test("existing styles keep their ids: ours are appended and the counts updated", () => {
    const styles = partsOf(plain()).get("xl/styles.xml")!;
    const r = addReportStyles(styles);
    for (const name of ["fonts", "fills", "borders", "cellXfs"]) {
      const inner = (xml: string): string => new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`).exec(xml)![1];
      expect(inner(r.xml).startsWith(inner(styles))).toBe(true);
      expect(inner(r.xml).length).toBeGreaterThan(inner(styles).length);
    }
    const xfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(r.xml)!;
    expect(Number(xfs[1])).toBe((xfs[2].match(/<xf /g) ?? []).length);
    expect(Math.min(...Object.values(r.ids))).toBe(1);
  });

  test("defined names: appended to an existing <definedNames>, created after <sheets> otherwise", () => {
    const names = withWorkbookXml(
      `<?xml version="1.0"?>\n<workbook ${NS}><sheets><sheet name="S" sheetId="7" r:id="rId1"/></sheets><definedNames><definedName name="Mine">S!$A$1</definedName></definedNames><calcPr calcId="1"/></workbook>`,
    );
    const xml = partsOf(added(names).bytes).get("xl/workbook.xml")!;
    expect(xml).toContain(`<sheet name="审核报告" sheetId="8" r:id="rId3"/>`);
    expect(xml).toContain(
      `<definedNames><definedName name="Mine">S!$A$1</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'审核报告'!$2:$2</definedName></definedNames><calcPr`,
    );
    const none = partsOf(added(plain()).bytes).get("xl/workbook.xml")!;
    expect(none).toMatch(/<\/sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">/);
  });

  test("a prefixed workbook.xml, and one that does not bind the relationships prefix on its root", () => {
    const prefixed = withWorkbookXml(
      `<?xml version="1.0"?>\n<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="S" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>`,
    );
    const a = added(prefixed);
    expect(partsOf(a.bytes).get("xl/workbook.xml")).toContain(
      `<x:sheet name="审核报告" sheetId="2" rel:id="rId3"/></x:sheets><x:definedNames>`,
    );
    const ra = readXlsx(a.bytes);
    expect(ra.ok && ra.workbook.sheets.map((s) => s.name)).toEqual(["S", "审核报告"]);

    const unbound = withWorkbookXml(
      `<?xml version="1.0"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    const b = added(unbound);
    expect(partsOf(b.bytes).get("xl/workbook.xml")).toContain(
      `<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="审核报告" sheetId="2" r:id="rId3"/>`,
    );
    const rb = readXlsx(b.bytes);
    expect(rb.ok && rb.workbook.sheets.map((s) => s.name)).toEqual(["S", "审核报告"]);
  });

  test("a workbook whose structure is protected is refused, nothing written", () => {
    const locked = withWorkbookXml(
      `<?xml version="1.0"?>\n<workbook ${NS}><workbookProtection lockStructure="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    const r = addReportSheet(locked, SHEET);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.code).toBe("CANNOT_PRESERVE");
  });

  test("names: 审核报告 → 审核报告(2) → 审核报告(3), compared case-insensitively, at most 31 characters", () => {
    expect(uniqueSheetName("审核报告", ["S"])).toBe("审核报告");
    expect(uniqueSheetName("审核报告", ["审核报告"])).toBe("审核报告(2)");
    expect(uniqueSheetName("审核报告", ["审核报告", "审核报告(2)"])).toBe("审核报告(3)");
    expect(uniqueSheetName("Audit report", ["AUDIT REPORT"])).toBe("Audit report(2)");
    expect(uniqueSheetName("x".repeat(40), ["x".repeat(31)])).toBe("x".repeat(28) + "(2)");
  });

  test("not a workbook: a problem value, and the input buffer is never written to", () => {
    const bytes = Buffer.from(plain());
    const copy = Buffer.from(bytes);
    added(bytes);
    expect(bytes.equals(copy)).toBe(true);
    const r = addReportSheet(new Uint8Array([1, 2, 3]), SHEET);
    expect(!r.ok && r.problem.code).toBe("NOT_XLSX");
  });
});
