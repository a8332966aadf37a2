/**
 * Reading under faults (issue 13, items 3–6 and the prepended-zip part of 10): a worksheet that
 * cannot be read is named and makes the input unusable, never a quiet omission; CDATA is read as
 * XML says; a part whose bytes do not match their CRC is refused, whether read or copied; the cell
 * limit counts cells with something in them, says so truly, and can be set with --max-cells; a zip
 * with data before it is read.
 */
import fc from "fast-check";
import { strToU8, zipSync, type Zippable } from "fflate";
import * as fs from "fs";
import * as path from "path";
import { annotateXlsx } from "../../../src/cli/xlsx/annotate";
import { readXlsx } from "../../../src/cli/xlsx/read";
import { cli, SAMPLE, tempDir } from "../../helpers/cli";
import { handWorkbook, NS_MAIN } from "./workbooks";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BAD } = require("../../fixtures/bad/build.js") as {
  BAD: Record<string, () => Promise<Uint8Array> | Uint8Array>;
};

const HEADER = ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区", "滨江区"];

/** Inline-string and number cells of one row (0-based row index). */
function rowXml(r: number, cells: (string | number | null)[]): string {
  const cols = "ABCDEFGHIJ";
  return (
    `<row r="${r + 1}">` +
    cells
      .map((v, c) =>
        v === null
          ? ""
          : typeof v === "number"
            ? `<c r="${cols[c]}${r + 1}"><v>${v}</v></c>`
            : `<c r="${cols[c]}${r + 1}" t="inlineStr"><is><t>${v}</t></is></c>`,
      )
      .join("") +
    `</row>`
  );
}

function tableBody(rows: (string | number | null)[][]): string {
  return `<sheetData>${rows.map((r, i) => rowXml(i, r)).join("")}</sheetData>`;
}

const CLEAN = [HEADER, ["规上工业企业数(家)", 80, 20, 20, 20, 20]];

