import fc from "fast-check";
import { HANGZHOU_DISTRICTS } from "../helpers/grid";
import { detectWorkbook } from "../../src/core/check";
import { Decimal } from "../../src/core/decimal";
import type { WorkbookGrid } from "../../src/core/grid";
import type { RebalanceOk, RebalanceResult } from "../../src/core/rebalance/rebalance";
import {
  buildRebalancePlan,
  isBoundChild,
  parseNumber,
  planAndRebalance,
  plannedWrites,
  rebalanceDocument,
  renderInvalidInput,
  renderRequestProblem,
  type RebalanceChoices,
  type RebalancePlan,
  type RequestProblem,
} from "../../src/core/rebalanceRequest";
import { seedWorkbook, sheet, workbook } from "../helpers/grid";
import { cliOptionLabel } from "../../src/cli/optionLabels";

function solve(wb: WorkbookGrid, choices: RebalanceChoices) {
  const { maps } = detectWorkbook(wb, choices.sheet ? { sheet: choices.sheet } : {});
  const r = planAndRebalance(wb, maps, choices);
  if (!r.ok) throw new Error(`unexpected problem ${JSON.stringify(r.problem)}`);
  return r;
}

function okOf(wb: WorkbookGrid, choices: RebalanceChoices): { plan: RebalancePlan; result: RebalanceOk } {
  const r = solve(wb, choices);
  if (r.result.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(r.result)}`);
  return { plan: r.plan, result: r.result };
}

function problemOf(wb: WorkbookGrid, choices: RebalanceChoices): RequestProblem {
  const { maps } = detectWorkbook(wb, choices.sheet ? { sheet: choices.sheet } : {});
  const r = buildRebalancePlan(wb, maps, choices);
  if (r.ok) throw new Error("expected a problem");
  return r.problem;
}

const texts = (values: Decimal[], decimals = 0) => values.map((v) => v.toFixed(decimals));

const SEED = seedWorkbook();
const SPLIT = { sheet: "分解表" } as const;
/** Row 7 of the sample, E7:Q7 (Σ 1999, the parent says 2000). */
const FIRMS = [104, 90, 166, 329, 315, 388, 200, 152, 100, 72, 46, 7, 30];
const DISTRICTS = HANGZHOU_DISTRICTS;

describe("buildRebalancePlan on the seed's split table", () => {
  test("the issue's worked case: 滨江区 and 余杭区 locked, only 萧山区 moves, 315 → 316", () => {
    const { plan, result } = okOf(SEED, {
      ...SPLIT,
      indicator: "新增高新技术企业数",
      target: "2000",
      locks: ["滨江区", "余杭区"],
    });
    expect(plan.indicator.name).toBe("新增高新技术企业数(家)");
    expect(plan.children.map((c) => c.unit)).toEqual(DISTRICTS);
    expect(plan.children.map((c) => c.cell)).toEqual("EFGHIJKLMNOPQ".split("").map((c) => `${c}7`));
    expect(plan.parent).toMatchObject({ unit: "杭州市", cell: "D7" });
    expect(plan.step).toEqual(Decimal.ONE);
    expect(plan.stepFrom).toBe("count");
    // Independent arithmetic: the free children hold 1999 − 717 = 1282 and must hold 1283; one unit
    // goes to the largest remainder 315·1283/1282 − 315 = 315/1282, the largest free value's.
    const expected = [...FIRMS];
    expected[4] = 316;
    expect(texts(result.values)).toEqual(expected.map(String));
    const writes = plannedWrites(plan, result);
    expect(writes.map((w) => [w.cell, w.value.toString(), w.role])).toEqual([["I7", "316", "child"]]);
  });

  test("the target defaults to the parent's stated value", () => {
    const { plan, result } = okOf(SEED, {
      ...SPLIT,
      indicator: "新增高新技术企业数",
      locks: ["滨江区", "余杭区"],
    });
    expect(plan.targetFrom).toBe("parent");
    expect(plan.target!.toString()).toBe("2000");
    expect(texts(result.values)[4]).toBe("316");
  });

  test("units are matched with spaces, full-width forms and case ignored; indicator by exact name too", () => {
    const { plan } = okOf(SEED, {
      ...SPLIT,
      indicator: "新增高新技术企业数(家)",
      locks: ["滨 江 区", " 余杭区　"],
    });
    expect(plan.locked.filter(Boolean)).toHaveLength(2);
    expect(
      okOf(SEED, { ...SPLIT, indicator: "r&d经费支出占gdp比重(%)", weights: "新增高新技术企业数" }).plan
        .indicator.name,
    ).toBe("R&D经费支出占GDP比重(%)");
  });

  test("an ambiguous part is refused with both candidates; an unknown one lists the indicators", () => {
    const amb = problemOf(SEED, { ...SPLIT, indicator: "比重" });
    expect(amb).toEqual({
      code: "AMBIGUOUS_INDICATOR",
      role: "indicator",
      text: "比重",
      candidates: ["R&D经费支出占GDP比重(%)", "高新技术产业增加值占规上工业比重(%)"],
    });
    const unknown = problemOf(SEED, { ...SPLIT, indicator: "粮食产量" });
    expect(unknown.code).toBe("UNKNOWN_INDICATOR");
    expect((unknown as { indicators: string[] }).indicators).toContain("新增高新技术企业数(家)");
    // Without --sheet every sheet is searched; candidates name their sheet when splits sit on several.
    const two = workbook(SEED.sheets[0], { ...SEED.sheets[0], name: "副本" });
    const both = problemOf(two, { indicator: "新增高新" });
    expect((both as { candidates: string[] }).candidates).toEqual([
      "分解表: 新增高新技术企业数(家)",
      "副本: 新增高新技术企业数(家)",
    ]);
  });

  test("an indicator only in the progression table is not a split", () => {
    expect(problemOf(SEED, { indicator: "全社会R&D经费支出" })).toMatchObject({
      code: "NOT_A_SPLIT",
      sheet: "进度表",
    });
  });

  test("a text child (快于面上投资增速) is refused naming its cell", () => {
    expect(problemOf(SEED, { ...SPLIT, indicator: "高新技术产业投资增长", target: "20" })).toMatchObject({
      code: "CELL_NOT_NUMERIC",
      unit: "上城区",
      cell: "E6",
      holds: "text",
    });
  });

  test("units by a unique part of their name, like the indicator; ambiguous parts name the candidates", () => {
    const base = { ...SPLIT, indicator: "新增高新技术企业数" };
    const planned = buildRebalancePlan(SEED, detectWorkbook(SEED, { sheet: "分解表" }).maps, {
      ...base,
      locks: ["西湖", "滨 江"],
      max: [{ unit: "萧山", value: "320" }],
      edit: { unit: "建德", value: "31" },
    });
    if (!planned.ok) throw new Error(planned.problem.code);
    expect(planned.plan.children.filter((_, i) => planned.plan.locked[i]).map((c) => c.unit)).toEqual([
      "西湖区",
      "滨江区",
    ]);
    expect(planned.plan.max.findIndex((m) => m?.toString() === "320")).toBe(DISTRICTS.indexOf("萧山区"));
    for (const option of ["lock", "min", "max", "edit"] as const) {
      const choices =
        option === "lock"
          ? { ...base, locks: ["临"] }
          : option === "edit"
            ? { ...base, edit: { unit: "临", value: "1" } }
            : { ...base, [option]: [{ unit: "临", value: "1" }] };
      expect(problemOf(SEED, choices)).toEqual({
        code: "AMBIGUOUS_UNIT",
        option,
        text: "临",
        candidates: ["临平区", "临安区"],
      });
    }
  });

  test("unknown units, bad numbers and conflicting options are typed problems", () => {
    const base = { ...SPLIT, indicator: "新增高新技术企业数" };
    expect(problemOf(SEED, { ...base, locks: ["东湖"] })).toMatchObject({
      code: "UNKNOWN_UNIT",
      option: "lock",
      text: "东湖",
      units: DISTRICTS,
    });
    expect(problemOf(SEED, { ...base, max: [{ unit: "宁波市", value: "3" }] })).toMatchObject({
      code: "UNKNOWN_UNIT",
      option: "max",
    });
    expect(problemOf(SEED, { ...base, target: "两千" })).toEqual({
      code: "BAD_NUMBER",
      option: "target",
      text: "两千",
    });
    expect(problemOf(SEED, { ...base, min: [{ unit: "西湖区", value: "1e" }] })).toMatchObject({
      code: "BAD_NUMBER",
      option: "min",
      unit: "西湖区",
    });
    expect(problemOf(SEED, { ...base, step: "0" })).toMatchObject({ code: "BAD_NUMBER", option: "step" });
    expect(problemOf(SEED, { ...base, edit: { unit: "西湖区", value: "abc" } })).toMatchObject({
      code: "BAD_NUMBER",
      option: "edit",
    });
    expect(problemOf(SEED, { ...base, fixParent: true, locks: ["西湖区"] })).toEqual({
      code: "CONFLICTING_OPTIONS",
      options: [{ option: "fix-parent" }, { option: "lock" }],
    });
    expect(problemOf(SEED, { ...base, method: "reference" })).toEqual({ code: "METHOD_NEEDS_REFERENCE" });
    expect(problemOf(SEED, { ...base, weights: "科技创新" })).toMatchObject({ code: "CONFLICTING_OPTIONS" });
    expect(problemOf(SEED, { ...SPLIT, indicator: "R&D经费支出" })).toEqual({
      code: "RATIO_NEEDS_WEIGHTS",
      indicator: "R&D经费支出占GDP比重(%)",
    });
  });

  test("numbers as people type them: full-width digits, thousands separators, a plus sign", () => {
    expect(parseNumber("２０００")!.toString()).toBe("2000");
    expect(parseNumber("2,000.5")!.toString()).toBe("2000.5");
    expect(parseNumber("+56.7")!.toString()).toBe("56.7");
    expect(parseNumber("1,2")).toBeNull();
    expect(parseNumber("")).toBeNull();
    expect(
      okOf(SEED, { ...SPLIT, indicator: "新增高新", target: "２，０００" }).plan.target!.toString(),
    ).toBe("2000");
  });

  test("0.1 grid from the cells; `-` children are 0, stay zero under proportional and are not written", () => {
    const { plan, result } = okOf(SEED, {
      ...SPLIT,
      indicator: "科技创新强基领域重大项目投资额",
      target: "60",
    });
    expect(plan.step).toEqual({ decimals: 1 });
    expect(plan.children.filter((c) => c.shown === "dash").map((c) => c.cell)).toEqual([
      "F8",
      "O8",
      "P8",
      "Q8",
    ]);
    // Independent arithmetic: scale 60/56.7; floors on 0.1 leave 4 steps, which go to the
    // remainders .804 (3.1), .783 (6.5 twice) and .556 (14.7).
    expect(texts(result.values, 1)).toEqual([
      "3.3",
      "0.0",
      "6.9",
      "4.3",
      "15.6",
      "7.5",
      "7.9",
      "5.5",
      "2.1",
      "6.9",
      "0.0",
      "0.0",
      "0.0",
    ]);
    const writes = plannedWrites(plan, result);
    expect(writes.map((w) => w.cell)).toEqual(["D8", "E8", "G8", "H8", "I8", "J8", "K8", "L8", "M8", "N8"]);
    expect(writes[0]).toMatchObject({ role: "parent", cell: "D8" });
    expect(writes[0].value.toString()).toBe("60");
  });

  test("--step overrides the grid; a target off the grid is the solver's INVALID_INPUT, named in words", () => {
    const { plan, result } = okOf(SEED, { ...SPLIT, indicator: "科技创新", target: "60", step: "0.05" });
    expect(result.step.toString()).toBe("0.05");
    expect(Decimal.sum(result.values).toString()).toBe("60");
    const coarse = solve(SEED, { ...SPLIT, indicator: "科技创新", target: "60", step: "0.5" });
    expect(
      coarse.result.status === "invalid-input" &&
        renderInvalidInput(coarse.plan, coarse.result, "zh", cliOptionLabel)[0],
    ).toBe("上城区（E8）的值 3.1 比步长 0.5 更精细：请用 --step 指定步长");
    expect(plan.stepFrom).toBe("option");
    const r = solve(SEED, { ...SPLIT, indicator: "科技创新", target: "60.05" });
    expect(r.result.status).toBe("invalid-input");
    if (r.result.status !== "invalid-input") return;
    expect(renderInvalidInput(r.plan, r.result, "zh", cliOptionLabel)[0]).toContain(
      "目标 60.05 不在步长 0.1 的网格上",
    );
    expect(renderInvalidInput(r.plan, r.result, "en", cliOptionLabel)[0]).toContain("--step");
  });

  test("--fix parent keeps the children and writes only the parent: D7 becomes 1999", () => {
    const { plan, result } = okOf(SEED, { ...SPLIT, indicator: "新增高新", fixParent: true });
    expect(plan.method).toBe("fix-parent");
    expect(result.parent.toString()).toBe("1999");
    expect(plannedWrites(plan, result).map((w) => [w.cell, w.value.toString()])).toEqual([["D7", "1999"]]);
  });

  test("--edit 西湖区=170 keeps the total: the others give up 3 units, the sum is the parent's 2000", () => {
    const { plan, result } = okOf(SEED, {
      ...SPLIT,
      indicator: "新增高新",
      edit: { unit: "西 湖 区", value: "170" },
    });
    expect(plan.method).toBe("edit-one");
    const v = texts(result.values).map(Number);
    expect(v[2]).toBe(170);
    expect(v.reduce((a, b) => a + b, 0)).toBe(2000);
    // 1830 spread over 1833 proportionally: the three largest (329, 315, 388) lose one each.
    expect(v).toEqual([104, 90, 170, 328, 314, 387, 200, 152, 100, 72, 46, 7, 30]);
    expect(plannedWrites(plan, result).map((w) => w.cell)).toEqual(["G7", "H7", "I7", "J7"]);
  });

  test("an already consistent row is unchanged by proportional rebalancing: nothing to write", () => {
    const { plan, result } = okOf(SEED, { ...SPLIT, indicator: "科技创新" });
    expect(result.changes.every((c) => c.isZero())).toBe(true);
    expect(plannedWrites(plan, result)).toEqual([]);
  });

  test("infeasible: the locked children alone exceed the target", () => {
    const r = solve(SEED, { ...SPLIT, indicator: "新增高新", target: "500", locks: ["滨江区", "余杭区"] });
    expect(r.result.status).toBe("infeasible");
    const doc = rebalanceDocument(r.plan, r.result, { lang: "en" });
    expect(doc.status).toBe("infeasible");
    expect(doc.achievable).toEqual([717, null]);
    expect(doc.explanation.code).toBe("INFEASIBLE");
    expect(doc.explanation.overBy).toBe(217);
    expect(doc.children.every((c) => c.after === null && c.change === null)).toBe(true);
  });
});

describe("ALLOCATION cases through the glue", () => {
  const t1 = workbook(
    sheet("分解表", [
      ["指标名称", "杭州市目标", "上城区", "拱墅区", "西湖区", "滨江区", "萧山区"],
      ["新增企业数(家)", 2000, 600, 400, 300, 200, 100],
    ]),
  );

  test("T1: locks and caps make 2000 infeasible; achievable [1000, 1950], short by 50; the caps are named", () => {
    const r = solve(t1, {
      indicator: "新增企业数",
      locks: ["上城区", "拱墅区"],
      max: [
        { unit: "西湖区", value: "450" },
        { unit: "滨江区", value: "400" },
        { unit: "萧山区", value: "100" },
      ],
    });
    expect(r.result.status).toBe("infeasible");
    const doc = rebalanceDocument(r.plan, r.result, { lang: "zh" });
    expect(doc.achievable).toEqual([1000, 1950]);
    expect(doc.explanation.shortBy).toBe(50);
    expect(doc.children.map((c) => [c.unit, c.locked, c.bound, c.max ?? null])).toEqual([
      ["上城区", true, null, null],
      ["拱墅区", true, null, null],
      ["西湖区", false, "max", 450],
      ["滨江区", false, "max", 400],
      ["萧山区", false, "max", 100],
    ]);
    expect(doc.explanation.text[0]).toContain("[1000, 1950]");
    // The same request with T = 900: the locked children alone exceed it by 100.
    const low = solve(t1, { indicator: "新增企业数", target: "900", locks: ["上城区", "拱墅区"] });
    expect(low.result.status === "infeasible" && low.result.limitedBy).toBe("locks");
  });

  const t4 = (values: (number | string)[], parent: number) =>
    workbook(
      sheet(
        "分解表",
        [
          ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区"],
          ["投资额(亿元)", parent, ...values],
        ],
        { numberFormats: [[], ["General", "0.0", "0.0", "0.0", "0.0"]] },
      ),
    );

  test("T4c: ZERO_BASE_BLOCKED on 0.1 (the grid from the number format), then the explicit equal fallback", () => {
    const wb = t4([0, 10, 10], 30);
    const bounds = {
      max: [
        { unit: "拱墅区", value: "12" },
        { unit: "西湖区", value: "12" },
      ],
    };
    const blocked = solve(wb, { indicator: "投资额", ...bounds });
    expect(blocked.plan.step).toEqual({ decimals: 1 });
    expect(blocked.result.status).toBe("zero-base-blocked");
    const doc = rebalanceDocument(blocked.plan, blocked.result, { lang: "en" });
    expect(doc.status).toBe("zero-base-blocked");
    expect(doc.achievable).toEqual([0, 24]);
    expect(doc.explanation.code).toBe("ZERO_BASE_BLOCKED");
    const { result } = okOf(wb, { indicator: "投资额", ...bounds, zeroBase: "equal" });
    expect(texts(result.values, 1)).toEqual(["6.0", "12.0", "12.0"]);
  });

  test("T5: a ratio target solved in numerator space with the GDP row as --weights", () => {
    const wb = workbook(
      sheet("分解表", [
        ["指标名称", "全市", "上城区", "拱墅区", "西湖区", "滨江区", "萧山区"],
        ["地区生产总值(亿元)", 7500, 2800, 2100, 1300, 800, 500],
        ["R&D经费支出占GDP比重(%)", 3.5, 4.8, 3.1, 2.2, 1.5, 0.9],
      ]),
    );
    const { plan, result } = okOf(wb, {
      indicator: "R&D",
      target: "3.95",
      weights: "地区生产总值",
      locks: ["上城区"],
      max: [{ unit: "拱墅区", value: "4.00" }],
      noDecrease: true,
      step: "0.01",
    });
    expect(plan.method).toBe("ratio");
    expect(plan.weightsRow).toBe("地区生产总值(亿元)");
    expect(texts(result.values, 2)).toEqual(["4.80", "4.00", "3.46", "2.76", "2.16"]);
    const doc = rebalanceDocument(plan, result, { lang: "en" });
    expect(doc.ratioCheck).toMatchObject({ pass: true });
    expect(plannedWrites(plan, result).map((w) => w.cell)).toEqual(["B3", "D3", "E3", "F3", "G3"]);
  });

  test("reference method: proportional to another row of the same split, found by name", () => {
    const wb = workbook(
      sheet("分解表", [
        ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区"],
        ["新增企业数(家)", 100, 30, 30, 40],
        ["上年新增企业数(家)", 50, 10, 20, 20],
      ]),
    );
    const { plan, result } = okOf(wb, { indicator: "新增企业数(家)", target: "150", reference: "上年" });
    expect(plan.method).toBe("reference");
    expect(plan.referenceRow).toBe("上年新增企业数(家)");
    expect(texts(result.values)).toEqual(["30", "60", "60"]);
  });

  test("minimal change with a weights row", () => {
    const wb = workbook(
      sheet("分解表", [
        ["指标名称", "全市合计", "上城区", "拱墅区"],
        ["新增企业数(家)", 100, 50, 40],
        ["调整难度(个)", 3, 1, 2],
      ]),
    );
    const { result } = okOf(wb, { indicator: "新增企业数", method: "minimal-change", weights: "调整难度" });
    // Cost (x−50)² + 2(y−40)² with x + y = 100: x = 56.67 → grid optimum 57/43.
    expect(texts(result.values)).toEqual(["57", "43"]);
  });
});

describe("cells the glue must read with care", () => {
  test("an error child is refused; a blank parent needs --target; a bound parent too", () => {
    const wb = (parent: unknown, child: unknown) =>
      workbook(
        sheet("分解表", [
          ["指标名称", "杭州市目标", "上城区", "拱墅区"],
          ["新增企业数(家)", parent as number, 10, child as number],
        ]),
      );
    expect(problemOf(wb(20, { error: "#REF!" }), { indicator: "新增企业数" })).toMatchObject({
      code: "CELL_NOT_NUMERIC",
      holds: "error",
      cell: "D2",
      text: "#REF!",
    });
    expect(problemOf(wb(20, "超5"), { indicator: "新增企业数" })).toMatchObject({
      code: "CELL_NOT_NUMERIC",
      holds: "bound",
      cell: "D2",
    });
    expect(problemOf(wb(null, 5), { indicator: "新增企业数" })).toMatchObject({
      code: "NO_TARGET",
      cell: "B2",
    });
    expect(okOf(wb(null, 5), { indicator: "新增企业数", target: "30" }).result.values.map(String)).toEqual([
      "20",
      "10",
    ]);
    expect(problemOf(wb("超20", 5), { indicator: "新增企业数" })).toMatchObject({
      code: "NO_TARGET",
      text: "超20",
    });
    // A blank child is 0, and stays blank when it does not move.
    const blank = okOf(wb(20, null), { indicator: "新增企业数" });
    expect(blank.plan.children[1].shown).toBe("blank");
    expect(plannedWrites(blank.plan, blank.result).map((w) => w.cell)).toEqual(["C2"]);
  });

  test("a fraction shown with a percent format is written back as a fraction", () => {
    const wb = workbook(
      sheet(
        "分解表",
        [
          ["指标名称", "全市合计", "上城区", "拱墅区"],
          ["占全市比重(%)", 1, 0.25, 0.7],
        ],
        { numberFormats: [[], [undefined, "0%", "0%", "0%"]] },
      ),
    );
    const { plan, result } = okOf(wb, { indicator: "比重" });
    expect(plan.children.map((c) => [c.value.toString(), c.percentStored])).toEqual([
      ["25", true],
      ["70", true],
    ]);
    const writes = plannedWrites(plan, result);
    expect(writes.map((w) => [w.cell, w.shown.toString(), w.value.toString()])).toEqual([
      ["C2", "26", "0.26"],
      ["D2", "74", "0.74"],
    ]);
  });

  test("formulas are carried to the writes so the caller can refuse or ask", () => {
    const wb = workbook(
      sheet(
        "分解表",
        [
          ["指标名称", "杭州市目标", "上城区", "拱墅区"],
          ["新增企业数(家)", 25, 10, 14],
        ],
        { formulas: [[], [undefined, "SUM(C2:D2)+1", undefined, "7*2"]] },
      ),
    );
    const { plan, result } = okOf(wb, { indicator: "新增企业数", locks: ["上城区"] });
    expect(plannedWrites(plan, result)).toMatchObject([{ cell: "D2", formula: "7*2" }]);
    const fixed = okOf(wb, { indicator: "新增企业数", fixParent: true });
    expect(plannedWrites(fixed.plan, fixed.result)).toMatchObject([
      { cell: "B2", formula: "SUM(C2:D2)+1", role: "parent" },
    ]);
  });

  test("three levels: --parent picks a city's split; the default is the top split", () => {
    const wb = workbook(
      sheet("三级", [
        ["地区", "新增企业数(家)"],
        ["全省合计", 600],
        ["　杭州市", 300],
        ["　　上城区", 100],
        ["　　西湖区", 120],
        ["　　建德市", 80],
        ["　宁波市", 300],
        ["　　海曙区", 150],
        ["　　余姚市", 149],
      ]),
    );
    const top = okOf(wb, { indicator: "新增企业数" });
    expect(top.plan.children.map((c) => c.unit)).toEqual(["杭州市", "宁波市"]);
    expect(plannedWrites(top.plan, top.result)).toEqual([]);
    const city = okOf(wb, { indicator: "新增企业数", parent: "宁波市" });
    expect(city.plan.parent).toMatchObject({ unit: "宁波市", cell: "B7" });
    expect(city.plan.children.map((c) => c.cell)).toEqual(["B8", "B9"]);
    // 299 → 300: the larger remainder (150·300/299 − 150 = .502) takes the unit.
    expect(texts(city.result.values)).toEqual(["151", "149"]);
    expect(problemOf(wb, { indicator: "新增企业数", parent: "温州市" })).toEqual({
      code: "UNKNOWN_PARENT",
      text: "温州市",
      parents: ["全省", "杭州市", "宁波市"],
    });
  });
});

describe("rebalanceDocument (tdcheck-rebalance/1)", () => {
  test("ok: JSON numbers from exact decimals, locks, roles, the explanation as data and text", () => {
    const { plan, result } = okOf(SEED, {
      ...SPLIT,
      indicator: "新增高新",
      target: "2000",
      locks: ["滨江区", "余杭区"],
    });
    const doc = rebalanceDocument(plan, result, {
      lang: "zh",
      file: "plan.xlsx",
      written: { file: "out.xlsx", cells: ["I7"] },
    });
    const json = JSON.parse(JSON.stringify(doc)) as typeof doc;
    expect(json).toMatchObject({
      schema: "tdcheck-rebalance/1",
      status: "ok",
      file: "plan.xlsx",
      sheet: "分解表",
      indicator: "新增高新技术企业数(家)",
      method: "proportional",
      step: 1,
      target: 2000,
      parent: { unit: "杭州市", cell: "D7", before: 2000, after: 2000, change: 0 },
      written: { file: "out.xlsx", cells: ["I7"] },
    });
    expect(json.achievable).toBeUndefined();
    expect(json.children[4]).toEqual({
      unit: "萧山区",
      cell: "I7",
      before: 315,
      after: 316,
      change: 1,
      locked: false,
      bound: null,
      role: "free",
    });
    expect(json.children[3]).toMatchObject({ unit: "滨江区", locked: true, role: "locked", change: 0 });
    expect(json.explanation).toMatchObject({
      method: "proportional",
      lockedTotal: 717,
      toSpread: 1283,
      leftoverSteps: 1,
      scaleExact: "1283/1282",
      roundedUp: ["萧山区"],
    });
    expect(json.explanation.text[0]).toContain("锁定的单位合计 717");
  });

  test("numbers on a 0.1 grid stay exact in JSON (no float noise)", () => {
    const { plan, result } = okOf(SEED, { ...SPLIT, indicator: "科技创新", target: "60" });
    const json = JSON.parse(JSON.stringify(rebalanceDocument(plan, result, { lang: "en" }))) as ReturnType<
      typeof rebalanceDocument
    >;
    expect(json.step).toBe(0.1);
    expect(json.children.map((c) => c.change)).toEqual([
      0.2, 0, 0.4, 0.2, 0.9, 0.4, 0.4, 0.3, 0.1, 0.4, 0, 0, 0,
    ]);
    expect(json.parent).toMatchObject({ before: 56.7, after: 60, change: 3.3 });
  });

  test("fix-parent: children not reported as locked; the explanation says what the parent becomes", () => {
    const { plan, result } = okOf(SEED, { ...SPLIT, indicator: "新增高新", fixParent: true });
    const doc = rebalanceDocument(plan, result, { lang: "en" });
    expect(doc.target).toBe(1999);
    expect(doc.parent).toMatchObject({ before: 2000, after: 1999, change: -1 });
    expect(doc.children.every((c) => !c.locked)).toBe(true);
    expect(doc.explanation.text).toEqual([
      "The children stay; the parent 杭州市 (D7) becomes their sum, 1999 (was 2000).",
    ]);
  });
});

describe("renderRequestProblem", () => {
  const problems: RequestProblem[] = [
    { code: "NO_TABLE", sheet: "s" },
    { code: "UNKNOWN_INDICATOR", role: "reference", text: "x", indicators: ["a", "b"] },
    { code: "AMBIGUOUS_INDICATOR", role: "indicator", text: "比重", candidates: ["a", "b"] },
    { code: "NOT_A_SPLIT", role: "indicator", text: "x", indicator: "y", sheet: "s" },
    { code: "UNKNOWN_PARENT", text: "x", parents: ["a"] },
    { code: "UNKNOWN_UNIT", option: "lock", text: "x", units: ["a"] },
    { code: "BAD_NUMBER", option: "step", text: "x" },
    { code: "QUALITATIVE_INDICATOR", indicator: "x" },
    { code: "RATIO_NEEDS_WEIGHTS", indicator: "x" },
    { code: "NOT_FOR_RATIO", indicator: "x", option: "edit" },
    {
      code: "CELL_NOT_NUMERIC",
      role: "weights",
      row: "r",
      unit: "u",
      cell: "A1",
      holds: "error",
      text: "#REF!",
    },
    { code: "NO_TARGET", unit: "u", cell: "A1", text: "" },
    { code: "CONFLICTING_OPTIONS", options: [{ option: "lock" }, { option: "method", value: "equal" }] },
    { code: "METHOD_NEEDS_REFERENCE" },
  ];
  test.each(problems.map((p) => [p.code, p] as const))(
    "%s reads as one sentence in both languages",
    (_code, p) => {
      for (const lang of ["zh", "en"] as const) {
        const text = renderRequestProblem(p, lang, cliOptionLabel);
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toMatch(/undefined|\[object/);
      }
    },
  );
  test("the ambiguity message lists every candidate", () => {
    expect(renderRequestProblem(problems[2], "zh", cliOptionLabel)).toBe(
      "“比重”匹配多个指标，请写得更具体：a、b",
    );
  });
});

describe("isBoundChild", () => {
  test("answers as the list of bound children does, for any ascending list and child", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(60)), fc.nat(70), (raw, i) => {
        const boundChildren = [...raw].sort((a, b) => a - b);
        const result = { status: "infeasible", boundChildren } as unknown as RebalanceResult;
        expect(isBoundChild(result, i)).toBe(boundChildren.includes(i));
      }),
    );
    expect(isBoundChild({ status: "ok" } as unknown as RebalanceResult, 0)).toBe(false);
  });
});
