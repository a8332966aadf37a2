/**
 * How a table is understood (docs/table-understanding.md, issue 12): one focused test per class of
 * table that other offices write and that an earlier reader refused, misread or silently passed.
 * Each expectation is worked out by hand from the table's own numbers.
 */
import { checkWorkbook, type CheckResult } from "../../src/core/check";
import { detectSheet } from "../../src/core/detect/detectTables";
import type { RawValue } from "../../src/core/grid";
import { sheet, workbook } from "../helpers/grid";

function check(rows: RawValue[][], name = "表"): CheckResult {
  return checkWorkbook(workbook(sheet(name, rows)));
}

/** Errors and warnings as "rule cell severity". */
function loud(r: CheckResult): string[] {
  return r.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.cell} ${f.severity}`);
}

function split(r: CheckResult, k = 0) {
  return { parent: r.tables[k]?.parent, children: r.tables[k]?.children };
}

describe("children that are not place names are read once a parent is known", () => {
  const domains: [string, string, string[]][] = [
    ["departments", "部门", ["市发改委", "市科技局", "市教育局"]],
    ["companies", "单位", ["一分公司", "二分公司", "华东分公司"]],
    ["villages", "村（社区）", ["东山村", "南湖社区", "西岭村"]],
    ["schools", "学校", ["城关一小", "实验中学", "育才中学"]],
    ["甲乙丙", "单位名称", ["甲", "乙", "丙"]],
    ["codes", "", ["A01", "A02", "A03"]],
    ["English", "Region", ["North", "South", "East"]],
  ];
  test.each(domains)("%s: the split is read and a count off by one is an error", (_, header, names) => {
    const total = names[0] === "North" ? "Total" : "合计";
    const r = check([
      [header, "新增项目(个)", "投资(万元)"],
      [names[0], 3, 10.5],
      [names[1], 5, 20.0],
      [names[2], 4, 9.5],
      [total, 13, 40.0],
    ]);
    expect(split(r)).toEqual({ parent: total, children: names });
    expect(loud(r)).toEqual(["sum-mismatch B5 error"]);
  });
});

describe("measures: where they are written decides a count's exactness", () => {
  test("a unit column headed 单位 holds names, not measures: 11 ≠ 4 + 6 is an error", () => {
    const r = check([
      ["单位", "指标1(个)"],
      ["合计", 11],
      ["第1区", 4],
      ["第2区", 6],
    ]);
    expect(split(r).children).toEqual(["第1区", "第2区"]);
    expect(loud(r)).toEqual(["sum-mismatch B2 error"]);
  });

  test("a 单位 column of measure words gives the measure: exact", () => {
    const r = check([
      ["地区", "单位", "数量"],
      ["合计", "个", 11],
      ["第1区", "个", 4],
      ["第2区", "个", 6],
    ]);
    expect(r.tables[0].indicators[0].measure).toBe("个");
    expect(loud(r)).toEqual(["sum-mismatch C2 error"]);
  });

  test("a 单位：家 line above a table of units in rows: the sample's 1999 vs 2000 is an error", () => {
    const r = check([
      ["单位：家"],
      ["地区", "新增高新技术企业数"],
      ["杭州市", 2000],
      ["上城区", 999],
      ["拱墅区", 1000],
    ]);
    expect(r.tables[0].indicators[0].measure).toBe("家");
    expect(loud(r)).toEqual(["sum-mismatch B3 error"]);
  });

  test("a measure row (计量单位) under the header is neither a unit nor the header", () => {
    const r = check([
      ["地区", "人口", "面积"],
      ["计量单位", "人", "平方公里"],
      ["合计", 100, 5.5],
      ["甲", 60, 2.5],
      ["乙", 39, 3.0],
    ]);
    expect(split(r)).toEqual({ parent: "合计", children: ["甲", "乙"] });
    expect(r.tables[0].indicators.map((i) => i.measure)).toEqual(["人", "平方公里"]);
    expect(loud(r)).toEqual(["sum-mismatch B3 error"]);
  });
});

describe("years come from headers, never from data", () => {
  test("1,000 villages whose populations lie between 1901 and 2094 are a split, and it is checked", () => {
    const rows: RawValue[][] = [["村", "常住人口(人)", "户数(户)"]];
    let pop = 0;
    let hh = 0;
    for (let i = 0; i < 1000; i++) {
      const p = 1901 + ((i * 37) % 194);
      rows.push([`第${i + 1}村`, p, 500 + (i % 7)]);
      pop += p;
      hh += 500 + (i % 7);
    }
    rows.push(["合计", pop + 1, hh]);
    const r = check(rows);
    expect(r.progressions).toHaveLength(0);
    expect(r.summary.checks).toBeGreaterThan(0);
    expect(loud(r)).toEqual(["sum-mismatch B1002 error"]);
  });

  test("years in the header are periods: a progression, never summed", () => {
    const r = check([
      ["指标", 2023, 2024, 2025],
      ["有效企业数(家)", 100, 120, 130],
      ["拥有量(件)", 5, 6, 7],
    ]);
    expect(r.progressions).toHaveLength(1);
    expect(r.tables).toHaveLength(0);
  });
});

test("the header is the line of labels above the numbers, never a data row", () => {
  const r = check([
    ["村", "人口(人)", "户数(户)"],
    ["东山村", 12, 50],
    ["西河村", 13, 57],
    ["南村", 14, 58],
    ["北村", 15, 59],
    ["中村", 16, 60],
    ["新村", 17, 61],
    ["合计", 87, 345],
  ]);
  expect(split(r).children).toHaveLength(6);
  expect(loud(r)).toEqual([]);
});

describe("assignment lines are never children", () => {
  test("考核目标 with the measure glued on (23项, 42.0万亩, 61.8亿元) is the assignment", () => {
    const r = check([
      ["指标", "考核目标", "合计", "甲区", "乙区"],
      ["项目数", "23项", 23, 10, 13],
      ["面积", "42.0万亩", 42.0, 20.0, 22.0],
      ["投资", "61.8亿元", 61.8, 30.0, 31.8],
    ]);
    expect(r.tables[0].assignment).toBe("考核目标");
    expect(split(r).children).toEqual(["甲区", "乙区"]);
    expect(r.tables[0].indicators.map((i) => i.measure)).toEqual(["项", "万亩", "亿元"]);
    expect(loud(r)).toEqual([]);
  });

  test("a parent below its glued assignment is below-assignment, on the parent's cell", () => {
    const r = check([
      ["指标", "考核目标", "合计", "甲区", "乙区"],
      ["面积", "42.0万亩", 41.0, 20.0, 21.0],
    ]);
    expect(loud(r)).toEqual(["below-assignment C2 error"]);
  });

  test("省目标 beside a city's own target is what the province assigned", () => {
    const r = check([
      ["指标名称", "省目标", "杭州市目标", "上城区", "拱墅区"],
      ["新增企业(家)", 10, 12, 5, 7],
    ]);
    expect(r.tables[0]).toMatchObject({ parent: "杭州市目标", assignment: "省目标" });
    expect(loud(r)).toEqual([]);
  });

  test("省目标 with no other parent on the province's sheet heads the cities", () => {
    const r = check([
      ["指标名称", "省目标", "杭州市", "宁波市"],
      ["新增企业(家)", 12, 5, 7],
    ]);
    expect(split(r)).toEqual({ parent: "省目标", children: ["杭州市", "宁波市"] });
  });
});

describe("lines that describe, not receive, are neither children nor the header", () => {
  test("a 指标属性 column (预期性/约束性) beside the units", () => {
    const r = check([
      ["指标名称", "指标属性", "合计", "甲区", "乙区"],
      ["新增企业(家)", "约束性", 9, 3, 5],
      ["投资(亿元)", "预期性", 8.0, 3.0, 5.0],
    ]);
    expect(split(r).children).toEqual(["甲区", "乙区"]);
    expect(loud(r)).toEqual(["sum-mismatch C2 error"]);
  });

  test("a 状态 column of words beside a count", () => {
    const r = check([
      ["村", "户数(户)", "状态"],
      ["合计", 30, ""],
      ["东村", 10, "正常"],
      ["西村", 20, "撤并"],
    ]);
    expect(r.tables[0].indicators.map((i) => i.name)).toEqual(["户数(户)"]);
    expect(loud(r)).toEqual([]);
  });
});

test("a share column (占比(%)) with 合计 100 adds up to 100; it is no ratio", () => {
  const r = check([
    ["地区", "占比(%)", "数量(个)"],
    ["合计", 100, 10],
    ["甲", 40, 4],
    ["乙", 60, 6],
  ]);
  expect(r.tables[0].indicators[0].kind).toBe("share");
  expect(loud(r)).toEqual([]);
  const wrong = check([
    ["地区", "占比(%)", "数量(个)"],
    ["合计", 100, 10],
    ["甲", 40, 4],
    ["乙", 50, 6],
  ]);
  expect(wrong.tables[0].indicators[0].kind).toBe("share");
  expect(loud(wrong)).toEqual(["sum-mismatch B2 error"]);
});

test("two tables stacked on one sheet stay two tables", () => {
  const r = check([
    ["地区", "数量(个)"],
    ["合计", 10],
    ["甲", 4],
    ["乙", 6],
    [],
    ["地区", "金额(万元)"],
    ["合计", 5.0],
    ["丙", 2.0],
    ["丁", 3.0],
  ]);
  expect(r.tables.map((t) => `${t.parent}>${t.children.join(",")}`)).toEqual(["合计>甲,乙", "合计>丙,丁"]);
  expect(loud(r)).toEqual([]);
});

test("arithmetic beats the dictionary: 计划单列市 and 兵团 beside the provinces, the total their flat sum", () => {
  const r = check([
    ["地区", "新增企业(家)", "投资(亿元)"],
    ["全国", 100, 60.0],
    ["辽宁省", 20, 10.0],
    ["大连市", 10, 5.0],
    ["山东省", 30, 20.0],
    ["青岛市", 15, 10.0],
    ["浙江省", 20, 12.0],
    ["新疆生产建设兵团", 5, 3.0],
  ]);
  expect(r.tables).toHaveLength(1);
  expect(split(r).children).toEqual(["辽宁省", "大连市", "山东省", "青岛市", "浙江省", "新疆生产建设兵团"]);
  expect(loud(r)).toEqual([]);
});

test("a 其中 line under 全市 is a part, not a district", () => {
  const r = check([
    ["地区", "人口(人)"],
    ["全市", 100],
    ["其中：市区", 60],
    ["甲区", 60],
    ["乙区", 40],
  ]);
  expect(split(r).children).toEqual(["甲区", "乙区"]);
  expect(loud(r)).toEqual([]);
});

describe("a table without a parent is still a table", () => {
  const towns = (wheat: number): RawValue[][] => [
    ["指标", "甲镇", "乙镇", "丙镇", "丁镇"],
    ["粮食(吨)", 17, 29, 33, 41],
    ["水稻(吨)", 8, 12, 15, 20],
    ["小麦(吨)", wheat, 10, 11, 13],
    ["旱杂粮(吨)", 3, 7, 7, 8],
  ];
  test("towns side by side: component rows are checked within each town", () => {
    const r = check(towns(6));
    expect(r.tables).toHaveLength(0);
    expect(r.summary.checks).toBe(4);
    expect(loud(r)).toEqual([]);
  });
  test("a town whose grain is not the sum of its crops is a components-mismatch on its total cell", () => {
    // 17 against 8 + 2 + 3 = 13: beyond the rounding of four whole tonnes (±2).
    expect(loud(check(towns(2)))).toEqual(["components-mismatch B2 error"]);
  });
});

test("three levels shown only by indentation under a 三市合计 row", () => {
  const r = check([
    ["地区", "人口(人)"],
    ["三市合计", 600],
    ["甲市", 300],
    ["  甲区", 100],
    ["  乙区", 200],
    ["乙市", 300],
    ["  丙区", 150],
    ["  丁区", 151],
  ]);
  expect(r.tables.map((t) => `${t.parent}>${t.children.join(",")}`)).toEqual([
    "三市合计>甲市,乙市",
    "甲市>甲区,乙区",
    "乙市>丙区,丁区",
  ]);
  expect(loud(r)).toEqual(["sum-mismatch B6 error"]);
});

describe("neither a coincidence nor an error decides", () => {
  const unseen = (first: RawValue[]): RawValue[][] => [
    ["承担单位", "新建住房(套)", "改造面积(万平方米)", "投资(万元)"],
    first,
    ["东片区", 12, 3.5, 410],
    ["西片区", 20, 4.1, 520],
    ["南片区", 8, 2.2, 300],
  ];
  test("a total called something no list knows (总盘子) is the parent when it sums the others", () => {
    const r = check(unseen(["总盘子", 40, 9.8, 1230]));
    expect(split(r)).toEqual({ parent: "总盘子", children: ["东片区", "西片区", "南片区"] });
    expect(loud(r)).toEqual([]);
  });
  test("…and a fault on one of its rows is still found", () => {
    const r = check(unseen(["总盘子", 41, 9.8, 1230]));
    expect(split(r).parent).toBe("总盘子");
    expect(loud(r)).toEqual(["sum-mismatch B2 error"]);
  });
  test("one row that happens to add up makes no parent", () => {
    const r = check([
      ["承担单位", "新建住房(套)", "投资(万元)"],
      ["东片区", 20, 410],
      ["西片区", 12, 520],
      ["南片区", 8, 300],
    ]);
    expect(r.tables).toHaveLength(0);
    expect(r.problems.map((p) => p.code)).toEqual(["NO_TABLE"]);
    expect(r.rejected).toEqual([{ sheet: "表", range: "A1:C4", reason: "no-parent" }]);
  });
  test("a one-row table whose only row is wrong is still read: the total word decides", () => {
    const r = check([
      ["指标", "合计", "甲区", "乙区"],
      ["新增企业(家)", 10, 3, 5],
    ]);
    expect(loud(r)).toEqual(["sum-mismatch B2 error"]);
  });
});

test("ordinary sheets with no split say so: nothing checked, and what was looked at", () => {
  const r = check([
    ["姓名", "部门", "电话"],
    ["王芳", "财务部", "88001234"],
    ["李强", "综合部", "88001235"],
  ]);
  expect(r.summary.checks).toBe(0);
  expect(r.findings).toEqual([]);
  expect(r.problems.map((p) => p.code)).toEqual(["NO_TABLE"]);
});

test("a table the user declared is read without the confidence gate: one row that adds up names the parent", () => {
  const rows: RawValue[][] = [
    ["承担单位", "新建住房(套)"],
    ["东片区", 12],
    ["西片区", 20],
    ["总盘子", 32],
  ];
  expect(detectSheet(sheet("表", rows)).tables).toHaveLength(0);
  const declared = detectSheet(sheet("表", rows), { declared: true }).tables;
  expect(declared).toHaveLength(1);
  expect(declared[0].type === "split" && declared[0].splits[0].parent.label).toBe("总盘子");
});

describe("tables other offices write (found by trying the product as a new user would)", () => {
  test("a last-year or base column beside the units is a comparison, never a child", () => {
    for (const base of ["上年完成", "2024年实际完成", "基数", "Prior year"]) {
      const r = check([
        ["指标名称", "全市目标", base, "甲区", "乙区", "丙区"],
        ["新增就业(人)", 1000, 950, 300, 300, 400],
        ["新增市场主体(户)", 500, 480, 200, 100, 200],
      ]);
      expect([base, split(r).children]).toEqual([base, ["甲区", "乙区", "丙区"]]);
      expect(loud(r)).toEqual([]);
    }
  });

  test("group totals and a grand total at the bottom (Total personnel, Total operating, Total)", () => {
    const r = check([
      ["Line item", "Budget ($K)"],
      ["Salaries", 500],
      ["Benefits", 100],
      ["Total personnel", 600],
      ["Travel", 50],
      ["Software", 70],
      ["Total operating", 120],
      ["Total", 720],
    ]);
    expect(r.tables.map((t) => `${t.parent}>${t.children.join(",")}`)).toEqual([
      "Total>Total personnel,Total operating",
      "Total personnel>Salaries,Benefits",
      "Total operating>Travel,Software",
    ]);
    expect(loud(r)).toEqual([]);
  });

  test("two groups that both call their total 小计 are no duplicate units", () => {
    const r = check([
      ["单位", "新增就业(人)"],
      ["A区", 300],
      ["B区", 200],
      ["小计", 500],
      ["C县", 100],
      ["D县", 150],
      ["小计", 250],
      ["合计", 750],
    ]);
    expect(loud(r)).toEqual([]);
  });

  test("a group total that opens its group (全市目标 | 区县合计 | districts) heads the districts", () => {
    const r = check([
      ["指标名称", "全市目标", "区县合计", "甲区", "乙区", "丙区"],
      ["新增就业(人)", 1000, 1000, 300, 300, 410],
      ["新增市场主体(户)", 500, 500, 200, 100, 200],
    ]);
    expect(loud(r)).toEqual(["sum-mismatch C2 error"]);
  });

  test("a measure per something (微克/立方米) or a concentration is never summed", () => {
    const r = check([
      ["指标名称", "全市", "甲区", "乙区", "丙区"],
      ["细颗粒物(PM2.5)浓度(微克/立方米)", 32, 30, 35, 31],
      ["单位面积产值(元/亩)", 1500, 1400, 1600, 1450],
    ]);
    expect(r.tables[0].indicators.map((i) => i.kind)).toEqual(["ratio", "ratio"]);
    expect(loud(r)).toEqual([]);
  });

  test("percentages in the cells outrank a 单位：亿元 line above the table", () => {
    const r = check([
      ["单位：亿元"],
      ["县区", "年度目标", "完成", "时序进度"],
      ["甲县", 100.0, 60.0, "50%"],
      ["乙县", 80.0, 40.0, "50%"],
      ["丙区", 50.0, 20.0, "50%"],
      ["合计", 230.0, 120.0, "50%"],
    ]);
    expect(r.tables[0].indicators.map((i) => [i.measure, i.kind])).toEqual([
      ["亿元", "additive"],
      ["亿元", "additive"],
      ["%", "ratio"],
    ]);
    expect(loud(r)).toEqual([]);
  });

  test("a form's margin after the total (填表人：张三, 填表日期 2024 3) is no unit", () => {
    const signed = check([
      ["地区", "新增市场主体(户)"],
      ["甲区", 300],
      ["乙区", 210],
      ["合计", 500],
      [],
      ["填表人：张三", "审核人：李四"],
    ]);
    expect(split(signed).children).toEqual(["甲区", "乙区"]);
    expect(loud(signed)).toEqual(["sum-mismatch B4 error"]);
    const dated = check([
      ["地区", "新增就业(人)", "新增主体(户)"],
      ["甲区", 600, 300],
      ["乙区", 400, 200],
      ["合计", 1000, 500],
      ["填表日期", 2024, 3],
    ]);
    expect(loud(dated)).toEqual([]);
  });

  test.each(["各区合计", "合计(万元)", "全县（市、区）", "小计", "总量", "总额", "Σ"])(
    "a total written %s is read as the total, whether or not it adds up",
    (word) => {
      const r = check([
        ["单位", "新增就业(人)"],
        ["甲镇", 600],
        ["乙镇", 400],
        ["丙镇", 300],
        [word, 1310],
      ]);
      expect(split(r)).toEqual({ parent: word, children: ["甲镇", "乙镇", "丙镇"] });
      expect(loud(r)).toEqual(["sum-mismatch B5 error"]);
    },
  );
});

describe("tables totalled both ways", () => {
  test("a 合计 row and a 合计 column: both splits are checked, each row's total too", () => {
    const r = check([
      ["区县", "城镇新增就业(人)", "失业人员再就业(人)", "就业困难人员就业(人)", "合计"],
      ["合计", 1000, 300, 100, 1400],
      ["甲区", 600, 200, 60, 870],
      ["乙区", 400, 100, 40, 530],
    ]);
    expect(loud(r).sort()).toEqual(["sum-mismatch E3 error", "sum-mismatch E4 error"]);
  });

  test("years with a 合计 column beside districts with a 全市 row", () => {
    const r = check([
      ["地区", "2023年", "2024年", "2025年", "合计"],
      ["全市", 180, 220, 260, 670],
      ["甲区", 100, 120, 140, 370],
      ["乙区", 80, 100, 120, 300],
    ]);
    expect(loud(r).sort()).toEqual(["sum-mismatch E2 error", "sum-mismatch E3 error"]);
  });

  test("a total amid the columns heads the side it sums (Rate and Gross pay after Total hours are not hours)", () => {
    const r = check([
      [
        "Employee ID",
        "Name",
        "Department",
        "Mon",
        "Tue",
        "Wed",
        "Total hours",
        "Rate ($/h)",
        "Gross pay ($)",
      ],
      ["E1", "Alice", "Sales", 8, 8, 7, 23, 24.5, 563.5],
      ["E2", "Bob", "Support", 8, 8, 8, 24, 21, 504],
      ["Total", "", "", 16, 16, 15, 47, "", 1067.5],
    ]);
    expect(r.tables.map((t) => `${t.parent}>${t.children.join(",")}`)).toEqual([
      "Total>E1,E2",
      "Total hours>Mon,Tue,Wed",
    ]);
    expect(loud(r)).toEqual([]);
  });
});

describe("more layouts", () => {
  test("groups numbered 一、二 over units numbered 1, 2 in a 序号 column are levels", () => {
    const r = check([
      ["序号", "地区", "新增就业(人)", "新增市场主体(户)"],
      [null, "全市", 750, 125],
      ["一", "市辖区", 500, 80],
      [1, "A区", 300, 50],
      [2, "B区", 200, 30],
      ["二", "县", 250, 45],
      [3, "C县", 100, 20],
      [4, "D县", 150, 26],
    ]);
    expect(r.tables.map((t) => `${t.parent}>${t.children.join(",")}`)).toEqual([
      "全市>市辖区,县",
      "市辖区>A区,B区",
      "县>C县,D县",
    ]);
    expect(loud(r)).toEqual(["sum-mismatch D6 error"]);
  });

  test("a line of measures with an empty first cell still gives the measures", () => {
    const r = check([
      ["地区", "新增就业", "新增主体"],
      [null, "人", "人"],
      ["全市", 101, 50],
      ["甲区", 60, 20],
      ["乙区", 40, 30],
    ]);
    expect(loud(r)).toEqual(["sum-mismatch B3 error"]);
  });

  test("a measure in a merged upper header over its years is the years' measure", () => {
    const r = checkWorkbook(
      workbook(
        sheet(
          "表",
          [
            ["地区", "新增就业(人)", null],
            [null, "2023年", "2024年"],
            ["全市", 1000, 1100],
            ["甲区", 600, 659],
            ["乙区", 400, 440],
          ],
          { merges: ["B1:C1", "A1:A2"] },
        ),
      ),
    );
    expect(loud(r)).toEqual(["sum-mismatch C3 error"]);
  });

  test.each([
    [["Q1", "Q2", "Q3", "Q4", "FY"], "F2"],
    [["一季度", "二季度", "三季度", "四季度", "全年"], "F2"],
  ])("quarters under a full year: %j", (periods, cell) => {
    const r = check([
      ["Indicator", ...periods],
      ["New jobs (count)", 100, 110, 120, 130, 470],
    ]);
    expect(loud(r)).toEqual([`sum-mismatch ${cell} error`]);
  });
});

describe("quiet where nothing is wrong", () => {
  test("text columns that name (所属县区, 部门) are no indicators; targets in words are", () => {
    const r = check([
      ["地区", "所属县区", "新增就业(人)", "工作要求"],
      ["合计", "", 1000, "确保完成"],
      ["甲镇", "上城区", 600, "力争提前完成"],
      ["乙镇", "拱墅区", 400, "持续提升"],
    ]);
    expect(r.tables[0].indicators.map((i) => i.name)).toEqual(["新增就业(人)", "工作要求"]);
    expect(r.findings.filter((f) => f.cell.startsWith("B"))).toEqual([]);
  });

  test("a caption or a date under a bottom total is no unit", () => {
    const r = check([
      ["地区", "新增就业(人)"],
      ["甲区", 600],
      ["乙区", 400],
      ["合计", 1000],
      ["图1 各区新增就业"],
      ["2024年12月31日"],
    ]);
    expect(split(r).children).toEqual(["甲区", "乙区"]);
    expect(r.findings).toEqual([]);
  });

  test("rows of numbers with no header above them are listed as looked at", () => {
    const r = check([
      ["地区", "新增就业(人)"],
      ["合计", 1000],
      ["甲区", 600],
      ["乙区", 400],
      [],
      [],
      ["丙区", 300],
      ["丁区", 200],
    ]);
    expect(r.rejected).toEqual([{ sheet: "表", range: "A7:B8", reason: "no-header" }]);
  });
});

test("footnote marks after a figure (1000①, 1000¹, 1000*) are notes, not digits", () => {
  for (const stated of ["1000①", "1000¹", "1000*", "1000※", "＊1000"]) {
    const r = check([
      ["地区", "新增就业(人)"],
      ["全市", stated],
      ["甲区", 600],
      ["乙区", 400],
      ["注：①含开发区。"],
    ]);
    expect([stated, loud(r)]).toEqual([stated, []]);
    expect(r.summary.checks).toBeGreaterThan(0);
  }
});

test("the column that names each row apart names the rows (an order number beside the product it repeats)", () => {
  const r = check([
    ["订单号", "产品", "数量", "金额(元)"],
    ["D001", "A型", 10, 255],
    ["D002", "B型", 5, 500],
    ["D003", "A型", 8, 204],
    ["合计", "", 23, 959],
  ]);
  expect(split(r).children).toEqual(["D001", "D002", "D003"]);
  expect(loud(r)).toEqual([]);
});

test("其中 before the first of several parts (市区 | 其中：甲区 | 乙区): the parts are not the city's units", () => {
  const r = check([
    ["指标名称", "全市", "市区", "其中：甲区", "乙区", "丙县", "丁县"],
    ["新增就业(人)", 1000, 600, 350, 250, 200, 200],
    ["新增主体(户)", 500, 300, 100, 200, 100, 100],
  ]);
  expect(split(r).children).toEqual(["市区", "丙县", "丁县"]);
  expect(loud(r)).toEqual([]);
});

test("groups by arithmetic: where some lines are the sums of the lines after them (EMEA = France + Germany)", () => {
  const r = check([
    ["Region", "Sales ($K)", "Customers (count)"],
    ["Total", 750, 125],
    ["EMEA", 500, 80],
    ["France", 300, 50],
    ["Germany", 200, 30],
    ["APAC", 250, 45],
    ["Japan", 100, 20],
    ["China", 150, 26],
  ]);
  expect(r.tables.map((t) => `${t.parent}>${t.children.join(",")}`)).toEqual([
    "Total>EMEA,APAC",
    "EMEA>France,Germany",
    "APAC>Japan,China",
  ]);
  expect(loud(r)).toEqual(["sum-mismatch C6 error"]);
});

describe("a word that mixes Chinese and Latin letters is one word, not its Latin half", () => {
  // 单位GDP能耗 is a ratio; taking 单位GDP for the English word "gdp" called every GDP row a ratio,
  // and a GDP split whose districts do not add up passed as a "weighted mean" instead.
  const gdp = (name: string) =>
    check([
      ["地区", name],
      ["杭州市", 100],
      ["上城区", 30],
      ["拱墅区", 50],
      ["西湖区", 15],
    ]);
  test.each(["GDP", "gdp（亿元）", "地区生产总值", "ＧＤＰ"])(
    "%s is an amount: 95 ≠ 100 is an error",
    (name) => {
      const r = gdp(name);
      expect(r.tables[0].indicators[0].kind).toBe("additive");
      expect(loud(r)).toEqual(["sum-mismatch B2 error"]);
    },
  );
  test.each(["单位GDP能耗", "万元gdp能耗下降", "占GDP比重", "单位ＧＤＰ二氧化碳排放"])(
    "%s is a ratio or a share, never summed",
    (name) => {
      expect(["ratio", "share"]).toContain(gdp(name).tables[0].indicators[0].kind);
    },
  );
});

describe("a total said in two total words, or as 'All …', is a total", () => {
  const table = (total: string, header = "区县") =>
    check([
      [header, "供应量（公顷）"],
      [total, 1200],
      ["甲区", 420],
      ["乙区", 380],
      ["丙县", 300],
    ]);
  test.each(["全市总量", "全区总量", "全县总量", "全省总体", "全市合计数", "本市", "本县"])(
    "%s over three units that add up to 1100: an error on the total",
    (total) => {
      const r = table(total);
      expect(split(r)).toEqual({ parent: total, children: ["甲区", "乙区", "丙县"] });
      expect(loud(r)).toEqual(["sum-mismatch B2 error"]);
    },
  );
  test.each(["All stores", "All product lines", "Consolidated", "Whole company"])(
    "%s is the total",
    (total) => {
      const r = check([
        ["Store", "Units sold"],
        [total, 3350],
        ["Downtown", 1200],
        ["Airport", 950],
        ["Mall", 1100],
      ]);
      expect(split(r).parent).toBe(total);
      expect(loud(r)).toEqual(["sum-mismatch B2 error"]);
    },
  );
  test("'All other stores' is one more store, not the total: the Total row checks all four", () => {
    const r = check([
      ["Store", "Units sold"],
      ["Total", 3350],
      ["Downtown", 1200],
      ["Airport", 950],
      ["All other stores", 1200],
    ]);
    expect(split(r)).toEqual({ parent: "Total", children: ["Downtown", "Airport", "All other stores"] });
    expect(loud(r)).toEqual([]);
  });
});

describe("a reduction target is a floor even when it names what is capped", () => {
  const table = (name: string, assigned: number, city: number) =>
    check([
      ["指标", "单位", "省下达目标", "市目标", "甲区", "乙区", "丙县"],
      [name, "%", assigned, city, city, city + 0.3, city - 0.2],
    ]);
  test.each(["单位地区生产总值能耗降低", "二氧化碳排放下降", "化学需氧量排放削减", "能耗强度降幅"])(
    "%s: a city that cuts more than assigned meets it; less is below the assignment",
    (name) => {
      expect(table(name, 3.0, 3.2).tables[0].indicators[0].direction).toBe("floor");
      expect(loud(table(name, 3.0, 3.2))).toEqual([]);
      expect(loud(table(name, 3.0, 2.8))).toEqual(["below-assignment D2 error"]);
    },
  );
  test.each(["能耗强度下降（上限）", "能耗增量控制在以内", "能源消费总量", "单位GDP能耗", "碳排放量"])(
    "%s is a cap",
    (name) => {
      expect(table(name, 3.0, 3.2).tables[0].indicators[0].direction).toBe("cap");
    },
  );
});

describe("rates per head written without 每, and English averages, are not summed", () => {
  const row = (name: string, measure: string, parent: number, kids: number[]) =>
    check([
      ["县区", "指标", "计量单位", "全市", "甲区", "乙区", "丙县"],
      ["", name, measure, parent, ...kids],
    ]).tables[0]?.indicators[0]?.kind;
  test.each([
    ["千人口执业医师数", "人"],
    ["万人高价值发明专利拥有量", "件"],
    ["百户家庭汽车拥有量", "辆"],
    ["每千人口床位数", "张"],
  ])("%s (%s) is a ratio", (name, measure) => {
    expect(row(name, measure, 3, [4, 2.5, 2.67])).toBe("ratio");
  });
  test.each([
    ["城镇新增就业万人", "人"],
    ["千人计划人才数", "人"],
    ["万人次接待游客", "人次"],
  ])("%s stays an amount", (name, measure) => {
    expect(row(name, measure, 10, [4, 3, 3])).toBe("additive");
  });
  test.each(["ARPU ($)", "Days sales outstanding", "DSO (days)", "Revenue per user", "ROI"])(
    "%s is a ratio",
    (name) => {
      const r = check([
        ["Metric", "Total", "North", "South", "East"],
        [name, 52, 55, 50, 51],
        ["Revenue ($k)", 600, 200, 250, 150],
      ]);
      expect(r.tables[0].indicators[0].kind).toBe("ratio");
      expect(loud(r)).toEqual([]);
    },
  );
});

describe("a level the plan brings down is not a slip of the pen", () => {
  const years = (name: string, values: (number | string)[]) =>
    check([
      ["指标", "2021年", "2022年", "2023年", "2024年", "2025年"],
      [name, ...values],
    ]);
  const decreases = (r: CheckResult) =>
    r.findings.filter((f) => f.rule === "progression-decrease").map((f) => f.cell);
  test.each([
    ["存量违法建设面积(万平方米)", [500, 400, 300, 200, 100]],
    ["政府债务余额(亿元)", [320, 310, 300, 290, 280]],
    ["贫困人口存量(人)", [1200, 800, 400, 100, 0]],
  ])("%s falling every year: silence", (name, values) => {
    expect(decreases(years(name, values))).toEqual([]);
  });
  test.each([
    ["汽车保有量(万辆)", [100, 120, 110, 130, 150], ["D2"]],
    ["累计建成5G基站(个)", [1000, 2000, 1900, 3000, 4000], ["D2"]],
  ])("%s with one dip in a rising path: the dip is flagged", (name, values, cells) => {
    expect(decreases(years(name, values))).toEqual(cells);
  });
  test("cells written as 累计 may never fall, even along a falling path", () => {
    expect(decreases(years("建成数(个)", ["累计500", "累计400", "累计300"]))).toEqual(["C2", "D2"]);
  });
});

describe("units named across two label columns: a grouping column beside the names", () => {
  type Style = "repeated" | "once" | "on-total";
  const groups = [
    { name: "东平县", towns: ["东平镇", "老湖镇", "接山镇"], values: [30, 25, 20] },
    { name: "宁阳县", towns: ["华丰镇", "磁窑镇", "伏山镇"], values: [40, 35, 15] },
  ];
  /** The table with the group's total on top (合计 in the names column) or below (东平县小计). */
  function table(style: Style, totalOnTop: boolean, bump = 0): RawValue[][] {
    const rows: RawValue[][] = [["县（市、区）", "乡镇", "新改建农村公路(公里)"]];
    const grand = groups.flatMap((g) => g.values).reduce((a, b) => a + b, 0);
    if (totalOnTop) rows.push(["全市合计", "", grand]);
    groups.forEach((g, gi) => {
      const sum = g.values.reduce((a, b) => a + b, 0);
      const totalRow: RawValue[] = totalOnTop ? [g.name, "小计", sum] : [`${g.name}小计`, "", sum];
      if (totalOnTop) rows.push(totalRow);
      g.towns.forEach((t, i) => {
        const group = style === "repeated" || (style === "once" && i === 0) ? g.name : "";
        rows.push([group, t, g.values[i] + (gi === 0 && i === 1 ? bump : 0)]);
      });
      if (!totalOnTop) rows.push(totalRow);
    });
    if (!totalOnTop) rows.push(["全市合计", "", grand]);
    return rows;
  }
  const cases: [Style, boolean][] = [
    ["repeated", false],
    ["repeated", true],
    ["once", true],
    ["once", false],
    ["on-total", true],
    ["on-total", false],
  ];
  test.each(cases)("%s group names, totals on top %s: read as three splits, clean", (style, onTop) => {
    const r = check(table(style, onTop));
    expect(r.tables.map((t) => [t.parent, t.children.length])).toEqual([
      ["全市合计", 2],
      ["东平县小计", 3],
      ["宁阳县小计", 3],
    ]);
    expect(loud(r)).toEqual([]);
  });
  test.each(cases)(
    "%s group names, totals on top %s: a town off by 10 is an error on its county's total",
    (style, onTop) => {
      const r = check(table(style, onTop, 10));
      const totalRow = onTop ? 3 : 5;
      expect(loud(r)).toEqual([`sum-mismatch C${totalRow} error`]);
    },
  );
  test("a table whose second column is a measure, not names, is read as before", () => {
    const r = check([
      ["指标", "单位", "全市", "甲区", "乙区"],
      ["新增企业", "家", 30, 10, 20],
      ["投资额", "亿元", 12.5, 5, 7.5],
      ["新增项目", "个", 9, 4, 5],
      ["新建学校", "所", 3, 1, 2],
    ]);
    expect(split(r)).toEqual({ parent: "全市", children: ["甲区", "乙区"] });
    expect(loud(r)).toEqual([]);
  });
});

describe("a growth column beside two amounts is linked by its arithmetic, in any order and naming", () => {
  const units = [
    ["甲区", 200, 7],
    ["乙区", 150, 4],
    ["丙县", 500, 6],
    ["丁县", 80, 5],
  ] as const;
  const target = (b: number, r: number) => Math.round(b * (100 + r)) / 100;
  type Col = "base" | "target" | "rate";
  function table(order: Col[], names: Record<Col, string>, slip = 0): RawValue[][] {
    const header = ["县区", ...order.map((c) => names[c])];
    const rows = units.map(([u, b, r], i) => {
      const v: Record<Col, number> = { base: b, rate: r, target: target(b, r) + (i === 1 ? slip : 0) };
      return [u, ...order.map((c) => v[c])];
    });
    const sum = (c: Col) => rows.reduce((a, row) => a + (row[order.indexOf(c) + 1] as number), 0);
    const total = ["全市", ...order.map((c) => (c === "rate" ? 6 : Math.round(sum(c) * 100) / 100))];
    return [header, total, ...rows];
  }
  const namings: Record<Col, string>[] = [
    { base: "2024年完成（亿元）", target: "2025年目标（亿元）", rate: "增长（%）" },
    { base: "上年实绩(亿元)", target: "今年计划(亿元)", rate: "增速(%)" },
  ];
  const orders: Col[][] = [
    ["base", "target", "rate"],
    ["base", "rate", "target"],
    ["rate", "base", "target"],
  ];
  const combos = namings.flatMap((n) => orders.map((o) => [o.join(","), n.base, o, n] as const));
  test.each(combos)(
    "%s (%s…): clean, and a slip of +4.5 on 乙区 is a growth-mismatch there",
    (_o, _n, order, names) => {
      expect(loud(check(table(order, names)))).toEqual([]);
      const r = check(table(order, names, 4.5));
      const col = String.fromCharCode(66 + order.indexOf("target"));
      expect(r.findings.filter((f) => f.rule === "growth-mismatch").map((f) => f.cell)).toEqual([`${col}4`]);
    },
  );
  test("a growth column the amounts do not follow (growth over another year) links nothing", () => {
    const rows: RawValue[][] = [
      ["县区", "2024年完成（亿元）", "2025年目标（亿元）", "2023年以来增长（%）"],
      ["全市", 930, 990, 9],
      ["甲区", 200, 214, 12],
      ["乙区", 150, 160, 3],
      ["丙县", 500, 530, 10],
      ["丁县", 80, 86, 20],
    ];
    expect(loud(check(rows))).toEqual([]);
  });
});

describe("units listed as 其中 under another unit are parts of it, each at most its whole", () => {
  const table = (rows: [string, number][]) =>
    check([["地区", "新增企业(家)"], ...rows.map(([u, v]) => [u, v] as RawValue[])]);
  const findings = (r: CheckResult) =>
    r.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.cell}`);
  test("其中：市区 under 杭州市: 90 of 100 is fine, 120 is an error on the part", () => {
    const rows = (part: number): [string, number][] => [
      ["杭州市", 100],
      ["其中：市区", part],
      ["上城区", 30],
      ["拱墅区", 40],
      ["西湖区", 30],
    ];
    expect(findings(table(rows(90)))).toEqual([]);
    expect(findings(table(rows(120)))).toEqual(["unit-part-exceeds-total B3"]);
    const [f] = table(rows(120)).findings.filter((x) => x.rule === "unit-part-exceeds-total");
    expect([f.unit, f.details?.part, f.stated?.toString(), f.computed?.toString()]).toEqual([
      "杭州市",
      "市区",
      "120",
      "100",
    ]);
  });
  test("two 其中 units that together exceed their unit: an error on the unit", () => {
    const r = table([
      ["合计", 100],
      ["甲县", 60],
      ["其中：城关镇", 40],
      ["其中：东山镇", 30],
      ["乙县", 40],
    ]);
    expect(split(r).children).toEqual(["甲县", "乙县"]);
    expect(findings(r)).toEqual(["unit-part-exceeds-total B3"]);
  });
});

