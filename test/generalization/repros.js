#!/usr/bin/env node
"use strict";
/**
 * The smallest grids that the generalization corpus and the ordinary workbooks showed failing
 * (issue 12), each with what PRODUCT.md expects (worked out by hand: §3.1 for the reading, §4 for the
 * cell and the tolerance). `node test/generalization/repros.js` runs each through the engine's
 * checkWorkbook and prints what it does now beside what is expected, so the redesign can be followed
 * repro by repro. The tests that hold the engine to these are corpus.test.ts and ordinary.test.ts.
 *
 * A repro's `expect` lists every error and warning it must give (infos are free); an empty list means
 * silence. Every repro has a parent or components, so each must also be read (no NO_TABLE, ≥ 1 check).
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
const F = (v, fmt) => ({ v, fmt });

const REPROS = [
  {
    id: "R01",
    what: "departments as children (部门 header)",
    rows: [
      ["部门", "新增项目(个)"],
      ["市发改委", 3],
      ["市科技局", 5],
      ["合计", 9],
    ],
    expect: [["sum-mismatch", "error", "B4"]],
  },
  {
    id: "R02",
    what: "an English table: Region, ($M), Total; 12.5 + 7.5 = 20.0 ≠ 21.0 (u = 0.1, n = 2, worst case 0.15)",
    rows: [
      ["Region", "Revenue ($M)"],
      ["North", F(12.5, "0.0")],
      ["South", F(7.5, "0.0")],
      ["Total", F(21.0, "0.0")],
    ],
    expect: [["sum-mismatch", "error", "B4"]],
  },
  {
    id: "R03",
    what: "codes as children under a 单位 header, with 序号",
    rows: [
      ["序号", "单位", "新增企业(家)"],
      [1, "B01", 3],
      [2, "B02", 5],
      [3, "B03", 1],
      [null, "合计", 10],
    ],
    expect: [["sum-mismatch", "error", "C5"]],
  },
  {
    id: "R04",
    what: "a total word in no vocabulary (总额): arithmetic makes it the parent (2 of 3 rows add up, it stands last)",
    rows: [
      ["地区", "新增企业(家)", "新建项目(个)", "投资(万元)"],
      ["东山村", 3, 10, 120],
      ["西岭村", 5, 20, 80],
      ["总额", 8, 30, 210],
    ],
    expect: [["sum-mismatch", "error", "D4"]],
  },
  {
    id: "R05",
    what: "a unit column headed 单位 is not a measure column: a count stays exact",
    rows: [
      ["单位", "新增企业(个)"],
      ["合计", 11],
      ["第1区", 4],
      ["第2区", 6],
    ],
    expect: [["sum-mismatch", "error", "B2"]],
  },
  {
    id: "R06",
    what: "the measure in a 单位：家 line: a count stays exact",
    rows: [["单位：家"], ["地区", "新增企业"], ["上城区", 4], ["拱墅区", 6], ["合计", 11]],
    expect: [["sum-mismatch", "error", "B5"]],
  },
  {
    id: "R07",
    what: "考核目标 is an assignment, not a child (8 = 3 + 5, and 8 meets 8)",
    rows: [
      ["指标名称", "考核目标", "全市", "上城区", "拱墅区"],
      ["新增企业(家)", 8, 8, 3, 5],
    ],
    expect: [],
  },
  {
    id: "R08",
    what: "an assignment with its measure glued on (1014.64亿元 in a 亿元 row is 1014.64) under a 单位 header",
    rows: [
      ["单位", "固定资产投资(亿元)"],
      ["上级下达", "1014.64亿元"],
      ["汇总", F(1030.41, "0.00")],
      ["上城区", F(253.83, "0.00")],
      ["拱墅区", F(776.58, "0.00")],
    ],
    expect: [],
  },
  {
    id: "R09",
    what: "a share column adds up to 100; it is not a ratio",
    rows: [
      ["地区", "投资占比(%)", "新增企业(家)"],
      ["上城区", 40, 3],
      ["拱墅区", 60, 5],
      ["合计", 100, 8],
    ],
    expect: [],
  },
  {
    id: "R10",
    what: "two tables stacked on one sheet stay two tables",
    rows: [
      ["地区", "新增企业(家)"],
      ["上城区", 4],
      ["拱墅区", 6],
      ["合计", 10],
      [],
      ["地区", "新建项目(个)"],
      ["海曙区", 3],
      ["江北区", 5],
      ["合计", 8],
    ],
    expect: [],
  },
  {
    id: "R11",
    what: "the header row is the first row, not a data row (西河村 13 57)",
    rows: [
      ["村（社区）", "新增农户(户)", "新建项目(个)"],
      ["东山村", 12, 3],
      ["西岭村", 8, 5],
      ["南湖社区", 6, 2],
      ["北塘村", 9, 4],
      ["青溪社区", 11, 6],
      ["西河村", 13, 57],
      ["合计", 59, 77],
    ],
    expect: [],
  },
  {
    id: "R12",
    what: "data between 1900 and 2100 is not a year: 1987 + 2043 + 1921 + 2094 = 8045 ≠ 8046",
    rows: [
      ["村（社区）", "常住人口(人)", "户数(户)"],
      ["东山村", 1987, 620],
      ["西岭村", 2043, 700],
      ["南湖社区", 1921, 655],
      ["北塘村", 2094, 710],
      ["合计", 8046, 2685],
    ],
    expect: [["sum-mismatch", "error", "B6"]],
  },
  {
    id: "R13",
    what: "人均 with its measure in a measure row is a ratio, never summed",
    rows: [
      [null, "人均可支配收入", "新增企业"],
      ["单位", "元", "家"],
      ["上城区", 52000, 4],
      ["拱墅区", 48000, 6],
      ["合计", 50000, 10],
    ],
    expect: [],
  },
  {
    id: "R14",
    what: "an attribute column (指标属性: 约束性/预期性) is not a child; 9 ≠ 3 + 5 must be found",
    rows: [
      ["指标名称", "指标属性", "全市", "上城区", "拱墅区"],
      ["新增企业(家)", "约束性", 9, 3, 5],
      ["研发投入(亿元)", "预期性", F(4.5, "0.0"), F(2.0, "0.0"), F(2.5, "0.0")],
    ],
    expect: [["sum-mismatch", "error", "C2"]],
  },
  {
    id: "R15",
    what: "a 其中 line is a part of the total, not a child (4 + 6 = 10; 其中 6 ≤ 10)",
    rows: [
      ["地区", "新增企业(家)"],
      ["全市", 10],
      ["其中：市区", 6],
      ["上城区", 4],
      ["拱墅区", 6],
    ],
    expect: [],
  },
  {
    id: "R16",
    what: "a dropped digit inside a number (1320 written 120) is hinted on that cell (§4: a dropped digit explains the difference)",
    rows: [
      ["指标名称", "合计", "上城区", "拱墅区", "西湖区"],
      ["新增企业(家)", 1380, 120, 60, 0],
    ],
    expect: [["sum-mismatch", "error", "B2", ["C2"]]],
  },
  {
    id: "R17",
    what: "a grade book: Year holds data (2022), letter grades are text, Total (60) = HW + Final: silence",
    rows: [
      ["Student ID", "Name", "Year", "HW (20)", "Final (40)", "Total (60)", "Grade"],
      ["S24-001", "Ava Brown", 2022, 18, 35, 53, "B+"],
      ["S24-002", "Liam Davis", 2023, 20, 38, 58, "A"],
      ["S24-003", "Mia Wilson", 2022, 15, 30, 45, "C"],
      [null, "Class average", null, F(17.7, "0.0"), F(34.3, "0.0"), F(52.0, "0.0"), null],
    ],
    expect: [],
  },
  {
    id: "R18",
    what: "户均人口 (like 人均) is a mean, never summed",
    rows: [
      ["乡镇", "常住人口(人)", "户数(户)", "户均人口(人)"],
      ["城关镇", 52310, 18420, F(2.84, "0.00")],
      ["南湖镇", 31275, 10960, F(2.85, "0.00")],
      ["合计", 83585, 29380, F(2.84, "0.00")],
    ],
    expect: [],
  },
  {
    id: "R19",
    what: "a payroll with a Total row is a table (employees under Total); it adds up",
    rows: [
      ["Employee ID", "Name", "Mon", "Tue", "Total hours"],
      ["E1001", "Alice Chen", F(8, "0.0"), F(7.5, "0.0"), F(15.5, "0.0")],
      ["E1002", "Ben Ortiz", F(8, "0.0"), F(8, "0.0"), F(16, "0.0")],
      ["Total", null, F(16, "0.0"), F(15.5, "0.0"), F(31.5, "0.0")],
    ],
    expect: [],
  },
  {
    id: "R20",
    what: "a budget with year columns (2024年预算数) and a 合计 row: 865.3 + 208.4 = 1073.7 ≠ 1083.7",
    rows: [
      ["单位：万元"],
      ["项目", "2024年预算数", "2025年预算数"],
      ["人员经费", F(820.5, "0.0"), F(865.3, "0.0")],
      ["公用经费", F(215.0, "0.0"), F(208.4, "0.0")],
      ["合计", F(1035.5, "0.0"), F(1083.7, "0.0")],
    ],
    expect: [["sum-mismatch", "error", "C5"]],
  },
];

function loadCore() {
  const esbuild = require("esbuild");
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-repros-")), "core.js");
  esbuild.buildSync({
    stdin: { contents: 'export { checkWorkbook } from "./src/core/check";', resolveDir: ROOT, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile,
    logLevel: "warning",
  });
  return require(outfile);
}

const isCell = (c) => c !== null && typeof c === "object" && "v" in c;

/** What the engine does with one repro, and whether that is what PRODUCT.md expects. */
function runRepro(core, repro) {
  const values = repro.rows.map((r) => r.map((c) => (isCell(c) ? c.v : c)));
  const numberFormats = repro.rows.map((r) => r.map((c) => (isCell(c) ? c.fmt : null)));
  const result = core.checkWorkbook({
    name: `${repro.id}.xlsx`,
    sheets: [{ name: "S", values, numberFormats }],
  });
  const loud = result.findings.filter((f) => f.severity !== "info");
  // A rounding info where an error is due is the worst misreading (issue 12): show it.
  const shown = result.findings.filter((f) => f.severity !== "info" || f.rule === "sum-rounding");
  const now = [
    ...result.problems.map((p) => `refused (${p.code})`),
    ...result.tables.map((t) => `read ${t.range}: parent ${t.parent}, children ${t.children.join("、")}`),
    ...result.progressions.map((p) => `read ${p.range} as a progression over ${p.periods.join(", ")}`),
    ...shown.map((f) => {
      const hints = f.hints.length ? ` hints ${f.hints.map((h) => h.cell).join(",")}` : "";
      const tol = f.tolerance ? ` tolerance ${f.tolerance.value}` : "";
      return `${f.rule} ${f.severity} ${f.cell}${tol}${hints}`;
    }),
    `${result.summary.checks} checks`,
  ];
  const met = repro.expect.every(([rule, severity, cell, hints]) =>
    loud.some(
      (f) =>
        f.rule === rule &&
        f.severity === severity &&
        f.cell === cell &&
        (hints ?? []).every((h) => f.hints.some((x) => x.cell === h)),
    ),
  );
  const extra = loud.filter(
    (f) =>
      !repro.expect.some(
        ([rule, severity, cell]) => f.rule === rule && f.severity === severity && f.cell === cell,
      ),
  );
  const ok = met && extra.length === 0 && result.problems.length === 0 && result.summary.checks > 0;
  return { ok, now };
}

function expectedText(repro) {
  if (repro.expect.length === 0) return "read, and silent (no error, no warning)";
  return repro.expect
    .map(
      ([rule, severity, cell, hints]) =>
        `${rule} ${severity} ${cell}${hints ? ` with hint ${hints.join(",")}` : ""}`,
    )
    .join("; ");
}

module.exports = { REPROS, runRepro };

if (require.main === module) {
  const core = loadCore();
  let failing = 0;
  for (const repro of REPROS) {
    const { ok, now } = runRepro(core, repro);
    if (!ok) failing++;
    console.log(`### ${repro.id} ${ok ? "PASS" : "FAIL"}: ${repro.what}`);
    console.log("```");
    for (const row of repro.rows) console.log(JSON.stringify(row.map((c) => (isCell(c) ? c.v : c))));
    console.log("```");
    console.log(`- expected: ${expectedText(repro)}`);
    console.log(`- engine now: ${now.join("; ")}\n`);
  }
  console.log(`${REPROS.length - failing} of ${REPROS.length} repros pass.`);
}
