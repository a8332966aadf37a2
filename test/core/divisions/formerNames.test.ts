import { divisionByCode, findDivisions, parentOf } from "../../../src/core/divisions";
import { dictionary } from "../../../src/core/divisions/dictionary";
import { FORMER_UNITS } from "../../../src/core/divisions/formerNames";
import { TRADITIONAL_PLACE_CHARACTERS } from "../../../src/core/divisions/names";
import { normalizeText } from "../../../src/core/text";

const formers = () => [...dictionary().byCode.values()].filter((d) => d.former);

describe("former units", () => {
  test("every entry became a unit of the dictionary, with all its successors resolved", () => {
    expect(formers()).toHaveLength(FORMER_UNITS.length);
    for (const [code, name, year, , replacedBy] of FORMER_UNITS) {
      const d = divisionByCode(`${code}@${year}`);
      expect(d?.name).toBe(name);
      expect(d?.former?.replacedBy).toHaveLength(replacedBy.length);
      expect(d?.former?.replacedBy.map((c) => divisionByCode(c)?.name)).toEqual(replacedBy);
    }
  });

  test("successors are current units, in the same province as the former one", () => {
    for (const d of formers()) {
      for (const code of d.former!.replacedBy) {
        const successor = divisionByCode(code)!;
        expect([d.name, successor.former]).toEqual([d.name, undefined]);
        expect([d.name, code.slice(0, 2)]).toEqual([d.name, d.code.slice(0, 2)]);
      }
    }
  });

  test("no former unit is still current under its own parent (the name really is gone there)", () => {
    for (const d of formers()) {
      const sameNameNow = findDivisions(d.name).filter((x) => !x.former && x.parent === d.parent);
      expect([d.name, sameNameNow]).toEqual([d.name, []]);
    }
  });

  test("years fall in 2009–2024 and each former unit has a parent in the dictionary", () => {
    for (const d of formers()) {
      expect(d.former!.year).toBeGreaterThanOrEqual(2009);
      expect(d.former!.year).toBeLessThanOrEqual(2024);
      expect([d.name, parentOf(d.code) !== undefined]).toEqual([d.name, true]);
    }
  });

  test("a former unit's level follows its code (巢湖市 was a prefecture, 居巢区 its district)", () => {
    const chaohu = divisionByCode("341400@2011")!;
    expect(chaohu.level).toBe("city");
    expect(chaohu.former!.replacedBy.map((c) => divisionByCode(c)!.name)).toEqual([
      "合肥市",
      "芜湖市",
      "马鞍山市",
    ]);
    expect(parentOf("341402@2011")?.name).toBe("巢湖市");
    expect(divisionByCode(divisionByCode("341402@2011")!.former!.replacedBy[0])?.level).toBe("county");
  });

  test("ambiguous successor names resolve under the former unit's own city (下关区 → 南京's 鼓楼区)", () => {
    expect(divisionByCode("320107@2013")?.former?.replacedBy).toEqual(["320106"]);
    expect(divisionByCode("130103@2014")?.former?.replacedBy).toEqual(["130102", "130104"]);
  });

  test("well-known reforms are all there: 北京 2010, 上海 卢湾/闸北, 南京 2013, 苏州 2012, 莱芜 2019", () => {
    const year = (name: string) => findDivisions(name).find((d) => d.former)?.former?.year;
    expect([year("崇文区"), year("宣武区")]).toEqual([2010, 2010]);
    expect([year("卢湾区"), year("闸北区")]).toEqual([2011, 2015]);
    expect([year("白下区"), year("下关区")]).toEqual([2013, 2013]);
    expect([year("沧浪区"), year("平江区"), year("金阊区")]).toEqual([2012, 2012, 2012]);
    expect([year("莱芜市"), year("莱城区")]).toEqual([2019, 2019]);
  });
});

describe("traditional place-name characters", () => {
  test("the two strings are aligned, one character for one", () => {
    const { traditional, simplified } = TRADITIONAL_PLACE_CHARACTERS;
    expect([...traditional]).toHaveLength([...simplified].length);
    expect(new Set(traditional).size).toBe([...traditional].length);
  });

  test("none of them is a character text.ts already folds, or one a current name uses", () => {
    const names = new Set([...dictionary().byCode.values()].flatMap((d) => [...d.name]));
    for (const ch of TRADITIONAL_PLACE_CHARACTERS.traditional) {
      expect([ch, normalizeText(ch)]).toEqual([ch, ch]);
      expect([ch, names.has(ch)]).toEqual([ch, false]);
    }
  });

  test("every simplified form is used by some division's name", () => {
    const names = new Set([...dictionary().byCode.values()].flatMap((d) => [...d.name]));
    for (const ch of TRADITIONAL_PLACE_CHARACTERS.simplified) expect([ch, names.has(ch)]).toEqual([ch, true]);
  });
});
