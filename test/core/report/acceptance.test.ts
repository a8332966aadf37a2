import { checkWorkbook } from "../../../src/core/check";
import { contractDocument } from "../../../src/core/contract";
import type { Finding } from "../../../src/core/finding";
import type { RawValue, WorkbookGrid } from "../../../src/core/grid";
import {
  acceptanceKey,
  acceptanceKeyText,
  applyAcceptances,
  createAcceptance,
  encodeAcceptances,
  readAcceptances,
  withAcceptance,
  withoutAcceptance,
  type Acceptance,
} from "../../../src/core/report/acceptance";
import { seedWorkbook, sheet } from "../../helpers/grid";

const AT = "2024-05-06T09:30:00.000Z";

function sumFinding(wb: WorkbookGrid): Finding {
  const f = checkWorkbook(wb).findings.find((x) => x.rule === "sum-mismatch" && x.cell === "D7");
  if (!f) throw new Error("no sum-mismatch on D7");
  return f;
}

/** A copy of the workbook with one cell changed (value and/or number format). */
function edited(
  wb: WorkbookGrid,
  sheetName: string,
  row: number,
  col: number,
  value?: RawValue,
  format?: string,
): WorkbookGrid {
  return {
    ...wb,
    sheets: wb.sheets.map((s) => {
      if (s.name !== sheetName) return s;
      const values = s.values.map((r) => (r ? [...r] : r));
      if (value !== undefined) values[row][col] = value;
      const numberFormats = (s.numberFormats ?? []).map((r) => (r ? [...r] : r));
      if (format !== undefined) {
        while (numberFormats.length <= row) numberFormats.push([]);
        numberFormats[row] = numberFormats[row] ?? [];
        numberFormats[row][col] = format;
      }
      return { ...s, values, numberFormats };
    }),
  };
}

/** The workbook with a `_tdcheck` sheet holding these acceptances in column C. */
function withStored(wb: WorkbookGrid, list: Acceptance[]): WorkbookGrid {
  const column = encodeAcceptances(list);
  return {
    ...wb,
    sheets: [
      ...wb.sheets,
      sheet(
        "_tdcheck",
        column.map((v) => [null, null, v]),
        { visibility: "veryHidden" },
      ),
    ],
  };
}

async function accepted(wb: WorkbookGrid): Promise<Acceptance> {
  return createAcceptance(sumFinding(wb), wb, {
    reason: "省里已同意按 2000 家下达，区县数据待调整",
    by: "张三",
    at: AT,
  });
}