function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe("item 3: a worksheet that cannot be read is never a quiet omission", () => {
  async function twoSheets(): Promise<Uint8Array> {
    return BAD["unreadable-sheet-garbage.xlsx"]();
  }

  test("check: the other sheets' findings are printed, one line names the sheet, exit 2, no copy written", async () => {
    const dir = tempDir();
    const file = write(dir, "two.xlsx", await twoSheets());
    const out = path.join(dir, "out.xlsx");
    const r = await cli("check", file, "--annotate", out, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/合格表/); // the readable sheet was checked and reported
    expect(r.stdout).not.toMatch(/Annotated copy written/);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `tdcheck: ${file}: sheet "错误表" (xl/worksheets/sheet2.xml is not a worksheet (its root element is not <worksheet>)) cannot be read and was not checked; the other sheets were checked, no copy written: open the file in Excel, save a copy and check that`,
    ]);
    expect(fs.existsSync(out)).toBe(false);
    // Before issue 13 this exited 0: the clean sheet alone was "no error".
    const only = await cli("check", file, "--sheet", "合格表");
    expect([only.code, only.stderr]).toEqual([0, ""]);
    const bad = await cli("check", file, "--sheet", "错误表", "--lang", "en");
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/sheet "错误表" \(xl\/worksheets\/sheet2\.xml is not a worksheet/);
  });

  test("json lists unreadableSheets beside the findings; a batch marks the file unusable; detect and rebalance say so too", async () => {
    const dir = tempDir();
    const file = write(dir, "two.xlsx", await twoSheets());
    const json = await cli("check", file, "--format", "json");
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.stdout) as {
      schema: string;
      unreadableSheets: { sheet: string; part: string }[];
    };
    expect(doc.unreadableSheets).toEqual([
      expect.objectContaining({ sheet: "错误表", part: "xl/worksheets/sheet2.xml" }),
    ]);
    fs.copyFileSync(SAMPLE, path.join(dir, "sample.xlsx"));
    const batch = await cli("check", dir, "--lang", "en");
    expect(batch.code).toBe(2);
    expect(batch.stdout).toMatch(/two\.xlsx\s+1\s+0\s+0\s+sheet unreadable/);
    expect(batch.stdout).toMatch(/2 files: 1 checked, 1 unusable/);
    expect(batch.stdout).toMatch(/sheet "错误表" .* cannot be read/);
    const detect = await cli("detect", file);
    expect(detect.code).toBe(2);
    expect(detect.stdout).toMatch(/合格表/);
    expect(detect.stderr.trimEnd().split("\n")).toHaveLength(1);
    const rebalance = await cli(
      "rebalance",
      file,
      "--sheet",
      "合格表",
      "--indicator",
      "规上工业企业数",
      "--out",
      path.join(dir, "rb.xlsx"),
    );
    expect(rebalance.code).toBe(2);
    expect(rebalance.stderr).toMatch(/工作表 “错误表”.*无法读取/);
    expect(fs.existsSync(path.join(dir, "rb.xlsx"))).toBe(false);
  });

  test.each([
    ["garbage", "not a worksheet"],
    ["empty-part", "is empty"],
    ["utf16-no-bom", "UTF-16 without a byte-order mark"],
    ["external", "points outside the package"],
  ])("readXlsx names a %s sheet and still reads the other", async (kind, detail) => {
    const r = readXlsx(await BAD[`unreadable-sheet-${kind}.xlsx`]());
    if (!r.ok) throw new Error(r.problem.detail);
    expect(r.workbook.sheets.map((s) => s.name)).toEqual(["合格表"]);
    expect(r.unreadable.map((u) => u.name)).toEqual(["错误表"]);
    expect(r.unreadable[0].detail).toContain(detail);
  });

  test("a sheet cut short, a sheet whose relationship is missing: unreadable; chart sheets and empty worksheets are not", () => {
    const cut = handWorkbook({
      sheets: [
        { name: "好", body: tableBody(CLEAN) },
        { name: "断", body: "", root: () => `<worksheet xmlns="${NS_MAIN}"><sheetPr/>` },
      ],
    });
    const r = readXlsx(cut);
    expect(r.ok && r.unreadable.map((u) => [u.name, u.detail])).toEqual([
      ["断", "xl/worksheets/sheet2.xml is cut short (no <sheetData>, no end of <worksheet>)"],
    ]);
    const empties = handWorkbook({
      sheets: [
        { name: "好", body: tableBody(CLEAN) },
        { name: "空", body: "<sheetData/>" },
        { name: "无数据", body: "", root: () => `<worksheet xmlns="${NS_MAIN}"/>` },
      ],
    });
    const e = readXlsx(empties);
    expect(e.ok && [e.workbook.sheets.length, e.unreadable]).toEqual([3, []]);
  });

  test("a <sheet> whose relationship id is not there is unreadable; a chart sheet is skipped as before", async () => {
    const chart = await BAD["chart-pivot-validation.xlsx"]();
    const c = readXlsx(chart);
    expect(c.ok && c.unreadable).toEqual([]);
    const bytes = handWorkbook({ sheets: [{ name: "好", body: tableBody(CLEAN) }] });
    const parts = Object.fromEntries(
      Object.entries((await import("fflate")).unzipSync(bytes)).map(([k, v]) => [
        k,
        Buffer.from(v).toString("utf8"),
      ]),
    );
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
      "</sheets>",
      `<sheet name="无关系" sheetId="9" r:id="rId99"/></sheets>`,
    );
    const zipped: Zippable = {};
    for (const [k, v] of Object.entries(parts)) zipped[k] = strToU8(v);
    const r = readXlsx(zipSync(zipped));
    expect(r.ok && r.unreadable.map((u) => [u.name, u.detail])).toEqual([
      ["无关系", "its relationship rId99 is not in the workbook's relationships"],
    ]);
  });
});

