#!/usr/bin/env node
"use strict";
/**
 * Ordinary business workbooks (issue 12, item 5): a payroll, a budget, a statistical table with
 * footnote marks and notes, a grade book, and their Chinese equivalents (工资表, 预算表, 统计表, 成绩单).
 * None of them is a target decomposition, and each holds the things that made the checker noisy:
 * codes (E1001, 55001, A0012), a Department/部门 column with repeated names, years as data (2022 as an
 * enrolment year), FY columns, averages in a total row, footnote marks on names and headers, notes.
 *
 * The only findings allowed are the ones keyed here: a total that really does not add up (injected on
 * purpose in the payroll and in 预算表) and real error values (#DIV/0!). Every total is computed here
 * from the rows, so the arithmetic is right by construction except where a fault is injected.
 *
 * Usage: node test/generalization/ordinary.js [OUT_DIR]   (default: a new temp folder)
 */
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");
const { a1 } = require("./build.js");

const ERR = (error) => ({ error });
const V = (v, fmt) => ({ v, fmt });
const round = (x, d) => Number(x.toFixed(d));
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** A workbook: sheets of rows; a cell is a value, V(value, format), ERR(...) or null. */
const WORKBOOKS = {};

// --- English -------------------------------------------------------------------------------

WORKBOOKS["payroll-en"] = () => {
  const people = [
    ["E1001", "Alice Chen", "Sales", [8, 8, 7.5, 8, 6], 24.5],
    ["E1002", "Ben Ortiz", "Support", [8, 8, 8, 8, 8], 21.0],
    ["E1003", "Chloe Martin", "Sales", [6, 7.5, 8, 8, 8], 24.5],
    ["E1004", "David Kim", "Warehouse", [9, 9, 8, 8, 4], 19.75],
    ["E1005", "Erin Walsh", "Support", [8, 8, 8, 0, 8], 21.0],
    ["E1006", "Farid Haddad", "Warehouse", [10, 8, 8, 8, 8], 19.75],
    ["E1007", "Grace Liu", "Sales", [4, 4, 4, 4, 4], 26.0],
    ["E1008", "Hugo Brandt", "Warehouse", [8, 8, 8, 8, 7.5], 19.75],
  ];
  const rows = [["Weekly payroll — week ending 14 March 2025"], []];
  rows.push([
    "Employee ID",
    "Name",
    "Department",
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Total hours",
    "Rate ($/h)",
    "Gross pay ($)",
  ]);
  const first = rows.length;
  const gross = [];
  for (const [id, name, dept, days, rate] of people) {
    const hours = sum(days);
    gross.push(round(hours * rate, 2));
    rows.push([
      id,
      name,
      dept,
      ...days.map((h) => V(h, "0.0")),
      V(hours, "0.0"),
      V(rate, "0.00"),
      V(gross.at(-1), "#,##0.00"),
    ]);
  }
  const totalRow = rows.length;
  const dayTotals = [0, 1, 2, 3, 4].map((d) => sum(people.map((p) => p[3][d])));
  // Injected: the gross pay total is typed 100.00 too high (a real total that does not add up).
  const statedGross = round(sum(gross) + 100, 2);
  rows.push([
    "Total",
    null,
    null,
    ...dayTotals.map((h) => V(h, "0.0")),
    V(sum(dayTotals), "0.0"),
    null,
    V(statedGross, "#,##0.00"),
  ]);
  rows.push([]);
  rows.push(["Prepared by: HR, 17 March 2025. Overtime is paid at 1.5× the rate."]);
  return {
    sheets: [{ name: "Payroll", rows }],
    expected: [{ rule: "sum-mismatch", severity: "error", sheet: "Payroll", cell: a1(totalRow, 10) }],
    facts: { first },
  };
};

