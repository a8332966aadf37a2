/**
 * The adapter on the bundled sample, against the fake host: read and flag within the sync budgets
 * of issue 4, exactly one error flag on 分解表!D7 whose live formula lights, and Clear flags puts
 * everything back, the user's own rule and note included.
 */
import { planFlags } from "../../src/core/flagPlan";
import { NOTE_MARK } from "../../src/core/flags";
import { checkWorkbook } from "../../src/core/check";
import {
  checkInExcel,
  clearFlags,
  readSelection,
  readWorkbook,
  selectCells,
  writeFlags,
  createSession,
  type Session,
} from "../../src/excel";
import type { FakeHost } from "../../src/fake-excel";
import { installSample } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

let host: FakeHost;

beforeEach(() => {
  session = createSession();
  host = installSample({ apiVersion: "1.18" });
});

afterEach(() => host.uninstall());

describe("the sample in a fake Excel", () => {
  test("reads the active sheet in at most 2 syncs, sheet-positioned", async () => {
    const from = host.syncs;
    const read = await readWorkbook(session);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(host.syncs - from).toBeLessThanOrEqual(2);
    const grid = read.value.sheets[0];
    expect(grid.name).toBe("分解表");
    expect(grid.values[6][3]).toBe(2000); // D7
    expect(grid.values[6][16]).toBe(30); // Q7, 建德市
    expect(grid.values[7][5]).toBe("-");
    // Same findings as the file door gives.
    expect(
      checkWorkbook(read.value)
        .findings.filter((f) => f.severity === "error")
        .map((f) => `${f.sheet}!${f.cell}`),
    ).toEqual(["分解表!D7"]);
  });

  test("Check: exactly one error flag, on D7, written in at most 2 syncs; its live formula lights", async () => {
    const outcome = await checkInExcel(session, { lang: "zh" });
    expect(outcome.kind).toBe("checked");
    if (outcome.kind !== "checked") return;
    expect(outcome.result.summary.errors).toBe(1);
    expect(outcome.flags?.rules).toBe(1);
    expect(host.litCells("分解表")).toEqual(["D7"]);
    const flag = host.flagAt("分解表", "D7");
    expect(flag).toMatchObject({ lit: true, kind: "error", fill: "#FFC7CE", font: "#9C0006" });

    // The write budget, measured on its own.
    session = createSession();
    host.uninstall();
    host = installSample({ apiVersion: "1.18" });
    const read = await readWorkbook(session);
    if (!read.ok) throw new Error("read failed");
    const plan = planFlags(read.value, checkWorkbook(read.value).findings, "zh");
    const from = host.syncs;
    const written = await writeFlags(session, plan);
    expect(written.ok && written.value.added).toBe(1);
    expect(host.syncs - from).toBeLessThanOrEqual(2);
    expect(host.litCells("分解表")).toEqual(["D7"]);
  });

  test("the workbook checks itself: 建德市 30 → 31 and the live rule stops lighting, no add-in involved", async () => {
    await checkInExcel(session);
    expect(host.flagAt("分解表", "D7").lit).toBe(true);
    const syncs = host.syncs;
    host.user.setValue("分解表", "Q7", 31);
    expect(host.flagAt("分解表", "D7").lit).toBe(false);
    expect(host.syncs).toBe(syncs);
    host.user.setValue("分解表", "Q7", 30);
    expect(host.flagAt("分解表", "D7").lit).toBe(true);
  });

  test("the explanation goes in a note marked as ours (ExcelApi 1.18)", async () => {
    await checkInExcel(session);
    const snap = host.snapshot();
    const notes = snap.sheets.find((s) => s.name === "分解表")!.notes;
    expect(Object.keys(notes)).toEqual(["D7"]);
    expect(notes.D7.content.startsWith(NOTE_MARK)).toBe(true);
    expect(notes.D7.content).toContain("1999");
  });

  test("no notes on an ExcelApi 1.14 host (notes are detected at run time), the flag still lights", async () => {
    host.uninstall();
    host = installSample({ apiVersion: "1.14" });
    const outcome = await checkInExcel(session);
    expect(outcome.kind).toBe("checked");
    if (outcome.kind !== "checked") return;
    expect(outcome.flags).toMatchObject({ rules: 1, notes: 0 });
    expect(host.snapshot().sheets.every((s) => Object.keys(s.notes).length === 0)).toBe(true);
    expect(host.flagAt("分解表", "D7").lit).toBe(true);
  });

  test("Clear flags returns everything exactly as before, the user's own rule and note untouched", async () => {
    host.user.addRule("分解表", ["E4:Q4"], "E4>5", "#FFC7CE", "#9C0006");
    host.user.addNote("分解表", "B7", "用户自己的批注");
    host.user.addNote("分解表", "D8", "用户在合计格上的批注");
    const before = host.snapshot();
    const outcome = await checkInExcel(session);
    expect(outcome.kind).toBe("checked");
    expect(host.snapshot()).not.toEqual(before);
    const cleared = await clearFlags(session);
    expect(cleared).toEqual({ ok: true, value: { rules: 1, notes: 1 } });
    expect(host.snapshot()).toEqual(before);
    expect(host.book.sheet("_tdcheck")).toBeUndefined();
  });

  test("a user's note on a flagged cell is left alone; the explanation stays in the pane", async () => {
    host.user.addNote("分解表", "D7", "这是我的备注");
    const outcome = await checkInExcel(session);
    if (outcome.kind !== "checked") throw new Error(outcome.kind);
    expect(outcome.flags?.skippedNotes).toEqual(["分解表!D7"]);
    expect(host.snapshot().sheets[0].notes.D7.content).toBe("这是我的备注");
    expect(host.flagAt("分解表", "D7").lit).toBe(true);
  });

  test("checking again with nothing changed writes nothing", async () => {
    await checkInExcel(session);
    const snap = host.snapshot();
    const outcome = await checkInExcel(session);
    if (outcome.kind !== "checked") throw new Error(outcome.kind);
    expect(outcome.flags?.wrote).toBe(false);
    expect(host.snapshot()).toEqual(snap);
  });

  test("findings change → the note is updated, the stale rule removed", async () => {
    await checkInExcel(session);
    host.user.setValue("分解表", "Q7", 29); // 1998 now: a different message
    const outcome = await checkInExcel(session);
    if (outcome.kind !== "checked") throw new Error(outcome.kind);
    expect(outcome.flags).toMatchObject({ rules: 1, wrote: true });
    expect(host.snapshot().sheets[0].notes.D7.content).toContain("1998");
    host.user.setValue("分解表", "Q7", 30);
    await checkInExcel(session);
    expect(host.snapshot().sheets[0].notes.D7.content).toContain("1999");
    host.user.setValue("分解表", "Q7", 31);
    const clean = await checkInExcel(session);
    if (clean.kind !== "checked") throw new Error(clean.kind);
    expect(clean.result.summary.errors).toBe(0);
    expect(host.snapshot().sheets[0].notes).toEqual({});
    expect(host.snapshot().sheets[0].rules).toEqual([]);
  });

  test("clicking a finding selects its cells on its sheet", async () => {
    host.user.activate("进度表");
    const r = await selectCells("分解表", ["D7", "E7:Q7"]);
    expect(r.ok).toBe(true);
    expect(host.activeSheet()).toBe("分解表");
    expect(host.selection()).toEqual({ sheet: "分解表", ranges: ["D7", "E7:Q7"] });
  });

  test("on ExcelApi 1.14 only the finding's own cell is selected (RangeAreas.select is 1.18)", async () => {
    host.uninstall();
    host = installSample({ apiVersion: "1.14" });
    const r = await selectCells("分解表", ["D7", "E7:Q7"]);
    expect(r.ok).toBe(true);
    expect(host.selection()).toEqual({ sheet: "分解表", ranges: ["D7"] });
  });
});

describe("the user's selection", () => {
  test("readSelection: the sheet and the area the user selected", async () => {
    host.user.select("分解表", "A3:Q8");
    await expect(readSelection()).resolves.toEqual({
      ok: true,
      value: { sheet: "分解表", address: "A3:Q8" },
    });
  });

  test("nothing selected yet: A1 of the active sheet", async () => {
    await expect(readSelection()).resolves.toEqual({ ok: true, value: { sheet: "分解表", address: "A1" } });
  });
});
