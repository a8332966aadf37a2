/**
 * Findings depend on what the table says, not on how it is laid out: moving, reordering or
 * renaming child columns, adding title or blank rows, or storing numbers as text changes none
 * of them (issue 2).
 */
import fc from "fast-check";
import { a1, parseA1, parseRange } from "../../src/core/address";
import { checkWorkbook } from "../../src/core/check";
import type { RawValue } from "../../src/core/grid";
import { sheet, workbook } from "../helpers/grid";

const NAMES = [
  "上城区",
  "拱墅区",
  "西湖区",
  "滨江区",
  "萧山区",
  "余杭区",
  "临平区",
  "钱塘区",
  "富阳区",
  "临安区",
  "桐庐县",
  "淳安县",
  "建德市",
  "海曙区",
  "江北区",
  "北仑区",
  "镇海区",
  "鄞州区",
  "奉化区",
  "象山县",
  "宁海县",
  "余姚市",
  "慈溪市",
  "越城区",
  "柯桥区",
  "上虞区",
  "新昌县",
  "诸暨市",
  "嵊州市",
  "市本级",
];

interface Indicator {
  name: string;
  measure: "家" | "亿元" | "%";
  children: (number | "-")[]; // in grid units (integers), "-" for no allocation
  parent: number;
  assignment: number;
}

interface Logical {
  names: string[];
  indicators: Indicator[];
}

const indicatorArb = (k: number) =>
  fc
    .record({
      measure: fc.constantFrom<"家" | "亿元" | "%">("家", "亿元", "%"),
      children: fc.array(
        fc.oneof(
          { weight: 9, arbitrary: fc.integer({ min: 0, max: 5000 }) },
          { weight: 1, arbitrary: fc.constant("-" as const) },
        ),
        {
          minLength: k,
          maxLength: k,
        },
      ),
      delta: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -30, max: 30 })),
      assignmentDelta: fc.integer({ min: -50, max: 50 }),
    })
    .map(({ measure, children, delta, assignmentDelta }) => {
      const nums = children.map((c) => (c === "-" ? 0 : c));
      const parent =
        measure === "%"
          ? Math.round(nums.reduce((a, b) => a + b, 0) / Math.max(1, nums.length)) + delta * 100
          : nums.reduce((a, b) => a + b, 0) + delta;
      return { measure, children, parent, assignment: parent + assignmentDelta };
    });

const logicalArb: fc.Arbitrary<Logical> = fc.integer({ min: 3, max: 12 }).chain((k) =>
  fc.record({
    names: fc.shuffledSubarray(NAMES, { minLength: k, maxLength: k }),
    indicators: fc
      .array(indicatorArb(k), { minLength: 1, maxLength: 6 })
      .map((rows) => rows.map((r, i) => ({ ...r, name: `指标${i + 1}(${r.measure})` }) as Indicator)),
  }),
);

interface Layout {
  order: number[]; // permutation of children
  rename: string[] | null;
  titleRows: number;
  blankAfter: boolean[];
  asText: boolean;
}

const scaleOf = (m: Indicator["measure"]) => (m === "家" ? 1 : m === "亿元" ? 10 : 100);

function show(units: number, m: Indicator["measure"], asText: boolean): RawValue {
  const s = scaleOf(m);
  const value = Number(s === 1 ? String(units) : (units / s).toFixed(Math.log10(s)));
  // Stored as text the way Excel shows the number (32.4, not 32.40): the same shown precision.
  return asText ? String(value) : value;
}

