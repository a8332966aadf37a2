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

const SEED = seedWorkbook();
const { maps } = detectWorkbook(SEED, { sheet: "分解表" });

test("numeric split indicators are offered, qualitative ones are not; a finding picks its own", () => {
  const list = candidates(maps);
  expect(list.length).toBeGreaterThan(0);
  expect(list.every((c) => c.kind !== "qualitative")).toBe(true);
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
  const p = preview(SEED, maps, firms, form, "zh");
  if (p.kind !== "solved") throw new Error(p.text.join());
  expect(p.changes).toBe(true);
  expect(p.doc.children.filter((c) => c.change !== 0).map((c) => `${c.unit} ${c.before}→${c.after}`)).toEqual(
    ["萧山区 315→316"],
  );
  expect(p.lines.length).toBeGreaterThan(0);
});

test("keep the children, fix the parent; a bad number is the engine's sentence", () => {
  const firms = candidates(maps).find((c) => c.name.startsWith("新增高新技术企业数"))!;
  const fix = preview(SEED, maps, firms, { ...formFor(firms), mode: "fix-parent", target: "5" }, "en");
  if (fix.kind !== "solved") throw new Error("problem");
  expect(fix.doc.parent).toMatchObject({ before: 2000, after: 1999, change: -1 });
  const bad = preview(SEED, maps, firms, { ...formFor(firms), target: "abc" }, "en");
  expect(bad.kind).toBe("problem");
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
  const p = preview(wb, found, ratio, form, "en");
  if (p.kind !== "solved") throw new Error(p.text.join());
  expect(p.doc.children.map((c) => c.after)).toEqual([4.8, 4, 3.46, 2.76, 2.16]);
  expect(p.doc.ratioCheck).toMatchObject({ pass: true });
});
