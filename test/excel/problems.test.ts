/** Friendly problems as values, never exceptions: no host, an old host, protection, merged cells, a missing sheet. */
import {
  checkInExcel,
  clearFlags,
  readWorkbook,
  resetSession,
  selectCells,
  writeFlags,
} from "../../src/excel";
import { installSample } from "./helpers";
import type { FakeHost } from "../../src/fake-excel";

let host: FakeHost | undefined;
beforeEach(() => resetSession());
afterEach(() => host?.uninstall());

test("without Excel: NO_HOST", async () => {
  host = undefined;
  await expect(readWorkbook()).resolves.toEqual({ ok: false, problem: { code: "NO_HOST" } });
  await expect(checkInExcel()).resolves.toEqual({ kind: "problem", problem: { code: "NO_HOST" } });
});

test("below ExcelApi 1.14 (Excel 2019, WPS): UNSUPPORTED_HOST, nothing touched", async () => {
  host = installSample({ apiVersion: "1.12" });
  const before = host.snapshot();
  await expect(checkInExcel()).resolves.toEqual({
    kind: "problem",
    problem: { code: "UNSUPPORTED_HOST", required: "ExcelApi 1.14" },
  });
  expect(host.syncs).toBe(0);
  expect(host.snapshot()).toEqual(before);
});

test("a protected sheet: the findings still come back; the flags are refused with PROTECTED_SHEET", async () => {
  host = installSample();
  host.user.protect("分解表");
  const before = host.snapshot();
  const outcome = await checkInExcel();
  expect(outcome.kind).toBe("checked");
  if (outcome.kind !== "checked") return;
  expect(outcome.result.summary.errors).toBe(1);
  expect(outcome.flagsProblem).toEqual({ code: "PROTECTED_SHEET", sheet: "分解表" });
  expect(host.snapshot()).toEqual(before);
  const w = await writeFlags({
    rules: [{ sheet: "分解表", kind: "error", ranges: ["D7"], formula: "TRUE" }],
    notes: [],
  });
  expect(w).toEqual({ ok: false, problem: { code: "PROTECTED_SHEET", sheet: "分解表" } });
});

test("flags on a sheet protected afterwards: Clear flags says so instead of half-clearing", async () => {
  host = installSample();
  await checkInExcel();
  host.user.protect("分解表");
  const r = await clearFlags();
  expect(r).toEqual({ ok: false, problem: { code: "PROTECTED_SHEET", sheet: "分解表" } });
  host.user.protect("分解表", false);
  expect((await clearFlags()).ok).toBe(true);
});

test("merged cells across a table's data cells: MERGED_CELLS with the areas; a merged title is fine", async () => {
  host = installSample();
  host.user.merge("分解表", "A1:Q1"); // the title row: noise, not a problem
  let outcome = await checkInExcel();
  expect(outcome.kind).toBe("checked");
  host.user.merge("分解表", "E7:F7"); // two districts' values merged
  outcome = await checkInExcel();
  expect(outcome).toEqual({
    kind: "problem",
    problem: { code: "MERGED_CELLS", sheet: "分解表", ranges: ["E7:F7"] },
  });
});

test("a sheet that does not exist: NO_SUCH_SHEET", async () => {
  host = installSample();
  await expect(readWorkbook({ sheets: ["没有这个表"] })).resolves.toEqual({
    ok: false,
    problem: { code: "NO_SUCH_SHEET", sheet: "没有这个表" },
  });
  await expect(selectCells("没有这个表", ["A1"])).resolves.toEqual({
    ok: false,
    problem: { code: "NO_SUCH_SHEET", sheet: "没有这个表" },
  });
});

test("reading every sheet skips the add-in's own very hidden sheet", async () => {
  host = installSample();
  await checkInExcel();
  const all = await readWorkbook({ sheets: "all" });
  if (!all.ok) throw new Error("read");
  expect(all.value.sheets.map((s) => s.name)).toEqual(["分解表", "进度表"]);
});
