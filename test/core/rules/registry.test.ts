/**
 * The rule registry walked: every rule says who it is, where it runs, what it reads and how it is
 * worded in both languages; the checker runs every one of them; and what a rule reports matches
 * what it declares (ids, severities, passed-check texts). A rule added to src/core/rules/ without
 * these fails here.
 */
import * as fs from "fs";
import * as path from "path";
import { checkWorkbook } from "../../../src/core/check";
import type { Finding, Severity } from "../../../src/core/finding";
import type { RawValue } from "../../../src/core/grid";
import { CHECK_TITLES, RULE_TITLES, renderMessage } from "../../../src/core/messages";
import { passedMessage } from "../../../src/core/report/passedText";
import {
  CROSS_SHEET_RULES,
  FINDING_KINDS,
  GROUP_RULES,
  HEADER_RULES,
  PROGRESSION_RULES,
  ROW_RULES,
  RULES,
  WEIGHT_RULES,
  type AnyRule,
} from "../../../src/core/rules";
import { SCOPES, type PassedCheck, type RuleOutput } from "../../../src/core/rules/rule";
import { HANGZHOU_DISTRICTS, seedWorkbook, sheet, workbook } from "../../helpers/grid";
import { checkSplit } from "../../helpers/split";

const ALL: readonly AnyRule[] = RULES;
const LANGS = ["zh", "en"] as const;
const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const FIVE = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区"];
const FOUR = FIVE.slice(0, 4);

/** A finding for a rule id with every kind of evidence a message may name. */
function sampleFinding(rule: keyof typeof FINDING_KINDS): Finding {
  return {
    ...checkSplit(FOUR, [["新增企业数(家)", 100, 100, 40, 30, 20, 9]]).findings.find(
      (f) => f.rule === "sum-mismatch",
    )!,
    rule,
    details: {
      children: 4,
      childNoun: "county",
      min: "1",
      max: "9",
      direction: "floor",
      period: "2025年",
      earlierPeriod: "2024年",
      formula: "=SUM(E2:G2)",
      count: 1,
      skipped: "滨江区",
      which: "part",
      total: "新增企业数",
      parentSheet: "全省",
      weights: "地区生产总值",
      base: "100",
      rate: "22",
      parent: "宁波市",
      missing: "建德市",
      text: "#REF!",
    },
  };
}

describe("every registered rule", () => {
  test.each(ALL.map((r) => [r.id, r] as const))(
    "%s declares an id, a known scope, what it reads and a run",
    (id, rule) => {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(SCOPES).toContain(rule.scope);
      expect(rule.reads.length).toBeGreaterThan(0);
      expect(Object.keys(rule.findings)).toContain(rule.id);
      if (rule.scope === "cells") {
        expect(typeof rule.run.split).toBe("function");
        expect(typeof rule.run.progression).toBe("function");
      } else expect(typeof rule.run).toBe("function");
      if (rule.scope === "group") expect(["parts", "components", "growth"]).toContain(rule.group);
    },
  );

  test.each(Object.keys(FINDING_KINDS).map((id) => [id] as const))(
    "%s has severities and, in both languages, a title, a check title and a message",
    (id) => {
      const kind = FINDING_KINDS[id as keyof typeof FINDING_KINDS];
      expect(kind.severities.length).toBeGreaterThan(0);
      for (const s of kind.severities) expect(SEVERITIES).toContain(s);
      const sample = sampleFinding(id as keyof typeof FINDING_KINDS);
      for (const lang of LANGS) {
        expect(kind[lang].title).not.toBe("");
        expect(kind[lang].check).not.toBe("");
        expect(RULE_TITLES[id as keyof typeof RULE_TITLES][lang]).toBe(kind[lang].title);
        expect(CHECK_TITLES[id as keyof typeof CHECK_TITLES][lang]).toBe(kind[lang].check);
        const text = renderMessage(sample, lang);
        expect(text).not.toBe("");
        expect(text).not.toMatch(/undefined|NaN|\[object/);
      }
      // Chinese and English are two texts, not one copied.
      expect(kind.zh.title).not.toBe(kind.en.title);
      expect(renderMessage(sample, "zh")).not.toBe(renderMessage(sample, "en"));
      // A passed-check text exists in both languages or in neither.
      expect(!!kind.zh.passed).toBe(!!kind.en.passed);
    },
  );

  test("every rule a module under src/core/rules exports is registered", () => {
    const dir = path.join(__dirname, "..", "..", "..", "src", "core", "rules");
    const exported = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      .flatMap((f) => Object.values(require(path.join(dir, f)) as Record<string, unknown>))
      .filter((v): v is AnyRule => typeof v === "object" && v !== null && "findings" in v && "scope" in v);
    expect(exported.length).toBeGreaterThan(0);
    for (const rule of exported) expect([rule.id, ALL.includes(rule)]).toEqual([rule.id, true]);
  });

  test("no finding id is declared by two rules, and every id has a title", () => {
    const ids = ALL.flatMap((r) => Object.keys(r.findings));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(RULE_TITLES).sort()).toEqual([...ids].sort());
  });

  test("the checker's groups hold every rule once, in its scope (the cell checks in rows and progressions)", () => {
    const where = new Map<string, string[]>();
    const note = (group: string, runners: readonly { id: string }[]) =>
      runners.forEach((r) => where.set(r.id, [...(where.get(r.id) ?? []), group]));
    note("split", ROW_RULES);
    note("header", HEADER_RULES);
    note("weights", WEIGHT_RULES);
    for (const [kind, runners] of Object.entries(GROUP_RULES)) note(`group:${kind}`, runners);
    note("progression", PROGRESSION_RULES);
    note("cross-sheet", CROSS_SHEET_RULES);
    for (const rule of ALL) {
      const expected =
        rule.scope === "cells"
          ? ["split", "progression"]
          : rule.scope === "group"
            ? [`group:${rule.group}`]
            : [rule.scope];
      expect([rule.id, where.get(rule.id)]).toEqual([rule.id, expected]);
    }
    expect([...where.keys()].sort()).toEqual(ALL.map((r) => r.id).sort());
  });
});