describe("a half year among quarters, a quarter among months, is the total of the periods within it", () => {
  const q = [40, 50, 50, 60];
  function quarters(h1: number, withH2: boolean): RawValue[][] {
    const header = [
      "单位",
      "一季度",
      "二季度",
      "上半年",
      "三季度",
      "四季度",
      ...(withH2 ? ["下半年"] : []),
      "全年",
    ];
    const row = [...q.slice(0, 2), h1, ...q.slice(2), ...(withH2 ? [q[2] + q[3]] : []), 200];
    return [header, ["甲公司", ...row], ["乙公司", ...row.map((v) => v * 2)]];
  }
  test.each([false, true])(
    "上半年 (and 下半年 %s) beside 一季度…四季度: clean; a wrong 上半年 is an error on it",
    (h2) => {
      expect(loud(check(quarters(90, h2)))).toEqual([]);
      expect(loud(check(quarters(95, h2)))).toEqual(["sum-mismatch D2 error", "sum-mismatch D3 error"]);
    },
  );
  test("quarters among months: 一季度 is 1月+2月+3月", () => {
    const months = [10, 11, 12, 13, 14, 15];
    const rows: RawValue[][] = [
      ["单位", "1月", "2月", "3月", "一季度", "4月", "5月", "6月", "二季度", "上半年合计"],
      ["甲", ...months.slice(0, 3), 33, ...months.slice(3), 42, 75],
      ["乙", ...months.slice(0, 3), 40, ...months.slice(3), 42, 75],
    ];
    expect(loud(check(rows))).toEqual(["sum-mismatch E3 error"]);
  });
});

