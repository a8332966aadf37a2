/**
 * The command line's own sentences, pinned word for word in both languages: the lines of check,
 * detect, rebalance, a batch, a --map file and commander's errors that scripts/snapshot.js does not
 * run (copies written, refusals, acceptances, batches, usage errors). They were pinned before the
 * words moved from inline language branches into the catalogs (checkText.ts, detectText.ts,
 * rebalanceText.ts, batchText.ts, usageText.ts); a word that changed on the way fails here.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { checkWorkbook } from "../../src/core/check";
import type { Lang } from "../../src/core/messages";
import { createAcceptance, encodeAcceptances } from "../../src/core/report";
import { commanderMessage } from "../../src/cli/usageText";
import { readXlsx } from "../../src/cli/xlsx/read";
import { sampleWithState } from "../helpers/stateSheet";
import { cli, SAMPLE, tempDir } from "../helpers/cli";

const DISTRICTS = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区"];

let dir: string;
const at = (name: string): string => path.join(dir, name);

async function save(name: string, build: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await build(wb);
  await wb.xlsx.writeFile(at(name));
}

beforeAll(async () => {
  dir = tempDir();
  fs.copyFileSync(SAMPLE, at("sample.xlsx"));
  await save("zero.xlsx", (wb) => {
    const ws = wb.addWorksheet("分解表");
    ws.addRow(["指标名称", "全市合计", "上城区", "拱墅区", "西湖区"]);
    ws.addRow(["投资额(亿元)", 30, 0, 10, 10]);
    for (const c of ["B2", "C2", "D2", "E2"]) ws.getCell(c).numFmt = "0.0";
  });
  await save("formulas.xlsx", (wb) => {
    const ws = wb.addWorksheet("分解表");
    ws.addRow(["指标名称", "杭州市目标", ...DISTRICTS]);
    ws.addRow(["新增企业数(家)", 1000, 300, 200, 100, 200, 100]);
    ws.getCell("G2").value = { formula: "50*2", result: 100 };
    ws.getCell("B3").value = { formula: "SUM(C2:G2)", result: 900 };
    ws.getCell("A3").value = "核对";
  });
  await save("protected.xlsx", async (wb) => {
    const ws = wb.addWorksheet("分解表");
    ws.addRow(["指标名称", "杭州市目标", ...DISTRICTS]);
    ws.addRow(["新增企业数(家)", 1000, 300, 200, 100, 200, 100]);
    await ws.protect("", {});
  });
  await save("empty.xlsx", (wb) => void wb.addWorksheet("Sheet1"));
  await save("notable.xlsx", (wb) => {
    const ws = wb.addWorksheet("说明");
    ws.addRow(["这是一张说明"]);
    ws.addRow(["没有数字"]);
  });
  await save("ratio.xlsx", (wb) => {
    const ws = wb.addWorksheet("分解表");
    ws.addRow(["指标名称", "全市", "上城区", "拱墅区", "西湖区", "滨江区", "萧山区"]);
    ws.addRow(["地区生产总值(亿元)", 7500, 2800, 2100, 1300, 800, 500]);
    ws.addRow(["R&D经费支出占GDP比重(%)", 3.5, 4.8, 3.1, 2.2, 1.5, 0.9]);
  });
  await save("reference.xlsx", (wb) => {
    const ws = wb.addWorksheet("分解表");
    ws.addRow(["指标名称", "全市合计", "上城区", "拱墅区", "西湖区"]);
    ws.addRow(["新增企业数(家)", 100, 30, 30, 40]);
    ws.addRow(["上年新增企业数(家)", 50, 10, 20, 20]);
  });
  await save("weights.xlsx", (wb) => {
    const ws = wb.addWorksheet("分解表");
    ws.addRow(["指标名称", "全市合计", "上城区", "拱墅区"]);
    ws.addRow(["新增企业数(家)", 100, 50, 40]);
    ws.addRow(["调整难度(个)", 3, 1, 2]);
  });
  await save("cap.xlsx", (wb) => {
    const ws = wb.addWorksheet("分解表");
    ws.addRow(["指标名称", "全市合计", "上城区", "拱墅区", "西湖区"]);
    ws.addRow(["单位GDP能耗下降(%)（上限）", 3, 3, 3, 3]);
    ws.addRow(["新增企业数(家)", 100, 30, 30, 40]);
  });
  // The sample with an acceptance of its 1999/2000 error: kept, lapsed (a cell changed), lapsed (gone).
  await sampleWithState(at("base.xlsx"), {});
  const read = readXlsx(fs.readFileSync(at("base.xlsx")));
  if (!read.ok) throw new Error(read.problem.detail);
  const finding = checkWorkbook(read.workbook).findings.find(
    (f) => f.rule === "sum-mismatch" && f.cell === "D7",
  )!;
  const acceptance = await createAcceptance(finding, read.workbook, {
    reason: "省里口径",
    by: "张三",
    at: "2024-05-06T09:30:00.000Z",
  });
  const stored = { 2: encodeAcceptances([acceptance]) };
  const editE7 = (by: number) => (wb: ExcelJS.Workbook) => {
    const c = wb.getWorksheet("分解表")!.getCell("E7");
    c.value = (c.value as number) + by;
  };
  await sampleWithState(at("accepted.xlsx"), stored);
  await sampleWithState(at("changed.xlsx"), stored, editE7(2));
  await sampleWithState(at("gone.xlsx"), stored, editE7(1));
  await sampleWithState(at("badstate.xlsx"), {
    2: ["acceptances", 1, "~{not json"],
    4: ["trail", 1, "~{not json"],
  });
  fs.writeFileSync(at("invalid.map.json"), "{ not json");
  fs.writeFileSync(at("wrong.map.json"), JSON.stringify({ schema: "tdcheck-map/1", tables: [{ sheet: 5 }] }));
  fs.writeFileSync(at("afile.txt"), "x");
  fs.mkdirSync(at("batch"));
  for (const name of ["sample.xlsx", "zero.xlsx", "empty.xlsx", "accepted.xlsx", "cap.xlsx"])
    fs.copyFileSync(at(name), path.join(dir, "batch", name));
}, 60_000);

/** Every line the command printed (stdout, then stderr), the test folder said as <dir>. */
async function linesOf(lang: Lang, ...argv: string[]): Promise<string[]> {
  const r = await cli(...argv.map((a) => a.replace(/^@/, `${dir}/`)), "--lang", lang);
  return (r.stdout + r.stderr).split(dir).join("<dir>").split("\n");
}

