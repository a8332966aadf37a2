/**
 * What an output copy is and what the command line says about it (issue 13, item 7 and the output
 * parts of item 10): a copy keeps its input's kind (macro-enabled workbook, template) and must be
 * named for it; `--annotate ""` is refused rather than silently ignored; notes left out because the
 * user had a note on the cell are said.
 */
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import * as fs from "fs";
import * as path from "path";
import { cli, SAMPLE, tempDir } from "../helpers/cli";
import { rawEntries } from "./xlsx/workbooks";

const CT = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  xltx: "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
  xltm: "application/vnd.ms-excel.template.macroEnabled.main+xml",
} as const;
type Kind = keyof typeof CT;

/** The sample as another kind of package: the workbook's content type, and for macros a VBA part. */
function sampleAs(kind: Kind): Uint8Array {
  const files = unzipSync(new Uint8Array(fs.readFileSync(SAMPLE)));
  const out: Zippable = {};
  for (const [k, v] of Object.entries(files)) out[k] = v;
  let ct = Buffer.from(files["[Content_Types].xml"]).toString("utf8").replace(CT.xlsx, CT[kind]);
  if (kind === "xlsm" || kind === "xltm") {
    out["xl/vbaProject.bin"] = new Uint8Array(Buffer.from("fake VBA project: must come out byte-identical"));
    ct = ct.replace(
      "</Types>",
      `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>`,
    );
    const rels = Buffer.from(files["xl/_rels/workbook.xml.rels"]).toString("utf8");
    out["xl/_rels/workbook.xml.rels"] = strToU8(
      rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`,
      ),
    );
  }
  out["[Content_Types].xml"] = strToU8(ct);
  return zipSync(out);
}

function contentType(file: string): string {
  const ct = Buffer.from(unzipSync(new Uint8Array(fs.readFileSync(file)))["[Content_Types].xml"]).toString(
    "utf8",
  );
  return /PartName="\/xl\/workbook\.xml" ContentType="([^"]+)"/.exec(ct)![1];
}

const WRITERS: [string, (input: string, out: string) => string[]][] = [
  ["check --annotate", (i, o) => ["check", i, "--annotate", o]],
  ["check --report", (i, o) => ["check", i, "--report", o]],
  [
    "rebalance --out",
    (i, o) => ["rebalance", i, "--indicator", "新增高新技术企业数", "--fix", "parent", "--out", o],
  ],
];

describe("item 7: a copy keeps its input's kind, and its name must match it", () => {
  const kinds: [Kind, string][] = [
    ["xlsm", "a macro-enabled workbook"],
    ["xltx", "an Excel template"],
    ["xltm", "a macro-enabled template"],
  ];
  for (const [kind, words] of kinds)
    test.each(WRITERS)(
      `%s of a .${kind}: named .xlsx it is refused with the right extension; named .${kind} it is written as one`,
      async (_, argv) => {
        const dir = tempDir();
        // The input's own name does not decide: what the package says it is does.
        const input = path.join(dir, "plan.xlsx");
        fs.writeFileSync(input, sampleAs(kind));
        const wrong = path.join(dir, "m.xlsx");
        const r = await cli(...argv(input, wrong), "--lang", "en");
        expect(r.code).toBe(2);
        expect(r.stderr.trimEnd().split("\n")).toEqual([
          `tdcheck: the copy is ${words}, like its input, so its name must end in .${kind} (e.g. m.${kind}) or Excel will not open it; ${wrong} was not written`,
        ]);
        expect(fs.existsSync(wrong)).toBe(false);
        const right = path.join(dir, `M.${kind.toUpperCase()}`); // the extension's case does not matter
        const ok = await cli(...argv(input, right));
        expect([ok.code, ok.stderr]).toEqual([argv(input, right)[0] === "check" ? 1 : 0, ""]);
        expect(contentType(right)).toBe(CT[kind]);
        if (kind === "xlsm" || kind === "xltm") {
          const vba = (f: string) =>
            rawEntries(new Uint8Array(fs.readFileSync(f))).find((e) => e.name === "xl/vbaProject.bin")!;
          expect(Buffer.from(vba(right).local).equals(Buffer.from(vba(input).local))).toBe(true);
        }
      },
    );

  test("an ordinary workbook: named without an extension or .xlsm, refused with the .xlsx name to use; in Chinese too", async () => {
    const dir = tempDir();
    for (const name of ["out", "out.xlsm", "out.xls"]) {
      const out = path.join(dir, name);
      const r = await cli("check", SAMPLE, "--annotate", out);
      expect([name, r.code]).toEqual([name, 2]);
      expect(r.stderr).toMatch(
        /副本与输入一样是Excel 工作簿，文件名须以 \.xlsx 结尾（例如 out\.xlsx），否则 Excel 无法打开；未写入/,
      );
      expect(fs.existsSync(out)).toBe(false);
    }
  });

  test("a batch names each copy for its kind", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "macro.xlsm"), sampleAs("xlsm"));
    fs.writeFileSync(path.join(dir, "template-named-wrong.xlsx"), sampleAs("xltx"));
    fs.copyFileSync(SAMPLE, path.join(dir, "plain.xlsx"));
    const out = path.join(dir, "flagged");
    const r = await cli("check", dir, "--annotate", out);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(out).sort()).toEqual(["macro.xlsm", "plain.xlsx", "template-named-wrong.xltx"]);
    expect(contentType(path.join(out, "macro.xlsm"))).toBe(CT.xlsm);
    expect(contentType(path.join(out, "template-named-wrong.xltx"))).toBe(CT.xltx);
  });
});

describe("item 10: empty option values and notes left out are said", () => {
  test.each([
    [["check", SAMPLE, "--annotate", ""], "--annotate"],
    [["check", SAMPLE, "--report", "  "], "--report"],
    [["check", SAMPLE, "--map", ""], "--map"],
    [["rebalance", SAMPLE, "--indicator", "新增高新技术企业数", "--out", ""], "--out"],
  ])("%j: exit 2 with one line, not a silent exit 1", async (argv, flag) => {
    const r = await cli(...argv, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `tdcheck: ${flag} needs a file name, but was given an empty one`,
    ]);
    expect(r.stdout).toBe("");
  });

  async function sampleWithUserNote(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(SAMPLE) as unknown as ArrayBuffer);
    // D7 is where the sample's one error is flagged (13 districts add up to 1999, not 2000).
    wb.getWorksheet("分解表")!.getCell("D7").note = "规划处：此数为省里下达，勿改";
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test("a note not added because the cell has the user's own: said in text and JSON, the user's note kept", async () => {
    const dir = tempDir();
    const input = path.join(dir, "noted.xlsx");
    fs.writeFileSync(input, await sampleWithUserNote());
    const out = path.join(dir, "out.xlsx");
    const text = await cli("check", input, "--annotate", out, "--lang", "en");
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      "1 note not added because the cell already has a note of the user's: 分解表!D7 (the cells are still flagged; the findings above explain them)",
    );
    const zh = await cli("check", input, "--annotate", out);
    expect(zh.stdout).toContain("1 条说明未写入批注，因为这些单元格已有用户自己的批注：分解表!D7");
    const json = await cli("check", input, "--annotate", out, "--format", "json");
    expect((JSON.parse(json.stdout) as { skippedNotes: string[] }).skippedNotes).toEqual(["分解表!D7"]);
    const comments = Object.entries(unzipSync(new Uint8Array(fs.readFileSync(out))))
      .filter(([k]) => /comments\d*\.xml$/.test(k))
      .map(([, v]) => Buffer.from(v).toString("utf8"))
      .join("");
    expect(comments).toContain("此数为省里下达，勿改");
    // A batch says it under its table; without such a note nothing is said.
    const batchOut = path.join(dir, "batch");
    const batch = await cli("check", input, SAMPLE, "--annotate", batchOut, "--lang", "en");
    expect(batch.stdout).toMatch(/noted\.xlsx: 1 note not added .*分解表!D7/);
    expect(batch.stdout.match(/not added/g)).toHaveLength(1);
    const plain = await cli("check", SAMPLE, "--annotate", path.join(dir, "plain.xlsx"), "--format", "json");
    expect(JSON.parse(plain.stdout)).not.toHaveProperty("skippedNotes");
  });
});
