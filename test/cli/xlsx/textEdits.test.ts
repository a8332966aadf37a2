/**
 * applyTextEdits makes every edit in one pass (the writers' many small changes to a large sheet
 * part): the same text as making them one at a time from the end backwards, which is how the
 * writers did it before, and never anything when edits overlap.
 */
import fc from "fast-check";
import { applyTextEdits, type TextEdit } from "../../../src/cli/xlsx/xml";

/** The definition: from the end backwards, later-listed first among edits at one position. */
function oneByOne(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe("applyTextEdits", () => {
  test("insertions at one place keep their order, before a replacement starting there", () => {
    const edits: TextEdit[] = [
      { start: 2, end: 2, text: "<a>" },
      { start: 2, end: 4, text: "XY" },
      { start: 2, end: 2, text: "<b>" },
      { start: 6, end: 6, text: "!" },
    ];
    expect(applyTextEdits("0123456789", edits)).toBe("01<a><b>XY45!6789");
    expect(applyTextEdits("0123456789", edits)).toBe(oneByOne("0123456789", edits));
  });

  test("random non-overlapping edits: the same text as one at a time", () => {
    const arb = fc.string({ minLength: 0, maxLength: 40 }).chain((text) =>
      fc
        .array(fc.tuple(fc.nat(text.length), fc.nat(3), fc.string({ maxLength: 4 })), { maxLength: 12 })
        .map((raw) => {
          // Keep the edits that do not overlap one already kept (insertions may share a place).
          const kept: TextEdit[] = [];
          for (const [start, len, t] of raw) {
            const end = Math.min(text.length, start + len);
            const clash = kept.some((k) =>
              start === end || k.start === k.end
                ? (start > k.start && start < k.end) || (k.start > start && k.start < end)
                : start < k.end && k.start < end,
            );
            if (!clash) kept.push({ start, end, text: t });
          }
          return { text, edits: kept };
        }),
    );
    fc.assert(
      fc.property(arb, ({ text, edits }) => {
        expect(applyTextEdits(text, edits)).toBe(oneByOne(text, edits));
      }),
      { numRuns: 1000 },
    );
  });

  test("overlapping edits are a bug in the caller and are thrown, not guessed at", () => {
    expect(() =>
      applyTextEdits("0123456789", [
        { start: 1, end: 5, text: "a" },
        { start: 3, end: 6, text: "b" },
      ]),
    ).toThrow(/overlapping edits/);
  });
});
