import { childrenOf, divisionByCode, resolveLevels, type ResolvedUnit } from "../../../src/core/divisions";

/** name → [level, parent's name] for compact expectations. */
function shape(rows: ResolvedUnit[]) {
  return rows.map((r) => [
    r.name,
    r.level,
    r.parentIndex === undefined ? undefined : rows[r.parentIndex].name,
  ]);
}

// The 31 mainland provinces, municipalities and autonomous regions.
const PROVINCE_CODES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50,
]
  .concat([51, 52, 53, 54, 61, 62, 63, 64, 65])
  .map((p) => `${p}0000`);
const HANGZHOU = childrenOf("330100").map((d) => d.name);
const NINGBO = childrenOf("330200").map((d) => d.name);

describe("resolveLevels", () => {
  test("places a province, two cities and their districts by names alone", () => {
    const names = ["浙江省", "杭州市", ...HANGZHOU, "宁波市", ...NINGBO];
    const rows = resolveLevels(names);
    expect(rows.every((r) => r.kind === "division" && !r.misplaced)).toBe(true);
    expect(shape(rows)).toEqual([
      ["浙江省", "province", undefined],
      ["杭州市", "city", "浙江省"],
      ...HANGZHOU.map((n) => [n, "county", "杭州市"]),
      ["宁波市", "city", "浙江省"],
      ...NINGBO.map((n) => [n, "county", "宁波市"]),
    ]);
  });

  test("puts 建德市, a county-level city, under 杭州市 rather than beside it", () => {
    const rows = resolveLevels(["浙江省", "杭州市", "上城区", "建德市", "宁波市", "海曙区"]);
    expect(rows[3]).toMatchObject({ level: "county", parentIndex: 1 });
    expect(rows[4]).toMatchObject({ level: "city", parentIndex: 0 });
  });

  test("flags 上城区 listed among 宁波市's districts and still finds its true parent", () => {
    const rows = resolveLevels(["浙江省", "杭州市", "西湖区", "宁波市", "海曙区", "上城区"]);
    expect(rows[5]).toMatchObject({ kind: "division", parentIndex: 1, misplaced: { underIndex: 3 } });
    expect(rows[4].misplaced).toBeUndefined();
  });

  test("flags a misplaced unit even when its true parent is not in the list", () => {
    const rows = resolveLevels(["宁波市", "海曙区", "上城区"]);
    expect(rows[2].misplaced).toEqual({ underIndex: 0 });
    expect(rows[2].parentIndex).toBeUndefined();
  });

  test("settles 朝阳区 by the city it is listed under", () => {
    const rows = resolveLevels(["北京市", "朝阳区", "海淀区", "吉林省", "长春市", "朝阳区", "南关区"]);
    expect(rows[1].division?.code).toBe("110105");
    expect(rows[5].division?.code).toBe("220104");
    expect(rows[5].parentIndex).toBe(4);
    expect(rows.some((r) => r.misplaced)).toBe(false);
  });

  test("settles 鼓楼区 with no parent row by its siblings", () => {
    const rows = resolveLevels(["鼓楼区", "玄武区", "秦淮区"]);
    expect(rows[0]).toMatchObject({ kind: "division", level: "county" });
    expect(rows[0].division?.parent).toBe("320100");
  });

  test("leaves 鼓楼区 alone ambiguous, with its readings and its level", () => {
    const [row] = resolveLevels(["鼓楼区"]);
    expect(row.kind).toBe("ambiguous");
    expect(row.level).toBe("county");
    expect(row.candidates).toHaveLength(4);
    expect(row.division).toBeUndefined();
  });

  test("reads short forms inside their block only (西湖 under 杭州 is 西湖区)", () => {
    const rows = resolveLevels(["杭州", "上城", "西湖", "建德"]);
    expect(rows.map((r) => r.division?.name)).toEqual(["杭州市", "上城区", "西湖区", "建德市"]);
    expect(rows.map((r) => r.match)).toEqual(["short", "short", "short", "short"]);
    expect(resolveLevels(["宁波市", "西湖"])[1].kind).toBe("unknown");
  });

  test("places former units as former (江干区, 下城区 in an old table)", () => {
    const rows = resolveLevels(["杭州市", "上城区", "下城区", "江干区", "拱墅区"]);
    expect(rows.map((r) => r.kind)).toEqual(["division", "division", "former", "former", "division"]);
    expect(rows[3]).toMatchObject({ level: "county", parentIndex: 0 });
    expect(rows[3].misplaced).toBeUndefined();
  });

  test("reads a pre-2011 table's 巢湖市 as the former prefecture when its districts follow it", () => {
    const rows = resolveLevels([
      "安徽省",
      "合肥市",
      "肥西县",
      "巢湖市",
      "居巢区",
      "庐江县",
      "含山县",
      "和县",
    ]);
    expect(rows[3]).toMatchObject({ kind: "former", level: "city", parentIndex: 0 });
    expect(rows.slice(4).map((r) => r.parentIndex)).toEqual([3, 3, 3, 3]);
    expect(rows.some((r) => r.misplaced)).toBe(false);
    // Today's table: 巢湖市 is the county-level city of 合肥.
    expect(resolveLevels(["合肥市", "肥西县", "巢湖市"])[2]).toMatchObject({
      kind: "division",
      parentIndex: 0,
    });
  });

  test("a renamed city's old name still heads its districts (襄樊市 → 襄阳市)", () => {
    const rows = resolveLevels(["湖北省", "襄樊市", "襄城区", "襄州区", "枣阳市"]);
    expect(rows[1].kind).toBe("former");
    expect(rows.slice(2).map((r) => [r.parentIndex, r.misplaced])).toEqual([
      [1, undefined],
      [1, undefined],
      [1, undefined],
    ]);
  });

  test("gives functional units and unknown names a slot without a division", () => {
    const rows = resolveLevels([
      "浙江省",
      "省本级",
      "杭州市",
      "市本级",
      "上城区",
      "杭州高新区",
      "宁波市",
      "宁波杭州湾新区",
      "海曙区",
      "上成区",
    ]);
    expect(rows.map((r) => r.kind)).toEqual([
      "division",
      "functional",
      "division",
      "functional",
      "division",
      "functional",
      "division",
      "functional",
      "division",
      "unknown",
    ]);
    expect(shape(rows)).toEqual([
      ["浙江省", "province", undefined],
      ["省本级", "city", "浙江省"],
      ["杭州市", "city", "浙江省"],
      ["市本级", "county", "杭州市"],
      ["上城区", "county", "杭州市"],
      ["杭州高新区", "county", "杭州市"],
      ["宁波市", "city", "浙江省"],
      ["宁波杭州湾新区", "county", "宁波市"],
      ["海曙区", "county", "宁波市"],
      ["上成区", "county", "宁波市"],
    ]);
  });

  test("a functional unit after the last city of a province table is a sibling of the cities", () => {
    const rows = resolveLevels(["浙江省", "杭州市", "宁波市", "舟山群岛新区"]);
    expect(rows[3]).toMatchObject({ kind: "functional", level: "city", parentIndex: 0 });
  });

  test("reads traditional and padded names in a table", () => {
    const rows = resolveLevels(["揚州市", "寶 應 縣", "高郵市"]);
    expect(shape(rows)).toEqual([
      ["揚州市", "city", undefined],
      ["寶 應 縣", "county", "揚州市"],
      ["高郵市", "county", "揚州市"],
    ]);
  });

  test("places province-administered cities and municipal districts under the province", () => {
    const rows = resolveLevels(["湖北省", "武汉市", "江岸区", "恩施州", "恩施市", "仙桃市", "潜江市"]);
    expect(shape(rows).slice(3)).toEqual([
      ["恩施州", "city", "湖北省"],
      ["恩施市", "county", "恩施州"],
      ["仙桃市", "county", "湖北省"],
      ["潜江市", "county", "湖北省"],
    ]);
    expect(rows.some((r) => r.misplaced)).toBe(false);
  });

  test("reads a list whose parents come after their children", () => {
    const rows = resolveLevels(["上城区", "建德市", "杭州市", "海曙区", "宁波市", "浙江省"], {
      parentsBelow: true,
    });
    expect(shape(rows)).toEqual([
      ["上城区", "county", "杭州市"],
      ["建德市", "county", "杭州市"],
      ["杭州市", "city", "浙江省"],
      ["海曙区", "county", "宁波市"],
      ["宁波市", "city", "浙江省"],
      ["浙江省", "province", undefined],
    ]);
  });

  test("places all of China's 3,200 units, listed province by province, without one error", () => {
    const names: string[] = [];
    const expected: (string | undefined)[] = [];
    const add = (name: string, parent?: string) => {
      names.push(name);
      expected.push(parent);
    };
    for (const p of PROVINCE_CODES.map((code) => divisionByCode(code)!)) {
      add(p.name);
      for (const c of childrenOf(p.code)) {
        add(c.name, p.name);
        for (const k of childrenOf(c.code)) add(k.name, c.name);
      }
    }
    const rows = resolveLevels(names);
    expect(rows).toHaveLength(names.length);
    expect(rows.filter((r) => r.kind !== "division")).toEqual([]);
    expect(rows.map((r) => (r.parentIndex === undefined ? undefined : names[r.parentIndex]))).toEqual(
      expected,
    );
  });

  test("returns an empty list for no names", () => {
    expect(resolveLevels([])).toEqual([]);
  });
});