/** Characters XML 1.0 cannot carry at all (not even in CDATA). */
const XML_FORBIDDEN = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(8)}${String.fromCharCode(11)}${String.fromCharCode(12)}${String.fromCharCode(14)}-${String.fromCharCode(31)}\ufffe\uffff]`,
);

describe("item 4: CDATA is text, as XML says", () => {
  test("numbers, shared strings, inline strings, formula text results and formulas in CDATA", () => {
    const body =
      `<sheetData><row r="1">` +
      `<c r="A1"><v><![CDATA[2000]]></v></c>` +
      `<c r="B1" t="s"><v><![CDATA[1]]></v></c>` +
      `<c r="C1" t="inlineStr"><is><t><![CDATA[a<b & c]]></t></is></c>` +
      `<c r="D1" t="str"><f><![CDATA[A1&"x"]]></f><v><![CDATA[2000x]]></v></c>` +
      `<c r="E1"><f>SUM(A1<![CDATA[:A1]]>)</f><v>2<![CDATA[0]]>00</v></c>` +
      `<c r="F1"><v> <!-- a comment --><![CDATA[7.5]]></v></c>` +
      `<c r="G1" t="s"><v>0</v></c>` +
      `<c r="H1" t="b"><v><![CDATA[1]]></v></c>` +
      `<c r="I1" t="e"><v><![CDATA[#REF!]]></v></c>` +
      `</row></sheetData>`;
    const r = readXlsx(
      handWorkbook({
        sheets: [{ name: "S", body }],
        sharedStrings: ["<t><![CDATA[&amp; stays]]></t>", "<t>上城区<![CDATA[<区>]]></t>"],
      }),
    );
    if (!r.ok) throw new Error(r.problem.detail);
    const s = r.workbook.sheets[0];
    expect(s.values[0]).toEqual([
      2000,
      "上城区<区>",
      "a<b & c",
      "2000x",
      2000,
      7.5,
      "&amp; stays",
      true,
      { error: "#REF!" },
    ]);
    expect(s.formulas?.[0]?.[3]).toBe('A1&"x"');
    expect(s.formulas?.[0]?.[4]).toBe("SUM(A1:A1)");
  });

  test("property: a number or a text read from CDATA equals the same read plain", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
        fc.string({ minLength: 1 }).filter((t) => !t.includes("]]>") && !XML_FORBIDDEN.test(t)),
        (n, t) => {
          const esc = t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
          const plain = `<sheetData><row r="1"><c r="A1"><v>${n}</v></c><c r="B1" t="inlineStr"><is><t>${esc}</t></is></c></row></sheetData>`;
          const cdata = `<sheetData><row r="1"><c r="A1"><v><![CDATA[${n}]]></v></c><c r="B1" t="inlineStr"><is><t><![CDATA[${t}]]></t></is></c></row></sheetData>`;
          const a = readXlsx(handWorkbook({ sheets: [{ name: "S", body: plain }] }));
          const b = readXlsx(handWorkbook({ sheets: [{ name: "S", body: cdata }] }));
          expect(a.ok && b.ok).toBe(true);
          if (a.ok && b.ok) expect(b.workbook.sheets[0].values).toEqual(a.workbook.sheets[0].values);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("the command line finds the error in a table written entirely in CDATA", async () => {
    const dir = tempDir();
    const file = write(dir, "cdata.xlsx", await BAD["cdata-values.xlsx"]());
    const r = await cli("check", file, "--format", "json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      findings: { rule: string; cell: string; stated: number; computed: number }[];
    };
    expect(doc.findings.find((f) => f.rule === "sum-mismatch")).toMatchObject({
      cell: "B3",
      stated: 100,
      computed: 99,
    });
  });
});