type Case = [name: string, argv: string[], zh: string[], en: string[]];

const REBALANCE: Case[] = [
  [
    "a copy written",
    [
      "rebalance",
      "@sample.xlsx",
      "--indicator",
      "新增高新技术企业数",
      "--lock",
      "滨江区",
      "--out",
      "@o1.xlsx",
    ],
    ["已写出 <dir>/o1.xlsx：改动 1 个单元格（J7）；下级合计 2000 = 杭州市 2000"],
    ["Written <dir>/o1.xlsx: 1 cell changed (J7); children add up to 2000 = 杭州市 2000"],
  ],
  [
    "a copy with nothing to change",
    ["rebalance", "@reference.xlsx", "--indicator", "新增企业数(家)", "--out", "@o2.xlsx"],
    ["已写出 <dir>/o2.xlsx：无需改动任何单元格；下级合计 100 = 全市 100"],
    ["Written <dir>/o2.xlsx: no cell needed to change; children add up to 100 = 全市 100"],
  ],
  [
    "a preview with nothing to change",
    ["rebalance", "@reference.xlsx", "--indicator", "新增企业数(家)"],
    ["预览：无需改动任何单元格。未写出任何文件。"],
    ["Preview: no cell needs to change. Nothing was written."],
  ],
  [
    "formulas replaced",
    ["rebalance", "@formulas.xlsx", "--indicator", "新增企业数", "--out", "@o3.xlsx", "--overwrite-formulas"],
    [
      "已写出 <dir>/o3.xlsx：改动 5 个单元格（C2、D2、E2、F2、G2），替换公式 1 个；下级合计 1000 = 杭州市 1000",
      "  萧山区    G2         100     111   +11  公式 =50*2",
    ],
    [
      "Written <dir>/o3.xlsx: 5 cells changed (C2, D2, E2, F2, G2), 1 formula replaced; children add up to 1000 = 杭州市 1000",
      "  萧山区    G2       100    111     +11  formula =50*2",
    ],
  ],
  [
    "formulas in the way of a preview",
    ["rebalance", "@formulas.xlsx", "--indicator", "新增企业数"],
    ["其中 G2 是公式，写出时需加 --overwrite-formulas。"],
    ["G2 hold formulas: writing them needs --overwrite-formulas."],
  ],
  [
    "formulas in the way of a copy",
    ["rebalance", "@formulas.xlsx", "--indicator", "新增企业数", "--out", "@o4.xlsx"],
    ["这些单元格是公式，写入数值会替换公式：G2 = 50*2。确认替换请加 --overwrite-formulas；未写出任何文件。"],
    [
      "These cells hold formulas that writing would replace: G2 = 50*2. Add --overwrite-formulas to replace them; nothing was written.",
    ],
  ],
  [
    "a ratio in numerator space",
    [
      "rebalance",
      "@ratio.xlsx",
      "--indicator",
      "R&D",
      "--target",
      "3.95",
      "--weights",
      "地区生产总值",
      "--lock",
      "上城区",
      "--max",
      "拱墅区=4.00",
      "--step",
      "0.01",
      "--out",
      "@o5.xlsx",
    ],
    [
      "上级 全市（B3）：目标 3.95；方法：比率指标按分子调整；步长 0.01；权重行“地区生产总值(亿元)”",
      "  按分母加权重算上级为 3.950133，与目标相差 0.000133，舍入容差 0.003133：通过",
      "已写出 <dir>/o5.xlsx：改动 5 个单元格（B3、D3、E3、F3、G3）；全市目标 3.95",
    ],
    [
      'Parent 全市 (B3): target 3.95; method: ratio solved in numerator space; step 0.01; weights row "地区生产总值(亿元)"',
      "  The parent recomputed from the rounded ratios is 3.950133, off the target by 0.000133, rounding tolerance 0.003133: passes",
      "Written <dir>/o5.xlsx: 5 cells changed (B3, D3, E3, F3, G3); 全市 target 3.95",
    ],
  ],
  [
    "a reference row",
    [
      "rebalance",
      "@reference.xlsx",
      "--indicator",
      "新增企业数(家)",
      "--target",
      "150",
      "--reference",
      "上年",
    ],
    ["上级 全市（B2）：目标 150；方法：按参考行比例（因素法）；步长 1；参考行“上年新增企业数(家)”"],
    [
      'Parent 全市 (B2): target 150; method: proportional to a reference row; step 1; reference row "上年新增企业数(家)"',
    ],
  ],
  [
    "a weights row",
    [
      "rebalance",
      "@weights.xlsx",
      "--indicator",
      "新增企业数",
      "--method",
      "minimal-change",
      "--weights",
      "调整难度",
      "--target",
      "95",
    ],
    ["上级 全市（B2）：目标 95；方法：加权最小调整；步长 1；权重行“调整难度(个)”"],
    ['Parent 全市 (B2): target 95; method: weighted minimal change; step 1; weights row "调整难度(个)"'],
  ],
  [
    "bounds that stop the children (max)",
    [
      "rebalance",
      "@reference.xlsx",
      "--indicator",
      "新增企业数(家)",
      "--target",
      "1000",
      "--max",
      "上城区=40",
      "--max",
      "拱墅区=40",
      "--max",
      "西湖区=50",
    ],
    ["  西湖区    E2          40                ≤ 50，受上限限制"],
    ["  西湖区    E2        40                 ≤ 50, stopped by its max"],
  ],
  [
    "bounds that stop the children (min)",
    ["rebalance", "@reference.xlsx", "--indicator", "新增企业数(家)", "--target", "10", "--min", "上城区=20"],
    ["  上城区    C2          30                ≥ 20，受下限限制"],
    ["  上城区    C2        30                 ≥ 20, stopped by its min"],
  ],
  [
    "an edited child and a lock",
    [
      "rebalance",
      "@reference.xlsx",
      "--indicator",
      "新增企业数(家)",
      "--edit",
      "上城区=50",
      "--lock",
      "拱墅区",
    ],
    ["  上城区    C2          30      50   +20  修改", "  拱墅区    D2          30      30     0  锁定"],
    ["  上城区    C2        30     50     +20  edited", "  拱墅区    D2        30     30       0  locked"],
  ],
  [
    "a child at its maximum, with a lock",
    [
      "rebalance",
      "@sample.xlsx",
      "--indicator",
      "新增高新技术企业数",
      "--target",
      "5000",
      "--max",
      "西湖区=320",
      "--lock",
      "滨江区",
    ],
    ["  西湖区    G7         166     320   +154  达上限 320"],
    ["  西湖区    G7       166    320    +154  at max 320"],
  ],
  [
    "zero bases blocked",
    ["rebalance", "@zero.xlsx", "--indicator", "投资额", "--max", "拱墅区=12", "--max", "西湖区=12"],
    [
      "  如需把余额平均分给现值为零的下级，请加 --zero-base equal。",
      "已拒绝：现值为零的单位按比例无法增加，未写出任何文件。",
    ],
    [
      "  To spread the rest equally over the zero-base children, add --zero-base equal.",
      "Refused: units at zero cannot grow proportionally; nothing was written.",
    ],
  ],
  [
    "a protected sheet",
    ["rebalance", "@protected.xlsx", "--indicator", "新增企业数", "--target", "1000", "--out", "@o6.xlsx"],
    ["tdcheck: 工作表“分解表”受保护：请在 Excel 中撤销工作表保护后再调整；未写出任何文件"],
    ['tdcheck: sheet "分解表" is protected: unprotect it in Excel first; nothing was written'],
  ],
  [
    "a trail that cannot be read",
    [
      "rebalance",
      "@badstate.xlsx",
      "--indicator",
      "新增高新技术企业数",
      "--lock",
      "滨江区",
      "--out",
      "@o7.xlsx",
    ],
    ["tdcheck: 注意：调整已写出，但副本中已有的变更记录无法读取，未能记入这次调整（原记录保持不变）"],
    [
      "tdcheck: note: the copy is written, but the trail it already holds cannot be read, so this change was not added to it (the trail is left as it was)",
    ],
  ],
  [
    "--out naming the input",
    ["rebalance", "@sample.xlsx", "--indicator", "新增高新技术企业数", "--out", "@sample.xlsx"],
    ["tdcheck: 不会覆盖输入文件，请用 --out 另选文件名：<dir>/sample.xlsx"],
    ["tdcheck: refusing to overwrite the input; choose another name with --out: <dir>/sample.xlsx"],
  ],
  [
    "a bounds value not written UNIT=VALUE",
    ["rebalance", "@sample.xlsx", "--indicator", "新增高新技术企业数", "--edit", "abc"],
    ["tdcheck: --edit abc：格式应为 单位=数值，例如 --edit 西湖区=170"],
    ["tdcheck: --edit abc: expected UNIT=VALUE, e.g. --edit 西湖区=170"],
  ],
  [
    "no such sheet",
    ["rebalance", "@sample.xlsx", "--indicator", "新增高新技术企业数", "--sheet", "不存在"],
    ["tdcheck: <dir>/sample.xlsx：没有名为“不存在”的工作表（现有：分解表, 进度表）"],
    ['tdcheck: <dir>/sample.xlsx: no sheet named "不存在" (sheets: 分解表, 进度表)'],
  ],
  [
    "an empty workbook",
    ["rebalance", "@empty.xlsx", "--indicator", "x"],
    ["tdcheck: <dir>/empty.xlsx：工作簿是空的"],
    ["tdcheck: <dir>/empty.xlsx: the workbook is empty"],
  ],
  [
    "no table",
    ["rebalance", "@notable.xlsx", "--indicator", "x"],
    ["tdcheck: <dir>/notable.xlsx：未找到可识别的指标分解表"],
    ["tdcheck: <dir>/notable.xlsx: no recognisable target table"],
  ],
];

