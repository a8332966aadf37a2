/**
 * The rebalance panel's pure logic: which indicators it offers, the form as the shared
 * RebalanceChoices, and the engine's preview (the worked case of issue 5 and ALLOCATION T5).
 */
import { detectWorkbook } from "../../src/core/check";
import type { Finding } from "../../src/core/finding";
import {
  candidateOf,
  candidates,
  childUnits,
  choicesOf,
  defaultCandidate,
  formFor,
  preview,
  signed,
} from "../../src/taskpane/rebalanceModel";
import { seedWorkbook, sheet, workbook } from "../helpers/grid";
import { paneOptionLabel } from "../../src/taskpane/RebalancePanel";
import { stringsFor } from "../../src/taskpane/i18n";
import { currentCells, formErrors, referenceRows, weightRows } from "../../src/taskpane/rebalanceModel";

const ZH = paneOptionLabel(stringsFor("zh-CN"));
const EN = paneOptionLabel(stringsFor("en-US"));

const SEED = seedWorkbook();
const { maps } = detectWorkbook(SEED, { sheet: "分解表" });

test("every indicator is listed; qualitative rows and ratios without a weights row are unavailable, with the reason; a finding picks its own", () => {
  const list = candidates(maps);
  expect(list.length).toBeGreaterThan(0);
  for (const c of list)
    expect([c.name, c.unavailable]).toEqual([
      c.name,
      c.kind === "qualitative"
        ? "qualitative"
        : c.kind === "ratio" && !c.weights
          ? "ratio-no-weights"
          : undefined,
    ]);
  expect(list.filter((c) => c.unavailable).length).toBeGreaterThan(0);
  expect(defaultCandidate(list, [])?.unavailable).toBeUndefined();
  const firms = list.find((c) => c.name.startsWith("新增高新技术企业数"))!;
  expect(firms.parents).toEqual(["杭州市"]);
  expect(childUnits(firms, "杭州市")).toHaveLength(13);
  const finding = { rule: "sum-mismatch", sheet: "分解表", cell: "D7", indicator: firms.name } as Finding;
  expect(candidateOf(list, finding)).toBe(firms);
  expect(defaultCandidate(list, [finding])).toBe(firms);
});

test("the worked case: locks 滨江区 and 余杭区, target 2000 → only 萧山区 315 → 316", () => {
  const firms = candidates(maps).find((c) => c.name.startsWith("新增高新技术企业数"))!;
  const form = { ...formFor(firms), target: "2000", locks: ["滨江区", "余杭区"], min: { 上城区: " " } };
  expect(choicesOf(firms, form)).toEqual({
    sheet: "分解表",
    indicator: firms.name,
    method: "proportional",
    target: "2000",
    locks: ["滨江区", "余杭区"],
  });
  const p = preview(SEED, maps, firms, form, "zh", ZH);
  if (p.kind !== "solved") throw new Error(p.text);
  expect(p.changes).toBe(true);
  expect(p.doc.children.filter((c) => c.change !== 0).map((c) => `${c.unit} ${c.before}→${c.after}`)).toEqual(
    ["萧山区 315→316"],
  );
  expect(p.lines.length).toBeGreaterThan(0);
});

test("keep the children, fix the parent; a bad number is said at its field and leaves the rest alone", () => {
  const firms = candidates(maps).find((c) => c.name.startsWith("新增高新技术企业数"))!;
  const fix = preview(SEED, maps, firms, { ...formFor(firms), mode: "fix-parent", target: "5" }, "en", EN);
  if (fix.kind !== "solved") throw new Error("problem");
  expect(fix.doc.parent).toMatchObject({ before: 2000, after: 1999, change: -1 });
  const form = { ...formFor(firms), target: "abc", max: { 建德市: "x1" } };
  expect([...formErrors(firms, form)]).toEqual([
    ["target", "abc"],
    ["max:建德市", "x1"],
  ]);
  // The bad numbers are left out of the request: the rest still solves, current values intact.
  expect(preview(SEED, maps, firms, form, "en", EN).kind).toBe("solved");
  expect(currentCells(SEED, maps, firms, "杭州市")?.children.map((c) => c.value.toJSON())).toContain(30);
  expect(signed(1)).toBe("+1");
  expect(signed(-1)).toBe("-1");
  expect(signed(null)).toBe("");
});

