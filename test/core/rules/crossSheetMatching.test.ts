/**
 * Which child of another sheet's split a table is compared with: the first child one of whose keys
 * (its name, or its name without 市/区/县/州… when two characters remain) is the table's parent
 * name or, for a 合计 parent, occurs in the sheet's name or title. The rule finds it by lookups; the
 * oracle below compares each table with every child, as the definition reads.
 */
import fc from "fast-check";
import { checkWorkbook } from "../../../src/core/check";
import type { RawValue } from "../../../src/core/grid";
import { sheet, workbook } from "../../helpers/grid";

const CITIES = ["杭州市", "宁波市", "温州市", "湖州市", "嘉兴市", "绍兴市", "金华市", "衢州市"];

const keysOf = (unit: string): string[] => {
  const short = unit.replace(/(市|区|县|省|自治州|州|盟|地区)$/, "");
  return short.length >= 2 && short !== unit ? [unit, short] : [unit];
};

interface CitySheet {
  name: string;
  /** The parent column's label: a city target (杭州市目标) or 合计. */
  parent: string;
  title?: string;
}

function build(children: string[], cities: CitySheet[]) {
  const head: RawValue[] = ["序号", "指标名称", "全省目标", ...children];
  const sheets = [
    sheet("全省", [head, [1, "新增企业(家)", children.length * 10, ...children.map(() => 10)]]),
  ];
  cities.forEach((c, k) => {
    const rows: RawValue[][] = [];
    if (c.title) rows.push([c.title], []);
    // The city's own total is 10 + k, so each match shows as pass (k = 0) or mismatch.
    rows.push(["序号", "指标名称", c.parent, "甲镇", "乙镇"], [1, "新增企业(家)", 10 + k, 5 + k, 5]);
    sheets.push(sheet(c.name, rows));
  });
  return workbook(...sheets);
}

/** (city sheet, province child) pairs the definition compares. */
function oracle(children: string[], cities: CitySheet[]): string[] {
  return cities.flatMap((c) => {
    const parentName = c.parent.replace(/目标$/, "");
    const own = /^(合计|总计|全市|全省|全区|全县|全州|全盟|汇总)/.test(parentName)
      ? `${c.name} ${c.title ?? ""}`
      : undefined;
    let child = children.findIndex((u) => {
      const keys = keysOf(u);
      return keys.includes(parentName) || (own !== undefined && keys.some((k) => own.includes(k)));
    });
    // Where no child is written as the parent names itself, a child written short (杭州 for 杭州市).
    if (child < 0) {
      const short = keysOf(parentName).slice(1);
      child = children.findIndex((u) => keysOf(u).some((k) => short.includes(k)));
    }
    return child < 0 ? [] : [`${c.name} ← ${children[child]}`];
  });
}

describe("cross-sheet matching", () => {
  test("random province children and city sheets: the same pairs as comparing with every child", () => {
    let pairs = 0;
    const citySheet = fc.record({
      city: fc.constantFrom(...CITIES, "杭州", "西湖区", "钱塘新区", "高新技术产业开发区"),
      totalParent: fc.boolean(),
      inTitle: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...CITIES, "杭州", "州市", "温州", "钱塘新区", "高新技术产业开发区"), {
          minLength: 2,
          maxLength: 6,
        }),
        fc.uniqueArray(citySheet, { minLength: 1, maxLength: 4, selector: (c) => c.city }),
        (children, specs) => {
          const cities: CitySheet[] = specs.map((s, k) => ({
            name: s.inTitle && s.totalParent ? `表${k + 1}` : s.city,
            parent: s.totalParent ? "合计" : `${s.city}目标`,
            title: s.inTitle ? `${s.city}2025年目标分解表` : undefined,
          }));
          const result = checkWorkbook(build(children, cities));
          const found = [...result.passed, ...result.findings]
            .filter((f) => f.rule === "cross-sheet-mismatch")
            .map((f) => {
              const child = children[f.related[0].match(/!([A-Z]+)\d+$/)![1].charCodeAt(0) - 68];
              return `${f.sheet} ← ${child}`;
            });
          const want = oracle(children, cities);
          pairs += want.length;
          expect(found.sort()).toEqual(want.sort());
        },
      ),
      { numRuns: 300 },
    );
    expect(pairs).toBeGreaterThan(150); // about one pair a run: the test is not vacuous
  });
});
