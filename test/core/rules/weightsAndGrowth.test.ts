import { checkSplit, notInfo, only } from "../../helpers/split";

const FIVE = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区"];

describe("weighted-mean-mismatch (ALLOCATION T5's numbers)", () => {
  // GDP 2800, 2100, 1300, 800, 500 (city 7500); R&D ratios 4.80, 4.00, 3.46, 2.76, 2.16.
  // Σ rᵢdᵢ = 13440 + 8400 + 4498 + 2208 + 1080 = 29626; 29626 / 7500 = 3.950133…
  const rows = (
    city: string,
  ): [string, string | number | undefined, string | number, ...(string | number)[]][] => [
    ["地区生产总值(亿元)", undefined, 7500, 2800, 2100, 1300, 800, 500],
    ["R&D经费支出占GDP比重(%)", undefined, city, "4.80", "4.00", "3.46", "2.76", "2.16"],
  ];

  test("clean: 3.95 is the GDP-weighted mean 3.950133… within rounding", () => {
    const r = checkSplit(FIVE, rows("3.95"));
    expect(notInfo(r)).toEqual([]);
    expect(r.passed.filter((c) => c.rule === "weighted-mean-mismatch")).toHaveLength(1);
  });

  test("4.20 is inside [2.16, 4.80] but not the weighted mean: an error only the weights can see", () => {
    const r = checkSplit(FIVE, rows("4.20"));
    expect(only(r, "mean-out-of-range")).toEqual([]);
    const [f] = only(r, "weighted-mean-mismatch");
    expect(f).toMatchObject({ severity: "error", cell: "D3" });
    expect(f.computed!.toString()).toBe("3.95013");
  });
});

describe("growth-mismatch", () => {
  const rows = (target: number): [string, undefined, number, ...number[]][] => [
    ["2008年地区生产总值(亿元)", undefined, 1000, 400, 300, 200, 100, 0],
    ["地区生产总值增长(%)", undefined, 22, 22, 22, 22, 22, 22],
    ["2009年地区生产总值目标(亿元)", undefined, 1220, 488, 366, 244, target, 0],
  ];

  test("clean: 09 = 08 × 1.22 in every unit", () => {
    expect(notInfo(checkSplit(FIVE, rows(122)))).toEqual([]);
  });

  test("one district's target is not base × (1 + rate)", () => {
    const r = checkSplit(FIVE, rows(130));
    const [f] = only(r, "growth-mismatch");
    // 滨江区: 100 × 1.22 = 122, the target says 130 (its split is also off: 1228 ≠ 1220).
    expect(f).toMatchObject({ severity: "error", cell: "H4", related: ["H2:H3"], unit: "滨江区" });
    expect(f.computed!.toString()).toBe("122");
  });
});
