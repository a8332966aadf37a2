/**
 * Fuzzing the rebalance solvers and the request planner (issue 8). test/core/rebalance/properties
 * covers random rows of ordinary size; here the extremes: values from 10^-30 to 10^30, grids finer
 * than the values, hundreds of children, contradictory bounds, and the command line's own input —
 * whatever a user types for --target, --step, --lock, --min, --max, --edit, --indicator — planned
 * against the seed workbook and rendered in both languages. No exception escapes, every answer has
 * a status, and each call returns within a second (no solver walks the grid unit by unit).
 */
import { cliOptionLabel } from "../../src/cli/optionLabels";
import fc from "fast-check";
import { detectWorkbook } from "../../src/core/check";
import { Decimal } from "../../src/core/decimal";
import { rebalance, renderExplanation, renderRefusal } from "../../src/core/rebalance/rebalance";
import type { Method, RebalanceRequest } from "../../src/core/rebalance/rebalance";
import {
  explanationText,
  planAndRebalance,
  plannedWrites,
  rebalanceDocument,
  renderInvalidInput,
  renderRequestProblem,
  type MethodChoice,
  type RebalanceChoices,
} from "../../src/core/rebalanceRequest";
import { seedWorkbook } from "../helpers/grid";

const STATUSES = ["ok", "infeasible", "zero-base-blocked", "invalid-input"];

const extreme = fc
  .record({
    units: fc.oneof(
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
      fc.bigInt({ min: -5n, max: 5n }),
      fc.constantFrom(0n, 1n, 10n ** 15n + 1n, 2n ** 63n, 99999999999999999999n),
    ),
    scale: fc.integer({ min: -10, max: 40 }),
  })
  .map(({ units, scale }) => Decimal.of(units, scale));

const child = fc.record({
  unit: fc.string({ maxLength: 4 }),
  value: extreme,
  locked: fc.option(fc.boolean(), { nil: undefined }),
  min: fc.option(extreme, { nil: undefined }),
  max: fc.option(extreme, { nil: undefined }),
  noDecrease: fc.option(fc.boolean(), { nil: undefined }),
  reference: fc.option(extreme, { nil: undefined }),
  weight: fc.option(extreme, { nil: undefined }),
  denominator: fc.option(extreme, { nil: undefined }),
});

const request = fc.record({
  method: fc.constantFrom<Method>(
    "proportional",
    "equal-increment",
    "reference",
    "minimal-change",
    "ratio",
    "edit-one",
    "fix-parent",
  ),
  target: extreme,
  children: fc.oneof(
    { weight: 4, arbitrary: fc.array(child, { maxLength: 10 }) },
    { weight: 1, arbitrary: fc.array(child, { minLength: 150, maxLength: 300 }) },
  ),
  step: fc.option(
    fc.oneof(
      extreme,
      fc.integer({ min: -5, max: 40 }).map((n) => ({ decimals: n })),
    ),
    { nil: undefined },
  ),
  allowNegative: fc.option(fc.boolean(), { nil: undefined }),
  noDecrease: fc.option(fc.boolean(), { nil: undefined }),
  zeroBase: fc.constantFrom<"refuse" | "equal">("refuse", "equal"),
  parentDenominator: extreme,
  ratioMode: fc.constantFrom<"shift" | "scale">("shift", "scale"),
  edit: fc.record({ child: fc.integer({ min: -2, max: 12 }), value: extreme }),
  spread: fc.constantFrom<"proportional" | "equal-increment" | "minimal-change">(
    "proportional",
    "equal-increment",
    "minimal-change",
  ),
});

test("extreme requests to every solver: a status, no exception, under a second, renderable", () => {
  fc.assert(
    fc.property(request, (req) => {
      const start = Date.now();
      const r = rebalance(req as RebalanceRequest);
      const ms = Date.now() - start;
      expect(STATUSES).toContain(r.status);
      expect(ms).toBeLessThan(1000);
      if (r.status === "ok") {
        expect(r.values).toHaveLength(req.children.length);
        renderExplanation(r.explanation, "zh");
        renderExplanation(r.explanation, "en");
      } else {
        renderRefusal(r, "zh");
        renderRefusal(r, "en");
      }
    }),
    { numRuns: 700 },
  );
});

// ---------------------------------------------------------------------------------------------
// What a user types, planned against the seed workbook