const CHECK: Case[] = [
  [
    "copies written",
    ["check", "@sample.xlsx", "--annotate", "@a.xlsx", "--report", "@r.xlsx"],
    ["已写出标注副本：<dir>/a.xlsx", "已写出审核报告：<dir>/r.xlsx"],
    ["Annotated copy written: <dir>/a.xlsx", "Audit report written: <dir>/r.xlsx"],
  ],
  [
    "an acceptance kept",
    ["check", "@accepted.xlsx"],
    [
      "  已接受（上报说明）：",
      "      说明：省里口径（张三，2024-05-06）",
      "共 1 张分解表、1 张进度表、15 个指标；执行 15 项校核，通过 13 项；错误 0，警告 1，提示 20；已接受 1，接受失效 0",
    ],
    [
      "  Accepted (with a reason):",
      "      reason: 省里口径 (张三, 2024-05-06)",
      "1 split table, 1 progression, 15 indicators; 15 checks run, 13 passed; 0 errors, 1 warning, 20 info; 1 accepted, 0 lapsed",
    ],
  ],
  [
    "an acceptance lapsed: a cell changed",
    ["check", "@changed.xlsx"],
    ["  接受已失效：分解表!D7 合计不符（所涉单元格已修改，需重新确认）"],
    ["  Acceptance lapsed: 分解表!D7 Sum mismatch (a covered cell changed; confirm it again)"],
  ],
  [
    "an acceptance lapsed: the finding is gone",
    ["check", "@gone.xlsx"],
    ["  接受已失效：分解表!D7 合计不符（该问题已不再出现）"],
    ["  Acceptance lapsed: 分解表!D7 Sum mismatch (the finding no longer occurs)"],
  ],
  [
    "acceptances and trail that cannot be read",
    ["check", "@badstate.xlsx", "--report", "@r2.xlsx"],
    [
      "tdcheck: <dir>/badstate.xlsx：本工具保存的接受记录已损坏，无法读取，按没有接受记录处理",
      "tdcheck: <dir>/badstate.xlsx：本工具保存的变更记录已损坏，无法读取，报告中不列出",
    ],
    [
      "tdcheck: <dir>/badstate.xlsx: the acceptances in the _tdcheck sheet cannot be read (BAD_JSON); checking without them",
      "tdcheck: <dir>/badstate.xlsx: the change trail in the _tdcheck sheet cannot be read (BAD_JSON); the report leaves it out",
    ],
  ],
  [
    "a copy naming the input",
    ["check", "@sample.xlsx", "--annotate", "@sample.xlsx"],
    ["tdcheck: 不会覆盖输入文件，请为输出副本另选文件名：<dir>/sample.xlsx"],
    ["tdcheck: refusing to overwrite an input; choose another name for the copy: <dir>/sample.xlsx"],
  ],
  [
    "no such sheet",
    ["check", "@sample.xlsx", "--sheet", "不存在"],
    ["tdcheck: <dir>/sample.xlsx：没有名为“不存在”的工作表（现有：分解表, 进度表）"],
    ['tdcheck: <dir>/sample.xlsx: no sheet named "不存在" (sheets: 分解表, 进度表)'],
  ],
  [
    "no table on the sheet named",
    ["check", "@notable.xlsx", "--sheet", "说明"],
    [
      "tdcheck: <dir>/notable.xlsx：工作表“说明”中未找到可识别的指标分解表（需要一行或一列合计、本级目标或等于其余各项之和的数，或按年度排列的进度表；没有找到表头在上、数值在下的表格）",
    ],
    [
      'tdcheck: <dir>/notable.xlsx: no recognisable target table on sheet "说明" (a total, a unit\'s own target or a line that is the sum of the others is needed, or year columns; found no block of numbers under a header)',
    ],
  ],
  [
    "a map file that is not there",
    ["check", "@sample.xlsx", "--map", "@nomap.json"],
    ["tdcheck: 找不到表格映射文件：<dir>/nomap.json"],
    ["tdcheck: No such map file: <dir>/nomap.json"],
  ],
  [
    "a map file that is not JSON",
    ["check", "@sample.xlsx", "--map", "@invalid.map.json"],
    ["tdcheck: <dir>/invalid.map.json 不是有效的 JSON：Expected property name or '}' in JSON at position 2"],
    [
      "tdcheck: <dir>/invalid.map.json is not valid JSON: Expected property name or '}' in JSON at position 2",
    ],
  ],
  [
    "a map file that is wrong",
    ["check", "@sample.xlsx", "--map", "@wrong.map.json"],
    ["tdcheck: <dir>/wrong.map.json 中的表格映射有误：tables[0].sheet：must be a non-empty string"],
    ["tdcheck: <dir>/wrong.map.json: the table map is wrong at tables[0].sheet: must be a non-empty string"],
  ],
];