WORKBOOKS["budget-en"] = () => {
  const items = [
    ["Salaries", 1240, 1310, "Approved 12 Feb"],
    ["Benefits", 310, 330, null],
    ["Rent", 180, 180, null],
    ["Travel", 45, 38, null],
    ["Training", 22, 30, "a Includes conferences"],
    ["Software (new)", 0, 55, "New line"],
    ["Contingency", 50, 40, null],
  ];
  const rows = [["Department budget, FY2025"], ["Figures in $ thousands"], []];
  rows.push(["Line item", "FY2024 Actual", "FY2025 Budget", "Change", "Change (%)", "Notes"]);
  let divZero = null;
  for (const [item, a, b, note] of items) {
    const change = b - a;
    if (a === 0) divZero = a1(rows.length, 4);
    rows.push([item, a, b, change, a === 0 ? ERR("#DIV/0!") : V(round((change / a) * 100, 1), "0.0"), note]);
  }
  const A = sum(items.map((i) => i[1]));
  const B = sum(items.map((i) => i[2]));
  rows.push(["Total", A, B, B - A, V(round(((B - A) / A) * 100, 1), "0.0"), null]);
  rows.push([]);
  rows.push(["FY = fiscal year ending 30 June. a See travel policy 2024-07."]);
  return {
    sheets: [{ name: "Budget", rows }],
    expected: [{ rule: "error-value", severity: "error", sheet: "Budget", cell: divZero }],
  };
};

WORKBOOKS["statistics-en"] = () => {
  const counties = [
    ["55001", "Adams", 20654, 9315, 645.7],
    ["55003", "Ashland", 16039, 6806, 1045.0],
    ["55005", "Barron", 46711, 19996, 862.7],
    ["55007", "Bayfield", 16220, 7390, 1477.9],
    ["55019", "Clark*", 34774, 12640, 1209.8],
    ["55025", "Dane a", 568203, 237541, 1197.2],
  ];
  const rows = [
    ["Table 3. Resident population and households by county, 2023"],
    ["(persons unless otherwise stated)"],
    [],
  ];
  rows.push([
    "FIPS code",
    "County",
    "Population a",
    "Households",
    "Average household size",
    "Land area (sq mi) b",
  ]);
  for (const [fips, name, pop, hh, area] of counties)
    rows.push([fips, name, pop, hh, V(round(pop / hh, 2), "0.00"), V(area, "0.0")]);
  const pop = sum(counties.map((c) => c[2]));
  const hh = sum(counties.map((c) => c[3]));
  const area = round(sum(counties.map((c) => c[4])), 1);
  rows.push([null, "Total", pop, hh, V(round(pop / hh, 2), "0.00"), V(area, "0.0")]);
  rows.push([]);
  rows.push(["a Estimates as of July 1, 2023."]);
  rows.push(["b Excludes water area."]);
  rows.push(["* Boundary revised in 2021."]);
  rows.push(["Source: State Census Office, 2024."]);
  return { sheets: [{ name: "Table 3", rows }], expected: [] };
};

WORKBOOKS["gradebook-en"] = () => {
  const students = [
    ["S24-001", "Ava Brown", 2022, 18, 9, 26, 35],
    ["S24-002", "Liam Davis", 2023, 20, 10, 28, 38],
    ["S24-003", "Mia Wilson", 2022, 15, 7, 21, 30],
    ["S24-004", "Noah Garcia", 2021, 19, 8, 25, 33],
    ["S24-005", "Olivia Lee", 2023, 17, 9, 27, 36],
    ["S24-006", "Ethan Clark", 2024, 12, 6, 18, 26],
    ["S24-007", "Sofia Lewis", 2022, 20, 9, 29, 39],
    ["S24-008", "Lucas Young", 2023, 16, 8, 22, 31],
  ];
  const grade = (t) => (t >= 90 ? "A" : t >= 85 ? "B+" : t >= 80 ? "B" : t >= 70 ? "C" : "D");
  const rows = [["Algebra II — Spring 2025 grade book"], []];
  rows.push([
    "Student ID",
    "Name",
    "Year",
    "HW (20)",
    "Quiz (10)",
    "Midterm (30)",
    "Final (40)",
    "Total (100)",
    "Grade",
  ]);
  for (const [id, name, year, ...scores] of students)
    rows.push([id, name, year, ...scores, sum(scores), grade(sum(scores))]);
  const avg = (k) =>
    V(round(sum(students.map((s) => (k < 7 ? s[k] : sum(s.slice(3))))) / students.length, 1), "0.0");
  rows.push([null, "Class average", null, avg(3), avg(4), avg(5), avg(6), avg(7), null]);
  rows.push([]);
  rows.push(["Grades: A ≥ 90, B+ ≥ 85, B ≥ 80, C ≥ 70."]);
  return { sheets: [{ name: "Grades", rows }], expected: [] };
};

