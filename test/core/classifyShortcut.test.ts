/**
 * classify skips its matchers for a Chinese label that holds no word of the lists where a matcher
 * would look for it (labels.ts, maybeWorded): 单位1…单位50000 under a 单位 header each cost a
 * lookup, not twenty patterns. The shortcut must change no answer: every word of every vocabulary
 * list, at the start, the end, in the middle and whole, with Chinese around it, is classified the
 * same with and without it, and so are generated labels of unit names and list characters.
 */
import fc from "fast-check";
import { classifyUncached } from "../../src/core/detect/labels";
import { labelOf } from "../../src/core/vocabulary/words";
import * as headers from "../../src/core/vocabulary/headers";
import * as indicators from "../../src/core/vocabulary/indicators";
import * as lines from "../../src/core/vocabulary/lines";
import * as measures from "../../src/core/vocabulary/measures";
import * as notes from "../../src/core/vocabulary/notes";
import * as periods from "../../src/core/vocabulary/periods";

/** Every word of every exported list of the vocabulary. */
const WORDS: string[] = (() => {
  const all = new Set<string>();
  for (const mod of [headers, indicators, lines, measures, notes, periods])
    for (const value of Object.values(mod))
      if (Array.isArray(value)) for (const w of value) if (typeof w === "string" && w) all.add(w);
  return [...all];
})();

const FILLERS = ["甲", "单位", "城关", "12", "（万元）", "东"];

function same(text: string): void {
  const label = labelOf(text);
  expect({ text, role: classifyUncached(label) }).toEqual({ text, role: classifyUncached(label, false) });
}

describe("classify's shortcut for labels with no list word", () => {
  test("the vocabulary has words to try", () => {
    expect(WORDS.length).toBeGreaterThan(200);
  });

  test("every list word, whole and with Chinese before, after and around it", () => {
    for (const w of WORDS) {
      same(w);
      for (const f of FILLERS) {
        same(f + w);
        same(w + f);
        same(f + w + f);
      }
    }
  });

  test("generated labels of unit names, list characters and digits", () => {
    const chars = [...new Set([...WORDS.join(""), ..."单位甲乙丙区县镇街道市省123４５６:：()（）"])].filter(
      (c) => !/[a-z]/i.test(c),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 8 }), (cs) => {
        same(cs.join(""));
      }),
      { numRuns: 5000 },
    );
  });

  test("labels opening with a period's or a numbering's first character are classified as without it", () => {
    const labels = ["2024年", "2023", "2025年目标", "十四五", "“十四五”期间", "第一季度", "一季度", "二季度"];
    labels.push("三季度", "四季度", "上半年", "下半年", "1季度", "12月", "十月");
    for (const text of labels) same(text);
    // Their periods are found: the shortcut, which knows no such word, must not hide them.
    expect(labels.filter((t) => classifyUncached(labelOf(t)).role === "period").length).toBeGreaterThan(8);
  });
});