const BATCH: Case[] = [
  [
    "a folder, with copies",
    ["check", "@batch", "--annotate", "@ann", "--report", "@rep"],
    [
      "  <dir>/batch/accepted.xlsx     2     0     1  有警告",
      "  <dir>/batch/cap.xlsx          1     0     0  通过",
      "  <dir>/batch/empty.xlsx        –     –     –  无法校核",
      "  <dir>/batch/sample.xlsx       2     1     1  有错误",
      "共 5 个文件：4 个已校核，1 个无法校核；错误 2，警告 2，提示 40，已接受 1",
      "标注副本已写入：<dir>/ann",
      "审核报告已写入：<dir>/rep",
    ],
    [
      "  <dir>/batch/accepted.xlsx       2       0         1  warnings",
      "  <dir>/batch/cap.xlsx            1       0         0  clean",
      "  <dir>/batch/empty.xlsx          –       –         –  unusable",
      "  <dir>/batch/sample.xlsx         2       1         1  errors",
      "5 files: 4 checked, 1 unusable; 2 errors, 2 warnings, 40 info, 1 accepted",
      "Annotated copies written to: <dir>/ann",
      "Audit reports written to: <dir>/rep",
    ],
  ],
  [
    "--strict",
    ["check", "@batch/accepted.xlsx", "@batch/cap.xlsx", "--strict"],
    ["  <dir>/batch/accepted.xlsx     2     0     1  有警告（严格）"],
    ["  <dir>/batch/accepted.xlsx       2       0         1  warnings (strict)"],
  ],
  [
    "--annotate naming a file",
    ["check", "@batch", "--annotate", "@afile.txt"],
    ["tdcheck: 检查多个文件时 --annotate/--report 须指定文件夹：<dir>/afile.txt 是文件"],
    ["tdcheck: with several files, --annotate/--report name a folder; <dir>/afile.txt is a file"],
  ],
];

