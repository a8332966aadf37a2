/**
 * Accepting a finding with a reason (上报说明, issue 6) against the fake host: stored in `_tdcheck`
 * column C as the engine's document, applied by every check (the error stops counting but stays
 * listed, marked), lapsing when a covered cell changes (also in live mode), and withdrawn.
 */
import { parseAcceptances, readAcceptances, type AcceptedFinding } from "../../src/core/report";
import {
  acceptFinding,
  checkInExcel,
  liveIdle,
  loadAcceptances,
  loadSection,
  startLive,
  stopLive,
  withdrawAcceptance,
  type LiveUpdate,
  createSession,
  type Session,
} from "../../src/excel";
import type { FakeHost } from "../../src/fake-excel";
import { installSample } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

const SHEET = "分解表";
const REASON = "建德市数据以统计局终审为准，差额 1 家已备案";
let host: FakeHost;

beforeEach(() => {
  session = createSession();
  host = installSample({ apiVersion: "1.18" });
});

afterEach(async () => {
  await stopLive(session);
  host.uninstall();
});

async function checked() {
  const outcome = await checkInExcel(session, { lang: "zh" });
  if (outcome.kind !== "checked") throw new Error(outcome.kind);
  return outcome;
}

function d7(findings: AcceptedFinding[]): AcceptedFinding | undefined {
  return findings.find((f) => f.cell === "D7" && f.severity === "error");
}

test("an accepted finding stops counting as an error, stays listed with its reason, and the CLI's reader sees it", async () => {
  const first = await checked();
  const finding = d7(first.result.findings)!;
  expect(first.result.summary.errors).toBe(1);

  const accepted = await acceptFinding(session, finding, `  ${REASON} `, {
    by: "张三",
    at: "2024-05-01T08:00:00.000Z",
  });
  expect(accepted).toMatchObject({
    ok: true,
    value: {
      status: "accepted",
      acceptance: { rule: "sum-mismatch", sheet: SHEET, cell: "D7", reason: REASON },
    },
  });
  const stored = await loadSection(session, "acceptances");
  expect(parseAcceptances(stored.ok ? stored.value : undefined).acceptances).toHaveLength(1);

  const again = await checked();
  const summary = again.result.summary as typeof again.result.summary & { accepted: number; lapsed: number };
  expect(summary.errors).toBe(0);
  expect(summary.accepted).toBe(1);
  expect(summary.lapsed).toBe(0);
  expect(d7(again.result.findings)?.accepted).toEqual({
    reason: REASON,
    by: "张三",
    at: "2024-05-01T08:00:00.000Z",
  });
  // The same document the command line reads from the file.
  const grid = host.book.sheet("_tdcheck")!;
  const column = grid.values.map((row) => row?.[2]);
  const viaFile = readAcceptances({
    name: "x",
    sheets: [{ name: "_tdcheck", values: column.map((v) => [undefined, undefined, v as string]) }],
  });
  expect(viaFile.items.map((a) => a.reason)).toEqual([REASON]);

  // A new session (the pane reopened) reads the acceptance back.
  session = createSession();
  const reopened = await checked();
  expect(reopened.result.summary.errors).toBe(0);
  expect(await loadAcceptances(session)).toMatchObject({ ok: true, value: [{ reason: REASON }] });
});

test("an acceptance lapses when a covered cell is edited; putting the value back revives it", async () => {
  const first = await checked();
  await acceptFinding(session, d7(first.result.findings)!, REASON);
  host.user.setValue(SHEET, "E7", 105); // 上城区 104 → 105: the row now adds up to 2000
  host.user.setValue(SHEET, "Q7", 29); // 建德市 30 → 29: 1999 again, but other cells
  const edited = await checked();
  const s = edited.result.summary as typeof edited.result.summary & { accepted: number; lapsed: number };
  expect(s.errors).toBe(1);
  expect(s.accepted).toBe(0);
  expect(s.lapsed).toBe(1);
  expect(d7(edited.result.findings)?.accepted).toBeUndefined();

  host.user.setValue(SHEET, "E7", 104);
  host.user.setValue(SHEET, "Q7", 30);
  const back = await checked();
  expect(back.result.summary.errors).toBe(0);
});

test("live mode: an edit of a covered cell lapses the acceptance at once", async () => {
  const first = await checked();
  await acceptFinding(session, d7(first.result.findings)!, REASON);
  await checked();
  const updates: LiveUpdate[] = [];
  const started = await startLive(session, { debounceMs: 0, onFindings: (u) => updates.push(u) });
  expect(started.ok).toBe(true);
  host.user.setValue(SHEET, "Q7", 29);
  await host.settle();
  await liveIdle(session);
  await host.settle();
  const last = updates[updates.length - 1];
  expect(last.result.summary.errors).toBe(1);
  expect((last.result.summary as { lapsed?: number }).lapsed).toBe(1);
});

test("withdrawing an acceptance counts the error again; an empty reason is refused", async () => {
  const first = await checked();
  const finding = d7(first.result.findings)!;
  expect(await acceptFinding(session, finding, "   ")).toEqual({ ok: true, value: { status: "no-reason" } });
  await acceptFinding(session, finding, REASON);
  expect((await checked()).result.summary.errors).toBe(0);
  expect(await withdrawAcceptance(session, finding)).toEqual({ ok: true, value: [] });
  expect((await checked()).result.summary.errors).toBe(1);
});
