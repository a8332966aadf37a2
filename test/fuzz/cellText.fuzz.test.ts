/**
 * Fuzzing the cell parser (issue 8): any raw value Excel or a file can hold, any measure and number
 * format, including hostile text (very long runs built to make a backtracking parser stall), gives a
 * well-formed CellValue quickly. parseCell catches its own exceptions, so what is checked here is
 * what that cannot hide: the shape of the answer and the time it takes.
 */
import fc from "fast-check";
import type { CellValue } from "../../src/core/cell";
import { Decimal } from "../../src/core/decimal";
import type { RawValue } from "../../src/core/grid";
import { parseCell } from "../../src/core/parse/cellText";

/** Pieces of what a planning sheet holds, to make text that is almost a number. */
const PIECES = [
  "0",
  "1",
  "5",
  "9",
  "１",
  "２",
  "０",
  ".",
  "．",
  ",",
  "，",
  "、",
  " ",
  "\u3000",
  "\u00a0",
  "-",
  "−",
  "－",
  "+",
  "%",
  "％",
  "‰",
  "万",
  "亿",
  "亿元",
  "万元",
  "家",
  "个",
  "≥",
  "≤",
  ">",
  "<",
  "不低于",
  "不超过",
  "以上",
  "以内",
  "左右",
  "约",
  "力争",
  "~",
  "～",
  "—",
  "-",
  "/",
  "(",
  ")",
  "（",
  "）",
  "e",
  "E",
  "x",
  "*",
  "#",
  "#REF!",
  "#N/A",
  "合计",
  "增长",
  "翻一番",
  "\t",
  "\n",
  "\r",
  "\u200b",
  "\ufeff",
  "\ud800",
  "🙂",
];

const rawValue: fc.Arbitrary<RawValue> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, 2 ** 53 + 1),
  },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((error) => ({ error })) },
);

const context = fc.option(
  fc.record(
    {
      measure: fc.oneof(
        fc.constantFrom("%", "亿元", "万元", "家", "‰", "个百分点", ""),
        fc.string({ maxLength: 6 }),
      ),
      numberFormat: fc.oneof(
        fc.constantFrom(
          "0",
          "0.00",
          "0.0%",
          "#,##0",
          "General",
          "@",
          "0.00_);[Red](0.00)",
          '0.0"万"',
          "yyyy-mm-dd",
        ),
        fc.string({ maxLength: 12 }),
      ),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

function wellFormed(c: CellValue): boolean {
  switch (c.kind) {
    case "number":
      return c.value instanceof Decimal && Number.isInteger(c.shownDecimals) && c.shownDecimals >= 0;
    case "dash":
    case "text":
      return typeof c.text === "string";
    case "error":
      return typeof c.code === "string";
    case "empty":
      return true;
  }
}

test("any raw value in any context: a well-formed cell value, never an exception", () => {
  fc.assert(
    fc.property(rawValue, context, (raw, ctx) => {
      const c = parseCell(raw, ctx);
      return wellFormed(c);
    }),
    { numRuns: 6000 },
  );
});

test("parsing is deterministic and does not depend on earlier calls (no state leaks between cells)", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(rawValue, context), { minLength: 2, maxLength: 20 }), (cells) => {
      const first = cells.map(([raw, ctx]) => JSON.stringify(parseCell(raw, ctx)));
      const again = [...cells].reverse().map(([raw, ctx]) => JSON.stringify(parseCell(raw, ctx)));
      return JSON.stringify(first) === JSON.stringify(again.reverse());
    }),
    { numRuns: 500 },
  );
});

test("a finite double reads back as Excel shows it: its 15 significant digits, nothing else rounded", () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      const c = parseCell(n);
      const shown = Number(n.toPrecision(15));
      const expected = Number.isFinite(shown) ? shown : n;
      return c.kind === "number" && c.value.toNumber() === (Object.is(expected, -0) ? 0 : expected);
    }),
    { numRuns: 3000 },
  );
});

test("hostile long text (100,000 characters built to stall a backtracking parser) is parsed in well under a second", () => {
  const long = fc
    .tuple(
      fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }),
      fc.constantFrom("", "x", "!", "%", "亿"),
    )
    .map(
      ([unit, tail]) =>
        unit
          .join("")
          .repeat(Math.ceil(100_000 / unit.join("").length))
          .slice(0, 100_000) + tail,
    );
  fc.assert(
    fc.property(long, context, (text, ctx) => {
      const start = Date.now();
      const c = parseCell(text, ctx);
      return wellFormed(c) && Date.now() - start < 1000;
    }),
    { numRuns: 60 },
  );
});