describe("acceptances: accepted with a reason, lapsing when a covered cell changes", () => {
  test("an accepted finding stays in the list, marked, and no longer counts as an error", async () => {
    const wb = seedWorkbook();
    const result = checkWorkbook(wb);
    expect(result.summary.errors).toBe(1);
    const a = await accepted(wb);
    const out = await applyAcceptances(result, [a], wb);
    const f = out.findings.find((x) => x.cell === "D7" && x.rule === "sum-mismatch")!;
    expect(f.severity).toBe("error");
    expect(f.accepted).toEqual({ reason: "省里已同意按 2000 家下达，区县数据待调整", by: "张三", at: AT });
    expect(out.findings).toHaveLength(result.findings.length);
    expect(out.summary).toMatchObject({
      errors: 0,
      warnings: result.summary.warnings,
      infos: result.summary.infos,
      accepted: 1,
      lapsed: 0,
    });
    expect(out.lapsed).toEqual([]);
    // The JSON contract gains fields and loses none.
    const doc = contractDocument("plan.xlsx", out, "zh");
    expect(doc.findings.find((x) => x.cell === "D7")!.accepted?.reason).toContain("2000");
    expect(doc.summary).toMatchObject({ errors: 0, accepted: 1 });
    expect(doc.lapsed).toEqual([]);
  });

  test("the acceptance lapses when a child the sum covers is edited (the finding still there: changed)", async () => {
    const wb = seedWorkbook();
    const a = await accepted(wb);
    const e7 = wb.sheets[0].values[6][4] as number;
    const after = edited(wb, "分解表", 6, 4, e7 + 2); // 2001 ≠ 2000: still an error, other evidence
    const out = await applyAcceptances(checkWorkbook(after), [a], after);
    expect(out.summary.errors).toBe(1);
    expect(out.summary.accepted).toBe(0);
    expect(out.lapsed).toEqual([{ acceptance: a, why: "changed" }]);
    expect(out.findings.some((f) => f.accepted)).toBe(false);
  });

  test("the acceptance lapses when the parent cell itself is edited", async () => {
    const wb = seedWorkbook();
    const a = await accepted(wb);
    const after = edited(wb, "分解表", 6, 3, 2002);
    const out = await applyAcceptances(checkWorkbook(after), [a], after);
    expect(out.lapsed.map((l) => l.why)).toEqual(["changed"]);
  });

  test("a covered cell's number format counts as a change too", async () => {
    const wb = seedWorkbook();
    const a = await accepted(wb);
    const after = edited(wb, "分解表", 6, 8, undefined, "0.0");
    expect(await acceptanceKey(sumFinding(after), after)).not.toBe(a.key);
    const out = await applyAcceptances(checkWorkbook(after), [a], after);
    expect(out.lapsed).toHaveLength(1);
  });

  test("when the edit fixes the sum the finding is gone and the acceptance lapses as gone", async () => {
    const wb = seedWorkbook();
    const a = await accepted(wb);
    const e7 = wb.sheets[0].values[6][4] as number;
    const after = edited(wb, "分解表", 6, 4, e7 + 1);
    const out = await applyAcceptances(checkWorkbook(after), [a], after);
    expect(out.summary.errors).toBe(0);
    expect(out.lapsed).toEqual([{ acceptance: a, why: "gone" }]);
  });

  test("editing a cell the finding does not cover keeps the acceptance", async () => {
    const wb = seedWorkbook();
    const a = await accepted(wb);
    const after = edited(wb, "分解表", 7, 5, "—"); // another indicator's row
    const out = await applyAcceptances(checkWorkbook(after), [a], after);
    expect(out.summary.accepted).toBe(1);
    expect(out.lapsed).toEqual([]);
  });

  test("the key hashes the identity and the covered cells' lines", async () => {
    const wb = seedWorkbook();
    const text = acceptanceKeyText(sumFinding(wb), wb);
    const lines = text.split("\n");
    expect(lines[0]).toBe("tdcheck-acceptance/1");
    expect(lines[1]).toBe("sum-mismatch\t分解表\tD7");
    expect(lines[2]).toBe("分解表!D7\t2000\tGeneral");
    expect(lines.filter((l) => l.startsWith("分解表!"))).toHaveLength(14); // D7 and E7:Q7
  });

  test("accepting again replaces the earlier acceptance; withdrawing removes it", async () => {
    const wb = seedWorkbook();
    const a = await accepted(wb);
    const b = { ...a, reason: "改为另一说明" };
    expect(withAcceptance([a], b)).toEqual([b]);
    expect(withoutAcceptance([a, b], sumFinding(wb))).toEqual([]);
  });

  test("stored in the _tdcheck sheet's column C and read back", async () => {
    const wb = seedWorkbook();
    const a = await accepted(wb);
    const stored = withStored(wb, [a]);
    expect(stored.sheets[2].values[0][2]).toBe("acceptances");
    expect(stored.sheets[2].values[1][2]).toBe(1);
    expect(String(stored.sheets[2].values[2][2]).startsWith("~")).toBe(true);
    expect(readAcceptances(stored)).toEqual({ items: [a] });
    // The hidden sheet is never a table: the result is the same with it.
    const out = await applyAcceptances(checkWorkbook(stored), readAcceptances(stored).items, stored);
    expect(out.summary).toMatchObject({ errors: 0, accepted: 1 });
  });

  test("no _tdcheck sheet: no acceptances and no problem; a damaged section: a problem, not an exception", () => {
    const wb = seedWorkbook();
    expect(readAcceptances(wb)).toEqual({ items: [] });
    const damaged = {
      ...wb,
      sheets: [
        ...wb.sheets,
        sheet("_tdcheck", [
          [null, null, "acceptances"],
          [null, null, 1],
          [null, null, "{not json"],
        ]),
      ],
    };
    expect(readAcceptances(damaged).problem?.code).toBe("BAD_CHUNK");
    const badJson = {
      ...wb,
      sheets: [
        ...wb.sheets,
        sheet("_tdcheck", [
          [null, null, "acceptances"],
          [null, null, 1],
          [null, null, "~{not json"],
        ]),
      ],
    };
    expect(readAcceptances(badJson).problem?.code).toBe("BAD_JSON");
    const wrongShape = {
      ...wb,
      sheets: [
        ...wb.sheets,
        sheet("_tdcheck", [
          [null, null, "acceptances"],
          [null, null, 1],
          [null, null, '~{"schema":1,"acceptances":[{"key":1}]}'],
        ]),
      ],
    };
    expect(readAcceptances(wrongShape)).toEqual({
      items: [],
      problem: { code: "BAD_SHAPE", detail: "1 entries unreadable" },
    });
  });
});