const DETECT: Case[] = [
  [
    "a cap",
    ["detect", "@cap.xlsx"],
    [
      "分解表!A1:E3  分解表",
      "  2  单位GDP能耗下降(%)（上限）  [比率 · % · 上限]  关键词 单位GDP; 关键词 能耗",
    ],
    [
      "分解表!A1:E3  split",
      "  2  单位GDP能耗下降(%)（上限）  [ratio · % · cap]  keyword 单位GDP; keyword 能耗",
    ],
  ],
  [
    "no such sheet",
    ["detect", "@sample.xlsx", "--sheet", "不存在"],
    ["tdcheck: <dir>/sample.xlsx：没有名为“不存在”的工作表（现有：分解表, 进度表）"],
    ['tdcheck: <dir>/sample.xlsx: no sheet named "不存在" (sheets: 分解表, 进度表)'],
  ],
  [
    "an empty workbook",
    ["detect", "@empty.xlsx"],
    ["tdcheck: <dir>/empty.xlsx：工作簿是空的"],
    ["tdcheck: <dir>/empty.xlsx: the workbook is empty"],
  ],
  [
    "no table",
    ["detect", "@notable.xlsx"],
    ["tdcheck: <dir>/notable.xlsx：未找到可识别的指标分解表（没有找到表头在上、数值在下的表格）"],
    ["tdcheck: <dir>/notable.xlsx: no recognisable target table (found no block of numbers under a header)"],
  ],
];

