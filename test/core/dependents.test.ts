/**
 * Dependent formulas after a rebalance (issue 13, item 8): which formulas read the written cells,
 * directly or through others; their new results where the engine evaluates them (SUM over ranges,
 * +, −, references), and every other dependent left to Excel, never guessed.
 */
import fc from "fast-check";
import { a1 } from "../../src/core/address";
import { Decimal } from "../../src/core/decimal";
import { dependentFormulas, type WrittenValue } from "../../src/core/dependents";
import { formulaReferences, parseFormula } from "../../src/core/formulaExpr";
import type { RawValue, SheetGrid, WorkbookGrid } from "../../src/core/grid";

/** A sheet from a map of A1 → value or "=formula" (cached result given after a "|": "=SUM(A1:A2)|3"). */
function sheet(name: string, cells: Record<string, RawValue | string>): SheetGrid {
  const values: RawValue[][] = [];
  const formulas: (string | undefined)[][] = [];
  for (const [at, v] of Object.entries(cells)) {
    const m = /^([A-Z]+)(\d+)$/.exec(at)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    col -= 1;
    const row = Number(m[2]) - 1;
    if (typeof v === "string" && v.startsWith("=")) {
      const [f, cached] = v.slice(1).split("|");
      (formulas[row] ??= [])[col] = f;
      if (cached !== undefined) (values[row] ??= [])[col] = cached === "" ? "" : Number(cached);
    } else (values[row] ??= [])[col] = v;
  }
  return { name, values, formulas };
}

const d = (s: string) => Decimal.parse(s)!;
const write = (sheetName: string, cell: string, value: string): WrittenValue => {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  return { sheet: sheetName, row: Number(m[2]) - 1, col: m[1].charCodeAt(0) - 65, value: d(value) };
};

describe("the subset the engine evaluates", () => {
  test.each([
    "SUM(E7:Q7)",
    "=SUM($E$7:$Q$7)",
    "B3+B4-B5",
    "-B3+(B4-B5)",
    "SUM(A1,B2:C3,5,-D4)",
    "分解表!D7",
    "'汇 总'!B2+分解表!J10",
    "'It''s'!A1",
    "SUM(A:A)",
    "SUM(3:3)",
    "sum(a1:a3)+1.5e2",
    "SUM()",
    " B1 + 2 ",
  ])("%s is parsed", (f) => {
    expect(parseFormula(f)).not.toBeNull();
  });

  test.each([
    ["B3*2", "×"],
    ["B3/2", "÷"],
    ["AVERAGE(A1:A3)", "another function"],
    ["SUM(A1:A3)*1", "× after SUM"],
    ["A1:A3", "a bare range"],
    ["A1:A3+1", "a range in +"],
    ["Sheet1:Sheet3!A1", "a 3-D reference"],
    ["[1]Sheet1!A1", "another workbook"],
    ["收入合计", "a defined name"],
    ["Table1[Amount]", "a structured reference"],
    ['"a"&A1', "text"],
    ["A1 B1", "an intersection"],
    ["SUM(A1:B2 B1:C3)", "an intersection in SUM"],
    ["A1%", "a percent"],
    ["TRUE+1", "a boolean"],
    ["A1>0", "a comparison"],
    ["SUM(A1", "unclosed"],
    ["ZZZZ1", "beyond the grid"],
  ])("%s is not (%s)", (f) => {
    expect(parseFormula(f)).toBeNull();
  });

  test("references of any formula are found; names and INDIRECT make them unknown", () => {
    const r = formulaReferences("IF(A1>0,VLOOKUP(\"x\",Sheet2!B:C,2,FALSE),ROUND('汇 总'!C3*2,0))");
    expect(r.unknown).toBe(false);
    expect(r.refs.map((x) => [x.sheet, a1(x.box.top, x.box.left)])).toEqual([
      [undefined, "A1"],
      ["Sheet2", "B1"],
      ["汇 总", "C3"],
    ]);
    expect(formulaReferences("收入合计*0.1").unknown).toBe(true);
    expect(formulaReferences('INDIRECT("A"&B1)').unknown).toBe(true);
    expect(formulaReferences("Table1[Amount]").unknown).toBe(true);
    expect(formulaReferences("SUM(A1:A3)+LOG10(B2)+#REF!").unknown).toBe(false);
  });
});

