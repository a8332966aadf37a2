/**
 * Fuzzing the .xlsx door on the real sample workbook (issue 8): its bytes damaged at random (flips,
 * cuts, repeated or dropped runs), and its XML parts damaged inside a valid zip (tags cut, doubled,
 * renamed, entities and attributes injected). readXlsx answers with a workbook or a problem and
 * never throws; what it reads goes through the checks; an annotated copy of it is written or
 * refused without an exception and reads back, and removeAnnotations answers on it without one.
 * (test/cli/xlsx/badInput.test.ts does byte damage on a small hand-made workbook.)
 */
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import * as fs from "fs";
import { checkWorkbook } from "../../src/core/check";
import { planFlags } from "../../src/core/flagPlan";
import { annotateXlsx, removeAnnotations } from "../../src/cli/xlsx/annotate";
import { readXlsx } from "../../src/cli/xlsx/read";
import { SAMPLE } from "../helpers/cli";

const GOOD = new Uint8Array(fs.readFileSync(SAMPLE));
const PARTS = unzipSync(GOOD);
const XML_PARTS = Object.keys(PARTS).filter((n) => /\.(xml|rels)$/.test(n));

const CODES = new Set([
  "NOT_XLSX",
  "LEGACY_XLS",
  "WPS_ET",
  "ENCRYPTED",
  "TRUNCATED",
  "TOO_LARGE",
  "TOO_MANY_CELLS",
  "CORRUPT",
  "NO_SHEETS",
]);

/** Reads, checks, annotates and un-annotates; throws only if something under test threw. */
function throughTheDoor(bytes: Uint8Array): "ok" | string {
  const read = readXlsx(bytes, { fileName: "fuzz.xlsx" });
  if (!read.ok) {
    expect(CODES.has(read.problem.code) ? "known" : read.problem.code).toBe("known");
    expect(typeof read.problem.detail).toBe("string");
    return read.problem.code;
  }
  const result = checkWorkbook(read.workbook);
  const annotated = annotateXlsx(bytes, planFlags(read.workbook, result.findings, "zh"));
  if (annotated.ok) {
    const again = readXlsx(annotated.bytes);
    expect(again.ok ? "ok" : again.problem.detail).toBe("ok");
    // Taking flags out may refuse a part it cannot edit safely (an empty sheet part, say), as a value.
    const removed = removeAnnotations(annotated.bytes);
    if (!removed.ok) expect(typeof removed.problem.detail).toBe("string");
  }
  return "ok";
}

test("the sample workbook itself goes through", () => {
  expect(throughTheDoor(GOOD)).toBe("ok");
});

test("random byte damage: flips, a cut, a run repeated or dropped", () => {
  const damage = fc.record({
    flips: fc.array(fc.tuple(fc.nat(GOOD.length - 1), fc.nat(255)), { maxLength: 8 }),
    cut: fc.option(fc.nat(GOOD.length), { nil: undefined }),
    splice: fc.option(fc.tuple(fc.nat(GOOD.length - 1), fc.nat(400), fc.boolean()), { nil: undefined }),
  });
  fc.assert(
    fc.property(damage, ({ flips, cut, splice }) => {
      let bytes = GOOD.slice();
      for (const [at, v] of flips) bytes[at] = v;
      if (splice) {
        const [at, len, repeat] = splice;
        const run = bytes.slice(at, at + len);
        bytes = repeat
          ? new Uint8Array([...bytes.subarray(0, at), ...run, ...bytes.subarray(at)])
          : new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + len)]);
      }
      if (cut !== undefined) bytes = bytes.slice(0, cut);
      throughTheDoor(bytes);
    }),
    { numRuns: 300 },
  );
});

const SNIPPETS = [
  "<",
  ">",
  "/>",
  "</",
  '"',
  "'",
  "&",
  "&amp;",
  "&lol;",
  "&#0;",
  "&#x110000;",
  "&#xD800;",
  "<!--",
  "-->",
  "<![CDATA[x]]>",
  "<?xml?>",
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  "<row>",
  "</row>",
  '<row r="0">',
  '<row r="1048577">',
  "<c>",
  "</c>",
  '<c r="A1" t="s"><v>99999</v></c>',
  '<c r="XFD1048576"><v>1</v></c>',
  '<c t="e"><v>#REF!</v></c>',
  '<c t="d"><v>x</v></c>',
  '<f t="shared" si="0"/>',
  '<f t="array" ref="A1:XFD1048576">1</f>',
  '<mergeCell ref="A1:XFD1048576"/>',
  "<v>",
  "</v>",
  "<v>1e999</v>",
  '<sheet name="" r:id="rId99"/>',
  '<Relationship Id="rId1" Target="../../x"/>',
  '<xf numFmtId="999999"/>',
  '<col min="0" max="99999999" hidden="1"/>',
  "<si><t>",
  "</t></si>",
  '<numFmt numFmtId="164" formatCode="0.0%"/>',
  "\u0000",
  "\uFFFE",
  "\uD800",
  " ",
  "\n",
  "x:",
  'xmlns:x="y"',
];

test("damaged XML inside a valid zip: cut, doubled, deleted, injected, tag names changed", () => {
  const edit = fc.record({
    part: fc.constantFrom(...XML_PARTS),
    at: fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000),
    kind: fc.constantFrom("insert", "delete", "double", "cut", "rename"),
    snippet: fc.constantFrom(...SNIPPETS),
    len: fc.integer({ min: 1, max: 200 }),
  });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      const files: Zippable = { ...PARTS };
      for (const e of edits) {
        const xml = strFromU8(files[e.part] as Uint8Array);
        const at = Math.floor(e.at * xml.length);
        let next: string;
        switch (e.kind) {
          case "insert":
            next = xml.slice(0, at) + e.snippet + xml.slice(at);
            break;
          case "delete":
            next = xml.slice(0, at) + xml.slice(at + e.len);
            break;
          case "double":
            next = xml.slice(0, at + e.len) + xml.slice(at, at + e.len) + xml.slice(at + e.len);
            break;
          case "cut":
            next = xml.slice(0, at);
            break;
          case "rename": {
            const lt = xml.indexOf("<", at);
            next = lt < 0 ? xml : xml.slice(0, lt + 1) + "z" + xml.slice(lt + 2);
            break;
          }
        }
        files[e.part] = strToU8(next);
      }
      throughTheDoor(zipSync(files));
    }),
    { numRuns: 200 },
  );
});
