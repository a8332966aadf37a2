/**
 * The command line's language (issue 15): one rule for help and messages — `--lang`, else the
 * system locale (zh* Chinese, en* English), else Chinese — and Chinese text output that holds no raw
 * code (NO_TABLE, INFEASIBLE) nor English fragment ("measure", "error: required option"): codes
 * stay in the JSON. And the rebalance command's own habits: a preview without `--out`, units named
 * by a unique part like the indicator.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { chooseLang, systemLang } from "../../src/cli/cliLang";
import { cli, cliIn, SAMPLE, spawnCli, tempDir } from "../helpers/cli";

describe("the language rule: --lang, else the system locale, else Chinese", () => {
  test.each([
    [[], {}, "zh"],
    [[], { LANG: "en_US.UTF-8" }, "en"],
    [[], { LANG: "zh_CN.UTF-8" }, "zh"],
    [[], { LANG: "zh_TW.UTF-8" }, "zh"],
    [[], { LANG: "C.UTF-8" }, "zh"],
    [[], { LANG: "de_DE.UTF-8" }, "zh"],
    [[], { LANG: "zh_CN.UTF-8", LC_ALL: "en_GB.UTF-8" }, "en"],
    [[], { LANG: "en_US.UTF-8", LC_MESSAGES: "zh_CN.UTF-8" }, "zh"],
    [[], { LANG: "zh_CN.UTF-8", LANGUAGE: "en_US:zh_CN" }, "en"],
    [[], { LANG: "C", LANGUAGE: "en_US" }, "zh"],
    [[], { TDCHECK_LANG: "en", LANG: "zh_CN.UTF-8" }, "en"],
    [["--lang", "zh"], { LANG: "en_US.UTF-8" }, "zh"],
    [["check", "--lang=en", "x.xlsx"], { LANG: "zh_CN.UTF-8" }, "en"],
  ])("argv %j with %j → %s", (argv, env, lang) => {
    expect(chooseLang(argv as string[], env as Record<string, string>)).toBe(lang);
  });

  test("with no locale variable at all (Windows), the platform's locale decides", () => {
    expect(systemLang({}, () => "en-US")).toBe("en");
    expect(systemLang({}, () => "zh-Hans-CN")).toBe("zh");
    expect(chooseLang([], {}, () => "fr-FR")).toBe("zh");
  });

  test("--help is Chinese by default and English in an English locale; so are commander's own errors", async () => {
    const zh = await cliIn({}, "rebalance", "--help");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("用法：");
    expect(zh.stdout).toContain("选项：");
    expect(zh.stdout).toContain("指标：名称，或名称中唯一的一部分");
    expect(zh.stdout).not.toMatch(/Usage|Options|display help|\[options\]|<unit=value>/);
    const en = await cliIn({ LANG: "en_US.UTF-8" }, "rebalance", "--help");
    expect(en.stdout).toContain("Usage: tdcheck rebalance [options] <file>");
    expect(en.stdout).toContain("the indicator: its name or a unique part of it");
    const top = await cliIn({ LANG: "zh_CN.UTF-8" }, "--help");
    expect(top.stdout).toContain("命令：");

    const missing = await cliIn({}, "rebalance", SAMPLE);
    expect([missing.code, missing.stderr]).toEqual([2, "tdcheck: 缺少必需的选项 --indicator <指标>\n"]);
    const choice = await cliIn({}, "check", SAMPLE, "--format", "xml");
    expect(choice.stderr).toBe("tdcheck: 选项 --format <格式> 的值“xml”无效，可选：text、json、csv\n");
    const unknown = await cliIn({}, "check", SAMPLE, "--sheeet", "x");
    expect(unknown.stderr).toMatch(/^tdcheck: 没有选项 --sheeet，是否要用 --sheet？/);
    const english = await cliIn({ LANG: "en_US.UTF-8" }, "rebalance", SAMPLE);
    expect(english.stderr).toBe("tdcheck: the option --indicator <text> is required\n");
    // The real bundled command line, in a locale naming no language: Chinese.
    const spawned = spawnCli(["check", SAMPLE, "--format", "xml"]);
    expect(spawned.stderr).toContain("无效，可选");
  });
});

/** Codes and English words that must not appear in Chinese text for people. */
const RAW =
  /\b(NO_TABLE|EMPTY_WORKBOOK|NO_SUCH_SHEET|INFEASIBLE|ZERO_BASE_BLOCKED|INVALID_INPUT|FORMULA_CELLS|BAD_[A-Z_]+|E[A-Z]{3,})\b|\b(measure|wording|error|required|option|argument|refused|default|tolerance|rows|units)\b/;

/** The output with what the person typed or the workbook holds (paths, file names, R&D, GDP) taken out. */
function words(text: string, typed: string[]): string {
  let out = text;
  for (const t of typed.filter((x) => x.length > 1).sort((a, b) => b.length - a.length))
    out = out.split(t).join("");
  return out.replace(/R&D|GDP|[\w./-]+\.xlsx/g, "");
}

