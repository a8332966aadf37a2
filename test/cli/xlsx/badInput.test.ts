import fc from "fast-check";
import { readXlsx } from "../../../src/cli/xlsx/read";
import { problemMessage } from "../../../src/cli/xlsx/problems";
import { handWorkbook, zipOf } from "./workbooks";

const GOOD = handWorkbook({
  sharedStrings: ["合计", "上城区"],
  sheets: [
    {
      name: "S",
      body: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>10</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><f>B1</f><v>10</v></c></row></sheetData>`,
    },
  ],
});

function code(bytes: Uint8Array, fileName?: string): string {
  const r = readXlsx(bytes, { fileName });
  return r.ok ? "ok" : r.problem.code;
}

function oleFile(streamNames: string[] = []): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  // Directory entries hold names in UTF-16LE.
  let at = 1024;
  for (const name of ["Root Entry", ...streamNames]) {
    for (let i = 0; i < name.length; i++) bytes[at + i * 2] = name.charCodeAt(i);
    at += 128;
  }
  return bytes;
}

/** Offsets of an entry's central record and local header, found the simple way. */
function centralRecord(bytes: Uint8Array, name: string): { central: number; local: number } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = bytes.length - 22; p >= 0; p--) {
    if (dv.getUint32(p, true) !== 0x02014b50) continue;
    const len = dv.getUint16(p + 28, true);
    if (new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + len)) === name)
      return { central: p, local: dv.getUint32(p + 42, true) };
  }
  throw new Error(`no ${name}`);
}

describe("readXlsx: inputs that are not a readable workbook give one problem, never an exception", () => {
  test("the good workbook reads", () => {
    expect(code(GOOD)).toBe("ok");
  });
  test("empty file and random bytes: NOT_XLSX", () => {
    expect(code(new Uint8Array(0))).toBe("NOT_XLSX");
    const random = new Uint8Array(5000).map((_, i) => (i * 7919 + 13) % 251);
    expect(code(random)).toBe("NOT_XLSX");
  });
  test("a truncated xlsx: TRUNCATED", () => {
    expect(code(GOOD.slice(0, Math.floor(GOOD.length / 2)))).toBe("TRUNCATED");
    expect(code(GOOD.slice(0, 10))).toBe("TRUNCATED");
  });
  test("an OLE compound file: LEGACY_XLS, WPS_ET by its name, ENCRYPTED when it holds an EncryptedPackage", () => {
    expect(code(oleFile(["Workbook"]), "旧表.xls")).toBe("LEGACY_XLS");
    expect(code(oleFile(["Workbook"]), "表.et")).toBe("WPS_ET");
    expect(code(oleFile(["EncryptionInfo", "EncryptedPackage"]), "加密.xlsx")).toBe("ENCRYPTED");
  });
  test("HTML or XML Spreadsheet 2003 saved as .xls: LEGACY_XLS with what it really is", () => {
    const html = new TextEncoder().encode("<html><body><table><tr><td>1</td></tr></table></body></html>");
    const r = readXlsx(html, { fileName: "导出.xls" });
    expect(r.ok ? "" : r.problem.code).toBe("LEGACY_XLS");
    expect(r.ok ? "" : r.problem.detail).toMatch(/HTML/);
    const xml = new TextEncoder().encode(
      '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
    );
    expect(code(xml, "a.xls")).toBe("LEGACY_XLS");
  });
  test("a zip without a workbook: NOT_XLSX, naming a Word document when it is one", () => {
    expect(code(zipOf({ "readme.txt": "hello" }))).toBe("NOT_XLSX");
    const docx = readXlsx(zipOf({ "word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>" }));
    expect(docx.ok ? "" : docx.problem.detail).toMatch(/Word/);
  });
  test("a workbook with chart sheets only: NO_SHEETS", () => {
    const bytes = handWorkbook({ sheets: [{ name: "S", body: "<sheetData/>" }] });
    const patched = zipOf({
      "[Content_Types].xml": "<Types/>",
      "xl/workbook.xml": `<workbook xmlns:r="r"><sheets><sheet name="图" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
      "xl/chartsheets/sheet1.xml": "<chartsheet/>",
    });
    expect(code(bytes)).toBe("ok");
    expect(code(patched)).toBe("NO_SHEETS");
  });
  test("a worksheet listed in the workbook but missing from the zip: CORRUPT, not a silently skipped sheet", () => {
    const bytes = zipOf({
      "[Content_Types].xml": "<Types/>",
      "xl/workbook.xml": `<workbook xmlns:r="r"><sheets><sheet name="缺" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    });
    expect(code(bytes)).toBe("CORRUPT");
  });
  test("a part declaring a huge size is refused before anything is inflated", () => {
    const bytes = GOOD.slice();
    const { central, local } = centralRecord(bytes, "xl/worksheets/sheet1.xml");
    const dv = new DataView(bytes.buffer);
    dv.setUint32(central + 24, 0xfff00000, true); // ~4 GiB declared
    dv.setUint32(local + 22, 0xfff00000, true);
    // Garbage in place of the data: had it been inflated, the answer would be CORRUPT.
    bytes.fill(
      0xff,
      local + 30 + dv.getUint16(local + 26, true),
      local + 40 + dv.getUint16(local + 26, true),
    );
    const r = readXlsx(bytes);
    expect(r.ok ? "" : r.problem.code).toBe("TOO_LARGE");
    expect(r.ok ? "" : r.problem.detail).toMatch(/sheet1\.xml.*limit/);
  });
  test("limits are configurable: a small maxPartBytes or maxTotalBytes refuses a normal workbook", () => {
    expect(readXlsx(GOOD, { limits: { maxPartBytes: 100 } }).ok).toBe(false);
    const r = readXlsx(GOOD, { limits: { maxTotalBytes: 500 } });
    expect(r.ok ? "" : r.problem.code).toBe("TOO_LARGE");
  });
  test("a part that inflates to more than it declares is corrupt (no unbounded inflation)", () => {
    const bytes = GOOD.slice();
    const { central, local } = centralRecord(bytes, "xl/worksheets/sheet1.xml");
    const dv = new DataView(bytes.buffer);
    dv.setUint32(central + 24, 20, true);
    dv.setUint32(local + 22, 20, true);
    expect(code(bytes)).toBe("CORRUPT");
  });
  test("damaged compressed data: CORRUPT", () => {
    const bytes = GOOD.slice();
    const { local } = centralRecord(bytes, "xl/worksheets/sheet1.xml");
    const dataStart = local + 30 + new DataView(bytes.buffer).getUint16(local + 26, true);
    bytes.fill(0xff, dataStart, dataStart + 8);
    expect(code(bytes)).toBe("CORRUPT");
  });
  test("a sheet that is not asked for is not even inflated; asked for, it is named as unreadable (issue 13)", () => {
    const bytes = handWorkbook({
      sheets: [
        { name: "好", body: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` },
        { name: "坏", body: `<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>` },
      ],
    });
    const { local } = centralRecord(bytes, "xl/worksheets/sheet2.xml");
    const dataStart = local + 30 + new DataView(bytes.buffer).getUint16(local + 26, true);
    bytes.fill(0xff, dataStart, dataStart + 8);
    const all = readXlsx(bytes);
    expect(all.ok && all.workbook.sheets.map((s) => s.name)).toEqual(["好"]);
    expect(all.ok && all.unreadable.map((u) => [u.name, u.part])).toEqual([
      ["坏", "xl/worksheets/sheet2.xml"],
    ]);
    const one = readXlsx(bytes, { sheets: ["好"] });
    expect(one.ok && one.unreadable).toEqual([]);
    const bad = readXlsx(bytes, { sheets: ["坏"] });
    expect(bad.ok ? "ok" : bad.problem.code).toBe("CORRUPT");
  });
  test("a shared string index out of range: CORRUPT, not a silent blank", () => {
    const bytes = handWorkbook({
      sharedStrings: ["a"],
      sheets: [{ name: "S", body: `<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData>` }],
    });
    expect(code(bytes)).toBe("CORRUPT");
  });
  test("XML cut short inside the cell data: CORRUPT", () => {
    const bytes = handWorkbook({
      sheets: [{ name: "S", body: `<sheetData><row r="1"><c r="A1"><v>1</v></c>` }],
      root: undefined,
    } as never);
    expect(code(bytes)).toBe("CORRUPT");
  });
  test("every problem has a one-line message in both languages that says what to do", () => {
    for (const c of [
      "NOT_XLSX",
      "LEGACY_XLS",
      "WPS_ET",
      "ENCRYPTED",
      "TRUNCATED",
      "TOO_LARGE",
      "TOO_MANY_CELLS",
      "CORRUPT",
      "NO_SHEETS",
    ]) {
      const m = problemMessage({ code: c, detail: "x" }, "a.xls");
      expect(m.zh).not.toMatch(/\n/);
      expect(m.en).not.toMatch(/\n/);
    }
    expect(problemMessage({ code: "LEGACY_XLS", detail: "x" }).zh).toContain("另存为");
    expect(problemMessage({ code: "WPS_ET", detail: "x" }).en).toContain("Save As");
  });
  test("sheet XML cut at any point, or with any character replaced, never throws or hangs", () => {
    const full =
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="1" hidden="1"/></cols><sheetData>` +
      `<row r="1" hidden="1" outlineLevel="1"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c><c r="C1"><f t="shared" ref="C1:C2" si="0">A1+1</f><v>2</v></c></row>` +
      `<row r="2"><c r="C2"><f t="shared" si="0"/><v>3</v></c><c r="D2" t="str"><f>"a"</f><v>a</v></c><c r="E2"><extLst><ext/></extLst></c></row>` +
      `</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;
    const variants: string[] = [];
    for (let cut = 0; cut < full.length; cut++) variants.push(full.slice(0, cut));
    for (let at = 0; at < full.length; at += 3)
      for (const ch of ['"', "<", ">", "/", " ", "x"])
        variants.push(full.slice(0, at) + ch + full.slice(at + 1));
    for (const xml of variants) {
      const bytes = handWorkbook({
        sharedStrings: ["s"],
        sheets: [{ name: "S", body: xml, root: (b) => b }],
      });
      const r = readXlsx(bytes);
      expect(r.ok || typeof r.problem.code === "string").toBe(true);
    }
  });
  test("shared strings, styles and workbook parts cut at any point never throw or hang", () => {
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a&amp;b</t></si><si><r><t>x</t></r><rPh sb="0" eb="1"><t>y</t></rPh></si><si/></sst>`;
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"><alignment indent="1"/></xf></cellXfs></styleSheet>`;
    const body = `<sheetData><row r="1"><c r="A1" t="s" s="1"><v>1</v></c></row></sheetData>`;
    for (const [part, xml] of [
      ["xl/sharedStrings.xml", sst],
      ["xl/styles.xml", styles],
    ] as const) {
      for (let cut = 0; cut < xml.length; cut++) {
        const bytes = handWorkbook({
          sharedStrings: ["a", "b"],
          sheets: [{ name: "S", body }],
          extra: { [part]: xml.slice(0, cut) },
        });
        const r = readXlsx(bytes);
        expect(r.ok || typeof r.problem.code === "string").toBe(true);
      }
    }
  });
  test("random damage to a good workbook never throws", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(GOOD.length - 1), fc.nat(255)), { minLength: 1, maxLength: 20 }),
        fc.nat(GOOD.length),
        (edits, cut) => {
          const bytes = GOOD.slice(0, Math.max(cut, 1));
          for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
          const r = readXlsx(bytes);
          return r.ok || typeof r.problem.code === "string";
        },
      ),
      { numRuns: 400 },
    );
  });
});
