import { createHash } from "crypto";
import * as fs from "fs";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { readXlsx } from "../../../src/cli/xlsx";
import { checkWorkbook } from "../../../src/core/check";
import type { RawValue, WorkbookGrid } from "../../../src/core/grid";
import {
  cellLine,
  cellRanges,
  checkedCells,
  orderCells,
  type CellRef,
  coveredCells,
  escapeField,
  fingerprint,
  fingerprintText,
  valueText,
} from "../../../src/core/report/fingerprint";
import { SAMPLE } from "../../helpers/cli";
import { seedWorkbook, sheet, workbook } from "../../helpers/grid";

function grid(bytes: Uint8Array): WorkbookGrid {
  const r = readXlsx(bytes);
  if (!r.ok) throw new Error(`${r.problem.code}: ${r.problem.detail}`);
  return r.workbook;
}

async function printOf(wb: WorkbookGrid): Promise<string> {
  return fingerprint(wb, checkedCells(checkWorkbook(wb).maps));
}

/** The sample rewritten by exceljs, after `edit` (so two variants differ only by the edit). */
async function sampleVia(edit: (wb: ExcelJS.Workbook) => void = () => {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  edit(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("fingerprint: the bytes", () => {
  test("one line per cell: Sheet!A1 TAB value TAB format LF, in sheet order then row then column", () => {
    const wb = workbook(
      sheet("B表", [[null, 1.5, "x\ty"]], { numberFormats: [[null, "0.0", null]] }),
      sheet("A表", [[true, { error: "#REF!" }, ""]]),
    );
    const cells = [
      { sheet: "A表", row: 0, col: 2 },
      { sheet: "B表", row: 0, col: 2 },
      { sheet: "A表", row: 0, col: 0 },
      { sheet: "B表", row: 0, col: 1 },
      { sheet: "A表", row: 0, col: 1 },
      { sheet: "B表", row: 0, col: 1 }, // duplicates count once
      { sheet: "无此表", row: 0, col: 0 }, // cells of sheets the workbook lacks are left out
    ];
    expect(fingerprintText(wb, cells)).toBe(
      "B表!B1\t1.5\t0.0\n" +
        "B表!C1\tx\\ty\tGeneral\n" +
        "A表!A1\tTRUE\tGeneral\n" +
        "A表!B1\t#REF!\tGeneral\n" +
        "A表!C1\t\tGeneral\n",
    );
  });

  test("numbers are written as ECMAScript writes them; backslash, tab, CR and LF are escaped", () => {
    expect([2000, 56.7, 0.1, -1, 1e-7, 1e21, 0.30000000000000004].map(valueText)).toEqual([
      "2000",
      "56.7",
      "0.1",
      "-1",
      "1e-7",
      "1e+21",
      "0.30000000000000004",
    ]);
    expect(escapeField("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
  });

  test("escaped fields never contain a tab or a line break, and different texts stay different", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ea = escapeField(a);
        expect(/[\t\n\r]/.test(ea)).toBe(false);
        if (a !== b) expect(ea).not.toBe(escapeField(b));
      }),
    );
  });

  test("the fingerprint is SHA-256 (lowercase hex) of the UTF-8 lines", async () => {
    const wb = seedWorkbook();
    const cells = checkedCells(checkWorkbook(wb).maps);
    const expected = createHash("sha256").update(fingerprintText(wb, cells), "utf8").digest("hex");
    expect(await fingerprint(wb, cells)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  test("the checked cells of the sample: the split's assignment, parent and children × indicators, and the progression's periods", () => {
    const wb = grid(fs.readFileSync(SAMPLE));
    const cells = checkedCells(checkWorkbook(wb).maps);
    expect(cellRanges(wb, cells)).toEqual(["分解表!C4:Q8", "进度表!C4:E13"]);
  });

  test("a finding covers its own cell and every cell of its related ranges, on other sheets too", () => {
    const cells = coveredCells({ sheet: "分解表", cell: "D7", related: ["E7:G7", "'省 表'!B2"] });
    expect(cells).toEqual([
      { sheet: "分解表", row: 6, col: 3 },
      { sheet: "分解表", row: 6, col: 4 },
      { sheet: "分解表", row: 6, col: 5 },
      { sheet: "分解表", row: 6, col: 6 },
      { sheet: "省 表", row: 1, col: 1 },
    ]);
  });
});

describe("fingerprint: what changes it", () => {
  test("fonts, fills and borders do not change it", async () => {
    const base = await printOf(grid(await sampleVia()));
    const styled = await sampleVia((wb) => {
      const ws = wb.getWorksheet("分解表")!;
      for (const ref of ["D7", "E7", "Q8", "C4"]) {
        const c = ws.getCell(ref);
        c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
        c.font = { bold: true, italic: true, color: { argb: "FFFF0000" }, name: "SimSun", size: 14 };
        c.border = {
          top: { style: "thick" },
          bottom: { style: "double" },
          left: { style: "thin" },
          right: { style: "dashed" },
        };
      }
      wb.getWorksheet("进度表")!.getCell("D6").fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: { argb: "FF00FF00" },
      };
    });
    expect(await printOf(grid(styled))).toBe(base);
  });

  test("a checked value changes it", async () => {
    const base = await printOf(grid(await sampleVia()));
    const edited = await sampleVia((wb) => {
      wb.getWorksheet("分解表")!.getCell("E7").value = 156;
    });
    expect(await printOf(grid(edited))).not.toBe(base);
  });

  test("a checked cell's number format (its shown precision) changes it", async () => {
    const base = await printOf(grid(await sampleVia()));
    const formatted = await sampleVia((wb) => {
      wb.getWorksheet("分解表")!.getCell("E8").numFmt = "0.00";
    });
    const after = grid(formatted);
    expect(after.sheets[0].numberFormats?.[7]?.[4]).toBe("0.00");
    expect(await printOf(after)).not.toBe(base);
  });

  test("a cell outside the checked tables (the title, a label) does not change it", async () => {
    const base = await printOf(grid(await sampleVia()));
    const titled = await sampleVia((wb) => {
      wb.getWorksheet("分解表")!.getCell("A1").value = "另一个标题";
      wb.getWorksheet("分解表")!.getCell("A12").value = "备注：新加的一行说明";
    });
    expect(await printOf(grid(titled))).toBe(base);
  });
});

describe("the fingerprint text at scale is the definition's", () => {
  /** The definition: order by sheet, row, column, each cell once, one cellLine each. */
  function definition(wb: WorkbookGrid, cells: CellRef[]): string {
    const order = new Map(wb.sheets.map((s, i) => [s.name, i]));
    const seen = new Set<string>();
    const kept = cells.filter((c) => {
      const key = `${c.sheet}|${c.row}|${c.col}`;
      if (!order.has(c.sheet) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    kept.sort((p, q) => order.get(p.sheet)! - order.get(q.sheet)! || p.row - q.row || p.col - q.col);
    const grids = new Map(wb.sheets.map((s) => [s.name, s]));
    return kept.map((c) => cellLine(grids.get(c.sheet)!, c.row, c.col)).join("");
  }

  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom("a\tb", "x\\y", "多\n行", "", "-", true, false, null, { error: "#REF!" }),
  );

  test("random sheets, values, formats and cells (duplicates, unknown sheets, far rows)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.array(value, { maxLength: 5 }), { maxLength: 5 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(
          fc.record({
            sheet: fc.integer({ min: 0, max: 3 }),
            row: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(1_048_575), fc.constant(2_000_000)),
            col: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(16_383), fc.constant(20_000)),
          }),
          { maxLength: 40 },
        ),
        fc.constantFrom(undefined, "0.0", "a\tb", "@"),
        (sheets, picks, format) => {
          const wb = workbook(
            ...sheets.map((values, i) =>
              sheet(`表${i}`, values as RawValue[][], {
                numberFormats: values.map((row) => row.map(() => format)),
              }),
            ),
          );
          const cells: CellRef[] = picks.map((p) => ({ sheet: `表${p.sheet}`, row: p.row, col: p.col }));
          expect(fingerprintText(wb, cells)).toBe(definition(wb, cells));
          // Asked again with the same list (as the report's header does): the same order.
          expect(orderCells(wb, cells)).toEqual(orderCells(wb, [...cells]));
        },
      ),
      { numRuns: 500 },
    );
  });
});