const SEED = seedWorkbook();
const { maps } = detectWorkbook(SEED);
const UNITS = [
  "上城区",
  "拱墅区",
  "西湖区",
  "滨江区",
  "萧山区",
  "建德市",
  "杭州市",
  "不存在区",
  "西湖",
  " 滨 江 区 ",
];
const INDICATORS = [
  "新增高新技术企业数",
  "新增高新",
  "R&D",
  "科技",
  "高新技术",
  "比重",
  "增长",
  "",
  " ",
  "(",
  "%",
];
const NUMBERS = [
  "100",
  "2000",
  "0",
  "-0",
  "-5",
  "1e999",
  "-1e999",
  "1e-999",
  "NaN",
  "Infinity",
  "１２０",
  "1,999",
  "１，９９９.５",
  "1/3",
  "0x10",
  "",
  " ",
  "三百",
  "10%",
  "2000.0000000000000000000001",
  "9".repeat(400),
  "0.000000000000000000000000001",
];
const number = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 4000 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const unitValue = fc.record({
  unit: fc.oneof(fc.constantFrom(...UNITS), fc.string({ maxLength: 4 })),
  value: number,
});

/** One way of asking (a new target, one child edited, or the parent fixed), each with its own options. */
const mode = fc.oneof(
  fc.record(
    {
      target: number,
      method: fc.constantFrom<MethodChoice>("proportional", "equal"),
      zeroBase: fc.constant("equal" as const),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      target: number,
      method: fc.constant<MethodChoice>("reference"),
      reference: fc.constantFrom("新增高新技术企业数", "R&D", "没有这行"),
    },
    { requiredKeys: ["method", "reference"] },
  ),
  fc.record(
    {
      target: number,
      method: fc.constant<MethodChoice>("minimal-change"),
      weights: fc.constantFrom("新增高新技术企业数", "R&D", "没有这行"),
    },
    { requiredKeys: ["method"] },
  ),
  fc.record({ edit: unitValue }),
  fc.record({ fixParent: fc.constant(true) }),
);

const choices: fc.Arbitrary<RebalanceChoices> = fc
  .tuple(
    fc.record(
      {
        sheet: fc.oneof({ weight: 8, arbitrary: fc.constant("分解表") }, fc.constantFrom("进度表", "没有")),
        parent: fc.oneof(
          { weight: 8, arbitrary: fc.constant("杭州市") },
          fc.constantFrom("杭州市目标", "西湖区", ""),
        ),
        locks: fc.array(
          fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...UNITS) }, fc.string({ maxLength: 4 })),
          { maxLength: 14 },
        ),
        min: fc.array(unitValue, { maxLength: 3 }),
        max: fc.array(unitValue, { maxLength: 3 }),
        noDecrease: fc.boolean(),
        step: number,
      },
      { requiredKeys: [] },
    ),
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom("新增高新技术企业数(家)", "新增高新", "R&D", "高新技术产业增加值"),
      },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...INDICATORS), fc.string({ maxLength: 5 })) },
    ),
    mode,
  )
  .map(([common, indicator, m]) =>
    "fixParent" in m
      ? { sheet: common.sheet, parent: common.parent, indicator, ...m }
      : { ...common, indicator, ...m },
  );

/** How often each answer came up, to be sure the planner is reached and not only its refusals. */
const seen = new Map<string, number>();

test("anything typed on the command line, planned against the seed workbook: an answer, never an exception", () => {
  fc.assert(
    fc.property(choices, (c) => {
      const start = Date.now();
      const solved = planAndRebalance(SEED, maps, c);
      const key = solved.ok ? solved.result.status : solved.problem.code;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (!solved.ok) {
        renderRequestProblem(solved.problem, "zh", cliOptionLabel);
        renderRequestProblem(solved.problem, "en", cliOptionLabel);
      } else {
        const { plan, result } = solved;
        expect(STATUSES).toContain(result.status);
        const doc = rebalanceDocument(plan, result, { lang: "zh", file: "seed.xlsx" });
        JSON.stringify(doc);
        if (result.status === "ok") {
          const writes = plannedWrites(plan, result);
          for (const w of writes) expect(w.cell).toMatch(/^[A-Z]+[0-9]+$/);
          explanationText(plan, result, "zh");
          explanationText(plan, result, "en");
        } else if (result.status === "invalid-input") {
          renderInvalidInput(plan, result, "zh", cliOptionLabel);
          renderInvalidInput(plan, result, "en", cliOptionLabel);
        } else renderRefusal(result, "en");
      }
      expect(Date.now() - start).toBeLessThan(1000);
    }),
    { numRuns: 1200 },
  );
  // The solvers were reached, and refused as well as answered.
  expect(seen.get("ok") ?? 0).toBeGreaterThan(50);
  expect((seen.get("invalid-input") ?? 0) + (seen.get("infeasible") ?? 0)).toBeGreaterThan(0);
});