/** Workbooks that between them give every scope something to check, and every finding id a case. */
function workbooks() {
  const rows = (...r: [string, RawValue, RawValue, ...RawValue[]][]) => r;
  const province = sheet("全省", [
    ["2024 年各市目标分解"],
    ["指标名称", "省目标", "杭州市", "宁波市", "温州市"],
    ["新增企业数(家)", 900, 400, 300, 200],
    ["投资额(亿元)", 90.5, 40.5, 30.0, 20.0],
  ]);
  const city = sheet("杭州", [
    ["杭州2024年区县目标"],
    ["指标名称", "杭州市目标", "上城区", "西湖区"],
    ["新增企业数(家)", 410, 310, 100],
    ["投资额(亿元)", 40.5, 30.5, 10],
  ]);
  return [
    () => checkWorkbook(seedWorkbook()),
    () => checkWorkbook(workbook(province, city)),
    () =>
      checkSplit(
        FIVE,
        rows(
          ["地区生产总值(亿元)", undefined, 7500, 2800, 2100, 1300, 800, 500],
          ["R&D经费支出占GDP比重(%)", undefined, "4.20", "4.80", "4.00", "3.46", "2.76", "2.16"],
        ),
      ),
    () =>
      checkSplit(
        FIVE,
        rows(
          ["地区生产总值(亿元)", undefined, 7500, 2800, 2100, 1300, 800, 500],
          ["R&D经费支出占GDP比重(%)", undefined, "3.95", "4.80", "4.00", "3.46", "2.76", "2.16"],
        ),
      ),
    () =>
      checkSplit(
        FIVE,
        rows(["R&D经费支出占GDP比重(%)", undefined, "4.90", "4.80", "4.00", "3.46", "2.76", "2.16"]),
      ),
    () =>
      checkSplit(
        FIVE,
        rows(
          ["2008年地区生产总值(亿元)", undefined, 1000, 400, 300, 200, 100, 0],
          ["地区生产总值增长(%)", undefined, 22, 22, 22, 22, 22, 22],
          ["2009年地区生产总值目标(亿元)", undefined, 1220, 488, 366, 244, 130, 0],
        ),
      ),
    () =>
      checkSplit(
        FOUR,
        rows(["新增企业数(家)", 100, 100, 40, 30, 20, 10], ["其中：高新技术企业(家)", 60, 60, 25, 20, 3, 12]),
      ),
    () =>
      checkSplit(
        FOUR,
        rows(
          ["粮食产量(万吨)", 100, 100, 40, 30, 20, 10],
          ["水稻(万吨)", 60, 60, 25, 20, 10, 9],
          ["小麦(万吨)", 30, 30, 10, 8, 8, 3],
          ["旱杂粮(万吨)", 10, 10, 5, 2, 2, 1],
        ),
      ),
    () =>
      checkSplit(
        ["上城区", "拱墅区", "西湖区"],
        rows(
          ["企业数(家)", 100, 100, 50, { error: "#REF!" }, 20],
          ["项目数(个)", 100, 100, 50, "12a3", "-"],
          ["投资增长(%)", "快于面上投资增速", 20, "快于面上投资增速", "持续提升", "快于面上投资增速"],
          ["投资额(亿元)", 10.0, "10.0", "3.3", "3.3", "3.3"],
          ["税收(亿元)", 120, 100, 50, 30, 30],
        ),
      ),
    () => checkSplit(["上城区", "西湖区", "上 城 区"], rows(["企业数(家)", 100, 100, 50, 30, 20])),
    // 其中 units: one part larger than its unit (B3), one within it (C3).
    () =>
      checkWorkbook(
        workbook(
          sheet("其中", [
            ["地区", "企业数(家)", "项目数(个)"],
            ["杭州市", 100, 100],
            ["其中：市区", 120, 90],
            ["上城区", 30, 30],
            ["拱墅区", 40, 40],
            ["西湖区", 30, 30],
          ]),
        ),
      ),
    () =>
      checkWorkbook(
        workbook(
          sheet("分解", [
            ["指标名称", "宁波市目标", "海曙区", "江北区", "上城区", "北仑区"],
            ["新增企业数(家)", 40, 10, 10, 10, 10],
          ]),
        ),
      ),
    () =>
      checkWorkbook(
        workbook(
          sheet("分解", [
            ["指标名称", "杭州市目标", ...HANGZHOU_DISTRICTS.slice(0, 12)],
            ["新增企业数(家)", 120, ...HANGZHOU_DISTRICTS.slice(0, 12).map(() => 10)],
          ]),
        ),
      ),
    () =>
      checkWorkbook(
        workbook(
          sheet(
            "表",
            [
              ["指标名称", "全市", "上城区", "拱墅区", "西湖区", "滨江区"],
              ["企业数(家)", 90, 40, 30, 20, 10],
              ["项目数(个)", 100, 40, 30, 20, 10],
            ],
            { formulas: [[], [undefined, "SUM(C2:E2)"], [undefined, "SUM(C3:F3)"]] },
          ),
        ),
      ),
  ];
}