// --- Chinese -------------------------------------------------------------------------------

WORKBOOKS["工资表"] = () => {
  const staff = [
    ["A0012", "王芳", "财务部", 6200, 1200, 1850.5],
    ["A0017", "李强", "综合部", 5800, 1000, 1620],
    ["A0023", "张敏", "财务部", 6500, 1500, 2100],
    ["A0031", "刘洋", "技术部", 8200, 1800, 2630.75],
    ["A0032", "陈静", "技术部", 7900, 1800, 2405],
    ["A0040", "杨帆", "综合部", 5600, 900, 1380],
    ["A0044", "赵磊", "技术部", 9100, 2000, 3010.25],
    ["A0051", "黄丽", "市场部", 6000, 1200, 2250],
    ["A0058", "周杰", "市场部", 6300, 1300, 2480.5],
    ["A0063", "吴霞", "财务部", 5900, 1100, 1700],
  ];
  const rows = [["2025年3月工资发放表"], ["单位：元"]];
  rows.push([
    "序号",
    "工号",
    "姓名",
    "部门",
    "基本工资",
    "岗位津贴",
    "绩效奖金",
    "应发合计",
    "社保个人部分",
    "个人所得税",
    "实发工资",
    "签字",
  ]);
  const money = (x) => V(round(x, 2), "0.00");
  const cols = [[], [], [], [], [], [], []];
  staff.forEach(([id, name, dept, base, post, bonus], i) => {
    const gross = round(base + post + bonus, 2);
    const social = round(base * 0.105, 2);
    const tax = round(Math.max(0, gross - social - 5000) * 0.03, 2);
    const net = round(gross - social - tax, 2);
    [base, post, bonus, gross, social, tax, net].forEach((x, k) => cols[k].push(x));
    rows.push([i + 1, id, name, dept, ...[base, post, bonus, gross, social, tax, net].map(money), null]);
  });
  rows.push([null, "合计", null, null, ...cols.map((c) => money(sum(c))), null]);
  rows.push([]);
  rows.push(["制表人：张三        审核人：李四"]);
  rows.push(["注：绩效奖金按季度考核结果发放。"]);
  return { sheets: [{ name: "工资表", rows }], expected: [] };
};

WORKBOOKS["预算表"] = () => {
  const items = [
    ["人员经费", 820.5, 865.3, "含离退休"],
    ["公用经费", 215.0, 208.4, null],
    ["信息化建设", 120.0, 150.0, "新增项目"],
    ["课题研究", 60.0, 72.0, null],
    ["设备购置", 0, 45.0, "2025年新设"],
    ["培训费", 18.0, 15.6, null],
  ];
  const rows = [["2025年部门预算支出表"], ["单位：万元"]];
  rows.push(["序号", "项目", "2024年预算数", "2025年预算数", "增减率(%)", "备注"]);
  let divZero = null;
  items.forEach(([item, a, b, note], i) => {
    if (a === 0) divZero = a1(rows.length, 4);
    rows.push([
      i + 1,
      item,
      V(a, "0.00"),
      V(b, "0.00"),
      a === 0 ? ERR("#DIV/0!") : V(round(((b - a) / a) * 100, 1), "0.0"),
      note,
    ]);
  });
  const totalRow = rows.length;
  const A = round(sum(items.map((i) => i[1])), 2);
  // Injected: the 2025 total is typed 10.00 too high; its rate is computed from that total, as Excel would.
  const B = round(sum(items.map((i) => i[2])) + 10, 2);
  rows.push([null, "合计", V(A, "0.00"), V(B, "0.00"), V(round(((B - A) / A) * 100, 1), "0.0"), null]);
  rows.push(["注：增减率=（2025年预算数-2024年预算数）/2024年预算数。"]);
  return {
    sheets: [{ name: "预算表", rows }],
    expected: [
      { rule: "sum-mismatch", severity: "error", sheet: "预算表", cell: a1(totalRow, 3) },
      { rule: "error-value", severity: "error", sheet: "预算表", cell: divZero },
    ],
  };
};