describe("item 5: every part read or copied is checked against its CRC", () => {
  /** The sample with one part stored (not deflated) and one byte of it changed; its CRC left as it was. */
  async function tampered(part: string, from: string, to: string): Promise<Uint8Array> {
    const { unzipSync } = await import("fflate");
    const files = unzipSync(new Uint8Array(fs.readFileSync(SAMPLE)));
    const zipped: Zippable = {};
    for (const [k, v] of Object.entries(files)) zipped[k] = k === part ? [v, { level: 0 }] : v;
    const bytes = zipSync(zipped);
    const text = Buffer.from(bytes).toString("latin1");
    const at = text.indexOf(Buffer.from(from).toString("latin1"));
    if (at < 0 || from.length !== to.length) throw new Error(`${from} not found in ${part}`);
    Buffer.from(to).copy(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), at);
    return bytes;
  }

  test("a sheet changed under its CRC: exit 2 naming the part, never a check of figures nobody wrote", async () => {
    // 杭州市目标 2000 in D7 of 分解表 made 1999: read as valid, the sample's one error would vanish.
    const bytes = await tampered("xl/worksheets/sheet1.xml", "<v>2000</v>", "<v>1999</v>");
    const r = readXlsx(bytes);
    expect(r.ok && r.unreadable.map((u) => [u.name, u.detail])).toEqual([
      [
        "分解表",
        "xl/worksheets/sheet1.xml does not match its CRC (the part was changed or damaged after it was written)",
      ],
    ]);
    const dir = tempDir();
    const file = write(dir, "t.xlsx", bytes);
    const c = await cli("check", file, "--lang", "en");
    expect(c.code).toBe(2);
    expect(c.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(c.stderr).toMatch(/sheet "分解表" \(xl\/worksheets\/sheet1\.xml does not match its CRC/);
    const only = await cli("check", file, "--sheet", "分解表", "--lang", "en");
    expect(only.code).toBe(2);
    expect(only.stderr).toMatch(/sheet1\.xml does not match its CRC/);
  });

  test("a part that is only copied (docProps) with a bad CRC: --annotate refuses, naming it, instead of re-deflating it with a fresh CRC", async () => {
    const bytes = await tampered("docProps/app.xml", "<Application>", "<Applicatioo>");
    expect(readXlsx(bytes).ok).toBe(true); // not read by a check
    const annotated = annotateXlsx(bytes, {
      rules: [{ sheet: "分解表", kind: "error", ranges: ["D7"], formula: "TRUE" }],
      notes: [],
    });
    expect(annotated.ok ? "written" : annotated.problem.detail).toMatch(
      /docProps\/app\.xml does not match its CRC/,
    );
    const dir = tempDir();
    const file = write(dir, "t.xlsx", bytes);
    for (const flag of ["--annotate", "--report"]) {
      const out = path.join(dir, `out${flag}.xlsx`);
      const r = await cli("check", file, flag, out, "--lang", "en");
      expect([flag, r.code]).toEqual([flag, 2]);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/is damaged and cannot be read \(docProps\/app\.xml does not match its CRC/);
      expect(fs.existsSync(out)).toBe(false);
    }
    const rb = await cli(
      "rebalance",
      file,
      "--indicator",
      "新增高新技术企业数",
      "--fix",
      "parent",
      "--out",
      path.join(dir, "rb.xlsx"),
    );
    expect(rb.code).toBe(2);
    expect(rb.stderr).toMatch(/已损坏，无法读取（docProps\/app\.xml does not match its CRC/);
  });
});

describe("item 6: the cell limit counts cells that hold something, and --max-cells sets it", () => {
  /** 40 values (a clean table of 5 × 8) and `empty` styled empty cells in rows below it. */
  function styledEmpties(empty: number): Uint8Array {
    const rows = [
      HEADER.slice(0, 5),
      ...Array.from({ length: 7 }, (_, i) => [`指标${i + 1}(家)`, 40, 10, 10, 20]),
    ];
    let body = rows.map((r, i) => rowXml(i, r)).join("");
    const per = 1000;
    for (let r = 0; r * per < empty; r++) {
      let cells = "";
      for (let c = 0; c < Math.min(per, empty - r * per); c++)
        cells += `<c r="${colName(c)}${r + 20}" s="1"/>`;
      body += `<row r="${r + 20}">${cells}</row>`;
    }
    return handWorkbook({
      sheets: [{ name: "S", body: `<sheetData>${body}</sheetData>` }],
      styles:
        `<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts>` +
        `<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>` +
        `<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>`,
    });
  }
  function colName(c: number): string {
    let s = "";
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }

  test("40 values and 200,000 styled empty cells pass a 1,000-cell limit; 41 values do not pass a 40-cell one", () => {
    const bytes = styledEmpties(200_000);
    const r = readXlsx(bytes, { limits: { maxCells: 1000 } });
    if (!r.ok) throw new Error(r.problem.detail);
    expect(r.workbook.sheets[0].values.flat().filter((v) => v !== undefined)).toHaveLength(40);
    // No format is kept for the empty rows: their cells cost nothing.
    expect(r.workbook.sheets[0].numberFormats).toBeUndefined();
    expect(readXlsx(bytes, { limits: { maxCells: 40 } }).ok).toBe(true);
    const over = readXlsx(bytes, { limits: { maxCells: 39 } });
    expect(over.ok ? "ok" : [over.problem.code, over.problem.detail]).toEqual([
      "TOO_MANY_CELLS",
      "more than 39 cells with values or formulas (the limit)",
    ]);
  });

  test("a styled empty cell in a row with a value keeps its number format (what the fingerprint reads)", () => {
    const body = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" s="1"/></row><row r="2"><c r="B2" s="1"/></row></sheetData>`;
    const r = readXlsx(
      handWorkbook({
        sheets: [{ name: "S", body }],
        styles: `<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1" applyAlignment="1"><alignment indent="2"/></xf></cellXfs>`,
      }),
    );
    if (!r.ok) throw new Error(r.problem.detail);
    expect(r.workbook.sheets[0].numberFormats).toEqual([[undefined, "0.0"]]);
    expect([...(r.workbook.sheets[0].indents ?? new Map())]).toEqual([["0,1", 2]]);
  });

  test("the command line: --max-cells raises or lowers the limit; the message says what was counted and names the option", async () => {
    const dir = tempDir();
    const file = write(dir, "e.xlsx", styledEmpties(50_000));
    expect((await cli("check", file, "--max-cells", "40")).code).toBe(0);
    const over = await cli("check", file, "--max-cells", "39", "--lang", "en");
    expect(over.code).toBe(2);
    expect(over.stderr.trimEnd().split("\n")).toEqual([
      `tdcheck: ${file} has too many cells to check: more than 39 cells with values or formulas (the limit). Raise the limit with --max-cells if you trust the file (it needs memory to match), or split the workbook.`,
    ]);
    const zh = await cli("check", file, "--max-cells", "39");
    expect(zh.stderr).toMatch(/单元格数超出读取上限，未检查.*可用 --max-cells 调高上限/);
    expect(zh.stderr).not.toMatch(/未解压/);
    for (const bad of ["0", "-5", "1e3", "abc", "", "99999999999999999999"]) {
      for (const cmd of [
        ["check", file],
        ["detect", file],
        ["rebalance", file, "--indicator", "指标1", "--out", path.join(dir, "o.xlsx")],
      ]) {
        const r = await cli(...cmd, "--max-cells", bad, "--lang", "en");
        expect([cmd[0], bad, r.code]).toEqual([cmd[0], bad, 2]);
        expect(r.stderr.trimEnd().split("\n")).toEqual([
          `tdcheck: --max-cells must be a whole number of cells, at least 1: "${bad}"`,
        ]);
      }
    }
    expect((await cli("detect", file, "--max-cells", "39")).code).toBe(2);
  });

  test("the limit on decompressed bytes stays, and its message no longer advises an option that does not exist", async () => {
    const dir = tempDir();
    const file = write(dir, "bomb.xlsx", await BAD["zip-bomb-shared-strings.xlsx"]());
    const r = await cli("check", file, "--max-cells", "100000000", "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/was not decompressed, for safety: .*Split the workbook to check it\.$/m);
    expect(r.stderr).not.toMatch(/raise the limit/);
  });
});

describe("item 10: a zip with data before it (a self-extracting stub) is read", () => {
  test("read, checked and annotated; the copy is a plain .xlsx starting with its first entry", async () => {
    const bytes = await BAD["prepended-stub.xlsx"]();
    expect(Buffer.from(bytes.subarray(0, 2)).toString("latin1")).toBe("MZ");
    const r = readXlsx(bytes);
    expect(r.ok).toBe(true);
    const dir = tempDir();
    const file = write(dir, "sfx.xlsx", bytes);
    const out = path.join(dir, "out.xlsx");
    const c = await cli("check", file, "--annotate", out);
    expect([c.code, c.stderr]).toEqual([1, ""]);
    expect(fs.readFileSync(out).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 3, 4]));
    expect(readXlsx(fs.readFileSync(out)).ok).toBe(true);
  });

  test("noise that merely ends like a zip is still 'not a workbook', and an OLE file is still an .xls", async () => {
    const noise = Buffer.concat([
      Buffer.alloc(5000, 0x41),
      Buffer.from([0x50, 0x4b, 5, 6]),
      Buffer.alloc(18),
    ]);
    const n = readXlsx(noise, { fileName: "x.xlsx" });
    expect(n.ok ? "ok" : n.problem.code).toBe("NOT_XLSX");
    const xls = readXlsx(await BAD["legacy.xls"](), { fileName: "legacy.xls" });
    expect(xls.ok ? "ok" : xls.problem.code).toBe("LEGACY_XLS");
  });
});
