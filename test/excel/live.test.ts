/**
 * Live mode: an edit re-runs only the checks it touches, flags follow the findings, the add-in's
 * own writes never trigger it, and nothing is written when the findings did not change.
 */
import {
  checkInExcel,
  liveIdle,
  startLive,
  stopLive,
  type LiveUpdate,
  createSession,
  type Session,
} from "../../src/excel";
import type { FakeHost } from "../../src/fake-excel";
import { installSample } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

let host: FakeHost;
let updates: LiveUpdate[];

beforeEach(async () => {
  session = createSession();
  host = installSample({ apiVersion: "1.18" });
  updates = [];
  const outcome = await checkInExcel(session);
  expect(outcome.kind).toBe("checked");
  const started = await startLive(session, { debounceMs: 10, onFindings: (u) => updates.push(u) });
  expect(started.ok).toBe(true);
});

afterEach(async () => {
  await stopLive(session);
  host.uninstall();
});

async function settle(): Promise<void> {
  await host.settle();
  await liveIdle(session);
  await host.settle();
}

test("an edit in a row with text values ('-'): the static flag and the findings update by themselves", async () => {
  expect(host.flagAt("分解表", "D8").lit).toBe(false);
  host.user.setValue("分解表", "E8", 13.1); // 上城区 3.1 → 13.1: the 亿元 row is 10 over, beyond rounding
  await settle();
  expect(updates).toHaveLength(1);
  const u = updates[0];
  expect(u.changed).toBe(true);
  expect(u.wrote).toBe(true);
  expect(u.rechecked).toBeGreaterThan(0);
  expect(u.findings.some((f) => f.rule === "sum-mismatch" && f.cell === "D8")).toBe(true);
  // A static flag (text in the row): the add-in lit it, and will put it out.
  expect(host.flagAt("分解表", "D8")).toMatchObject({ lit: true });
  expect(host.snapshot().sheets[0].notes.D8?.content).toContain("66.7");
  host.user.setValue("分解表", "E8", 3.1);
  await settle();
  expect(updates).toHaveLength(2);
  expect(updates[1].findings.some((f) => f.cell === "D8" && f.rule === "sum-mismatch")).toBe(false);
  expect(host.flagAt("分解表", "D8").lit).toBe(false);
  expect(host.snapshot().sheets[0].notes.D8).toBeUndefined();
});

test("a change within rounding updates the findings (an info) but writes nothing", async () => {
  const syncs = host.syncs;
  host.user.setValue("分解表", "E8", 3.2); // 56.8 against 56.7: ten values shown to 0.1 explain it
  await settle();
  expect(updates).toHaveLength(1);
  expect(updates[0]).toMatchObject({ changed: true, wrote: false });
  expect(updates[0].findings.some((f) => f.rule === "sum-rounding" && f.cell === "D8")).toBe(true);
  expect(host.flagAt("分解表", "D8").lit).toBe(false);
  // One read; the plan is the one already written, so nothing more.
  expect(host.syncs - syncs).toBe(1);
});

test("only the touched checks run again", async () => {
  const outcome = await checkInExcel(session, { flags: false });
  if (outcome.kind !== "checked") throw new Error(outcome.kind);
  host.user.setValue("分解表", "Q7", 31);
  await settle();
  expect(updates[0].rechecked).toBeGreaterThan(0);
  expect(updates[0].rechecked).toBeLessThan(outcome.result.summary.checks);
  expect(updates[0].result.summary.errors).toBe(0);
});

test("no write when the findings did not change; an edit outside every table runs nothing", async () => {
  const syncs = host.syncs;
  const before = host.snapshot();
  host.user.setValue("分解表", "B12", "备注：数据来源于市科技局"); // below the table
  await settle();
  expect(updates).toHaveLength(0);
  expect(host.syncs).toBe(syncs);
  host.user.setValue("分解表", "E4", 0.77); // same value typed again
  await settle();
  host.user.setValue("分解表", "E5", 14); // a ratio row: still within [min, max], same findings
  await settle();
  expect(updates.length).toBeGreaterThan(0);
  expect(updates.every((u) => !u.changed && !u.wrote)).toBe(true);
  // Reads only: the flags, notes and state are as they were.
  const after = host.snapshot();
  expect(after.sheets.find((s) => s.name === "_tdcheck")).toEqual(
    before.sheets.find((s) => s.name === "_tdcheck"),
  );
  expect(after.sheets[0].rules).toEqual(before.sheets[0].rules);
  expect(after.sheets[0].notes).toEqual(before.sheets[0].notes);
});

test("the add-in's own writes do not trigger a re-check", async () => {
  // A write through Office.js by this add-in arrives with triggerSource ThisLocalAddin.
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("分解表").getRange("Q7").values = [[31]];
    await context.sync();
  });
  await settle();
  expect(updates).toHaveLength(0);
  // The same change typed by the user is re-checked.
  host.user.setValue("分解表", "Q7", 31);
  await settle();
  expect(updates).toHaveLength(1);
});

test("edits in quick succession are debounced into one re-check", async () => {
  host.user.setValue("分解表", "Q7", 31);
  host.user.setValue("分解表", "P7", 8);
  host.user.setValue("分解表", "P7", 7);
  await settle();
  expect(updates).toHaveLength(1);
  expect(updates[0].result.summary.errors).toBe(0);
});

