/**
 * The table tests of src/core/charTests.ts stand in for patterns run once per unit name; each must
 * answer exactly as the pattern it replaced, for every UTF-16 code unit alone and for generated
 * names.
 */
import fc from "fast-check";
import {
  anyCharOf,
  containingAny,
  endingWithAny,
  JS_WHITE_SPACE,
  LATIN_LETTERS,
  startingWithAny,
} from "../../src/core/charTests";
import { NOTE_HINT, NOTE_HINT_CHARS } from "../../src/core/detect/lineRoles";
import { UNIT_SUFFIX, UNIT_SUFFIXES } from "../../src/core/detect/labels";

/** The patterns as they were written before the tables. */
const PATTERNS = {
  space: { was: /[\s\u00a0\u3000]/, now: anyCharOf(JS_WHITE_SPACE) },
  latin: { was: /[A-Za-zＡ-Ｚａ-ｚ]/, now: anyCharOf(LATIN_LETTERS) },
  note: { was: /[:：.、。；;!?*†‡§¶)\]¹²³⁴⁵⁶⁷⁸⁹]|注/, now: NOTE_HINT },
  unitSuffix: {
    was: /(省|市|区|县|旗|州|盟|镇|乡|街道|开发区|新区|园区|高新区|风景区|度假区|管委会|本级|经开区|示范区|林场|农场|片区|地区|自治县|自治州|特区|保护区)$/,
    now: UNIT_SUFFIX,
  },
  /** The shapes classify's shortcut uses (labels.ts), on words that share first and last characters. */
  opening: {
    was: /^(单位负责人|合计|合|全市|全省目标|其中)/,
    now: startingWithAny(["单位负责人", "合计", "合", "全市", "全省目标", "其中"]),
  },
  closing: {
    was: /(合计|小计|计|目标|年度目标)$/,
    now: endingWithAny(["合计", "小计", "计", "目标", "年度目标"]),
  },
  inside: { was: /(小计|下达|下|计划)/, now: containingAny(["小计", "下达", "下", "计划"]) },
};

describe("table tests answer as the patterns they replace", () => {
  test.each(Object.entries(PATTERNS))("%s: every code unit alone", (_, { was, now }) => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const s = String.fromCharCode(c);
      if (was.test(s) !== now.test(s)) differ.push(c);
    }
    expect(differ).toEqual([]);
  });

  test.each(Object.entries(PATTERNS))("%s: generated names", (_, { was, now }) => {
    const pieces = [
      ...JS_WHITE_SPACE,
      ..."Aaｚ单位甲乙县区市镇道街开发新园保护。：:1２",
      ...NOTE_HINT_CHARS,
      ...UNIT_SUFFIXES,
      ..."单位负责人合计小目标年度全市省其中下达划",
      "",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (ps) => {
        const s = ps.join("");
        expect(now.test(s)).toBe(was.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  test("an ending matches only at the end, and the empty text holds nothing", () => {
    const t = endingWithAny(["街道", "县"]);
    expect([t.test("城关街道"), t.test("街道办"), t.test("县城"), t.test("")]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(anyCharOf("注").test("")).toBe(false);
    expect([startingWithAny(["合计"]).test(""), containingAny(["合计"]).test("")]).toEqual([false, false]);
    expect([anyCharOf(")）").has(0xff09), anyCharOf(")）").has(0x41)]).toEqual([true, false]);
  });
});
