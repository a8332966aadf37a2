import ExcelJS from "exceljs";
import fc from "fast-check";
import { delimitedSheet } from "../../../src/core/csv";
import { rawAt, type WorkbookGrid } from "../../../src/core/grid";
import { readXlsx } from "../../../src/cli/xlsx";
import { newWorkbookXlsx } from "../../../src/cli/xlsx/newWorkbook";

function roundTrip(workbook: WorkbookGrid): WorkbookGrid {
  const r = readXlsx(newWorkbookXlsx(workbook), { fileName: "made.xlsx" });
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.workbook;
}

function sameCells(a: WorkbookGrid, b: WorkbookGrid): void {
  expect(b.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
  a.sheets.forEach((sa, k) => {
    const sb = b.sheets[k];
    const height = Math.max(sa.values.length, sb.values.length);
    for (let r = 0; r < height; r++) {
      const width = Math.max(sa.values[r]?.length ?? 0, sb.values[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        expect([r, c, rawAt(sb, r, c)]).toEqual([r, c, rawAt(sa, r, c)]);
        expect([r, c, sb.numberFormats?.[r]?.[c] ?? undefined]).toEqual([
          r,
          c,
          sa.numberFormats?.[r]?.[c] ?? undefined,
        ]);
      }
    }
  });
}

describe("newWorkbookXlsx: a new workbook of a grid's cells", () => {
  test("readXlsx gives back the same values and number formats (text that looks like XML escapes too)", () => {
    const sheet = delimitedSheet(
      [
        ["指标", "全市", "甲区"],
        ["GDP", "3.50", "1.250"],
        ["说明", 'a<b>&"c"', "_x0041_ 两\n行 "],
        [],
        ["企业", "12", "-0.5"],
      ],
      "杭州 & 2024",
    );
    const wb = { name: "x.csv", sheets: [sheet] };
    sameCells(wb, roundTrip(wb));
  });

  test("generated sheets of numbers and text round-trip exactly", () => {
    const cell = fc.oneof(
      fc.constantFrom("", "合计", "1.7万", "超500", "-", "3.50", "0.000", "-12.5", "12345678901234"),
      // eslint-disable-next-line no-control-regex
      fc.string({ maxLength: 6 }).filter((s) => !/[\u0000-\u0008\u000b-\u001f\r]/.test(s)),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((n) => n.toFixed(3)),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { minLength: 1, maxLength: 15 }), (rows) => {
        const wb = { name: "g.csv", sheets: [delimitedSheet(rows, "g")] };
        sameCells(wb, roundTrip(wb));
      }),
      { numRuns: 150 },
    );
  });

  test("exceljs opens it: numbers are numbers under their formats, text is text", async () => {
    const sheet = delimitedSheet(
      [
        ["指标", "全市", "甲区"],
        ["GDP", "3.50", "超500"],
      ],
      "分解表",
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(newWorkbookXlsx({ name: "x", sheets: [sheet] })) as never);
    const ws = book.getWorksheet("分解表")!;
    expect(ws.getCell("B2").value).toBe(3.5);
    expect(ws.getCell("B2").numFmt).toBe("0.00");
    expect(ws.getCell("C2").value).toBe("超500");
    expect(ws.getCell("A1").value).toBe("指标");
  });
});
