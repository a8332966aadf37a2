import xmllint from "xmllint-wasm";
import { NOTE_MARK, type FlagPlan } from "../../../src/core/flags";
import { annotateXlsx, removeAnnotations } from "../../../src/cli/xlsx/annotate";
import { readXlsx } from "../../../src/cli/xlsx/read";
import { WORKSHEET_ORDER, worksheetLayout } from "../../../src/cli/xlsx/worksheetLayout";
import { excelWorkbook, handWorkbook, loadWithExcelJS, partsOf, rawEntries } from "./workbooks";

function annotated(bytes: Uint8Array, plan: FlagPlan) {
  const r = annotateXlsx(bytes, plan);
  if (!r.ok) throw new Error(`${r.problem.code}: ${r.problem.detail} [${r.problem.parts.join(", ")}]`);
  return r;
}

/** Every entry the annotator says it did not change is byte-identical to the input's, in the same order. */
function expectUntouchedIdentical(
  input: Uint8Array,
  output: Uint8Array,
  changed: string[],
  added: string[],
): void {
  const before = rawEntries(input);
  const after = rawEntries(output);
  const touched = new Set([...changed, ...added]);
  const beforeNames = before.map((e) => e.name);
  // Original order kept; new parts only at the end.
  expect(after.slice(0, before.length).map((e) => e.name)).toEqual(beforeNames);
  expect(
    after
      .slice(before.length)
      .map((e) => e.name)
      .sort(),
  ).toEqual([...added].sort());
  for (const e of before) {
    if (touched.has(e.name)) continue;
    const out = after.find((a) => a.name === e.name)!;
    expect(Buffer.from(out.local).equals(Buffer.from(e.local))).toBe(true);
  }
}

async function expectWellFormed(xml: string, name: string): Promise<void> {
  const result = await xmllint.validateXML({
    xml: [{ fileName: name.replace(/[^\w.]/g, "_"), contents: xml }],
    normalization: "c14n",
  });
  expect(result.errors).toEqual([]);
}

function expectSchemaOrder(sheetXml: string): void {
  const names = worksheetLayout(sheetXml).children.map((c) => c.name);
  const ranks = names.map((n) => WORKSHEET_ORDER.indexOf(n as (typeof WORKSHEET_ORDER)[number]));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
}

const PLAN: FlagPlan = {
  rules: [
    { sheet: "分解表", kind: "error", ranges: ["D7", "D9:D10"], formula: "ROUND(SUM($E7:$Q7)-D7,0)<>0" },
    { sheet: "分解表", kind: "warning", ranges: ["B3"], formula: "TRUE" },
    { sheet: "分解表", kind: "hint", ranges: ["E7:F7"], formula: 'AND(E7<>"",E7>0)' },
  ],
  notes: [
    {
      sheet: "分解表",
      cell: "D7",
      text: `${NOTE_MARK}\n错误 · 合计不符: 13 个区县合计 1999，与杭州市目标 2000 相差 -1 <&>`,
    },
    { sheet: "分解表", cell: "B3", text: `${NOTE_MARK}\n警告` },
  ],
};

async function planWorkbook(extra?: (ws: import("exceljs").Worksheet) => void): Promise<Uint8Array> {
  return excelWorkbook((wb) => {
    const ws = wb.addWorksheet("分解表");
    ws.getCell("A1").value = "2024年目标";
    ws.getCell("D6").value = "杭州市目标";
    ws.getCell("D7").value = 2000;
    for (let c = 5; c <= 17; c++) ws.getRow(7).getCell(c).value = c === 5 ? 153 : 154;
    ws.getCell("B3").value = "超500";
    extra?.(ws);
    const other = wb.addWorksheet("说明");
    other.getCell("A1").value = "untouched";
  });
}