describe("the checker runs every rule, and each reports only what it declares", () => {
  interface Seen {
    calls: number;
    findings: Finding[];
    passed: PassedCheck[];
  }
  const seen = new Map<string, Seen>();
  const restore: (() => void)[] = [];

  /** Wraps a run so the rule's calls and its output are recorded under the rule's id. */
  function spy<A>(rule: AnyRule, run: (a: A, out: RuleOutput) => void) {
    const mine = seen.get(rule.id) ?? { calls: 0, findings: [], passed: [] };
    seen.set(rule.id, mine);
    return (a: A, out: RuleOutput) => {
      mine.calls++;
      run(a, {
        finding: (f) => (mine.findings.push(f), out.finding(f)),
        passed: (c) => (mine.passed.push(c), out.passed(c)),
        failed: () => out.failed(),
      });
    };
  }

  const results: ReturnType<typeof checkWorkbook>[] = [];
  beforeAll(() => {
    for (const rule of ALL) {
      if (rule.scope === "cells") {
        const original = rule.run;
        rule.run = { split: spy(rule, original.split), progression: spy(rule, original.progression) };
        restore.push(() => (rule.run = original));
      } else {
        const original = rule.run;
        (rule as { run: unknown }).run = spy(rule, original as (a: unknown, out: RuleOutput) => void);
        restore.push(() => ((rule as { run: unknown }).run = original));
      }
    }
    for (const make of workbooks()) results.push(make());
  });
  afterAll(() => restore.forEach((undo) => undo()));

  test.each(ALL.map((r) => [r.id, r] as const))("%s: the checker calls its run", (_id, rule) => {
    expect(seen.get(rule.id)?.calls ?? 0).toBeGreaterThan(0);
  });

  test.each(ALL.map((r) => [r.id, r] as const))(
    "%s: its findings carry its declared ids and severities; its passed checks its own id, with a text",
    (_id, rule) => {
      const mine = seen.get(rule.id)!;
      for (const f of mine.findings) {
        const kind = (rule.findings as Record<string, { severities: readonly Severity[] }>)[f.rule];
        expect([f.rule, kind !== undefined]).toEqual([f.rule, true]);
        expect(kind.severities).toContain(f.severity);
      }
      for (const c of mine.passed) {
        expect(c.rule).toBe(rule.id);
        for (const lang of LANGS) {
          expect(FINDING_KINDS[rule.id as keyof typeof FINDING_KINDS][lang].passed).toBeDefined();
          expect(passedMessage(c, lang)).not.toMatch(/undefined|NaN|\[object/);
        }
      }
    },
  );

  test("every declared finding id is reported by one of the workbooks, and every rule with a passed text passes somewhere", () => {
    const reported = new Set(results.flatMap((r) => r.findings.map((f) => f.rule)));
    expect([...Object.keys(FINDING_KINDS)].filter((id) => !reported.has(id as Finding["rule"]))).toEqual([]);
    const passing = new Set(results.flatMap((r) => r.passed.map((c) => c.rule)));
    const withPassed = ALL.filter((r) => FINDING_KINDS[r.id as keyof typeof FINDING_KINDS].zh.passed).map(
      (r) => r.id,
    );
    expect(withPassed.filter((id) => !passing.has(id as Finding["rule"]))).toEqual([]);
  });

  test("every finding of the workbooks renders in both languages without a gap", () => {
    for (const f of results.flatMap((r) => r.findings))
      for (const lang of LANGS) expect(renderMessage(f, lang)).not.toMatch(/undefined|NaN|\[object/);
  });
});