describe("a group's head written below its members, shown by indentation", () => {
  const table = (rows: [string, number][]) =>
    check([["地区", "新增企业数(家)"], ...rows.map(([u, v]) => [u, v] as RawValue[])]);
  const zh = (ningbo: number): [string, number][] => [
    ["　　上城区", 25],
    ["　　西湖区", 35],
    ["　杭州市", 60],
    ["　　海曙区", 15],
    ["　　江北区", 25],
    ["　宁波市", ningbo],
    ["全省合计", 60 + ningbo],
  ];
  test("members first, then their city: each city heads the lines above it", () => {
    const r = table(zh(40));
    expect(r.tables.map((t) => [t.parent, t.children])).toEqual([
      ["杭州市", ["上城区", "西湖区"]],
      ["宁波市", ["海曙区", "江北区"]],
      ["全省合计", ["杭州市", "宁波市"]],
    ]);
    expect(loud(r)).toEqual([]);
    expect(loud(table(zh(41)))).toEqual(["sum-mismatch B7 error"]);
  });
  test("the same in English with leading spaces", () => {
    const r = table([
      ["    Boston", 250],
      ["    New York", 350],
      ["  East", 600],
      ["    Seattle", 150],
      ["    Denver", 250],
      ["  West", 410],
      ["Company total", 1010],
    ]);
    expect(loud(r)).toEqual(["sum-mismatch B7 error"]);
  });
  test("heads above their members still read as before", () => {
    const r = table([
      ["全省合计", 100],
      ["　杭州市", 60],
      ["　　上城区", 25],
      ["　　西湖区", 35],
      ["　宁波市", 40],
      ["　　海曙区", 15],
      ["　　江北区", 25],
    ]);
    expect(r.tables.map((t) => t.parent)).toEqual(["全省合计", "杭州市", "宁波市"]);
    expect(loud(r)).toEqual([]);
  });
});