describe("Chinese text output names no code and holds no English fragment", () => {
  test("check, detect, rebalance (done, refused, preview, bad input), a report, a batch", async () => {
    const dir = tempDir();
    const noTable = path.join(dir, "无表.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRows([["本文件只有说明文字"], ["没有表格"]]);
    await wb.xlsx.writeFile(noTable);
    const runs: string[][] = [
      ["check", SAMPLE],
      ["check", SAMPLE, "--report", path.join(dir, "r.xlsx")],
      ["check", noTable],
      ["check", SAMPLE, noTable],
      ["check", SAMPLE, "--sheet", "汇总"],
      ["detect", SAMPLE],
      ["detect", noTable],
      ["rebalance", SAMPLE, "--indicator", "新增高新", "--target", "2000", "--out", path.join(dir, "o.xlsx")],
      ["rebalance", SAMPLE, "--indicator", "新增高新", "--target", "2000"],
      ["rebalance", SAMPLE, "--indicator", "新增高新", "--target", "500", "--lock", "滨江", "--lock", "余杭"],
      ["rebalance", SAMPLE, "--indicator", "新增高新", "--lock", "临"],
      ["rebalance", SAMPLE, "--indicator", "新增高新", "--target", "2000.5"],
      ["rebalance", SAMPLE],
      ["rebalance", SAMPLE, "--indicator", "新增高新", "--method", "magic"],
      ["check", path.join(dir, "没有这个文件.xlsx")],
    ];
    for (const argv of runs) {
      const r = await cli(...argv);
      const text = words(r.stdout + r.stderr, [...argv, dir, SAMPLE]);
      expect([argv.join(" "), text.match(RAW)?.[0] ?? null]).toEqual([argv.join(" "), null]);
    }
    // The codes stay in the JSON, for machines.
    const json = await cli(
      "rebalance",
      SAMPLE,
      "--indicator",
      "新增高新",
      "--target",
      "500",
      "--lock",
      "滨江",
      "--lock",
      "余杭",
      "--format",
      "json",
    );
    expect(JSON.parse(json.stdout).explanation.code).toBe("INFEASIBLE");
  });
});

describe("tdcheck rebalance without --out: the preview, and nothing written", () => {
  test("the worked case previewed: 萧山区 315 → 316 shown, exit 0, no file anywhere", async () => {
    const dir = tempDir();
    const r = await cliIn(
      {},
      "rebalance",
      SAMPLE,
      "--indicator",
      "新增高新",
      "--target",
      "2000",
      "--lock",
      "滨江",
      "--lock",
      "余杭",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/萧山区\s+I7\s+315\s+316\s+\+1/);
    expect(r.stdout).toContain("预览：将改动 1 个单元格（I7）。未写出任何文件");
    expect(fs.readdirSync(dir)).toEqual([]);
    const json = await cli(
      "rebalance",
      SAMPLE,
      "--indicator",
      "新增高新",
      "--target",
      "2000",
      "--format",
      "json",
      "--lang",
      "en",
    );
    const doc = JSON.parse(json.stdout);
    expect(doc.written).toBeNull();
    expect(doc.preview.cells.length).toBeGreaterThan(0);
    // A refusal is still a refusal: exit 1, and said in words.
    const refused = await cli(
      "rebalance",
      SAMPLE,
      "--indicator",
      "新增高新",
      "--target",
      "500",
      "--lock",
      "滨江",
      "--lock",
      "余杭",
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("已拒绝：在这些锁定和上下限下达不到目标");
  });
});

describe("--lock, --min, --max, --edit take a unique part of a unit's name, like --indicator", () => {
  test("unique parts are the units; an ambiguous part is refused naming the candidates", async () => {
    const out = path.join(tempDir(), "o.xlsx");
    const ok = await cli(
      "rebalance",
      SAMPLE,
      "--indicator",
      "新增高新",
      "--lock",
      "滨江",
      "--min",
      "萧山=300",
      "--max",
      "建德=40",
      "--format",
      "json",
      "--out",
      out,
    );
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout) as {
      children: { unit: string; locked: boolean; min?: number; max?: number }[];
    };
    expect(doc.children.find((c) => c.unit === "滨江区")!.locked).toBe(true);
    expect(doc.children.find((c) => c.unit === "萧山区")!.min).toBe(300);
    expect(doc.children.find((c) => c.unit === "建德市")!.max).toBe(40);
    const edit = await cli(
      "rebalance",
      SAMPLE,
      "--indicator",
      "新增高新",
      "--edit",
      "西湖=170",
      "--format",
      "json",
    );
    expect(JSON.parse(edit.stdout).children.find((c: { unit: string }) => c.unit === "西湖区").after).toBe(
      170,
    );
    for (const option of ["--lock", "--min", "--max", "--edit"]) {
      const arg = option === "--lock" ? "临" : "临=5";
      const r = await cli("rebalance", SAMPLE, "--indicator", "新增高新", option, arg);
      expect([option, r.code]).toEqual([option, 2]);
      expect(r.stderr).toContain(`${option}：“临”匹配多个下级单位，请写得更具体：临平区、临安区`);
    }
  });
});

test("the JSON names the way out of a refusal as the command line spells it (--zero-base equal)", async () => {
  const dir = tempDir();
  const file = path.join(dir, "zero.xlsx");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("分解表").addRows([
    ["指标名称", "全市", "甲区", "乙区", "丙区"],
    ["投资额(亿元)", 30.0, 0, 10.0, 10.0],
  ]);
  await wb.xlsx.writeFile(file);
  const r = await cli(
    "rebalance",
    file,
    "--indicator",
    "投资额",
    "--max",
    "乙区=12",
    "--max",
    "丙区=12",
    "--format",
    "json",
  );
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.explanation).toMatchObject({ code: "ZERO_BASE_BLOCKED", option: "--zero-base equal" });
});
