import { checkSplit, notInfo, only } from "../../helpers/split";

const FOUR = ["上城区", "拱墅区", "西湖区", "滨江区"];

describe("part-exceeds-total (其中)", () => {
  test("clean: a 其中 part within its total in every unit", () => {
    const r = checkSplit(FOUR, [
      ["新增企业数(家)", 100, 100, 40, 30, 20, 10],
      ["其中：高新技术企业(家)", 60, 60, 25, 20, 10, 5],
    ]);
    expect(notInfo(r)).toEqual([]);
    expect(r.passed.filter((c) => c.rule === "part-exceeds-total")).toHaveLength(6);
  });

  test("a part larger than its total in one district", () => {
    const r = checkSplit(FOUR, [
      ["新增企业数(家)", 100, 100, 40, 30, 20, 10],
      ["其中：高新技术企业(家)", 60, 60, 25, 20, 3, 12],
    ]);
    const [f] = only(r, "part-exceeds-total");
    // 滨江区 (column H): part 12 > total 10.
    expect(f).toMatchObject({ severity: "error", cell: "H3", related: ["H2"], unit: "滨江区" });
  });

  test("parts written indented after 其中 that together exceed the total", () => {
    const r = checkSplit(FOUR, [
      ["新增企业数(家)", 100, 100, 40, 30, 20, 10],
      ["其中：高新技术企业(家)", 50, 50, 20, 15, 10, 5],
      ["　　科技型中小企业(家)", 60, 60, 25, 20, 10, 5],
    ]);
    const f = only(r, "part-exceeds-total");
    // Parts 50 + 60 = 110 > 100 in the city column and the assignment; 上城区 20 + 25 = 45 > 40; 拱墅区 35 > 30.
    expect(f.map((x) => x.cell).sort()).toEqual(["C2", "D2", "E2", "F2"]);
  });
});

describe("components-mismatch", () => {
  const rows = (rice: number): [string, number, number, ...number[]][] => [
    ["粮食产量(万吨)", 100, 100, 40, 30, 20, 10],
    ["水稻(万吨)", 60, 60, 25, 20, 10, rice],
    ["小麦(万吨)", 30, 30, 10, 8, 8, 3],
    ["旱杂粮(万吨)", 10, 10, 5, 2, 2, 1],
  ];

  test("clean: 粮食 = 水稻 + 小麦 + 旱杂粮 in every unit, discovered by arithmetic", () => {
    const r = checkSplit(FOUR, rows(6));
    expect(notInfo(r)).toEqual([]);
    expect(r.passed.filter((c) => c.rule === "components-mismatch").length).toBeGreaterThanOrEqual(5);
  });

  test("one district whose components do not add up to its total", () => {
    const r = checkSplit(FOUR, rows(9));
    // 滨江区: 9 + 3 + 1 = 13 ≠ 10 (its 水稻 split is also off: 25+20+10+9 = 64 ≠ 60).
    const [f] = only(r, "components-mismatch");
    expect(f).toMatchObject({ severity: "error", cell: "H2", related: ["H3:H5"], unit: "滨江区" });
    expect(f.computed!.toString()).toBe("13");
  });

  test("unrelated rows are never taken for components", () => {
    const r = checkSplit(FOUR, [
      ["新增企业数(家)", 100, 100, 40, 30, 20, 10],
      ["新增项目数(个)", 50, 50, 20, 10, 10, 10],
      ["新增人才数(人)", 70, 70, 20, 20, 20, 10],
    ]);
    expect(only(r, "components-mismatch")).toEqual([]);
    expect(r.passed.filter((c) => c.rule === "components-mismatch")).toEqual([]);
  });
});
