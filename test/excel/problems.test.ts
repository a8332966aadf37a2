/** Friendly problems as values, never exceptions: no host, an old host, protection, merged cells, a missing sheet. */
import {
  checkInExcel,
  clearFlags,
  readWorkbook,
  selectCells,
  writeFlags,
  createSession,
  type Session,
} from "../../src/excel";
import { installSample } from "./helpers";
import { detectWorkbook } from "../../src/core/check";
import { mergedAcrossTables } from "../../src/core/merges";
import type { FakeHost } from "../../src/fake-excel";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

let host: FakeHost | undefined;
beforeEach(() => {
  session = createSession();
});
afterEach(() => host?.uninstall());

test("without Excel: NO_HOST", async () => {
  host = undefined;
  await expect(readWorkbook(session)).resolves.toEqual({ ok: false, problem: { code: "NO_HOST" } });
  await expect(checkInExcel(session)).resolves.toEqual({ kind: "problem", problem: { code: "NO_HOST" } });
});

test("below ExcelApi 1.14 (Excel 2019, WPS): UNSUPPORTED_HOST, nothing touched", async () => {
  host = installSample({ apiVersion: "1.12" });
  const before = host.snapshot();
  await expect(checkInExcel(session)).resolves.toEqual({
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
  const outcome = await checkInExcel(session);
  expect(outcome.kind).toBe("checked");
  if (outcome.kind !== "checked") return;
  expect(outcome.result.summary.errors).toBe(1);
  expect(outcome.flagsProblem).toEqual({ code: "PROTECTED_SHEET", sheet: "分解表" });
  expect(host.snapshot()).toEqual(before);
  const w = await writeFlags(session, {
    rules: [{ sheet: "分解表", kind: "error", ranges: ["D7"], formula: "TRUE" }],
    notes: [],
  });
  expect(w).toEqual({ ok: false, problem: { code: "PROTECTED_SHEET", sheet: "分解表" } });
});

test("flags on a sheet protected afterwards: Clear flags says so instead of half-clearing", async () => {
  host = installSample();
  await checkInExcel(session);
  host.user.protect("分解表");
  const r = await clearFlags(session);
  expect(r).toEqual({ ok: false, problem: { code: "PROTECTED_SHEET", sheet: "分解表" } });
  host.user.protect("分解表", false);
  expect((await clearFlags(session)).ok).toBe(true);
});

test("merged cells across a table's data cells: MERGED_CELLS with the areas; a merged title is fine", async () => {
  host = installSample();
  host.user.merge("分解表", "A1:Q1"); // the title row: noise, not a problem
  let outcome = await checkInExcel(session);
  expect(outcome.kind).toBe("checked");
  host.user.merge("分解表", "E7:F7"); // two districts' values merged
  outcome = await checkInExcel(session);
  expect(outcome).toEqual({
    kind: "problem",
    problem: { code: "MERGED_CELLS", sheet: "分解表", ranges: ["E7:F7"] },
  });
});

test("a sheet that does not exist: NO_SUCH_SHEET", async () => {
  host = installSample();
  await expect(readWorkbook(session, { sheets: ["没有这个表"] })).resolves.toEqual({
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
  await checkInExcel(session);
  const all = await readWorkbook(session, { sheets: "all" });
  if (!all.ok) throw new Error("read");
  expect(all.value.sheets.map((s) => s.name)).toEqual(["分解表", "进度表"]);
});

describe("mergedAcrossTables", () => {
  // Units in rows: 合计, then 3 cities each followed by 2 districts (a three-level table by outline).
  const values = [
    ["地区", "新增企业(家)", "投资额(亿元)", "备注"],
    ["合计", 12, 12],
    ["甲市", 4, 4],
    ["甲一区", 2, 2],
    ["甲二区", 2, 2],
    ["乙市", 8, 8],
    ["乙一区", 4, 4],
    ["乙二区", 4, 4],
  ];
  const outline = new Map([2, 3, 4, 5, 6, 7].map((r) => [r, r === 2 || r === 5 ? 1 : 2]));
  const book = (merges: string[]) => ({
    name: "m.xlsx",
    sheets: [{ name: "表", values, merges, outlineLevels: outline }],
  });

  test("one data cell merged with a cell outside the table is no problem, even on a line two splits share", () => {
    const wb = book(["C3:D3"]); // 甲市's 投资额 with its 备注: 甲市 is a child above and a parent below
    const maps = detectWorkbook(wb).maps;
    expect(maps).toHaveLength(1);
    expect(mergedAcrossTables(wb, maps)).toBeUndefined();
  });

  test("two data cells merged are, each area listed once", () => {
    const wb = book(["B4:C4", "B6:B7", "A1:D1"]);
    const maps = detectWorkbook(wb).maps;
    expect(mergedAcrossTables(wb, maps)).toEqual({ sheet: "表", ranges: ["B4:C4", "B6:B7"] });
  });
});
