import { checkMaps, checkWorkbook, detectWorkbook } from "../../src/core/check";
import { fromMapDocument, toMapDocument, type MapDocument } from "../../src/core/mapJson";
import { seedWorkbook, sheet, workbook } from "../helpers/grid";

const key = (r: ReturnType<typeof checkWorkbook>) =>
  r.findings.map((f) => `${f.rule}|${f.sheet}!${f.cell}|${f.severity}`).sort();

describe("table map JSON (tdcheck-map/1)", () => {
  const wb = seedWorkbook();
  const doc = toMapDocument(detectWorkbook(wb).maps);

  test("positions are written as the sheet shows them: column letters and row numbers", () => {
    const t = doc.tables[0];
    expect(t.splits![0].parent).toMatchObject({ at: "D", label: "杭州市目标", unit: "杭州市" });
    expect(t.indicators[3]).toMatchObject({ at: 7, name: "新增高新技术企业数(家)", kind: "additive" });
  });

  test("a detected map read back gives exactly the same findings", () => {
    const read = fromMapDocument(JSON.parse(JSON.stringify(doc)), wb);
    if (!read.ok) throw new Error(read.problem);
    expect(key({ ...checkMaps(wb, read.maps), problems: [] })).toEqual(key(checkWorkbook(wb)));
  });

  test("a user's correction is used: declaring row 7 a ratio stops it being summed", () => {
    const edited = JSON.parse(JSON.stringify(doc)) as MapDocument;
    edited.tables[0].indicators[3].kind = "ratio";
    const read = fromMapDocument(edited, wb);
    if (!read.ok) throw new Error(read.problem);
    expect(checkMaps(wb, read.maps).findings.filter((f) => f.rule === "sum-mismatch")).toEqual([]);
  });

  test("the at-least policy (层层加码) lets children exceed the parent but never fall short", () => {
    const g = workbook(
      sheet("加码", [
        ["指标名称", "全市", "上城区", "西湖区"],
        ["企业数(家)", 100, 60, 50],
        ["项目数(个)", 100, 40, 50],
      ]),
    );
    const m = toMapDocument(detectWorkbook(g).maps);
    m.tables[0].policy = "at-least";
    const read = fromMapDocument(m, g);
    if (!read.ok) throw new Error(read.problem);
    const errors = checkMaps(g, read.maps).findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => f.cell)).toEqual(["B3"]);
  });

  test.each([
    [(d: MapDocument) => (d.schema = "tdcheck-map/9"), "schema", /tdcheck-map\/1/],
    [(d: MapDocument) => (d.tables[0].sheet = "不存在"), "tables[0].sheet", /no sheet named/],
    [
      (d: MapDocument) => (d.tables[0].splits![0].children[3].at = "ZZ"),
      "tables[0].splits[0].children[3].at",
      /outside the sheet/,
    ],
    [
      (d: MapDocument) => (d.tables[0].splits![0].children[3].at = 7),
      "tables[0].splits[0].children[3].at",
      /column letter/,
    ],
    [
      (d: MapDocument) => ((d.tables[0].indicators[0] as { kind: string }).kind = "sum"),
      "tables[0].indicators[0].kind",
      /one of/,
    ],
    [
      (d: MapDocument) => (d.tables[0].splits![0].children[1].at = "E"),
      "tables[0].splits[0].children[1].at",
      /used twice/,
    ],
    [
      (d: MapDocument) => (d.tables[0].parts = [{ total: 7, parts: [99] }]),
      "tables[0].parts[0].parts[0]",
      /outside the sheet|not one of/,
    ],
  ])("an inconsistent map is refused, naming the wrong field (%#)", (edit, path, problem) => {
    const edited = JSON.parse(JSON.stringify(doc)) as MapDocument;
    edit(edited);
    const read = fromMapDocument(edited, wb);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.path).toBe(path);
    expect(read.problem).toMatch(problem);
  });
});
