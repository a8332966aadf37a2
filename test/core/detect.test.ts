import { checkWorkbook } from "../../src/core/check";
import { detectSheet } from "../../src/core/detect/detectTables";
import { sheet, workbook } from "../helpers/grid";

describe("layout detection", () => {
  test("units in rows with the 合计 row above the districts is a split checked per indicator column", () => {
    const g = sheet("单位在行", [
      ["某市 2025 年目标分解表"],
      ["地区", "新增企业数(家)", "投资额(亿元)", "R&D占GDP比重(%)"],
      ["合计", 100, 12.5, 3.2],
      ["上城区", 40, 5.0, 4.1],
      ["西湖区", 35, 4.5, 3.0],
      ["滨江区", 24, 3.0, 2.5],
    ]);
    const r = checkWorkbook(workbook(g));
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0].orientation).toBe("units-in-rows");
    expect(r.tables[0].parent).toBe("合计");
    const errors = r.findings.filter((f) => f.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: "sum-mismatch", cell: "B3", related: ["B4:B6"] });
    expect(errors[0].computed!.toString()).toBe("99");
    // The ratio column is not summed; 3.2 lies within [2.5, 4.1].
    expect(r.findings.filter((f) => f.cell === "D3")).toEqual([]);
  });

  test("a table of units without any total is not a split: nothing is summed", () => {
    const clean = sheet("无合计2", [
      ["指标名称", "上城区", "西湖区", "滨江区"],
      ["新增企业数(家)", 40, 35, 12],
      ["投资额(亿元)", 5, 4.5, 2],
    ]);
    const r = checkWorkbook(workbook(clean));
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(r.tables).toEqual([]);
  });

  test("a column the others add up to on most rows becomes the parent by arithmetic, with its reason", () => {
    const g = sheet("算术", [
      ["指标名称", "甲片区", "上城区", "西湖区", "滨江区"],
      ["新增企业数(家)", 100, 40, 35, 25],
      ["投资额(亿元)", 12.5, 5, 4.5, 3],
      ["项目数(个)", 30, 10, 10, 9],
    ]);
    const d = detectSheet(g);
    expect(d.tables).toHaveLength(1);
    const t = d.tables[0];
    if (t.type !== "split") throw new Error("expected a split");
    expect(t.splits[0].parent.label).toBe("甲片区");
    expect(t.splits[0].parent.why.by).toBe("arithmetic");
    const r = checkWorkbook(workbook(g));
    const errors = r.findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => f.cell)).toEqual(["B4"]);
  });

  test("padded and traditional header labels (合  計, 宝 应 县) are read as their plain forms", () => {
    const g = sheet("繁體", [
      ["指標名稱", "合  計", "宝 应 县", "高 邮 市", "江 都 區"],
      ["糧食產量(萬噸)", 10, 4, 3, 3],
    ]);
    const r = checkWorkbook(workbook(g));
    expect(r.tables).toHaveLength(1);
    // Padding goes; the planner's own characters stay for display (matching uses the plain forms).
    expect(r.tables[0].children).toEqual(["宝应县", "高邮市", "江都區"]);
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  test("years as columns, latest first or last, make a progression", () => {
    for (const years of [
      ["2027年", "2025年", "2024年"],
      ["2023", "2024", "2025"],
    ]) {
      const g = sheet("年度", [
        ["指标", ...years],
        ["累计有效发明专利拥有量(件)", 100, 120, 130],
      ]);
      const d = detectSheet(g);
      expect(d.tables).toHaveLength(1);
      expect(d.tables[0].type).toBe("progression");
    }
  });

  test("note lines below a table and a 单位 line above it are not indicators", () => {
    const g = sheet("注", [
      ["单位：亿元"],
      ["指标名称", "全市", "上城区", "西湖区"],
      ["投资额", 10, 4, 6],
      [],
      ["注：数据来源于统计局。"],
    ]);
    const d = detectSheet(g);
    expect(d.tables).toHaveLength(1);
    expect(d.tables[0].indicators.map((i) => i.name)).toEqual(["投资额"]);
    expect(d.tables[0].indicators[0].measure).toBe("亿元");
  });

  test("an empty workbook and a sheet with no table are problems, not findings", () => {
    expect(checkWorkbook(workbook(sheet("空", []))).problems[0].code).toBe("EMPTY_WORKBOOK");
    expect(
      checkWorkbook(workbook(sheet("文字", [["会议纪要"], ["今天讨论了工作安排。"]]))).problems[0].code,
    ).toBe("NO_TABLE");
  });
});

describe("a stray cell far below the table", () => {
  const build = (stray: boolean, unitsInRows: boolean) => {
    const units = Array.from({ length: 40 }, (_, i) => `单位${i + 1}区`);
    const rows: (string | number)[][] = [["序号", "指标名称", "全市目标", ...units]];
    for (let r = 1; r <= 3; r++) rows.push([r, `新增企业${r}(家)`, r === 2 ? 41 : 40, ...units.map(() => 1)]);
    // Units in rows: the same table transposed (地区 down column A).
    const values = unitsInRows ? rows[0].map((_, c) => rows.map((row) => row[c])) : rows;
    if (stray) values[1_048_575] = ["注：数据来源于统计局"];
    return workbook(sheet("表", values));
  };

  test.each([false, true])("changes nothing the check finds (units in rows: %s)", (unitsInRows) => {
    const plain = checkWorkbook(build(false, unitsInRows));
    const withStray = checkWorkbook(build(true, unitsInRows));
    expect(plain.summary.errors).toBe(1);
    expect(withStray.findings).toEqual(plain.findings);
    expect(withStray.summary).toEqual(plain.summary);
  });
});

test("a merged area reaching below the last row adds no line outside the sheet (fuzz counterexample)", () => {
  const grid = sheet(
    "分解表",
    [
      [],
      [],
      [{ error: "#REF!" }, "上城区", 0, "", "上城区"],
      ["-", "序号", 0, "上城区"],
      [],
      [],
      [],
      ["-", "序号", "-", "杭州市目标", "上城区"],
    ],
    { merges: ["A8:D9"] },
  );
  const { tables } = detectSheet(grid);
  for (const t of tables)
    if (t.type === "split")
      for (const sp of t.splits)
        for (const u of [sp.parent, ...sp.children])
          expect(u.line).toBeLessThan(t.orientation === "units-in-rows" ? grid.values.length : 5);
});

test("a unit row added to the same grid after a detection is seen by the next one (as live mode's edits do)", () => {
  const values: (string | number)[][] = [
    ["地区", "新增企业(家)"],
    ["合计", 30],
  ];
  for (let i = 1; i <= 3; i++) values.push([`单位${i}镇`, 10]);
  const grid = sheet("表", values);
  const children = () => {
    const t = detectSheet(grid).tables[0];
    return t.type === "split" ? t.splits[0].children.length : 0;
  };
  expect(children()).toBe(3);
  grid.values[5] = ["单位4镇", 10];
  expect(children()).toBe(4);
});
