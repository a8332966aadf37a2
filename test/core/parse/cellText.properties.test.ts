import fc from "fast-check";
import type { CellValue, NumberCell } from "../../../src/core/cell";
import { Decimal } from "../../../src/core/decimal";
import type { RawValue } from "../../../src/core/grid";
import { parseCell } from "../../../src/core/parse/cellText";

const KINDS = new Set(["number", "dash", "text", "error", "empty"]);

function asNumber(c: CellValue): NumberCell {
  if (c.kind !== "number") throw new Error(`expected a number cell, got ${JSON.stringify(c)}`);
  return c;
}

/** What a NumberCell means, without the text it was read from. */
function meaning(c: CellValue) {
  const n = asNumber(c);
  return {
    value: n.value.toString(),
    shownDecimals: n.shownDecimals,
    multiplier: n.multiplier?.toString(),
    bound: n.bound,
    qualifier: n.qualifier,
    suffix: n.suffix,
  };
}

/** ASCII → full-width forms (U+FF01…U+FF5E), as a Chinese IME in full-width mode types them. */
function fullWidth(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c >= 0x21 && c <= 0x7e ? String.fromCharCode(c + 0xfee0) : ch;
  }
  return out;
}

/** Groups an integer's digits by thousands: 1234567 → 1,234,567. */
function withCommas(digits: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });

/** A stored double as Excel holds and shows it: 15 significant digits (docs/rules.md, "Tolerance"). */
const atExcelPrecision = (n: number) => Decimal.fromNumber(excelShown(n));
const excelShown = (n: number) =>
  Number.isFinite(Number(n.toPrecision(15))) ? Number(n.toPrecision(15)) : n;

/** Decimal text as a planner types it: sign, integer digits, optional decimals. */
const decimalText = fc
  .tuple(
    fc.constantFrom("", "-", "+"),
    fc.bigInt({ min: 0n, max: 10n ** 20n }),
    fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
  )
  .map(([sign, int, frac]) => ({ sign, int: int.toString(), frac }));

const NOTATION = [
  "0",
  "1",
  "2",
  "5",
  "9",
  ".",
  ",",
  "-",
  "+",
  "%",
  "万",
  "亿",
  "千",
  "十",
  "百",
  "万亿",
  "亩",
  "元",
  "项",
  "家",
  "超",
  "超过",
  "不低于",
  "累计",
  "新增",
  "以上",
  "以内",
  "控制在",
  "约",
  "左右",
  "余",
  "多",
  "e",
  "E",
  "#",
  "/",
  "—",
  "~",
  "至",
  " ",
  "\u3000",
  "\u200b",
  "\u0000",
  "１",
  "．",
  "％",
  "萬",
  "計",
  "N/A",
  "无",
  "#REF!",
  "≥",
  "<",
];
const notationText = fc.array(fc.constantFrom(...NOTATION), { maxLength: 12 }).map((a) => a.join(""));

const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  notationText,
);

const rawValue: fc.Arbitrary<RawValue> = fc.oneof(
  anyString,
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.record({ error: anyString }),
);

