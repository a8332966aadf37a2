/**
 * Incremental re-checking: after an edit only the checks whose cells changed run again, and the
 * result is exactly what a full check of the edited workbook gives.
 */
import fc from "fast-check";
import { checkMaps, detectWorkbook, resultOf } from "../../src/core/check";
import { Checker } from "../../src/core/checker";
import type { RawValue, WorkbookGrid } from "../../src/core/grid";
import { seedWorkbook } from "../helpers/grid";

const clone = (wb: WorkbookGrid): WorkbookGrid => ({
  name: wb.name,
  sheets: wb.sheets.map((s) => ({ ...s, values: s.values.map((r) => (r ? [...r] : r)) })),
});

const keys = (r: {
  findings: {
    rule: string;
    sheet: string;
    cell: string;
    severity: string;
    computed?: { toString(): string };
  }[];
}) => r.findings.map((f) => `${f.rule}|${f.sheet}!${f.cell}|${f.severity}|${f.computed?.toString()}`).sort();

describe("incremental re-check", () => {
  test("changing 建德市 from 30 to 31 fixes the 1999/2000 error and runs only that row's checks", () => {
    const wb = clone(seedWorkbook());
    const { maps } = detectWorkbook(wb);
    const checker = new Checker(wb, maps);
    checker.checkAll();
    expect(resultOf(checker).summary.errors).toBe(1);
    const outcome = checker.applyEditsInPlace([{ sheet: "分解表", row: 6, col: 16, value: 31 }]);
    expect(outcome).toMatchObject({ structural: false, changed: true });
    // One row of one split: the sum and the assignment checks.
    expect(outcome.checksRun).toBe(2);
    expect(resultOf(checker).summary.errors).toBe(0);
  });

  test("an edit that changes nothing visible reports no change", () => {
    const wb = clone(seedWorkbook());
    const checker = new Checker(wb, detectWorkbook(wb).maps);
    checker.checkAll();
    expect(checker.applyEditsInPlace([{ sheet: "分解表", row: 3, col: 5, value: 1.3 }]).changed).toBe(false);
  });

  test("an edit to a header is structural: detection must run again", () => {
    const wb = clone(seedWorkbook());
    const checker = new Checker(wb, detectWorkbook(wb).maps);
    checker.checkAll();
    expect(checker.applyEditsInPlace([{ sheet: "分解表", row: 2, col: 4, value: "上城" }]).structural).toBe(
      true,
    );
  });

  test("property: any sequence of edits gives exactly the findings of a full check", () => {
    const values = fc.oneof(
      fc.integer({ min: 0, max: 500 }),
      fc.constantFrom<RawValue>(
        "-",
        "",
        "超500",
        "快于面上投资增速",
        "12a3",
        { error: "#REF!" },
        3.95,
        "1.7万",
        30,
      ),
    );
    const edit = fc.record({
      row: fc.integer({ min: 3, max: 7 }),
      col: fc.integer({ min: 2, max: 16 }),
      value: values,
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const wb = clone(seedWorkbook());
        const { maps } = detectWorkbook(wb);
        const checker = new Checker(wb, maps);
        checker.checkAll();
        for (const e of edits) checker.applyEditsInPlace([{ sheet: "分解表", ...e }]);
        const full = checkMaps(clone(wb), maps);
        expect(keys(resultOf(checker))).toEqual(keys(full));
        expect(resultOf(checker).summary).toEqual(full.summary);
      }),
      { numRuns: 150 },
    );
  });
});
