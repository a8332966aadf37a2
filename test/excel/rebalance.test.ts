/**
 * Apply and Undo of a rebalance against the fake host (issue 5): the sample's 新增高新技术企业数
 * rebalanced to 2000 with 滨江区 and 余杭区 locked changes only 萧山区 (I7) 315 → 316, written in one
 * request with the undo snapshot and the trail entry; the flag on D7 goes; Undo after the pane was
 * closed restores the workbook exactly; a cell edited after Apply, a formula cell and a protected
 * sheet are each handled in words the pane can show.
 */
import { planAndRebalance, type RebalanceChoices } from "../../src/core/rebalanceRequest";
import type { RebalanceOk } from "../../src/core/rebalance/rebalance";
import { parseTrail } from "../../src/core/report";
import {
  applyRebalance,
  checkInExcel,
  lastRebalance,
  loadSection,
  undoRebalance,
  createSession,
  type Session,
} from "../../src/excel";
import type { FakeHost } from "../../src/fake-excel";
import { installSample } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

const SHEET = "分解表";
const CHOICES: RebalanceChoices = {
  sheet: SHEET,
  indicator: "新增高新技术企业数",
  target: "2000",
  locks: ["滨江区", "余杭区"],
};

let host: FakeHost;

beforeEach(() => {
  session = createSession();
  host = installSample({ apiVersion: "1.14" });
});

afterEach(() => host.uninstall());

async function planned(choices: RebalanceChoices = CHOICES) {
  const checked = await checkInExcel(session, { lang: "zh" });
  if (checked.kind !== "checked") throw new Error(checked.kind);
  const p = planAndRebalance(checked.workbook, checked.result.maps, choices);
  if (!p.ok) throw new Error(p.problem.code);
  expect(p.result.status).toBe("ok");
  return { plan: p.plan, result: p.result as RebalanceOk };
}

const snap = () => host.snapshot({ omitSheets: ["_tdcheck"] });

test("Apply writes only 萧山区 315 → 316 in one request with the snapshot and trail; the D7 flag goes", async () => {
  const { plan, result } = await planned();
  expect(host.flagAt(SHEET, "D7").lit).toBe(true);
  const from = host.syncs;
  const applied = await applyRebalance(session, {
    plan,
    result,
    time: "2024-05-01T08:00:00.000Z",
    recheck: false,
  });
  expect(applied).toMatchObject({ ok: true, value: { status: "applied", cells: ["I7"] } });
  // _tdcheck is known (the check wrote flags): one request reads, one writes everything.
  expect(host.syncs - from).toBe(2);
  expect(host.value(SHEET, "I7")).toBe(316);
  expect(host.value(SHEET, "H7")).toBe(329);

  const again = await checkInExcel(session, { lang: "zh" });
  expect(again.kind === "checked" && again.result.summary.errors).toBe(0);
  expect(host.flagAt(SHEET, "D7").lit).toBe(false);

  const trail = await loadSection(session, "trail");
  expect(trail.ok).toBe(true);
  const entries = parseTrail(trail.ok ? trail.value : undefined).entries;
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    kind: "rebalance",
    indicator: "新增高新技术企业数(家)",
    sheet: SHEET,
    method: "proportional",
    locks: ["滨江区", "余杭区"],
    target: 2000,
    step: "1",
    source: "add-in",
  });
  expect(entries[0].children.find((c) => c.unit === "萧山区")).toEqual({
    unit: "萧山区",
    cell: "I7",
    before: 315,
    after: 316,
  });
  expect(entries[0].children).toHaveLength(13);
});

test("Apply re-checks by default: the outcome carries the fresh check, the flag is gone", async () => {
  const { plan, result } = await planned();
  const applied = await applyRebalance(session, { plan, result });
  if (!applied.ok || applied.value.status !== "applied") throw new Error("not applied");
  const check = applied.value.check;
  expect(check?.kind).toBe("checked");
  expect(check?.kind === "checked" && check.result.summary.errors).toBe(0);
  expect(host.litCells(SHEET)).not.toContain("D7");
});

test("Undo after the pane was closed and reopened restores the workbook exactly; the flag comes back", async () => {
  const before = snap();
  const { plan, result } = await planned();
  const flagged = snap();
  await applyRebalance(session, { plan, result });
  expect(snap()).not.toEqual(flagged);

  session = createSession(); // the pane closed; a new one opens on the same workbook
  const info = await lastRebalance(session);
  expect(info).toMatchObject({ ok: true, value: { sheet: SHEET, cells: ["I7"], depth: 1 } });
  const undone = await undoRebalance(session, { time: "2024-05-01T09:00:00.000Z" });
  expect(undone).toMatchObject({ ok: true, value: { status: "undone", cells: ["I7"] } });
  expect(host.value(SHEET, "I7")).toBe(315);
  expect(host.flagAt(SHEET, "D7").lit).toBe(true);
  expect(snap()).toEqual(flagged);
  expect(before).not.toEqual(flagged); // the flags differ, the values do not
  expect(await lastRebalance(session)).toEqual({ ok: true, value: undefined });
  expect(await undoRebalance(session)).toEqual({ ok: true, value: { status: "nothing-to-undo" } });

  const trail = await loadSection(session, "trail");
  const entries = parseTrail(trail.ok ? trail.value : undefined).entries;
  expect(entries.map((e) => e.kind)).toEqual(["rebalance", "undo"]);
  expect(entries[1].undoes).toBe(entries[0].time);
  expect(entries[1].children.find((c) => c.unit === "萧山区")).toMatchObject({ before: 316, after: 315 });
});

