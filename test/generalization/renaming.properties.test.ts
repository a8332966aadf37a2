/**
 * What a table says decides its findings, not the words it happens to be written in (issue 12,
 * item 4; PRODUCT §3.1): the findings (rule, severity, cell, related cells, stated, computed,
 * difference, tolerance, hints) do not change when
 *  - the children are renamed into another domain (departments, companies, villages, codes, English…),
 *  - the header of the unit line is renamed (地区, 单位, 单位名称, 部门, blank, 承担单位 …),
 *  - the measure moves between the indicator's name, a measure column (row) and a `单位：` line.
 * Cells are compared through their logical role (indicator i, child j, parent), so a measure column
 * that shifts every value one column to the right changes nothing. Every rendering must also be read
 * as a table with at least one check: a property that holds because nothing was read proves nothing.
 */
import fc from "fast-check";
import { a1, parseA1, parseRange } from "../../src/core/address";
import { checkWorkbook } from "../../src/core/check";
import type { RawValue } from "../../src/core/grid";
import { sheet, workbook } from "../helpers/grid";

const DOMAINS: Record<string, string[]> = {
  department: [
    "市发改委",
    "市科技局",
    "市教育局",
    "市经信局",
    "市财政局",
    "市人社局",
    "市住建局",
    "市水利局",
    "市商务局",
    "市卫健委",
  ],
  company: [
    "一分公司",
    "二分公司",
    "三分公司",
    "四分公司",
    "五分公司",
    "六分公司",
    "华东分公司",
    "华南分公司",
    "华北分公司",
    "西南分公司",
  ],
  village: [
    "东山村",
    "南湖社区",
    "西岭村",
    "北塘村",
    "青溪社区",
    "枫桥村",
    "梅林村",
    "竹园社区",
    "石门村",
    "兰亭村",
  ],
  school: [
    "城南小学",
    "实验中学",
    "青溪小学",
    "枫林中学",
    "凤鸣小学",
    "双峰中学",
    "玉泉小学",
    "金坪中学",
    "白鹭小学",
    "松岩中学",
  ],
  stems: ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"],
  code: ["A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "A10"],
  english: [
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "Branch 10",
  ],
  invented: ["琮璟", "翊宸", "珩琅", "瑄玥", "璞琛", "瑜琪", "珏瑛", "璐璇", "珂瑶", "琨璋"],
};
const DOMAIN_NAMES = Object.keys(DOMAINS);
const UNIT_HEADERS = ["地区", "单位", "单位名称", "部门", "", "承担单位", "责任主体"];
const CORNERS = ["指标名称", "指标", "项目", ""];
const TOTALS = ["合计", "总计", "汇总"];
const NAMES = ["新增企业", "新建项目", "研发投入", "技改投资", "新增就业", "培育主体"];
/** One measure for the whole table, so that a `单位：` line can carry it. */
const MEASURES = [
  { measure: "家", decimals: 0 },
  { measure: "个", decimals: 0 },
  { measure: "万元", decimals: 1 },
  { measure: "亿元", decimals: 2 },
];

interface Logical {
  orientation: "units-in-rows" | "indicators-in-rows";
  parentFirst: boolean;
  total: string;
  measure: string;
  decimals: number;
  /** Per indicator: children (scaled to the last shown digit) and the stated parent. */
  indicators: { name: string; children: number[]; parent: number }[];
}

interface Words {
  domain: string;
  header: string;
  place: "name" | "column" | "line";
}

const logicalArb: fc.Arbitrary<Logical> = fc
  .record({
    orientation: fc.constantFrom<Logical["orientation"]>("units-in-rows", "indicators-in-rows"),
    parentFirst: fc.boolean(),
    total: fc.constantFrom(...TOTALS),
    m: fc.constantFrom(...MEASURES),
    k: fc.integer({ min: 2, max: 10 }),
    count: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ orientation, parentFirst, total, m, k, count }) =>
    fc
      .array(
        fc.record({
          children: fc.array(fc.integer({ min: 0, max: 90000 }), { minLength: k, maxLength: k }),
          // Mostly exact; sometimes off by one (a count error, a rounding info) or by more (an error).
          delta: fc.oneof(
            { weight: 3, arbitrary: fc.constant(0) },
            { weight: 1, arbitrary: fc.constantFrom(-1, 1) },
            { weight: 1, arbitrary: fc.integer({ min: -500, max: 500 }) },
          ),
        }),
        { minLength: count, maxLength: count },
      )
      .map((rows) => ({
        orientation,
        parentFirst,
        total,
        measure: m.measure,
        decimals: m.decimals,
        indicators: rows.map((row, i) => {
          const sum = row.children.reduce((a, b) => a + b, 0);
          return { name: NAMES[i], children: row.children, parent: Math.max(0, sum + row.delta) };
        }),
      })),
  );

const wordsArb: fc.Arbitrary<Words> = fc.record({
  domain: fc.constantFrom(...DOMAIN_NAMES),
  header: fc.constantFrom(...UNIT_HEADERS),
  place: fc.constantFrom<Words["place"]>("name", "column", "line"),
});