describe("a derived percent column beside the periods does not make the figures percentages", () => {
  const rows = (q4North: number, pct: (share: number) => RawValue): RawValue[][] => [
    ["Region", "Q1", "Q2", "Q3", "Q4", "FY2025 Total", "% of total"],
    ["North", 100, 110, 120, q4North, 460, pct(0.46)],
    ["South", 80, 90, 85, 95, 350, pct(0.35)],
    ["West", 40, 50, 50, 50, 190, pct(0.19)],
    ["Total", 220, 250, 255, 275, 1000, pct(1)],
  ];
  const formats = (r: RawValue[][]) =>
    r.map((row, i) => row.map((_, c) => (i > 0 && c === 6 ? "0%" : undefined)));
  test.each([
    ["a percent format", (s: number) => s, true],
    ["text with %", (s: number) => `${Math.round(s * 100)}%`, false],
  ] as const)("%s: clean, and a wrong quarter is a sum error", (_, pct, formatted) => {
    const make = (q4: number) => {
      const values = rows(q4, pct);
      return checkWorkbook(
        workbook(sheet("Sales", values, formatted ? { numberFormats: formats(values) } : {})),
      );
    };
    expect(loud(make(130))).toEqual([]);
    expect(loud(make(140))).toContain("sum-mismatch F2 error");
    expect(loud(make(140)).some((f) => f.startsWith("mean-out-of-range"))).toBe(false);
  });
});