describe("dependentFormulas", () => {
  const book = (...sheets: SheetGrid[]): WorkbookGrid => ({ name: "t.xlsx", sheets });

  test("direct, through another formula and on another sheet; unrelated formulas untouched", () => {
    const wb = book(
      sheet("分解表", {
        B2: 100,
        C2: 20,
        D2: 30,
        E2: 25,
        F2: 24,
        J10: "=SUM(C2:F2)|99",
        J11: "=SUM(A20:A30)|0",
      }),
      sheet("汇 总", {
        B1: "=分解表!B2-SUM(分解表!C2:F2)|1",
        B2: "=分解表!C2*2|40",
        B3: "=B1+1|2",
        B5: "='汇 总'!B2+分解表!J10|139",
      }),
    );
    const r = dependentFormulas(wb, [write("分解表", "D2", "31")]);
    expect(r.recalculated.map((x) => [x.sheet, x.cell, x.before, x.after.toString()])).toEqual([
      ["分解表", "J10", 99, "100"],
      ["汇 总", "B1", 1, "0"],
      ["汇 总", "B3", 2, "1"],
      ["汇 总", "B5", 139, "140"],
    ]);
    expect(r.excelRecalculates).toEqual([]);
    // C2 feeds B2 (=C2*2, outside the subset): left to Excel, and so is what reads it.
    const c = dependentFormulas(wb, [write("分解表", "C2", "21")]);
    expect(c.excelRecalculates.map((x) => [x.cell, x.why])).toEqual([
      ["B2", "outside-subset"],
      ["B5", "unreadable-input"],
    ]);
    expect(c.recalculated.map((x) => x.cell)).toEqual(["J10", "B1", "B3"]);
  });

  test("cells both programs read alike are evaluated; where Excel and LibreOffice differ, or an error, it is left to Excel", () => {
    const wb = book(
      sheet("S", {
        A1: 1,
        A2: "备注",
        A3: undefined,
        A4: true,
        A5: { error: "#REF!" },
        A6: "12",
        B1: "=SUM(A1:A3)|1", // text in a SUM range is skipped by both
        B2: "=A1+A3|1", // a blank is 0
        B3: "=A1+A2|0", // text in +: #VALUE! in one, maybe 0 in the other
        B4: "=SUM(A1:A4)|2", // TRUE in SUM: Excel skips it, LibreOffice counts it
        B5: "=A1+A5|0",
        B6: "=A1+A6|13", // "12": Excel converts it, LibreOffice's default does not
      }),
    );
    const r = dependentFormulas(wb, [{ sheet: "S", row: 0, col: 0, value: d("5") }]);
    expect(r.recalculated.map((x) => [x.cell, x.after.toString()])).toEqual([
      ["B1", "5"],
      ["B2", "5"],
    ]);
    expect(r.excelRecalculates.map((x) => [x.cell, x.why])).toEqual([
      ["B3", "unreadable-input"],
      ["B4", "unreadable-input"],
      ["B5", "unreadable-input"],
      ["B6", "unreadable-input"],
    ]);
  });

  test("circular formulas and names are left to Excel; a written formula cell is a value now; exact decimals", () => {
    const wb = book(
      sheet("S", {
        A1: 0.1,
        A2: 0.2,
        B1: "=SUM(A1:B2)|0.3", // reads itself
        B2: "=收入*2|0", // a name: may read anything
        C1: "=A1+A2|0.30000000000000004",
        A3: "=5|5",
        C3: "=A3+1|6",
      }),
    );
    const r = dependentFormulas(wb, [
      { sheet: "S", row: 1, col: 0, value: d("0.7") },
      { sheet: "S", row: 2, col: 0, value: d("7") },
    ]);
    expect(r.recalculated.map((x) => [x.cell, x.after.toString()])).toEqual([
      ["C1", "0.8"],
      ["C3", "8"],
    ]);
    expect(r.excelRecalculates.map((x) => [x.cell, x.why])).toEqual([
      ["B1", "circular"],
      ["B2", "outside-subset"],
    ]);
  });

  test("whole columns and rows, and a written cell beyond the sheet's cells", () => {
    const wb = book(sheet("S", { A1: 1, A2: 2, C1: "=SUM(A:A)|3", C2: "=SUM(5:5)|0" }));
    const r = dependentFormulas(wb, [
      { sheet: "S", row: 9, col: 0, value: d("10") },
      { sheet: "S", row: 4, col: 7, value: d("4") },
    ]);
    expect(r.recalculated.map((x) => [x.cell, x.after.toString()])).toEqual([
      ["C1", "13"],
      ["C2", "4"],
    ]);
  });

  test("property: chains of generated SUM/+/− formulas get exactly the result of evaluating them by hand", () => {
    const value = fc.integer({ min: -10_000, max: 10_000 }).map((n) => n / 100);
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 4, maxLength: 12 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom("sum", "plus", "minus", "chain"),
            a: fc.nat(),
            b: fc.nat(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.nat(),
        value,
        (data, specs, pick, newValue) => {
          // Row 1 holds the data; row 2, formula k in column k (each may read the one before it).
          const cells: Record<string, RawValue | string> = {};
          data.forEach((v, i) => (cells[a1(0, i)] = v));
          const n = data.length;
          const written = pick % n;
          const now = data.map((v, i) => (i === written ? newValue : v));
          const hundredths = (x: number) => Math.round(x * 100);
          const sum = (values: number[], lo: number, hi: number) =>
            values.slice(lo, hi + 1).reduce((t, v) => t + hundredths(v), 0);
          /** Each formula's result in hundredths, over the given row of data (old: the cached results). */
          const evaluateAll = (row: number[]): number[] => {
            const out: number[] = [];
            specs.forEach((s, k) => {
              const i = s.a % n;
              const j = s.b % n;
              const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
              if (s.kind === "sum") out.push(sum(row, lo, hi));
              else if (s.kind === "plus") out.push(hundredths(row[i]) + hundredths(row[j]));
              else if (s.kind === "minus") out.push(-hundredths(row[i]) - (hundredths(row[j]) - 100));
              else out.push(k === 0 ? hundredths(row[i]) : out[k - 1] + sum(row, lo, hi));
            });
            return out;
          };
          const cached = evaluateAll(data);
          const results = evaluateAll(now);
          specs.forEach((s, k) => {
            const i = s.a % n;
            const j = s.b % n;
            const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
            const text =
              s.kind === "sum"
                ? `SUM(${a1(0, lo)}:${a1(0, hi)})`
                : s.kind === "plus"
                  ? `${a1(0, i)}+${a1(0, j)}`
                  : s.kind === "minus"
                    ? `-${a1(0, i)}-(${a1(0, j)}-1)`
                    : k === 0
                      ? `${a1(0, i)}`
                      : `${a1(1, k - 1)}+SUM(${a1(0, lo)}:${a1(0, hi)})`;
            cells[a1(1, k)] = `=${text}|${cached[k] / 100}`;
          });
          const wb = book(sheet("S", cells));
          const r = dependentFormulas(wb, [
            { sheet: "S", row: 0, col: written, value: Decimal.fromNumber(newValue) },
          ]);
          expect(r.excelRecalculates).toEqual([]);
          for (const f of r.recalculated) {
            const k = f.cell.charCodeAt(0) - 65; // formula k sits in column k of row 2
            expect([f.cell, f.after.eq(Decimal.of(BigInt(results[k]), 2))]).toEqual([f.cell, true]);
          }
          // Exactly the formulas that read the written cell (directly or through the chain) were recalculated.
          const reads = (k: number): boolean => {
            const s = specs[k];
            const i = s.a % n;
            const j = s.b % n;
            const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
            if (s.kind === "sum") return lo <= written && written <= hi;
            if (s.kind === "plus" || s.kind === "minus") return i === written || j === written;
            if (k === 0) return i === written;
            return reads(k - 1) || (lo <= written && written <= hi);
          };
          const expected = specs
            .map((_, k) => k)
            .filter(reads)
            .map((k) => a1(1, k));
          expect(r.recalculated.map((f) => f.cell)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