test("Undo refuses, naming the cell, when it was edited after Apply; nothing is written", async () => {
  const { plan, result } = await planned();
  await applyRebalance(session, { plan, result, recheck: false });
  host.user.setValue(SHEET, "I7", 320);
  const after = snap();
  const undone = await undoRebalance(session);
  expect(undone).toEqual({
    ok: true,
    value: {
      status: "edited",
      sheet: SHEET,
      indicator: "新增高新技术企业数(家)",
      cells: [{ cell: "I7", unit: "萧山区", wrote: 316, now: 320 }],
    },
  });
  expect(snap()).toEqual(after);
  // Put back what Apply wrote: Undo works again.
  host.user.setValue(SHEET, "I7", 316);
  expect(await undoRebalance(session, { recheck: false })).toMatchObject({
    ok: true,
    value: { status: "undone" },
  });
  expect(host.value(SHEET, "I7")).toBe(315);
});

test("a formula among the cells is listed first; once confirmed it is replaced, and Undo brings the formula back", async () => {
  host.user.setValue(SHEET, "I7", "=300+15");
  expect(host.value(SHEET, "I7")).toBe(315);
  const { plan, result } = await planned();
  const untouched = snap();
  const first = await applyRebalance(session, { plan, result, recheck: false });
  expect(first).toEqual({
    ok: true,
    value: { status: "confirm-formulas", formulas: [{ cell: "I7", unit: "萧山区", formula: "=300+15" }] },
  });
  expect(snap()).toEqual(untouched);
  const confirmed = await applyRebalance(session, { plan, result, overwriteFormulas: true, recheck: false });
  expect(confirmed).toMatchObject({ ok: true, value: { status: "applied" } });
  expect(host.value(SHEET, "I7")).toBe(316);
  expect(host.book.sheet(SHEET)!.formula(6, 8)).toBeUndefined();
  const trail = await loadSection(session, "trail");
  const entry = parseTrail(trail.ok ? trail.value : undefined).entries[0];
  expect(entry.children.find((c) => c.cell === "I7")?.beforeFormula).toBe("300+15");

  await undoRebalance(session, { recheck: false });
  expect(host.book.sheet(SHEET)!.formula(6, 8)).toBe("=300+15");
  expect(host.value(SHEET, "I7")).toBe(315);
  expect(snap()).toEqual(untouched);
});

test("a protected sheet is refused with PROTECTED_SHEET and nothing written", async () => {
  const { plan, result } = await planned();
  host.user.protect(SHEET);
  const before = host.snapshot();
  const applied = await applyRebalance(session, { plan, result });
  expect(applied).toEqual({ ok: false, problem: { code: "PROTECTED_SHEET", sheet: SHEET } });
  expect(host.snapshot()).toEqual(before);
});

test("keep the children, fix the parent: D7 becomes 1999 and the trail records the parent", async () => {
  const { plan, result } = await planned({ sheet: SHEET, indicator: "新增高新技术企业数", fixParent: true });
  const applied = await applyRebalance(session, { plan, result, recheck: false });
  expect(applied).toMatchObject({ ok: true, value: { status: "applied", cells: ["D7"] } });
  expect(host.value(SHEET, "D7")).toBe(1999);
  if (applied.ok && applied.value.status === "applied")
    expect(applied.value.entry.parent).toEqual({ unit: "杭州市", cell: "D7", before: 2000, after: 1999 });
  await undoRebalance(session, { recheck: false });
  expect(host.value(SHEET, "D7")).toBe(2000);
});

test("a new target writes the parent only; nothing to write when the split already adds up", async () => {
  const { plan, result } = await planned({ sheet: SHEET, indicator: "新增高新技术企业数", target: "1999" });
  // The parent changes (2000 → 1999) but no child: one write.
  const applied = await applyRebalance(session, { plan, result, recheck: false });
  expect(applied).toMatchObject({ ok: true, value: { status: "applied", cells: ["D7"] } });
  await undoRebalance(session, { recheck: false });
  expect(host.value(SHEET, "D7")).toBe(2000);

  host.user.setValue(SHEET, "D7", 1999);
  const same = await planned({ sheet: SHEET, indicator: "新增高新技术企业数", fixParent: true });
  expect(await applyRebalance(session, { ...same, recheck: false })).toEqual({
    ok: true,
    value: { status: "nothing-to-write" },
  });
});
