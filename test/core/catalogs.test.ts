/**
 * The engine's words live in catalogs, one per language (docs/architecture.md): every id has both
 * languages; every sentence a door can show is rendered here for every code and kind, in both
 * languages; what the pane and the report sheet show never names a command-line flag; and no text
 * outside JSON shows a raw code (NO_TABLE, INFEASIBLE).
 */
import { checkWorkbook } from "../../src/core/check";
import { Decimal } from "../../src/core/decimal";
import { MESSAGE_TEXT } from "../../src/core/messageText";
import {
  CHECK_TITLES,
  REJECT_TEXT,
  RULE_TITLES,
  SEVERITY_TEXT,
  describeEvidence,
  describeRejected,
  lookedAtText,
  renderHint,
  renderMessage,
  toleranceDetail,
  type Lang,
} from "../../src/core/messages";
import type { Evidence } from "../../src/core/model";
import { EXPLAIN_TEXT } from "../../src/core/rebalance/explainText";
import { Rational } from "../../src/core/rebalance/rational";
import { renderExplanation, renderRefusal } from "../../src/core/rebalance/rebalance";
import type { Explanation, InputProblem, Refusal } from "../../src/core/rebalance/types";
import {
  renderInvalidInput,
  renderRequestProblem,
  type OptionLabel,
  type RebalancePlan,
  type RequestProblem,
} from "../../src/core/rebalanceRequest";
import { REQUEST_TEXT } from "../../src/core/rebalanceRequest/requestText";
import { auditReport, type TrailEntry } from "../../src/core/report";
import { REPORT_TEXT, reportLabels } from "../../src/core/report/reportText";
import { describeTolerance } from "../../src/core/rules/evidenceText";
import { cliOptionLabel } from "../../src/cli/optionLabels";
import { INPUT_TEXT } from "../../src/cli/inputText";
import { paneOptionLabel } from "../../src/taskpane/RebalancePanel";
import { stringsFor } from "../../src/taskpane/i18n";
import enUS from "../../src/taskpane/i18n/en-US.json";
import zhCN from "../../src/taskpane/i18n/zh-CN.json";
import { seedWorkbook } from "../helpers/grid";