/** Renders the logical table; returns the grid and a map from A1 to logical column ids. */
function render(t: Logical, layout: Layout) {
  const values: RawValue[][] = [];
  for (let i = 0; i < layout.titleRows; i++) values.push(i === 0 ? ["2025 年度目标分解表"] : []);
  const names = layout.rename ?? t.names;
  const header: RawValue[] = [
    "序号",
    "指标名称",
    "省下达目标",
    "全市合计",
    ...layout.order.map((j) => names[j]),
  ];
  const headerRow = values.length;
  values.push(header);
  const logicalOf = new Map<string, string>();
  const col = (c: number) => (c === 2 ? "assignment" : c === 3 ? "parent" : `child:${layout.order[c - 4]}`);
  t.indicators.forEach((ind, i) => {
    const row: RawValue[] = [
      i + 1,
      ind.name,
      show(ind.assignment, ind.measure, layout.asText),
      show(ind.parent, ind.measure, layout.asText),
    ];
    for (const j of layout.order) {
      const c = ind.children[j];
      row.push(c === "-" ? "-" : show(c, ind.measure, layout.asText));
    }
    const r = values.length;
    values.push(row);
    row.forEach((_, c) => logicalOf.set(a1(r, c), `${i}/${col(c)}`));
    if (layout.blankAfter[i]) values.push([]);
  });
  header.forEach((_, c) => logicalOf.set(a1(headerRow, c), `header/${col(c)}`));
  return { grid: sheet("分解表", values), logicalOf };
}

function findingKeys(t: Logical, layout: Layout): string[] {
  const { grid, logicalOf } = render(t, layout);
  const result = checkWorkbook(workbook(grid));
  const logical = (cell: string) => logicalOf.get(cell) ?? `?${cell}`;
  const expand = (ranges: string[]) =>
    ranges
      .flatMap((r) => {
        const b = parseRange(r)!;
        const out: string[] = [];
        for (let row = b.top; row <= b.bottom; row++)
          for (let c = b.left; c <= b.right; c++) out.push(logical(a1(row, c)));
        return out;
      })
      .sort();
  return result.findings
    .map((f) =>
      JSON.stringify([
        f.rule,
        f.severity,
        f.indicator,
        logical(f.cell),
        expand(f.related),
        f.stated?.toString(),
        f.computed?.toString(),
        f.difference?.toString(),
        f.tolerance?.value.toString(),
        f.hints
          .map((h) => [h.kind, parseA1(h.cell) ? logical(h.cell) : h.cell, h.suggested?.toString()])
          .sort(),
      ]),
    )
    .sort();
}

const layoutArb = (t: Logical): fc.Arbitrary<Layout> => {
  const k = t.names.length;
  return fc.record({
    order: fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k }),
    rename: fc.option(fc.shuffledSubarray(NAMES, { minLength: k, maxLength: k }), { nil: null }),
    titleRows: fc.integer({ min: 0, max: 4 }),
    blankAfter: fc.array(fc.boolean(), { minLength: t.indicators.length, maxLength: t.indicators.length }),
    asText: fc.boolean(),
  });
};

const plain = (t: Logical): Layout => ({
  order: t.names.map((_, i) => i),
  rename: null,
  titleRows: 0,
  blankAfter: t.indicators.map(() => false),
  asText: false,
});

describe("findings are invariant under layout changes that should not matter", () => {
  test("moving, reordering, renaming children, title and blank rows, numbers as text", () => {
    fc.assert(
      fc.property(
        logicalArb.chain((t) => fc.tuple(fc.constant(t), layoutArb(t))),
        ([t, layout]) => {
          const names = layout.rename ?? t.names;
          // Renaming must not create a duplicate (that would be a real finding).
          fc.pre(new Set(names).size === names.length);
          expect(findingKeys(t, layout)).toEqual(findingKeys(t, plain(t)));
        },
      ),
      { numRuns: 150 },
    );
  });

  test("an injected off-by-n in an additive row is always found, wherever the columns are", () => {
    fc.assert(
      fc.property(
        logicalArb.chain((t) => fc.tuple(fc.constant(t), layoutArb(t), fc.integer({ min: 1, max: 40 }))),
        ([t, layout, n]) => {
          const names = layout.rename ?? t.names;
          fc.pre(new Set(names).size === names.length);
          // Other additive rows add up exactly; every count row is off by n.
          const counts = t.indicators.map((ind) => {
            if (ind.measure === "%") return ind;
            const sum = ind.children.reduce<number>((a, c) => a + (c === "-" ? 0 : c), 0);
            return { ...ind, parent: sum + (ind.measure === "家" ? n : 0) };
          });
          const broken = { ...t, indicators: counts };
          const keys = findingKeys(broken, layout).map((k) => JSON.parse(k) as unknown[]);
          const expected = counts.filter((c) => c.measure === "家").length;
          expect(keys.filter((k) => k[0] === "sum-mismatch" && k[1] === "error")).toHaveLength(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});