const ctx = fc.option(
  fc.record(
    {
      measure: fc.oneof(anyString, fc.constantFrom("万亩", "亿元", "万元", "%", "家", "千米", "万")),
      numberFormat: fc.oneof(
        anyString,
        fc.constantFrom("0.00", "0.0%", "General", "@", "#,##0,", '"x"0.0;[Red]-0'),
      ),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

describe("parseCell properties", () => {
  test("never throws and always returns a known kind, for any raw value and context", () => {
    fc.assert(
      fc.property(rawValue, ctx, (raw, c) => {
        const cell = parseCell(raw, c);
        expect(KINDS.has(cell.kind)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  test("never throws on values outside the RawValue type (objects, arrays, bigints, symbols)", () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withBoxedValues: true }),
        (v) => {
          expect(KINDS.has(parseCell(v as RawValue).kind)).toBe(true);
        },
      ),
    );
    expect(KINDS.has(parseCell(Symbol("s") as unknown as RawValue).kind)).toBe(true);
    expect(KINDS.has(parseCell(Object.create(null) as RawValue).kind)).toBe(true);
  });

  test("a stored number is read at 15 significant digits; its text, when that short, parses the same", () => {
    fc.assert(
      fc.property(finiteDouble, (n) => {
        const raw = asNumber(parseCell(n));
        expect(raw.value.eq(atExcelPrecision(n))).toBe(true);
        // Typed text is what the planner wrote: exact, however many digits.
        const text = String(excelShown(n));
        const fromText = asNumber(parseCell(text));
        expect(fromText.value.eq(raw.value)).toBe(true);
        expect(fromText.shownDecimals).toBe(raw.shownDecimals);
      }),
      { numRuns: 5000 },
    );
  });

  test("the full-width form of ASCII numeric text parses identically", () => {
    const asciiNumeric = fc.oneof(
      finiteDouble.map(String),
      decimalText.map(
        ({ sign, int, frac }) => sign + withCommas(int) + (frac === undefined ? "" : "." + frac),
      ),
      decimalText.map(({ sign, int, frac }) => sign + int + (frac === undefined ? "" : "." + frac) + "%"),
    );
    fc.assert(
      fc.property(asciiNumeric, (t) => {
        expect(meaning(parseCell(fullWidth(t)))).toEqual(meaning(parseCell(t)));
      }),
      { numRuns: 3000 },
    );
  });

  test("padding spaces anywhere in numeric text with a unit do not change what it means", () => {
    const spaces = fc.constantFrom(" ", "  ", "\u3000", "\u00a0", "\t");
    const unit = fc.constantFrom("项", "户", "家", "%", "万亩", "亿元", "万", "公里", "个", "km");
    const measure = fc.constantFrom(undefined, "万亩", "亿元", "家");
    fc.assert(
      fc.property(
        decimalText,
        unit,
        measure,
        fc.array(fc.tuple(fc.nat(), spaces), { maxLength: 6 }),
        (d, u, m, pads) => {
          const plain = d.sign + d.int + (d.frac === undefined ? "" : "." + d.frac) + u;
          let padded = plain;
          for (const [at, sp] of pads) {
            const i = at % (padded.length + 1);
            padded = padded.slice(0, i) + sp + padded.slice(i);
          }
          const c = m === undefined ? undefined : { measure: m };
          expect(meaning(parseCell(padded, c))).toEqual(meaning(parseCell(plain, c)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("thousands-separated numbers (1,234,567.89) parse exactly to the digits they group", () => {
    fc.assert(
      fc.property(decimalText, ({ sign, int, frac }) => {
        const plain = sign + int + (frac === undefined ? "" : "." + frac);
        const grouped = sign + withCommas(int) + (frac === undefined ? "" : "." + frac);
        const c = asNumber(parseCell(grouped));
        expect(c.value.eq(Decimal.parse(plain)!)).toBe(true);
        expect(c.shownDecimals).toBe(frac === undefined ? 0 : frac.length);
      }),
      { numRuns: 3000 },
    );
  });

  test("a multiplier scales exactly and keeps the written digits' decimals (x万 = x·10^4)", () => {
    const mults: [string, number][] = [
      ["千", 3],
      ["万", 4],
      ["亿", 8],
      ["万亿", 12],
    ];
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...mults), ({ sign, int, frac }, [word, exp]) => {
        const plain = sign + int + (frac === undefined ? "" : "." + frac);
        const c = asNumber(parseCell(plain + word));
        expect(c.value.eq(Decimal.parse(plain)!.shift(exp))).toBe(true);
        expect(c.shownDecimals).toBe(frac === undefined ? 0 : frac.length);
        expect(c.multiplier?.eq(Decimal.ONE.shift(exp))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test("a bound or qualifier word changes the bound or qualifier, never the value", () => {
    const words: [string, string | undefined, string | undefined][] = [
      ["超", "gt", undefined],
      ["不低于", "ge", undefined],
      ["不超过", "le", undefined],
      ["低于", "lt", undefined],
      ["累计", undefined, "cumulative"],
      ["新增", undefined, "new"],
      ["约", undefined, undefined],
    ];
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...words), ({ sign, int, frac }, [word, bound, qualifier]) => {
        const plain = sign + int + (frac === undefined ? "" : "." + frac);
        const base = asNumber(parseCell(plain));
        const c = asNumber(parseCell(word + plain));
        expect(c.value.eq(base.value)).toBe(true);
        expect(c.shownDecimals).toBe(base.shownDecimals);
        expect(c.bound).toBe(bound);
        expect(c.qualifier).toBe(qualifier);
      }),
      { numRuns: 2000 },
    );
  });

  test("a percent format shows exactly 100 times the stored value", () => {
    fc.assert(
      fc.property(
        finiteDouble,
        fc.constantFrom<[string, number]>(["0%", 0], ["0.0%", 1], ["0.00%", 2]),
        (n, [f, d]) => {
          const c = asNumber(parseCell(n, { numberFormat: f }));
          expect(c.value.eq(atExcelPrecision(n).shift(2))).toBe(true);
          expect(c.percentFormat).toBe(true);
          expect(c.shownDecimals).toBe(d);
        },
      ),
    );
  });
});