test("T5: a ratio, its weights row found by detection, rounded one by one and checked with the tolerance", () => {
  const wb = workbook(
    sheet("分解表", [
      ["指标名称", "全市", "上城区", "拱墅区", "西湖区", "滨江区", "萧山区"],
      ["地区生产总值(亿元)", 7500, 2800, 2100, 1300, 800, 500],
      ["R&D经费支出占GDP比重(%)", 3.5, 4.8, 3.1, 2.2, 1.5, 0.9],
    ]),
  );
  const found = detectWorkbook(wb).maps;
  const ratio = candidates(found).find((c) => c.kind === "ratio");
  if (!ratio) throw new Error("no ratio row detected");
  expect(ratio.weights).toBe("地区生产总值(亿元)");
  const form = {
    ...formFor(ratio),
    weights: ratio.weights ?? "地区生产总值(亿元)",
    target: "3.95",
    locks: ["上城区"],
    max: { 拱墅区: "4.00" },
    noDecrease: true,
    step: "0.01" as const,
  };
  expect(form.method).toBe("equal");
  const p = preview(wb, found, ratio, form, "en", EN);
  if (p.kind !== "solved") throw new Error(p.text);
  expect(p.doc.children.map((c) => c.after)).toEqual([4.8, 4, 3.46, 2.76, 2.16]);
  expect(p.doc.ratioCheck).toMatchObject({ pass: true });
});

test("the pane's words for a refused request name its fields, never a command-line flag", () => {
  const wb = workbook(
    sheet("分解表", [
      ["指标名称", "全市", "上城区", "拱墅区", "西湖区"],
      ["地区生产总值(亿元)", 7500, 2800, 2100, 2600],
      ["常住人口(万人)", 1200, 130, 110, 120],
      ["R&D经费支出占GDP比重(%)", 3.5, 4.8, 3.1, 2.2],
      ["研发人员占比(%)", 3.5, 4.8, 3.1, 2.2],
    ]),
  );
  const found = detectWorkbook(wb).maps;
  const list = candidates(found);
  const ratio = list.find((c) => c.name.startsWith("R&D"))!;
  // A ratio with its weights removed from the form: the engine asks for them, at the weights field.
  const p = preview(wb, found, ratio, { ...formFor(ratio), weights: "" }, "zh", ZH);
  expect(p).toMatchObject({ kind: "problem", field: "weights" });
  if (p.kind === "problem") {
    expect(p.text).toContain("“权重（分母）行”");
    expect(p.text).not.toMatch(/--/);
  }
  const gdp = list.find((c) => c.name.startsWith("地区生产总值"))!;
  // Percentages are offered neither as reference rows nor as weights.
  expect(referenceRows(gdp)).toEqual(["常住人口(万人)"]);
  expect(weightRows(ratio)).toEqual(["地区生产总值(亿元)", "常住人口(万人)"]);
  // Every problem a form can meet, in both languages: no flag.
  const firms = gdp;
  for (const form of [
    { ...formFor(firms), target: "60.05", step: "1" as const },
    { ...formFor(firms), method: "reference" as const },
    { ...formFor(firms), min: { 上城区: "3000" }, max: { 上城区: "2000" } },
  ])
    for (const [lang, label] of [
      ["zh", ZH],
      ["en", EN],
    ] as const) {
      const r = preview(wb, found, firms, form, lang, label);
      const text = r.kind === "problem" ? [r.text] : r.lines;
      for (const line of text) expect(line).not.toMatch(/--[a-z]/);
    }
});