describe("annotateXlsx", () => {
  test("adds our conditional formats and notes; the copy opens in exceljs and reads back the same cells", async () => {
    const input = await planWorkbook();
    const pristine = input.slice();
    const r = annotated(input, PLAN);
    expect(Buffer.from(input).equals(Buffer.from(pristine))).toBe(true);

    const wb = await loadWithExcelJS(r.bytes);
    const ws = wb.getWorksheet("分解表")!;
    const note = ws.getCell("D7").note;
    const noteText = typeof note === "string" ? note : (note?.texts ?? []).map((t) => t.text).join("");
    expect(noteText.startsWith(NOTE_MARK)).toBe(true);
    expect(noteText).toContain("相差 -1 <&>");
    expect(ws.getCell("D7").value).toBe(2000);
    const formats = (
      ws as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: {
            type: string;
            formulae: string[];
            style: { fill?: { bgColor?: { argb: string } }; font?: { color?: { argb: string } } };
          }[];
        }[];
      }
    ).conditionalFormattings;
    expect(
      formats.map((f) => [
        f.ref,
        f.rules[0].type,
        f.rules[0].formulae[0],
        f.rules[0].style.fill?.bgColor?.argb,
        f.rules[0].style.font?.color?.argb,
      ]),
    ).toEqual([
      ["D7 D9:D10", "expression", "ROUND(SUM($E7:$Q7)-D7,0)<>0", "FFFFC7CE", "FF9C0006"],
      ["B3", "expression", "TRUE", "FFFFEB9C", "FF9C5700"],
      ["E7:F7", "expression", 'AND(E7<>"",E7>0)', "FFDDEBF7", "FF1F4E78"],
    ]);

    const sheetXml = partsOf(r.bytes).get("xl/worksheets/sheet1.xml")!;
    expect(sheetXml).toContain(
      `<conditionalFormatting sqref="D7 D9:D10"><cfRule type="expression" dxfId="0" priority="1"><formula>ROUND(SUM($E7:$Q7)-D7,0)&lt;&gt;0</formula></cfRule></conditionalFormatting>`,
    );
    expect(sheetXml).toContain(
      `sqref="B3"><cfRule type="expression" dxfId="1" priority="2"><formula>TRUE</formula>`,
    );
    expect(sheetXml).toContain(
      `sqref="E7:F7"><cfRule type="expression" dxfId="2" priority="3"><formula>AND(E7&lt;&gt;&quot;&quot;,E7&gt;0)</formula>`,
    );
    expect(sheetXml).toMatch(/<legacyDrawing r:id="rId\d+"\/>/);
    expectSchemaOrder(sheetXml);

    const before = readXlsx(input);
    const after = readXlsx(r.bytes);
    expect(after.ok && before.ok && after.workbook.sheets.map((s) => s.values)).toEqual(
      before.ok && before.workbook.sheets.map((s) => s.values),
    );
  });

  test("every entry not changed is byte-identical, in the original order; changed parts are well-formed", async () => {
    const input = await planWorkbook();
    const r = annotated(input, PLAN);
    expect(r.changed.sort()).toEqual(
      ["[Content_Types].xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"]
        .concat(r.changed.filter((n) => n.endsWith(".rels")))
        .sort(),
    );
    expect(r.added.sort()).toEqual(
      expect.arrayContaining(["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"]),
    );
    expectUntouchedIdentical(input, r.bytes, r.changed, r.added);
    const parts = partsOf(r.bytes);
    for (const name of [...r.changed, ...r.added]) await expectWellFormed(parts.get(name)!, name);
    const types = parts.get("[Content_Types].xml")!;
    expect(types).toContain(
      `<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>`,
    );
    expect(types).toMatch(/<Default Extension="vml"/);
    const comments = parts.get("xl/comments1.xml")!;
    expect(comments).toContain("<author>指标分解校核</author>");
    // Row-major order of notes, as Excel writes them.
    expect(comments.indexOf('ref="B3"')).toBeLessThan(comments.indexOf('ref="D7"'));
  });

  test("styles get one dxf per kind, coloured from FLAG_STYLE, with the count updated", async () => {
    const r = annotated(await planWorkbook(), PLAN);
    const styles = partsOf(r.bytes).get("xl/styles.xml")!;
    expect(styles).toMatch(/<dxfs count="3">/);
    expect(styles).toContain(
      `<color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor rgb="FFFFC7CE"/>`,
    );
    expect(styles).toContain(`<bgColor rgb="FFFFEB9C"/>`);
    expect(styles).toContain(`<left style="thin"><color rgb="FF2F75B5"/></left>`);
  });

  test("a user's note and conditional format are kept verbatim; our note skips their cell", async () => {
    const input = await planWorkbook((ws) => {
      ws.getCell("B3").note = "用户自己的批注";
      ws.getCell("H9").value = 9;
      ws.getCell("H9").note = "另一条";
      ws.addConditionalFormatting({
        ref: "A1:A5",
        rules: [
          {
            type: "expression",
            priority: 7,
            formulae: ["A1>5"],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FF00FF00" } } },
          },
        ],
      });
    });
    const before = partsOf(input);
    const userSheet = before.get("xl/worksheets/sheet1.xml")!;
    const userCf = /<conditionalFormatting[\s\S]*?<\/conditionalFormatting>/.exec(userSheet)![0];
    const userComments = before.get("xl/comments1.xml")!;
    const userCommentEls = userComments.match(/<comment [\s\S]*?<\/comment>/g)!;
    const vmlName = [...before.keys()].find((k) => k.endsWith(".vml"))!;
    const userShapes = before.get(vmlName)!.match(/<v:shape [\s\S]*?<\/v:shape>/g)!;
    expect(userCommentEls).toHaveLength(2);

    const r = annotated(input, PLAN);
    expect(r.skippedNotes.map((n) => n.cell)).toEqual(["B3"]);
    const after = partsOf(r.bytes);
    const sheet = after.get("xl/worksheets/sheet1.xml")!;
    expect(sheet).toContain(userCf);
    expect(sheet.indexOf(userCf)).toBeLessThan(sheet.indexOf('sqref="D7 D9:D10"'));
    // Ours are ordered after the user's rule.
    expect(sheet).toContain(`dxfId="1" priority="8"`);
    expectSchemaOrder(sheet);
    const comments = after.get("xl/comments1.xml")!;
    for (const el of userCommentEls) expect(comments).toContain(el);
    expect(comments.match(/<comment /g)).toHaveLength(3);
    const vml = after.get(vmlName)!;
    for (const s of userShapes) expect(vml).toContain(s);
    expect(vml.match(/<v:shape /g)).toHaveLength(3);
    expect(r.added.filter((n) => /comments|vml/.test(n))).toEqual([]);
    expectUntouchedIdentical(input, r.bytes, r.changed, r.added);

    const wb = await loadWithExcelJS(r.bytes);
    const ws = wb.getWorksheet("分解表")!;
    const text = (c: string): string => {
      const n = ws.getCell(c).note;
      return typeof n === "string" ? n : (n?.texts ?? []).map((t) => t.text).join("");
    };
    expect(text("B3")).toBe("用户自己的批注");
    expect(text("H9")).toBe("另一条");
    expect(text("D7").startsWith(NOTE_MARK)).toBe(true);
  });

  test("charts, drawings, data validation, hyperlinks, tables and x14 rules are kept; insertions follow the schema", async () => {
    const body =
      `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData>` +
      `<mergeCells count="1"><mergeCell ref="C1:D1"/></mergeCells>` +
      `<dataValidations count="1"><dataValidation type="whole" sqref="A1:A2"><formula1>0</formula1></dataValidation></dataValidations>` +
      `<hyperlinks><hyperlink ref="A1" r:id="rId3"/></hyperlinks>` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `<drawing r:id="rId1"/>` +
      `<tableParts count="1"><tablePart r:id="rId2"/></tableParts>` +
      `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" priority="5" id="{00000000-0000-0000-0000-000000000001}"><x14:dataBar/></x14:cfRule><xm:sqref>A1:A2</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>`;
    const chart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:layout/></c:plotArea></c:chart></c:chartSpace>`;
    const drawing = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
    const table = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="表1" displayName="表1" ref="A1:A2"><autoFilter ref="A1:A2"/><tableColumns count="1"><tableColumn id="1" name="1"/></tableColumns></table>`;
    const input = handWorkbook({
      sheets: [
        {
          name: "分解表",
          body,
          rels: [
            { id: "rId1", type: "drawing", target: "../drawings/drawing1.xml" },
            { id: "rId2", type: "table", target: "../tables/table1.xml" },
            { id: "rId3", type: 'hyperlink" TargetMode="External', target: "https://example.org/" },
          ],
        },
      ],
      extra: {
        "xl/charts/chart1.xml": chart,
        "xl/drawings/drawing1.xml": drawing,
        "xl/drawings/_rels/drawing1.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>`,
        "xl/tables/table1.xml": table,
        "xl/media/image1.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]),
        "xl/vbaProject.bin": new Uint8Array(300).map((_, i) => (i * 31) & 0xff),
        "customXml/item1.xml": `<root>custom</root>`,
      },
      overrides: [
        {
          part: "xl/charts/chart1.xml",
          type: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        },
        {
          part: "xl/drawings/drawing1.xml",
          type: "application/vnd.openxmlformats-officedocument.drawing+xml",
        },
        {
          part: "xl/tables/table1.xml",
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
        },
      ],
    });
    const plan: FlagPlan = {
      rules: [{ sheet: "分解表", kind: "error", ranges: ["A2"], formula: "A2<>A1*2" }],
      notes: [{ sheet: "分解表", cell: "A2", text: `${NOTE_MARK}\n说明` }],
    };
    const r = annotated(input, plan);
    expectUntouchedIdentical(input, r.bytes, r.changed, r.added);
    for (const keep of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/tables/table1.xml",
      "xl/media/image1.png",
      "xl/vbaProject.bin",
      "customXml/item1.xml",
    ])
      expect(r.changed).not.toContain(keep);
    const sheet = partsOf(r.bytes).get("xl/worksheets/sheet1.xml")!;
    expectSchemaOrder(sheet);
    expect(worksheetLayout(sheet).children.map((c) => c.name)).toEqual([
      "sheetData",
      "mergeCells",
      "conditionalFormatting",
      "dataValidations",
      "hyperlinks",
      "pageMargins",
      "drawing",
      "legacyDrawing",
      "tableParts",
      "extLst",
    ]);
    // Above the Excel 2010 data bar's priority 5.
    expect(sheet).toContain(`priority="6"`);
    await expectWellFormed(sheet, "sheet1.xml");
    const rels = partsOf(r.bytes).get("xl/worksheets/_rels/sheet1.xml.rels")!;
    expect(rels).toContain('Id="rId4"');
    expect(rels).toContain('Target="../comments1.xml"');
    expect(rels).toContain('Target="../drawings/vmlDrawing1.vml"');
    const wb = await loadWithExcelJS(r.bytes);
    expect(wb.getWorksheet("分解表")!.getCell("A2").value).toBe(2);
  });

  test("a root without xmlns:r gets the binding on the new element only; prefixed sheets stay prefixed", () => {
    const input = handWorkbook({
      sheets: [
        {
          name: "P",
          body: `<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
          root: (b) =>
            `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${b}</x:worksheet>`,
        },
      ],
    });
    const r = annotated(input, {
      rules: [{ sheet: "P", kind: "warning", ranges: ["A1"], formula: "TRUE" }],
      notes: [{ sheet: "P", cell: "A1", text: "无标记的说明" }],
    });
    const sheet = partsOf(r.bytes).get("xl/worksheets/sheet1.xml")!;
    expect(
      sheet.startsWith(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
      ),
    ).toBe(true);
    expect(sheet).toContain(`<x:conditionalFormatting sqref="A1"><x:cfRule type="expression"`);
    expect(sheet).toMatch(
      /<x:legacyDrawing xmlns:r="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships" r:id="rId\d+"\/><\/x:worksheet>$/,
    );
    // Our note text always starts with the mark.
    expect(partsOf(r.bytes).get("xl/comments1.xml")).toContain(`${NOTE_MARK}\n无标记的说明`);
  });

  test("refuses with CANNOT_PRESERVE, listing the parts, when a sheet's notes have no VML drawing", () => {
    const input = handWorkbook({
      sheets: [
        {
          name: "S",
          body: `<sheetData/>`,
          rels: [{ id: "rId1", type: "comments", target: "../comments1.xml" }],
        },
      ],
      extra: {
        "xl/comments1.xml": `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>u</author></authors><commentList><comment ref="A1" authorId="0"><text><t>x</t></text></comment></commentList></comments>`,
      },
    });
    const r = annotateXlsx(input, {
      rules: [],
      notes: [{ sheet: "S", cell: "B2", text: `${NOTE_MARK}\nx` }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe("CANNOT_PRESERVE");
      expect(r.problem.parts).toEqual(["xl/worksheets/sheet1.xml", "xl/comments1.xml"]);
    }
  });

  test("a plan naming a sheet or range that does not exist is BAD_PLAN; unreadable input keeps its read problem", async () => {
    const input = await planWorkbook();
    const r1 = annotateXlsx(input, {
      rules: [{ sheet: "无此表", kind: "error", ranges: ["A1"], formula: "TRUE" }],
      notes: [],
    });
    expect(r1.ok ? "" : r1.problem.code).toBe("BAD_PLAN");
    const r2 = annotateXlsx(input, {
      rules: [{ sheet: "分解表", kind: "error", ranges: ["A1:"], formula: "TRUE" }],
      notes: [],
    });
    expect(r2.ok ? "" : r2.problem.code).toBe("BAD_PLAN");
    const r3 = annotateXlsx(new Uint8Array([1, 2, 3]), { rules: [], notes: [] });
    expect(r3.ok ? "" : r3.problem.code).toBe("NOT_XLSX");
  });

  test("a Node Buffer as input is never written to, and can be annotated again", async () => {
    const input = Buffer.from(await planWorkbook());
    const pristine = Buffer.from(input);
    const first = annotated(input, PLAN);
    expect(input.equals(pristine)).toBe(true);
    const second = annotated(input, PLAN);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(removeAnnotations(input).ok).toBe(true);
    expect(input.equals(pristine)).toBe(true);
  });

  test("a part read from GBK is written back as UTF-8 and says so", () => {
    const body = `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`;
    const gbkSheet = new Uint8Array([
      ...new TextEncoder().encode(
        `<?xml version="1.0" encoding="GBK"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}<!--`,
      ),
      0xba,
      0xcf,
      0xbc,
      0xc6,
      ...new TextEncoder().encode(`--></worksheet>`),
    ]);
    const input = handWorkbook({
      sheets: [{ name: "S", body }],
      extra: { "xl/worksheets/sheet1.xml": gbkSheet },
    });
    const r = annotated(input, {
      rules: [{ sheet: "S", kind: "error", ranges: ["A1"], formula: "TRUE" }],
      notes: [],
    });
    const sheet = partsOf(r.bytes).get("xl/worksheets/sheet1.xml")!;
    expect(sheet.startsWith(`<?xml version="1.0" encoding="UTF-8"?>`)).toBe(true);
    expect(sheet).toContain("<!--合计-->");
  });

  test("an empty plan returns an identical copy", async () => {
    const input = await planWorkbook();
    const r = annotated(input, { rules: [], notes: [] });
    expect(Buffer.from(r.bytes).equals(Buffer.from(input))).toBe(true);
  });

  test("re-annotating an annotated copy replaces our flags instead of stacking them", async () => {
    const input = await planWorkbook((ws) => {
      ws.getCell("B3").note = "用户自己的批注";
    });
    const once = annotated(input, PLAN);
    const twice = annotated(once.bytes, PLAN);
    const sheet = partsOf(twice.bytes).get("xl/worksheets/sheet1.xml")!;
    expect(sheet.match(/<conditionalFormatting /g)).toHaveLength(3);
    expect(partsOf(twice.bytes).get("xl/styles.xml")!.match(/<dxf>/g)).toHaveLength(3);
    expect(
      partsOf(twice.bytes)
        .get("xl/comments1.xml")!
        .match(/<comment /g),
    ).toHaveLength(2);
  });
});

describe("annotateXlsx with a VML drawing of form controls and no notes", () => {
  const vml =
    `<xml xmlns:v="urn:schemas-microsoft-com:vml"\n xmlns:o="urn:schemas-microsoft-com:office:office"\n xmlns:x="urn:schemas-microsoft-com:office:excel">\n` +
    ` <o:shapelayout v:ext="edit">\n  <o:idmap v:ext="edit" data="1"/>\n </o:shapelayout><v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe"/>\n` +
    ` <v:shape id="_x0000_s1025" type="#_x0000_t201" style="position:absolute"/>\n` +
    ` <v:shape id="_x0000_s1026" type="#_x0000_t201" style="position:absolute"><x:ClientData ObjectType="Button"><x:Anchor>1, 0, 1, 0, 3, 0, 3, 0</x:Anchor></x:ClientData></v:shape>\n</xml>`;
  const input = handWorkbook({
    sheets: [
      {
        name: "S",
        body: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><legacyDrawing r:id="rId1"/>`,
        rels: [{ id: "rId1", type: "vmlDrawing", target: "../drawings/vmlDrawing1.vml" }],
      },
    ],
    extra: { "xl/drawings/vmlDrawing1.vml": vml },
  });
  const plan: FlagPlan = { rules: [], notes: [{ sheet: "S", cell: "A1", text: `${NOTE_MARK}\n说明` }] };

  test("our note joins the drawing with ids from a fresh block; the controls stay as they were", () => {
    const r = annotated(input, plan);
    const out = partsOf(r.bytes).get("xl/drawings/vmlDrawing1.vml")!;
    expect(out.startsWith(vml.slice(0, vml.indexOf('data="1"')))).toBe(true);
    expect(out).toContain('data="1,2"');
    expect(out).toContain(vml.slice(vml.indexOf("<v:shapetype"), vml.lastIndexOf("</xml>")));
    expect(out).toContain('id="_x0000_s2049" type="#_x0000_t202"');
    expect(out).toContain('<v:shapetype id="_x0000_t202"');
    expect(r.added).toEqual(["xl/comments1.xml"]);
    const sheet = partsOf(r.bytes).get("xl/worksheets/sheet1.xml")!;
    expect(sheet.match(/<legacyDrawing/g)).toHaveLength(1);
  });

  test("removing our note restores the drawing exactly and drops the comments part we made", () => {
    const cleared = removeAnnotations(annotated(input, plan).bytes);
    if (!cleared.ok) throw new Error(cleared.problem.detail);
    const before = partsOf(input);
    const after = partsOf(cleared.bytes);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, text] of before) expect([name, after.get(name)]).toEqual([name, text]);
  });
});

describe("annotateXlsx on damaged sheets", () => {
  test("a sheet cut at any point gives a result or a problem, never an exception", () => {
    const full =
      `<worksheet xmlns="${"http://schemas.openxmlformats.org/spreadsheetml/2006/main"}" xmlns:r="${"http://schemas.openxmlformats.org/officeDocument/2006/relationships"}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` +
      `<conditionalFormatting sqref="A1"><cfRule type="expression" dxfId="0" priority="2"><formula>A1&gt;0</formula></cfRule></conditionalFormatting>` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent><extLst/></worksheet>`;
    const plan: FlagPlan = {
      rules: [{ sheet: "S", kind: "error", ranges: ["A1"], formula: "TRUE" }],
      notes: [{ sheet: "S", cell: "A1", text: `${NOTE_MARK}\nx` }],
    };
    for (let cut = 0; cut <= full.length; cut += 2) {
      const bytes = handWorkbook({ sheets: [{ name: "S", body: full.slice(0, cut), root: (b) => b }] });
      const r = annotateXlsx(bytes, plan);
      expect(r.ok || typeof r.problem.code === "string").toBe(true);
    }
    const whole = annotateXlsx(handWorkbook({ sheets: [{ name: "S", body: full, root: (b) => b }] }), plan);
    if (!whole.ok) throw new Error(whole.problem.detail);
    const sheet = partsOf(whole.bytes).get("xl/worksheets/sheet1.xml")!;
    // legacyDrawing goes before the AlternateContent that holds <controls>.
    expect(sheet.indexOf("<legacyDrawing")).toBeLessThan(sheet.indexOf("<mc:AlternateContent"));
    expect(sheet).toContain(`priority="3"`);
  });
});

describe("worksheetLayout on a comment or CDATA left open", () => {
  // Each used to send the search back to the sheet's start and go round for ever (found by
  // test/fuzz/xlsx.fuzz.test.ts through removeAnnotations).
  const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
  test.each([
    ["before the root", `<?xml version="1.0"?><!-- open <worksheet ${NS}><sheetData/></worksheet>`],
    ["among the children", `<worksheet ${NS}><sheetData/><!-- open <pageMargins/></worksheet>`],
    ["inside an element", `<worksheet ${NS}><sheetData/><cols><!-- open <col/></cols></worksheet>`],
    [
      "a CDATA inside an element",
      `<worksheet ${NS}><sheetData/><cols><![CDATA[ open <col/></cols></worksheet>`,
    ],
  ])("%s: the sheet is corrupt", (_, xml) => {
    expect(() => worksheetLayout(xml)).toThrow(expect.objectContaining({ code: "CORRUPT" }));
  });

  test("closed ones are skipped as before", () => {
    const xml = `<?xml version="1.0"?><!-- a --><worksheet ${NS}><!-- b --><sheetData/><cols><![CDATA[x]]><col/></cols></worksheet>`;
    expect(worksheetLayout(xml).children.map((c) => c.name)).toEqual(["sheetData", "cols"]);
  });
});

describe("removeAnnotations", () => {
  for (const withUserNotes of [false, true]) {
    test(`takes out exactly what annotateXlsx added (${withUserNotes ? "sheet with a user's notes and rule" : "plain sheet"})`, async () => {
      const input = await planWorkbook(
        withUserNotes
          ? (ws) => {
              ws.getCell("B3").note = "用户自己的批注";
              ws.addConditionalFormatting({
                ref: "A1:A5",
                rules: [
                  {
                    type: "expression",
                    priority: 1,
                    formulae: ["A1>5"],
                    style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FF00FF00" } } },
                  },
                ],
              });
            }
          : undefined,
      );
      const a = annotated(input, PLAN);
      const cleared = removeAnnotations(a.bytes);
      if (!cleared.ok) throw new Error(cleared.problem.detail);
      const before = partsOf(input);
      const after = partsOf(cleared.bytes);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [name, text] of before) expect([name, after.get(name)]).toEqual([name, text]);
    });
  }
});