const LANGS: Lang[] = ["zh", "en"];
/** A command-line flag as a sentence would name it: --max, --method reference. */
const FLAG = /(^|[\s“"（(])--[a-z]/;
/** A machine code: NO_TABLE, INFEASIBLE, ZERO_BASE_BLOCKED, BAD_NUMBER. */
const RAW_CODE = /\b[A-Z]{2,}_[A-Z_]+\b|\b(INFEASIBLE|INVALID|UNKNOWN|AMBIGUOUS)\b/;
const CJK = /[\u4e00-\u9fff]/;

/** The shape of a catalog: its keys, recursively, with what kind of value each holds. */
function shape(v: unknown, at = ""): string[] {
  if (typeof v === "function") return [`${at}()`];
  if (typeof v === "string") return [`${at}:string`];
  if (Array.isArray(v)) return [`${at}[${v.length}]`, ...v.flatMap((x, i) => shape(x, `${at}[${i}]`))];
  if (v && typeof v === "object")
    return Object.keys(v)
      .sort()
      .flatMap((k) => shape((v as Record<string, unknown>)[k], `${at}.${k}`));
  return [`${at}:${typeof v}`];
}

function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

const CATALOGS: [string, Record<Lang, unknown>][] = [
  ["core/messageText MESSAGE_TEXT", MESSAGE_TEXT],
  ["core/rebalance/explainText EXPLAIN_TEXT", EXPLAIN_TEXT],
  ["core/rebalanceRequest/requestText REQUEST_TEXT", REQUEST_TEXT],
  ["core/report/reportText REPORT_TEXT", REPORT_TEXT],
  ["core/report/reportText labels", { zh: reportLabels("zh"), en: reportLabels("en") }],
  ["cli/inputText INPUT_TEXT", INPUT_TEXT],
];

/** Tables keyed by id, each id with both languages. */
const KEYED: [string, Record<string, Record<Lang, string>>][] = [
  ["SEVERITY_TEXT", SEVERITY_TEXT],
  ["REJECT_TEXT", REJECT_TEXT],
  ["RULE_TITLES", RULE_TITLES],
  ["CHECK_TITLES", CHECK_TITLES],
];

describe("every id has both languages", () => {
  test.each(CATALOGS)(
    "%s: the Chinese and English catalogs hold the same ids, no text empty",
    (_name, cat) => {
      expect(shape(cat.en)).toEqual(shape(cat.zh));
      for (const lang of LANGS) for (const s of strings(cat[lang])) expect(s.trim()).not.toBe("");
    },
  );

  test.each(KEYED)("%s: each id says itself in both languages, Chinese in Chinese", (_name, table) => {
    for (const [id, t] of Object.entries(table)) {
      expect([id, t.zh?.trim().length > 0, t.en?.trim().length > 0]).toEqual([id, true, true]);
      expect([id, CJK.test(t.zh)]).toEqual([id, true]);
    }
  });

  test("the pane's resources: same keys, none names a command-line flag or shows a raw code", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(enUS).sort());
    for (const s of [...Object.values(zhCN), ...Object.values(enUS)]) {
      expect([s, FLAG.test(s)]).toEqual([s, false]);
      expect([s, RAW_CODE.test(s)]).toEqual([s, false]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every sentence, rendered

/** One problem of each code: adding a code to RequestProblem fails to compile until it is here. */
const PROBLEMS: { [C in RequestProblem["code"]]: Extract<RequestProblem, { code: C }>[] } = {
  NO_TABLE: [{ code: "NO_TABLE" }, { code: "NO_TABLE", sheet: "分解表" }],
  UNKNOWN_INDICATOR: [
    { code: "UNKNOWN_INDICATOR", role: "indicator", text: "产值", indicators: ["新增企业数", "GDP"] },
    { code: "UNKNOWN_INDICATOR", role: "reference", text: "基数", indicators: ["2023年"] },
  ],
  AMBIGUOUS_INDICATOR: [
    { code: "AMBIGUOUS_INDICATOR", role: "weights", text: "企业", candidates: ["新增企业", "规上企业"] },
  ],
  NOT_A_SPLIT: [{ code: "NOT_A_SPLIT", role: "indicator", text: "GDP", indicator: "GDP", sheet: "进度" }],
  UNKNOWN_PARENT: [{ code: "UNKNOWN_PARENT", text: "宁波", parents: ["杭州市", "温州市"] }],
  UNKNOWN_UNIT: [
    { code: "UNKNOWN_UNIT", option: "lock", text: "滨", units: ["上城区", "拱墅区"] },
    { code: "UNKNOWN_UNIT", option: "max", text: "建", units: ["建德市"] },
  ],
  AMBIGUOUS_UNIT: [{ code: "AMBIGUOUS_UNIT", option: "edit", text: "城", candidates: ["上城区", "临平区"] }],
  BAD_NUMBER: [
    { code: "BAD_NUMBER", option: "max", text: "abc", unit: "建德市" },
    { code: "BAD_NUMBER", option: "step", text: "0" },
    { code: "BAD_NUMBER", option: "target", text: "x1" },
  ],
  QUALITATIVE_INDICATOR: [{ code: "QUALITATIVE_INDICATOR", indicator: "营商环境" }],
  RATIO_NEEDS_WEIGHTS: [{ code: "RATIO_NEEDS_WEIGHTS", indicator: "研发投入强度(%)" }],
  NOT_FOR_RATIO: [
    { code: "NOT_FOR_RATIO", indicator: "研发投入强度(%)", option: "minimal-change" },
    { code: "NOT_FOR_RATIO", indicator: "研发投入强度(%)", option: "edit" },
    { code: "NOT_FOR_RATIO", indicator: "研发投入强度(%)", option: "reference" },
  ],
  CELL_NOT_NUMERIC: [
    {
      code: "CELL_NOT_NUMERIC",
      role: "indicator",
      row: "GDP",
      unit: "淳安县",
      cell: "P7",
      holds: "text",
      text: "待定",
    },
    {
      code: "CELL_NOT_NUMERIC",
      role: "reference",
      row: "基数",
      unit: "淳安县",
      cell: "P8",
      holds: "error",
      text: "#N/A",
    },
    {
      code: "CELL_NOT_NUMERIC",
      role: "weights",
      row: "权重",
      unit: "淳安县",
      cell: "P9",
      holds: "bound",
      text: "超500",
    },
  ],
  NO_TARGET: [
    { code: "NO_TARGET", unit: "杭州市", cell: "D7", text: "" },
    { code: "NO_TARGET", unit: "杭州市", cell: "D7", text: "待定" },
  ],
  CONFLICTING_OPTIONS: [
    {
      code: "CONFLICTING_OPTIONS",
      options: [
        { option: "edit" },
        { option: "fix-parent", value: "parent" },
        { option: "method", value: "equal" },
      ],
    },
  ],
  METHOD_NEEDS_REFERENCE: [{ code: "METHOD_NEEDS_REFERENCE" }],
};

const d = (s: string) => Decimal.parse(s)!;
const SOLVER_PROBLEMS: { [K in InputProblem["kind"]]: Extract<InputProblem, { kind: K }> } = {
  "bad-step": { kind: "bad-step" },
  "target-off-grid": { kind: "target-off-grid", value: d("100.5") },
  "value-off-grid": { kind: "value-off-grid", child: 0, value: d("3.25") },
  "empty-bounds": { kind: "empty-bounds", child: 1, min: d("5"), max: d("3") },
  "missing-reference": { kind: "missing-reference", child: 0 },
  "negative-reference": { kind: "negative-reference", child: 1 },
  "bad-weight": { kind: "bad-weight", child: 0 },
  "missing-denominator": { kind: "missing-denominator", child: 1 },
  "bad-parent-denominator": { kind: "bad-parent-denominator" },
  "edit-out-of-range": { kind: "edit-out-of-range", child: 7 },
  "edit-off-grid": { kind: "edit-off-grid", value: d("2.5") },
};

const PLAN = {
  step: d("1"),
  children: [
    { unit: "上城区", cell: "E7" },
    { unit: "建德市", cell: "Q7" },
  ],
} as unknown as RebalancePlan;

const PANE: Record<Lang, OptionLabel> = {
  zh: paneOptionLabel(stringsFor("zh-CN")),
  en: paneOptionLabel(stringsFor("en-US")),
};

const r = (n: bigint, den = 1n) => Rational.of(n, den);
const REFUSALS: Refusal[] = [
  {
    status: "infeasible",
    method: "proportional",
    target: d("10"),
    achievable: [r(500n), null],
    overBy: r(490n),
    lockedTotal: r(500n),
    limitedBy: "locks",
    boundChildren: [],
  },
  {
    status: "infeasible",
    method: "proportional",
    target: d("1000"),
    achievable: [r(0n), r(900n)],
    shortBy: r(100n),
    lockedTotal: r(0n),
    limitedBy: "bounds",
    boundChildren: [0, 1],
  },
  {
    status: "infeasible",
    method: "equal-increment",
    target: d("1"),
    achievable: [r(2n), r(1n, 3n)],
    overBy: r(1n, 3n),
    lockedTotal: r(0n),
    limitedBy: "bounds",
    boundChildren: [],
  },
  {
    status: "zero-base-blocked",
    method: "proportional",
    target: d("50"),
    reachable: [null, r(40n)],
    zeroBaseChildren: [1],
    option: "equal",
  },
  { status: "invalid-input", method: "proportional", problems: Object.values(SOLVER_PROBLEMS) },
];

const outcome = (unit: string) => ({
  child: 0,
  unit,
  before: d("1"),
  after: d("2"),
  change: d("1"),
  role: "free" as const,
  roundedUp: false,
});
const EXPLANATIONS: Explanation[] = [
  {
    method: "edit-one",
    spread: "proportional",
    step: d("1"),
    target: d("2000"),
    lockedTotal: d("100"),
    toSpread: d("1900"),
    rounding: "largest-remainder",
    scale: r(1001n, 1000n),
    increment: r(1n, 3n),
    perReference: r(2n),
    shift: r(1n, 2n),
    marginalCost: r(3n),
    zeroBase: "all-zero-split-equally",
    leftoverSteps: 2,
    ties: [
      { contenders: [0, 1], winners: [0], decidedBy: "base" },
      { contenders: [0, 1], winners: [1], decidedBy: "order" },
    ],
    atMin: [0],
    atMax: [1],
    children: [outcome("上城区"), outcome("建德市")],
  },
  ...(["proportional", "equal-increment", "reference", "minimal-change", "ratio", "fix-parent"] as const).map(
    (method): Explanation => ({
      method,
      step: d("0.1"),
      target: d("75.6"),
      lockedTotal: d("0"),
      toSpread: d("75.6"),
      rounding: "half-away-each",
      zeroBase: "spread-equally-by-choice",
      leftoverSteps: 0,
      ties: [],
      atMin: [],
      atMax: [],
      children: [],
    }),
  ),
];

function checkSentence(where: string, s: string, lang: Lang, opts: { flagsAllowed: boolean }) {
  expect([where, s.trim().length > 0]).toEqual([where, true]);
  expect([where, s, RAW_CODE.test(s)]).toEqual([where, s, false]);
  expect([where, s, s.includes("undefined") || s.includes("[object")]).toEqual([where, s, false]);
  if (!opts.flagsAllowed) expect([where, s, FLAG.test(s)]).toEqual([where, s, false]);
  // A Chinese sentence is in Chinese; an English one holds no Chinese beyond the names it quotes.
  if (lang === "zh") expect([where, s, CJK.test(s)]).toEqual([where, s, true]);
}

describe("every request problem, in both languages, at both doors", () => {
  const cases = Object.values(PROBLEMS).flat() as RequestProblem[];
  test.each(LANGS)("%s: the pane's words name its fields, never a flag; the CLI's name its flags", (lang) => {
    const seen = new Set<string>();
    for (const p of cases) {
      const where = `${p.code} ${JSON.stringify(p)}`;
      const pane = renderRequestProblem(p, lang, PANE[lang]);
      const atField = renderRequestProblem(p, lang, PANE[lang], { atField: true });
      const cli = renderRequestProblem(p, lang, cliOptionLabel);
      checkSentence(where, pane, lang, { flagsAllowed: false });
      checkSentence(where, atField, lang, { flagsAllowed: false });
      checkSentence(where, cli, lang, { flagsAllowed: true });
      seen.add(pane);
    }
    // Different problems are said differently.
    expect(seen.size).toBeGreaterThanOrEqual(Object.keys(PROBLEMS).length);
  });

  test("a problem about an option names it as the door does: --max at the command line, 上限 in the pane", () => {
    const p = PROBLEMS.BAD_NUMBER[0];
    expect(renderRequestProblem(p, "zh", cliOptionLabel)).toMatch(/^--max 建德市：/);
    const pane = renderRequestProblem(p, "zh", PANE.zh);
    expect(pane).toContain(zhCN["option.max"]);
    expect(renderRequestProblem(p, "zh", PANE.zh, { atField: true })).not.toContain(zhCN["option.max"]);
    expect(renderRequestProblem(PROBLEMS.NO_TARGET[0], "en", PANE.en)).toContain(enUS["option.target"]);
  });

  test.each(LANGS)("%s: every solver problem named by unit and cell, with the door's option", (lang) => {
    const refusal = {
      status: "invalid-input" as const,
      method: "proportional" as const,
      problems: Object.values(SOLVER_PROBLEMS),
    };
    const pane = renderInvalidInput(PLAN, refusal, lang, PANE[lang]);
    const cli = renderInvalidInput(PLAN, refusal, lang, cliOptionLabel);
    expect(pane).toHaveLength(Object.keys(SOLVER_PROBLEMS).length);
    pane.forEach((s, i) => checkSentence(refusal.problems[i].kind, s, lang, { flagsAllowed: false }));
    cli.forEach((s, i) => checkSentence(refusal.problems[i].kind, s, lang, { flagsAllowed: true }));
    expect(cli.some((s) => s.includes("--step"))).toBe(true);
    expect(pane.join("\n")).toContain("建德市");
  });
});

describe("the engine's explanations and refusals, in both languages", () => {
  test.each(LANGS)("%s: every refusal and every explanation line, no flag, no code", (lang) => {
    for (const refusal of REFUSALS)
      for (const line of renderRefusal(refusal, lang))
        checkSentence(refusal.status, line, lang, { flagsAllowed: false });
    for (const e of EXPLANATIONS) {
      const lines = renderExplanation(e, lang);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) checkSentence(e.method, line, lang, { flagsAllowed: false });
    }
  });

  test("every method has its own name in each language", () => {
    for (const lang of LANGS) {
      const names = Object.values(EXPLAIN_TEXT[lang].method);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});

describe("findings' words: tolerances, hints, evidence, what was looked at", () => {
  test.each(LANGS)("%s", (lang) => {
    const tolerances = [
      { basis: "exact-count", value: d("0") },
      { basis: "exact", value: d("0") },
      { basis: "user", value: d("0.5") },
      { basis: "written-multiplier", value: d("0.5"), worstCase: d("1"), values: 4 },
      { basis: "shown-precision", value: d("0.05"), unit: d("0.1") },
      { basis: "shown-precision", value: d("0.15"), worstCase: d("0.5"), unit: d("0.1"), values: 10 },
    ] as unknown as Parameters<typeof describeTolerance>[0][];
    for (const t of tolerances)
      checkSentence(t!.basis, describeTolerance(t, lang), lang, { flagsAllowed: false });
    checkSentence("detail", toleranceDetail(tolerances[5], lang), lang, { flagsAllowed: false });
    for (const kind of Object.keys(MESSAGE_TEXT[lang].hint) as (keyof (typeof MESSAGE_TEXT)["zh"]["hint"])[])
      checkSentence(
        kind,
        renderHint({ kind, cell: "D7", unit: "杭州市", suggested: d("2000") }, lang),
        lang,
        {
          flagsAllowed: false,
        },
      );
    for (const code of Object.keys(MESSAGE_TEXT[lang].evidence) as Evidence["code"][])
      checkSentence(
        code,
        describeEvidence({ code, label: "合计", tested: 13, holds: 12 } as Evidence, lang),
        lang,
        {
          flagsAllowed: false,
        },
      );
    for (const reason of Object.keys(REJECT_TEXT))
      checkSentence(reason, describeRejected({ sheet: "说明", range: "A1:F9", reason }, lang), lang, {
        flagsAllowed: false,
      });
    checkSentence("none", lookedAtText([], lang), lang, { flagsAllowed: false });
    const many = Object.keys(REJECT_TEXT).map((reason, i) => ({ sheet: "说明", range: `A${i + 1}`, reason }));
    checkSentence("many", lookedAtText(many, lang), lang, { flagsAllowed: false });
  });
});

describe("the report sheet never names a flag nor shows a code", () => {
  test.each(LANGS)(
    "%s: every cell of the sample's report, with findings, passed checks and a trail",
    async (lang) => {
      const wb = seedWorkbook();
      const result = checkWorkbook(wb);
      const trail: TrailEntry[] = [
        {
          time: "2024-05-06T09:30:00.000Z",
          kind: "rebalance",
          indicator: "新增高新技术企业数(家)",
          sheet: "分解表",
          method: "reference",
          locks: ["滨江区"],
          bounds: [{ unit: "余杭区", min: 300, max: 400 }],
          children: [{ unit: "萧山区", cell: "I7", before: 315, after: 316 }],
          target: 2000,
          step: "1",
          reference: "2023年",
          by: "王五",
        },
        {
          time: "2024-05-07T09:30:00.000Z",
          kind: "undo",
          indicator: "新增高新技术企业数(家)",
          sheet: "分解表",
          method: "reference",
          locks: [],
          bounds: [],
          children: [{ unit: "萧山区", cell: "I7", before: 316, after: 315 }],
          undoes: "2024-05-06T09:30:00.000Z",
        },
      ];
      const { sheet, model } = await auditReport(wb, result, {
        file: "x.xlsx",
        time: "2024-05-08T00:00:00Z",
        lang,
        trail,
      });
      expect(model.checks.some((c) => c.status === "failed")).toBe(true);
      const texts = sheet.rows
        .flatMap((row) => (row ?? []).map((c) => (c ? String(c.value) : "")))
        .filter(Boolean);
      expect(texts.length).toBeGreaterThan(50);
      for (const s of texts) {
        expect([s, FLAG.test(s)]).toEqual([s, false]);
        expect([s, RAW_CODE.test(s)]).toEqual([s, false]);
      }
      // Each finding's message also reads without a flag in the pane, which shows the same sentences.
      for (const f of result.findings) expect(FLAG.test(renderMessage(f, lang))).toBe(false);
    },
  );
});
