import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { commonShare, decodeTableText, plausibility } from "../../../src/core/csv";
import { PACKED_PROVINCES } from "../../../src/core/divisions/data";
import { encodable, encodeLegacy, encodeUtf16, encodeUtf8 } from "../../helpers/legacyEncoders";
import { toTraditional } from "../../helpers/traditional";

const DATA = path.join(__dirname, "..", "..", "..", "examples", "data");
const SAMPLE_TABLES = fs
  .readdirSync(DATA)
  .filter((n) => n.endsWith(".csv"))
  .map((n) => fs.readFileSync(path.join(DATA, n), "utf8"));

/** Every county-level and higher division of China: the rarest hanzi a table is likely to hold. */
const DIVISION_NAMES = [...new Set(String(PACKED_PROVINCES).match(/[\u4e00-\u9fff]+/g) ?? [])];

describe("decodeTableText: the encodings of a table's text", () => {
  test.each(SAMPLE_TABLES.map((t, i) => [i, t]))(
    "sample table %i: the same text back from UTF-8 with and without BOM, UTF-16 LE/BE, GB18030, Big5 (traditional)",
    (_i, text) => {
      const traditional = toTraditional(text);
      const cases: [Uint8Array, string, string, boolean][] = [
        [encodeUtf8(text, false), text, "utf-8", false],
        [encodeUtf8(text, true), text, "utf-8", true],
        [encodeUtf16(text, "le"), text, "utf-16le", true],
        [encodeUtf16(text, "be"), text, "utf-16be", true],
        [encodeLegacy(text, "gb18030"), text, "gb18030", false],
        [encodeLegacy(traditional, "big5"), traditional, "big5", false],
      ];
      for (const [bytes, expected, encoding, bom] of cases)
        expect(decodeTableText(bytes)).toEqual({ ok: true, text: expected, encoding, bom });
    },
  );

  test("every division name of China, as GB18030, is read as GB18030 (rare place-name hanzi included)", () => {
    const text = ["单位,目标", ...DIVISION_NAMES.map((n, i) => `${n},${i}`)].join("\r\n");
    const bytes = encodeLegacy(text, "gb18030");
    const decoded = decodeTableText(bytes);
    expect(decoded).toMatchObject({ ok: true, encoding: "gb18030" });
    expect(decoded.ok && decoded.text).toBe(text);
    expect(plausibility(text, bytes, "gb18030").common).toBeGreaterThan(0.95);
  });

  test("division names written in Big5 (those it can hold) are read as Big5, not as GB18030", () => {
    const names = DIVISION_NAMES.map(toTraditional).filter((n) => encodable(n, "big5"));
    expect(names.length).toBeGreaterThan(200);
    const text = names.join(",");
    const decoded = decodeTableText(encodeLegacy(text, "big5"));
    expect(decoded).toMatchObject({ ok: true, encoding: "big5", text });
  });

  test("generated tables of division names and numbers, in each legacy encoding, decode to their text", () => {
    const gbNames = DIVISION_NAMES;
    const big5Names = DIVISION_NAMES.map(toTraditional).filter((n) => encodable(n, "big5"));
    const table = (names: string[]) =>
      fc
        .array(
          fc.tuple(
            fc.constantFrom(...names),
            fc.integer({ min: 0, max: 99999 }),
            fc.constantFrom("", "-", "超500", "1.7万", "快于面上投资增速"),
          ),
          { minLength: 3, maxLength: 40 },
        )
        .map((rows) => ["单位,目标,备注", ...rows.map((r) => r.join(","))].join("\n"));
    fc.assert(
      fc.property(table(gbNames), (text) => {
        const d = decodeTableText(encodeLegacy(text, "gb18030"));
        return d.ok && d.encoding === "gb18030" && d.text === text;
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(table(big5Names).map(toTraditional), (text) => {
        const d = decodeTableText(encodeLegacy(text, "big5"));
        return d.ok && d.encoding === "big5" && d.text === text;
      }),
      { numRuns: 150 },
    );
  });

  test("random bytes (64 or more) are refused, never read as GB18030 or Big5; the encodings tried are named", () => {
    const anyBytes = fc.uint8Array({ minLength: 64, maxLength: 4096 });
    const highBytes = anyBytes.map((b) => b.map((x) => x | 0x80));
    // Bytes in GB2312's own range (A1–FE) are the hardest: every pair is a valid GB18030 code.
    const gbRange = fc
      .array(fc.integer({ min: 0xa1, max: 0xfe }), { minLength: 64, maxLength: 4096 })
      .map((a) => Uint8Array.from(a));
    const mixed = fc
      .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x81, max: 0xfe })), {
        minLength: 64,
        maxLength: 4096,
      })
      .map((a) => Uint8Array.from(a));
    // A byte-order mark is a declaration, taken at its word (below, what follows one must still be text).
    const bom = (b: Uint8Array) =>
      (b[0] === 0xff && b[1] === 0xfe) ||
      (b[0] === 0xfe && b[1] === 0xff) ||
      (b[0] === 0xef && b[1] === 0xbb);
    for (const bytes of [anyBytes, highBytes, gbRange, mixed])
      fc.assert(
        fc.property(bytes, (b) => {
          fc.pre(!bom(b));
          const d = decodeTableText(b);
          // Only bytes that happen to be valid UTF-8 may pass, and then as UTF-8.
          return d.ok
            ? d.encoding === "utf-8"
            : d.tried.join() === "utf-8,gb18030,big5" || d.code === "BINARY";
        }),
        { numRuns: 300 },
      );
  });

  test("random bytes after a UTF-16 byte-order mark are refused (private-use, unassigned, lone surrogates)", () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16;
    for (let k = 0; k < 50; k++) {
      const bytes = Uint8Array.from({ length: 4096 }, next);
      bytes[0] = k % 2 ? 0xff : 0xfe;
      bytes[1] = k % 2 ? 0xfe : 0xff;
      expect(decodeTableText(bytes).ok).toBe(false);
    }
  });

  test("a refusal names what was tried: UTF-8, GB18030, Big5", () => {
    const bytes = Uint8Array.from({ length: 600 }, (_, i) => 0xa1 + ((i * 37) % 94));
    expect(decodeTableText(bytes)).toEqual({
      ok: false,
      code: "UNKNOWN_ENCODING",
      tried: ["utf-8", "gb18030", "big5"],
    });
  });

  test("control bytes (a binary file, a zip) are refused as not text, in any encoding", () => {
    const zipLike = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0x22]);
    expect(decodeTableText(zipLike)).toMatchObject({ ok: false, code: "BINARY" });
    expect(decodeTableText(encodeUtf16("a\u0001b", "le"))).toMatchObject({ ok: false, code: "BINARY" });
    expect(decodeTableText(encodeUtf8("单位\u0000,1", true))).toMatchObject({ ok: false, code: "BINARY" });
    // A DOS end-of-file mark at the very end is part of old exports, not binary.
    expect(decodeTableText(encodeUtf8("a,b\r\n\u001a", false))).toMatchObject({ ok: true });
  });

  test("UTF-8 is tried first and strictly: a truncated sequence falls through to the legacy encodings", () => {
    expect(decodeTableText(encodeUtf8("合计,100", false))).toMatchObject({ ok: true, encoding: "utf-8" });
    // "合计" in UTF-8 cut after its first byte: not UTF-8, and not plausible Chinese either.
    const cut = Uint8Array.from([...encodeUtf8("合", false).subarray(0, 2), 0x2c, 0x31]);
    expect(decodeTableText(cut).ok).toBe(false);
    // A UTF-8 BOM with invalid UTF-8 after it is refused, not re-read as something else.
    expect(decodeTableText(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc4, 0xe3]))).toMatchObject({
      ok: false,
      tried: ["utf-8"],
    });
  });

  test("commonShare: GB2312 level-1 hanzi and symbols are common, level 2 and GBK extensions rare", () => {
    expect(commonShare(encodeLegacy("合计", "gb18030"), "gb18030")).toEqual({ share: 1, count: 2, known: 1 });
    // 鄞 (level 2) and 堃 (a GBK extension) are rare; level 2 counts half where the second tier is weighed.
    const rare = commonShare(encodeLegacy("鄞州堃", "gb18030"), "gb18030");
    expect(rare.share).toBeCloseTo(1 / 3);
    expect(rare.known).toBeCloseTo(1.5 / 3);
    expect(commonShare(encodeLegacy("合計", "big5"), "big5")).toEqual({ share: 1, count: 2, known: 1 });
  });

  test("a short table of rarer place names (盱眙县, 临潼区, 桦川县) is still GB18030 when laid out as a table", () => {
    const text = "单位,目标,备注\n桦川县,0,\n盱眙县,0,\n临潼区,0,";
    const bytes = encodeLegacy(text, "gb18030");
    expect(plausibility(text, bytes, "gb18030").common).toBeLessThan(0.8);
    expect(decodeTableText(bytes)).toMatchObject({ ok: true, encoding: "gb18030", text });
    // The same characters not laid out as a table are not taken on the second tier's word.
    const prose = "单位目标备注桦川县盱眙县临潼区";
    expect(decodeTableText(encodeLegacy(prose, "gb18030"))).toMatchObject({ ok: false });
  });

  test("tables of the rarest division names, in GB18030, decode to their text", () => {
    const rareNames = DIVISION_NAMES.filter(
      (n) => commonShare(encodeLegacy(n, "gb18030"), "gb18030").share < 1,
    );
    expect(rareNames.length).toBeGreaterThan(20);
    const table = fc
      .array(fc.tuple(fc.constantFrom(...rareNames), fc.integer({ min: 0, max: 99999 })), {
        minLength: 3,
        maxLength: 12,
      })
      .map((rows) => ["单位,目标", ...rows.map((r) => r.join(","))].join("\n"));
    // Never read wrongly; refused (UNKNOWN_ENCODING, with the advice to save as UTF-8) at most rarely.
    let read = 0;
    const samples = fc.sample(table, { numRuns: 300, seed: 20261206 });
    for (const text of samples) {
      const d = decodeTableText(encodeLegacy(text, "gb18030"));
      if (d.ok) expect(d).toMatchObject({ encoding: "gb18030", text });
      if (d.ok) read++;
    }
    expect(read / samples.length).toBeGreaterThan(0.97);
  });
});
