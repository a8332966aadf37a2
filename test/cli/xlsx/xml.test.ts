import fc from "fast-check";
import { decodeEntities, decodeText, escapeXml, findTags, rootPrefix } from "../../../src/cli/xlsx/xml";
import { compileFormula, shiftFormula } from "../../../src/cli/xlsx/sharedFormula";

describe("xml text", () => {
  test("escapeXml then decodeText gives back any text, control characters and _xHHHH_ look-alikes included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => decodeText(escapeXml(s)) === s),
      { numRuns: 500 },
    );
    expect(decodeText(escapeXml("_x000D_ a\u0001"))).toBe("_x000D_ a\u0001");
  });
  test("numeric character references, decimal and hex, and the five named entities", () => {
    expect(decodeEntities("&#x4E0A;&#22478;&amp;&lt;&gt;&quot;&apos;&unknown;")).toBe("上城&<>\"'&unknown;");
  });
  test("tags are found by local name whatever their prefix, and not inside longer names", () => {
    const xml = `<?xml version="1.0"?><x:styleSheet xmlns:x="m"><x:dxfs count="1"><x:dxf/></x:dxfs><dxfsExtra/></x:styleSheet>`;
    expect(rootPrefix(xml)).toBe("x:");
    expect(findTags(xml, "dxfs").map((t) => t.attrs.get("count"))).toEqual(["1"]);
    expect(findTags(xml, "dxf")).toHaveLength(1);
  });
});

describe("shared formula shifting", () => {
  test("a formula with only absolute references is shared as is", () => {
    const t = compileFormula("SUM($A$1:$B$2)*2");
    expect(t.fixed).toBe(true);
    expect(shiftFormula(t, 5, 5)).toBe("SUM($A$1:$B$2)*2");
  });
  test("references shifted off the sheet become #REF!, as Excel shows them", () => {
    expect(shiftFormula(compileFormula("A2+B1"), -1, 0)).toBe("A1+#REF!");
  });
  test("numbers with exponents, names, errors and external-book indices are not references", () => {
    expect(
      shiftFormula(compileFormula("1E5+RATE2020+税率2+#N/A+[1]Sheet1!A1+_xlfn.STDEV.S(A1:A3)"), 1, 1),
    ).toBe("1E5+RATE2020+税率2+#N/A+[1]Sheet1!B2+_xlfn.STDEV.S(B2:B4)");
  });
});
