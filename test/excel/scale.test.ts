/**
 * Issue 4's budgets on a large sheet: 200,000 cells read in row blocks, each request and response
 * under 5 MB; 1,000 findings flagged in at most 3 syncs, every address under 8,192 characters.
 */
import { planFlags } from "../../src/core/flagPlan";
import { clearFlags, readWorkbook, writeFlags, createSession, type Session } from "../../src/excel";
import { FakeWorkbook, installFakeExcel, PAYLOAD_LIMIT, type FakeHost } from "../../src/fake-excel";
import { splitWithFindings } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

let host: FakeHost;
afterEach(() => host.uninstall());

test("200,000 cells: read in blocks under 5 MB each; 1,000 findings flagged in at most 3 syncs", async () => {
  session = createSession();
  // 2,000 indicators × (4 + 96) columns = 200,000 cells (+ title and header); every 2nd is off.
  // Detection runs on a prototype and its map is stretched over every row (detecting 2,000 count
  // rows takes seconds under Jest); the rules run for real on every row.
  const { workbook: grid, findings } = splitWithFindings(2000, 96, 2);
  host = installFakeExcel(FakeWorkbook.fromGrid(grid), { apiVersion: "1.18" });
  const before = host.snapshot();

  const from = host.syncs;
  const read = await readWorkbook(session);
  if (!read.ok) throw new Error(JSON.stringify(read.problem));
  const reading = host.summary(from);
  expect(reading.syncs).toBeGreaterThan(2); // really in blocks
  expect(reading.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT);
  expect(reading.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT);
  expect(read.value.sheets[0].values[2002][99]).toBe(grid.sheets[0].values[2002][99]);
  expect(read.value.sheets[0].values.length).toBe(2003);

  expect(findings.length).toBe(1000);
  const plan = planFlags(read.value, findings, "zh");
  const w = host.syncs;
  const written = await writeFlags(session, plan);
  expect(written.ok).toBe(true);
  const writing = host.summary(w);
  expect(writing.syncs).toBeLessThanOrEqual(3);
  expect(writing.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT);
  expect(writing.maxAddressLength).toBeLessThan(8192);
  if (!written.ok) return;
  expect(written.value.notes).toBe(1000);
  // One live rule for the 1,000 parents, cut into parts only where the address would pass 8,192.
  const rules = host.snapshot().sheets[0].rules;
  expect(rules.length).toBeLessThanOrEqual(2);
  expect(host.flagAt("分解表", "D4").lit).toBe(true);
  expect(host.flagAt("分解表", "D5").lit).toBe(false);
  expect(host.flagAt("分解表", "D2002").lit).toBe(true);

  const cleared = await clearFlags(session);
  expect(cleared).toEqual({ ok: true, value: { rules: rules.length, notes: 1000 } });
  // Compared as text: a deep comparison of 200,000 cells takes Jest seconds.
  expect(JSON.stringify(host.snapshot()) === JSON.stringify(before)).toBe(true);
}, 60000);