WORKBOOKS["统计表"] = () => {
  const towns = [
    ["城关镇①", 52310, 18420, 86.4],
    ["东山乡*", 12840, 4630, 112.7],
    ["南湖镇", 31275, 10960, 95.2],
    ["西岭乡", 9860, 3720, 140.3],
    ["北塘镇", 27430, 9815, 78.9],
  ];
  const rows = [["表3  各乡镇常住人口和户数（2023年末）"], []];
  rows.push(["乡镇", "常住人口(人)", "户数(户)", "户均人口(人)", "面积(平方公里)②"]);
  for (const [name, pop, hh, area] of towns)
    rows.push([name, pop, hh, V(round(pop / hh, 2), "0.00"), V(area, "0.0")]);
  const pop = sum(towns.map((t) => t[1]));
  const hh = sum(towns.map((t) => t[2]));
  rows.push([
    "合计",
    pop,
    hh,
    V(round(pop / hh, 2), "0.00"),
    V(round(sum(towns.map((t) => t[3])), 1), "0.0"),
  ]);
  rows.push(["注：①含原城郊乡。②不含水域面积。*2021年行政区划调整。"]);
  rows.push(["资料来源：县统计局。"]);
  return { sheets: [{ name: "人口", rows }], expected: [] };
};

WORKBOOKS["成绩单"] = () => {
  const students = [
    [2023010101, "陈晨", 112, 128, 119, 85, 88],
    [2023010102, "林悦", 105, 140, 126, 92, 90],
    [2023010103, "黄磊", 98, 117, 101, 78, 81],
    [2023010104, "郑雪", 121, 109, 133, 80, 86],
    [2023010105, "孙浩", 93, 135, 97, 95, 89],
    [2023010106, "何琳", 116, 122, 128, 83, 79],
    [2023010107, "马骁", 101, 99, 108, 70, 74],
    [2023010108, "罗佳", 125, 131, 137, 88, 93],
  ];
  const totals = students.map((s) => sum(s.slice(2)));
  const rank = (t) => totals.filter((x) => x > t).length + 1;
  const rows = [["高二（3）班期中考试成绩单"], []];
  rows.push(["学号", "姓名", "语文", "数学", "英语", "物理", "化学", "总分", "班级名次"]);
  students.forEach((s, i) => rows.push([...s, totals[i], rank(totals[i])]));
  const avg = (k) => V(round(sum(students.map((s) => s[k])) / students.length, 1), "0.0");
  rows.push([
    null,
    "平均分",
    avg(2),
    avg(3),
    avg(4),
    avg(5),
    avg(6),
    V(round(sum(totals) / totals.length, 1), "0.0"),
    null,
  ]);
  rows.push(["注：总分满分650分。"]);
  return { sheets: [{ name: "成绩", rows }], expected: [] };
};

// ---------------------------------------------------------------------------------------------

async function writeOrdinary(name, outDir) {
  const spec = WORKBOOKS[name]();
  const wb = new ExcelJS.Workbook();
  wb.creator = "tdcheck ordinary workbooks";
  wb.created = new Date("2025-03-17T00:00:00Z");
  wb.modified = new Date("2025-03-17T00:00:00Z");
  for (const s of spec.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, i) => {
      row.forEach((c, j) => {
        if (c === null || c === undefined) return;
        const cell = ws.getRow(i + 1).getCell(j + 1);
        if (typeof c === "object" && "error" in c) cell.value = { error: c.error };
        else if (typeof c === "object" && "v" in c) {
          cell.value = c.v;
          if (c.fmt) cell.numFmt = c.fmt;
        } else cell.value = c;
      });
    });
  }
  const file = path.join(outDir, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return { name, file, expected: spec.expected, sheets: spec.sheets };
}

/** Builds every ordinary workbook into outDir; returns [{ name, file, expected, sheets }]. */
async function buildOrdinary(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const out = [];
  for (const name of Object.keys(WORKBOOKS)) out.push(await writeOrdinary(name, outDir));
  return out;
}

module.exports = { WORKBOOKS, buildOrdinary };

if (require.main === module) {
  const out = process.argv[2] || fs.mkdtempSync(path.join(require("os").tmpdir(), "tdcheck-ordinary-"));
  buildOrdinary(out)
    .then((built) => console.log(`built ${built.length} workbooks in ${out}`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