function render(t: Logical, w: Words) {
  const values: RawValue[][] = [];
  const formats: (string | null)[][] = [];
  const logicalOf = new Map<string, string>();
  const k = t.indicators[0].children.length;
  const names = DOMAINS[w.domain].slice(0, k);
  const format = t.decimals > 0 ? `0.${"0".repeat(t.decimals)}` : null;
  const value = (scaled: number) => Number((scaled / 10 ** t.decimals).toFixed(t.decimals));
  const label = (name: string) => (w.place === "name" ? `${name}（${t.measure}）` : name);
  const put = (row: RawValue[], ids: (string | null)[], numeric: boolean[]) => {
    const r = values.length;
    values.push(row);
    formats.push(row.map((_, c) => (numeric[c] ? format : null)));
    ids.forEach((id, c) => id && logicalOf.set(a1(r, c), id));
  };
  if (w.place === "line") put([`单位：${t.measure}`], ["line"], [false]);
  const units = [...names.map((_, j) => j)];
  const order = t.parentFirst ? [-1, ...units] : [...units, -1];
  const unitId = (j: number) => (j < 0 ? "parent" : `child${j}`);
  const unitName = (j: number) => (j < 0 ? t.total : names[j]);
  const cellOf = (i: number, j: number) => {
    const ind = t.indicators[i];
    return value(j < 0 ? ind.parent : ind.children[j]);
  };
  if (t.orientation === "units-in-rows") {
    // The header over the unit names is what is being renamed; a blank header is an empty cell.
    put(
      [w.header || null, ...t.indicators.map((ind) => label(ind.name))],
      ["header", ...t.indicators.map((_, i) => `name:${i}`)],
      [],
    );
    if (w.place === "column") {
      put(
        [w.header === "单位" ? "计量单位" : "单位", ...t.indicators.map(() => t.measure)],
        ["measure", ...t.indicators.map((_, i) => `measure:${i}`)],
        [],
      );
    }
    for (const j of order) {
      put(
        [unitName(j), ...t.indicators.map((_, i) => cellOf(i, j))],
        [`label:${unitId(j)}`, ...t.indicators.map((_, i) => `${i}/${unitId(j)}`)],
        [false, ...t.indicators.map(() => true)],
      );
    }
  } else {
    const corner = CORNERS[UNIT_HEADERS.indexOf(w.header) % CORNERS.length];
    const measureCol = w.place === "column" ? ["计量单位"] : [];
    put(
      [corner || null, ...measureCol, ...order.map(unitName)],
      ["corner", ...measureCol.map(() => "measure"), ...order.map((j) => `label:${unitId(j)}`)],
      [],
    );
    t.indicators.forEach((ind, i) => {
      const m = w.place === "column" ? [t.measure] : [];
      put(
        [label(ind.name), ...m, ...order.map((j) => cellOf(i, j))],
        [`name:${i}`, ...m.map(() => `measure:${i}`), ...order.map((j) => `${i}/${unitId(j)}`)],
        [false, ...m.map(() => false), ...order.map(() => true)],
      );
    });
  }
  return { grid: sheet("分解表", values, { numberFormats: formats }), logicalOf };
}

function findingKeys(t: Logical, w: Words) {
  const { grid, logicalOf } = render(t, w);
  const result = checkWorkbook(workbook(grid));
  const logical = (cell: string) => logicalOf.get(cell) ?? `?${cell}`;
  const expand = (ranges: string[]) =>
    ranges
      .flatMap((range) => {
        const b = parseRange(range);
        if (!b) return [`?${range}`];
        const out: string[] = [];
        for (let row = b.top; row <= b.bottom; row++)
          for (let c = b.left; c <= b.right; c++) out.push(logical(a1(row, c)));
        return out;
      })
      .sort();
  const keys = result.findings
    .map((f) =>
      JSON.stringify([
        f.rule,
        f.severity,
        logical(f.cell),
        expand(f.related),
        f.stated?.toString(),
        f.computed?.toString(),
        f.difference?.toString(),
        f.tolerance?.value.toString(),
        f.hints.map((h) => [h.kind, parseA1(h.cell) ? logical(h.cell) : h.cell]).sort(),
      ]),
    )
    .sort();
  return { keys, tables: result.summary.tables, checks: result.summary.checks, grid: grid.values };
}

/** The findings of both renderings, and whether each was read as a table with checks. */
function compare(t: Logical, a: Words, b: Words) {
  const x = findingKeys(t, a);
  const y = findingKeys(t, b);
  const read = (r: ReturnType<typeof findingKeys>) => r.tables > 0 && r.checks >= t.indicators.length;
  expect({ read: read(x), keys: x.keys, grid: read(x) ? "…" : x.grid }).toEqual({
    read: true,
    keys: x.keys,
    grid: "…",
  });
  expect({ read: read(y), keys: y.keys, grid: read(y) ? "…" : y.grid }).toEqual({
    read: true,
    keys: x.keys,
    grid: "…",
  });
}

const RUNS = { numRuns: 60 };

describe("findings do not depend on the words a table is written in", () => {
  test("renaming the children into another domain changes no finding", () => {
    fc.assert(
      fc.property(logicalArb, wordsArb, fc.constantFrom(...DOMAIN_NAMES), (t, w, other) => {
        compare(t, w, { ...w, domain: other });
      }),
      RUNS,
    );
  });

  test("renaming the header of the unit line changes no finding", () => {
    fc.assert(
      fc.property(logicalArb, wordsArb, fc.constantFrom(...UNIT_HEADERS), (t, w, other) => {
        compare(t, w, { ...w, header: other });
      }),
      RUNS,
    );
  });

  test("moving the measure between the name, a measure column and a 单位： line changes no finding", () => {
    fc.assert(
      fc.property(
        logicalArb,
        wordsArb,
        fc.constantFrom<Words["place"]>("name", "column", "line"),
        (t, w, other) => {
          compare(t, w, { ...w, place: other });
        },
      ),
      RUNS,
    );
  });
});