describe("a 其中 part in another multiple of the total's measure is compared in the total's", () => {
  const table = (part: number, partMeasure: string) =>
    check([
      ["单位：亿元"],
      ["区县", "总投资", `其中：中央资金(${partMeasure})`],
      ["合计", 7.0, part * 3],
      ["上城区", 1.5, part],
      ["西湖区", 2.5, part],
      ["滨江区", 3.0, part],
    ]);
  const parts = (r: CheckResult) =>
    r.findings.filter((f) => f.rule === "part-exceeds-total").map((f) => f.cell);
  test("3000 万元 is 0.3 亿元: within every district's total", () => {
    expect(parts(table(3000, "万元"))).toEqual([]);
  });
  test("20000 万元 is 2 亿元: more than 上城区's 1.5", () => {
    expect(parts(table(20000, "万元"))).toContain("C4");
  });
  test("a part of another kind (个) is not compared with an amount", () => {
    expect(parts(table(3000, "个"))).toEqual([]);
  });
});

describe("two tables side by side with one blank column between them stay two tables", () => {
  const sideBySide = (staff: number, offset: number): RawValue[][] => {
    const left: RawValue[][] = [
      ["区县", "新增企业(家)"],
      ["合计", 60],
      ["上城区", 10],
      ["西湖区", 20],
      ["滨江区", 30],
    ];
    const right: RawValue[][] = [
      ["部门", "编制数(人)"],
      ["办公室", 12],
      ["财务处", 8],
      ["人事处", 6],
      ["合计", staff],
    ];
    const rows: RawValue[][] = [];
    for (let r = 0; r < 5 + offset; r++) {
      const l = left[r] ?? [null, null];
      const rr = right[r - offset] ?? [null, null];
      rows.push([...l, null, ...rr]);
    }
    return rows;
  };
  test.each([0, 2])(
    "right table %i rows lower: both read, clean; its wrong total is its own error",
    (offset) => {
      const clean = check(sideBySide(26, offset));
      expect(clean.tables.map((t) => t.parent)).toEqual(["合计", "合计"]);
      expect(loud(clean)).toEqual([]);
      expect(loud(check(sideBySide(27, offset)))).toEqual([`sum-mismatch E${5 + offset} error`]);
    },
  );
  test("a blank spacer column inside one table (figures on both sides) keeps it one table", () => {
    const r = check([
      ["指标", "全市", null, "甲区", "乙区"],
      ["新增企业(家)", 30, null, 10, 20],
      ["新增项目(个)", 9, null, 4, 5],
      ["新建学校(所)", 3, null, 1, 2],
    ]);
    expect(split(r)).toEqual({ parent: "全市", children: ["甲区", "乙区"] });
  });
});

describe("a place in a ranking is neither summed nor averaged, and smaller is better", () => {
  const table = (name: string, city: number, assigned: number | string = "") =>
    check([
      ["指标", "省下达", "全市", "甲区", "乙区", "丙县"],
      [name, assigned, city, 3, 7, 12],
      ["新增企业(家)", 60, 60, 20, 20, 20],
    ]);
  test.each(["GDP增速全省排名", "综合位次(位)", "Overall rank"])("%s: no sum, no range, no error", (name) => {
    const r = table(name, 2);
    expect(r.tables[0].indicators[0].kind).toBe("qualitative");
    expect(loud(r)).toEqual([]);
  });
  test("a rank worse than the one assigned is below the assignment (a cap)", () => {
    expect(loud(table("综合排名", 8, 5))).toEqual(["below-assignment C2 error"]);
    expect(loud(table("综合排名", 4, 5))).toEqual([]);
  });
  test("排名前十企业数 counts firms: summed", () => {
    expect(table("进入排名前十企业数(家)", 20).tables[0].indicators[0].kind).toBe("additive");
  });
});
