/**
 * Flags owned by the add-in: long rules cut under the 8,192-character address limit, diffs that
 * leave exactly the planned cells lit, the user's look-alike rules and notes left alone, and our
 * own rules and notes still found after the user inserted rows above them.
 */
import { a1 } from "../../src/core/address";
import { NOTE_MARK, type FlagPlan } from "../../src/core/flags";
import { checkInExcel, clearFlags, writeFlags, createSession, type Session } from "../../src/excel";
import { FakeWorkbook, installFakeExcel, type FakeHost } from "../../src/fake-excel";
import { installSample } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

let host: FakeHost;
beforeEach(() => {
  session = createSession();
});
afterEach(() => host.uninstall());

function staticPlan(rows: number[]): FlagPlan {
  return {
    rules: [{ sheet: "表", kind: "warning", ranges: rows.map((r) => a1(r, 3)), formula: "TRUE" }],
    notes: [],
  };
}

function blankBook(): FakeWorkbook {
  const book = new FakeWorkbook();
  const s = book.addSheet("表");
  s.setConstant(0, 0, "x");
  book.activeSheetId = s.id;
  return book;
}

test("a static rule over 3,000 scattered cells is cut into parts under 8,192 characters; rewriting leaves exactly the plan lit", async () => {
  host = installFakeExcel(blankBook());
  const every3 = Array.from({ length: 3000 }, (_, i) => 10 + 3 * i);
  const first = await writeFlags(session, staticPlan(every3));
  expect(first.ok).toBe(true);
  const parts = host.snapshot().sheets[0].rules;
  expect(parts.length).toBeGreaterThan(1);
  expect(host.summary().maxAddressLength).toBeLessThan(8192);
  expect(host.litCells("表")).toEqual(every3.map((r) => a1(r, 3)));

  // Drop every other flagged cell: a part changes, so the whole group is replaced, never mixed up.
  const fewer = every3.filter((_, i) => i % 2 === 0);
  const second = await writeFlags(session, staticPlan(fewer));
  expect(second.ok && second.value.wrote).toBe(true);
  expect(host.litCells("表")).toEqual(fewer.map((r) => a1(r, 3)));

  const same = await writeFlags(session, staticPlan(fewer));
  expect(same.ok && same.value).toMatchObject({ wrote: false, added: 0, removed: 0 });

  const cleared = await clearFlags(session);
  expect(cleared.ok).toBe(true);
  expect(host.snapshot().sheets[0].rules).toEqual([]);
});

test("a user's look-alike rule (Excel's light-red preset, the same formula, other cells) stays through Check and Clear", async () => {
  host = installSample();
  const before = host.snapshot();
  await checkInExcel(session);
  // Added after ours, so it sits on top of the rules list: found first by formula and colours alone.
  host.user.addRule("分解表", ["D7:D8"], "ROUND(SUM($E7:$Q7)-D7,0)<>0", "#FFC7CE", "#9C0006");
  const withUsers = host.snapshot();
  const again = await checkInExcel(session);
  if (again.kind !== "checked") throw new Error(again.kind);
  expect(again.flags?.wrote).toBe(false);
  expect(host.snapshot()).toEqual(withUsers);
  await clearFlags(session);
  const rules = host.snapshot().sheets[0].rules;
  expect(rules).toHaveLength(1);
  expect(rules[0].ranges).toEqual(["D7:D8"]);
  expect({ ...host.snapshot(), sheets: host.snapshot().sheets.map((x) => ({ ...x, rules: [] })) }).toEqual(
    before,
  );
});

test("rows inserted above flagged cells: Check moves the flags, Clear still removes them all", async () => {
  host = installSample({ apiVersion: "1.18" });
  const before = host.snapshot();
  await checkInExcel(session);
  host.user.insertRows("分解表", 1, 3);
  // Our rule and note moved with their cells; the record still says D7.
  expect(host.litCells("分解表")).toEqual(["D10"]);
  const outcome = await checkInExcel(session);
  if (outcome.kind !== "checked") throw new Error(outcome.kind);
  expect(host.litCells("分解表")).toEqual(["D10"]);
  const sheet = host.snapshot().sheets[0];
  expect(sheet.rules).toHaveLength(1);
  expect(Object.keys(sheet.notes)).toEqual(["D10"]);
  const cleared = await clearFlags(session);
  expect(cleared).toEqual({ ok: true, value: { rules: 1, notes: 1 } });
  const after = host.snapshot().sheets[0];
  expect(after.rules).toEqual([]);
  expect(after.notes).toEqual({});
  expect(after.cells.D10).toEqual(before.sheets[0].cells.D7);
});

test("clearing straight after inserting rows (the record's cells are stale) finds the moved rule and note", async () => {
  host = installSample({ apiVersion: "1.18" });
  await checkInExcel(session);
  host.user.insertRows("分解表", 2, 1);
  session = createSession();
  const cleared = await clearFlags(session);
  expect(cleared).toEqual({ ok: true, value: { rules: 1, notes: 1 } });
  expect(host.snapshot().sheets[0].rules).toEqual([]);
  expect(host.snapshot().sheets[0].notes).toEqual({});
});

test("a note of the user's that happens to be on a formerly flagged cell is not removed", async () => {
  host = installSample({ apiVersion: "1.18" });
  await checkInExcel(session);
  host.user.setValue("分解表", "Q7", 31);
  await checkInExcel(session); // no finding: our note on D7 goes
  host.user.addNote("分解表", "D7", "我自己的说明");
  host.user.setValue("分解表", "Q7", 30);
  const outcome = await checkInExcel(session);
  if (outcome.kind !== "checked") throw new Error(outcome.kind);
  expect(outcome.flags?.skippedNotes).toEqual(["分解表!D7"]);
  await clearFlags(session);
  expect(host.snapshot().sheets[0].notes).toEqual({ D7: { content: "我自己的说明", author: "User" } });
  expect(NOTE_MARK.length).toBeGreaterThan(0);
});
