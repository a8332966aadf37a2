/**
 * normalizeText skips the work for text it would leave unchanged (printable ASCII and CJK
 * ideographs with no traditional form to map). The result must be what NFKC and the traditional →
 * simplified map give, whatever the text.
 */
import fc from "fast-check";
import { normalizeLabel, normalizeText } from "../../src/core/text";

/** The definition: NFKC, then each known traditional character to its simplified one. */
const TRADITIONAL_PAIRS: [string, string][] = [
  ["計", "计"],
  ["區", "区"],
  ["縣", "县"],
  ["鎮", "镇"],
  ["數", "数"],
];

describe("normalizeText", () => {
  test.each([
    ["合  計", "合  计"],
    ["ＧＤＰ（億元）", "GDP(亿元)"],
    ["上城区", "上城区"],
    ["單位1鎮", "单位1镇"],
    ["No. 1", "No. 1"],
    ["①", "1"],
    ["\u3000全市", " 全市"],
    ["e\u0301", "é"],
  ])("%s → %s", (text, want) => {
    expect(normalizeText(text)).toBe(want);
  });

  test("any mix of ASCII, ideographs, traditional and full-width forms gives what NFKC and the map give", () => {
    const alphabet = fc.constantFrom(
      ..."aZ09 .-(),上城区合计目标亿元".split(""),
      ...TRADITIONAL_PAIRS.map(([t]) => t),
      "（",
      "）",
      "Ａ",
      "１",
      "\u3000",
      "\u00a0",
      "\u0301",
      "\uF900",
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
        const text = chars.join("");
        let want = text.normalize("NFKC");
        for (const [t, simple] of TRADITIONAL_PAIRS) want = want.split(t).join(simple);
        expect(normalizeText(text)).toBe(want);
        expect(normalizeLabel(text)).toBe(want.replace(/[\s\u00a0\u3000\u200b]+/g, ""));
      }),
      { numRuns: 500 },
    );
  });
});