describe.each([
  ["rebalance", REBALANCE],
  ["check", CHECK],
  ["a batch", BATCH],
  ["detect", DETECT],
])("%s says, word for word", (_command, cases) => {
  test.each(cases)("%s", async (_name, argv, zh, en) => {
    const said = { zh: await linesOf("zh", ...argv), en: await linesOf("en", ...argv) };
    for (const line of zh) expect(said.zh).toContain(line);
    for (const line of en) expect(said.en).toContain(line);
  });
});

test("commander's errors, in both languages", () => {
  const cases: [string, string, string][] = [
    [
      "error: required option '--indicator <text>' not specified",
      "缺少必需的选项 --indicator <text>",
      "the option --indicator <text> is required",
    ],
    [
      "error: option '--format <format>' argument missing",
      "选项 --format <format> 需要一个值",
      "the option --format <format> needs a value",
    ],
    [
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, csv.",
      "选项 --format <format> 的值“xml”无效，可选：text、json、csv",
      'the option --format <format> does not take "xml"; choose one of text, json, csv',
    ],
    [
      "error: unknown option '--formt'\n(Did you mean --format?)",
      "没有选项 --formt，是否要用 --format？；用 --help 查看可用的选项",
      "there is no option --formt (did you mean --format?); see --help",
    ],
    [
      "error: unknown option '--bogus'",
      "没有选项 --bogus；用 --help 查看可用的选项",
      "there is no option --bogus; see --help",
    ],
    ["error: missing required argument 'file'", "缺少参数 file", "the argument file is missing"],
    [
      "error: too many arguments for 'detect'. Expected 1 argument but got 2.",
      "参数过多；用 --help 查看用法",
      "too many arguments; see --help",
    ],
    [
      "error: unknown command 'chek'\n(Did you mean check?)",
      "没有命令 chek，是否要用 check？；可用的命令：check、detect、rebalance",
      "there is no command chek (did you mean check?); the commands are check, detect, rebalance",
    ],
    [
      "error: something commander says one day",
      "命令行有误；用 tdcheck --help 查看用法",
      "the command line is not valid; see tdcheck --help",
    ],
  ];
  for (const [message, zh, en] of cases) {
    expect(commanderMessage(message, "zh")).toBe(zh);
    expect(commanderMessage(message, "en")).toBe(en);
  }
});

test("an option's choices and default in --help, in both languages", async () => {
  const zh = await linesOf("zh", "detect", "--help");
  const en = await linesOf("en", "detect", "--help");
  expect(zh).toContain("  --format <格式>     输出格式（可选：text、json；默认：text）");
  expect(en).toContain("  --format <format>  output format (choices: text, json, default: text)");
});