test("rows inserted above the table: the sheet is mapped afresh and the flag follows", async () => {
  host.user.insertRows("分解表", 1, 1);
  await settle();
  expect(updates).toHaveLength(1);
  expect(updates[0].findings.filter((f) => f.severity === "error").map((f) => f.cell)).toEqual(["D8"]);
  expect(host.flagAt("分解表", "D8").lit).toBe(true);
  expect(host.litCells("分解表")).toEqual(["D8"]);
});

test("stopLive: edits are no longer followed", async () => {
  await stopLive(session);
  host.user.setValue("分解表", "Q7", 31);
  await settle();
  expect(updates).toHaveLength(0);
});

test("starting live mode before any check checks first", async () => {
  await stopLive(session);
  host.uninstall();
  session = createSession();
  host = installSample({ apiVersion: "1.18" });
  const started = await startLive(session, { debounceMs: 10, onFindings: (u) => updates.push(u) });
  expect(started.ok).toBe(true);
  expect(host.flagAt("分解表", "D7").lit).toBe(true);
  host.user.setValue("分解表", "Q7", 31);
  await settle();
  expect(updates.at(-1)?.result.summary.errors).toBe(0);
});

test("colour only (notes: false): live mode lights the flag without a note, and hands back the edited cells", async () => {
  await stopLive(session);
  const started = await startLive(session, {
    debounceMs: 10,
    notes: false,
    onFindings: (u) => updates.push(u),
  });
  expect(started.ok).toBe(true);
  const syncs = host.syncs;
  host.user.setValue("分解表", "E8", 13.1);
  await settle();
  expect(updates).toHaveLength(1);
  const u = updates[0];
  expect(u.wrote).toBe(true);
  expect(u.flags?.notes).toBe(0);
  expect(host.flagAt("分解表", "D8")).toMatchObject({ lit: true });
  expect(host.snapshot().sheets[0].notes.D8).toBeUndefined();
  // The grid live mode checked, edit applied: the pane plans from it without reading the sheets.
  expect(u.workbook.sheets.find((s) => s.name === "分解表")!.values[7][4]).toBe(13.1);
  expect(host.syncs - syncs).toBeLessThanOrEqual(4);
});

describe("live mode off: edits still followed, so nothing shown is untrue", () => {
  test("fixing 建德市 removes the note that said 1999 and tells the pane its results are out of date; untouched notes stay", async () => {
    await stopLive(session);
    // A second finding with a static flag and a note: 上城区's 亿元 value 10 over (D8).
    host.user.setValue("分解表", "E8", 13.1);
    const checked = await checkInExcel(session);
    if (checked.kind !== "checked") throw new Error(checked.kind);
    const notes = () => host.snapshot().sheets[0].notes;
    expect(Object.keys(notes()).sort()).toEqual(["D7", "D8"]);
    const stale: { sheets: string[]; cells: string[] }[] = [];
    const started = await startLive(session, {
      debounceMs: 10,
      recheck: false,
      onFindings: (u) => updates.push(u),
      onStale: (u) => stale.push({ sheets: u.sheets, cells: u.findings.map((f) => f.cell) }),
    });
    expect(started.ok).toBe(true);

    host.user.setValue("分解表", "Q7", 31);
    await settle();
    // Nothing was re-checked; the pane was told, with the finding the edit touched.
    expect(updates).toEqual([]);
    expect(stale).toEqual([{ sheets: ["分解表"], cells: ["D7"] }]);
    // The note on D7 (1999 against 2000) went; D8's, untouched, stays, as does its static flag.
    expect(Object.keys(notes())).toEqual(["D8"]);
    expect(host.flagAt("分解表", "D8").lit).toBe(true);
    // D7's flag is a live formula: it re-tests the sheet itself and is out.
    expect(host.flagAt("分解表", "D7").lit).toBe(false);

    // An edit outside every table and finding changes nothing and says nothing.
    host.user.setValue("分解表", "A20", "备注");
    await settle();
    expect(stale).toHaveLength(1);

    // The static flag of a touched finding goes too: its cells changed, it may no longer hold.
    host.user.setValue("分解表", "F8", 5);
    await settle();
    // F8 was a "-" (an info about it is touched too).
    expect(stale.map((s) => s.cells)).toEqual([["D7"], ["D8", "F8"]]);
    expect(notes()).toEqual({});
    expect(host.flagAt("分解表", "D8").lit).toBe(false);
  });

  test("every note carries the date of the check that wrote it", async () => {
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const note = host.snapshot().sheets[0].notes.D7!.content;
    expect(note.split("\n")[0]).toBe(`【指标分解校核】 ${day(new Date())} 校核`);
  });
});

test("live mode off after Clear flags: an edit brings no flag back", async () => {
  await stopLive(session);
  const { clearFlags } = await import("../../src/excel");
  await clearFlags(session);
  const before = host.snapshot();
  const stale: number[] = [];
  await startLive(session, {
    debounceMs: 10,
    recheck: false,
    onFindings: () => undefined,
    onStale: () => stale.push(1),
  });
  host.user.setValue("分解表", "Q7", 31);
  await settle();
  expect(stale).toHaveLength(1);
  const after = host.snapshot();
  expect(after.sheets[0].rules).toEqual(before.sheets[0].rules);
  expect(after.sheets[0].notes).toEqual({});
});
