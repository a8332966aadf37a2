/**
 * What the add-in remembers lives in the very hidden sheet, anchored by workbook names: a round
 * trip survives rows inserted above the table (the map moves with its anchor), reports a table
 * whose rows changed inside it, and a large state is cut into chunks under Excel's cell limit.
 */
import { detectWorkbook } from "../../src/core/check";
import {
  checkInExcel,
  clearFlags,
  loadSection,
  loadState,
  readWorkbook,
  saveSection,
  saveState,
  STATE_SHEET,
  createSession,
  type Session,
} from "../../src/excel";
import { chunkText, CHUNK_CHARS } from "../../src/excel/storage";
import type { FakeHost } from "../../src/fake-excel";
import { installSample } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

let host: FakeHost;
beforeEach(() => {
  session = createSession();
  host = installSample();
});
afterEach(() => host.uninstall());

async function sampleMap() {
  const read = await readWorkbook(session);
  if (!read.ok) throw new Error("read");
  return { workbook: read.value, map: detectWorkbook(read.value).maps[0] };
}

test("layout: a very hidden _tdcheck sheet, section name, chunk count, '~'-prefixed chunks; one anchor per table", async () => {
  const { map } = await sampleMap();
  const saved = await saveState(session, {
    schema: 1,
    tables: [{ id: "t1", map, confirmed: true }],
    settings: { live: true },
  });
  expect(saved.ok).toBe(true);
  const sheet = host.snapshot().sheets.find((s) => s.name === STATE_SHEET)!;
  expect(sheet.visibility).toBe("VeryHidden");
  expect(sheet.cells.A1.value).toBe("state");
  expect(sheet.cells.A2.value).toBe(1);
  expect(String(sheet.cells.A3.value).startsWith("~{")).toBe(true);
  expect(JSON.parse(String(sheet.cells.A3.value).slice(1))).toMatchObject({
    schema: "tdcheck-state/1",
    maps: { schema: "tdcheck-map/1" },
  });
  expect(host.snapshot().names).toEqual([{ name: "_tdcheck_t1", refersTo: "分解表!A3:Q8" }]);
});

test("round trip: the map and settings come back as saved", async () => {
  const { workbook, map } = await sampleMap();
  await saveState(session, {
    schema: 1,
    tables: [{ id: "t1", map, confirmed: true }],
    settings: { live: true, tolerance: "exact" },
  });
  session = createSession();
  const from = host.syncs;
  const loaded = await loadState(session, { workbook });
  expect(host.syncs - from).toBeLessThanOrEqual(2);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problem));
  expect(loaded.value.found).toBe(true);
  expect(loaded.value.settings).toEqual({ live: true, tolerance: "exact" });
  expect(loaded.value.tables).toHaveLength(1);
  const t = loaded.value.tables[0];
  expect(t).toMatchObject({ id: "t1", confirmed: true, status: "same", range: "A3:Q8" });
  expect(t.map?.range).toEqual(map.range);
  expect(t.map?.indicators.map((i) => i.line)).toEqual(map.indicators.map((i) => i.line));
});

test("rows inserted above the table: the anchor moves and the map moves with it; Check uses it", async () => {
  const { map } = await sampleMap();
  await saveState(session, { schema: 1, tables: [{ id: "t1", map, confirmed: true }], settings: {} });
  host.user.insertRows("分解表", 1, 2);
  session = createSession();
  const read = await readWorkbook(session);
  if (!read.ok) throw new Error("read");
  const loaded = await loadState(session, { workbook: read.value });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problem));
  const t = loaded.value.tables[0];
  expect(t).toMatchObject({ status: "moved", range: "A5:Q10" });
  expect(t.map?.range).toEqual({ ...map.range, top: map.range.top + 2, bottom: map.range.bottom + 2 });
  expect(t.map?.indicators.map((i) => i.line)).toEqual(map.indicators.map((i) => i.line + 2));
  const outcome = await checkInExcel(session);
  if (outcome.kind !== "checked") throw new Error(outcome.kind);
  expect(outcome.result.findings.filter((f) => f.severity === "error").map((f) => f.cell)).toEqual(["D9"]);
  expect(host.flagAt("分解表", "D9").lit).toBe(true);
});

test("a row inserted inside the table: reported as resized, with its new extent", async () => {
  const { map } = await sampleMap();
  await saveState(session, { schema: 1, tables: [{ id: "t1", map, confirmed: true }], settings: {} });
  host.user.insertRows("分解表", 6, 1);
  const loaded = await loadState(session);
  if (!loaded.ok) throw new Error("load");
  expect(loaded.value.tables[0]).toMatchObject({ status: "resized", range: "A3:Q9" });
});

test("a state larger than one request is chunked (30,000 characters per cell) and read back whole", async () => {
  const { workbook, map } = await sampleMap();
  const big = "指标分解".repeat(200_000); // 800,000 characters: 27 chunks, two requests each way
  await saveState(session, {
    schema: 1,
    tables: [{ id: "t1", map, confirmed: false }],
    settings: { note: big },
  });
  const sheet = host.snapshot().sheets.find((s) => s.name === STATE_SHEET)!;
  expect(sheet.cells.A2.value).toBe(27);
  expect(Object.values(sheet.cells).every((c) => String(c.value ?? "").length <= 32767)).toBe(true);
  session = createSession();
  const loaded = await loadState(session, { workbook });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problem));
  expect(loaded.value.settings.note).toBe(big);
  expect(host.summary().maxRequestBytes).toBeLessThan(5_000_000);
});

test("chunks never split a character outside the BMP", () => {
  const text = "a".repeat(CHUNK_CHARS - 1) + "𠀀" + "b";
  const chunks = chunkText(text);
  expect(chunks.join("")).toBe(text);
  expect(chunks[0].length).toBe(CHUNK_CHARS - 1);
});

test("no state yet: found is false, nothing is created by reading", async () => {
  const loaded = await loadState(session);
  expect(loaded).toEqual({ ok: true, value: { found: false, tables: [], settings: {} } });
  expect(host.book.sheet(STATE_SHEET)).toBeUndefined();
});

test("a damaged state is a problem, not an exception", async () => {
  const { map } = await sampleMap();
  await saveState(session, { schema: 1, tables: [{ id: "t1", map, confirmed: true }], settings: {} });
  host.book.sheet(STATE_SHEET)!.setConstant(2, 0, "~{not json");
  const loaded = await loadState(session);
  expect(loaded).toMatchObject({ ok: false, problem: { code: "STATE_UNREADABLE" } });
});

test("open sections (acceptances, undo, trail) round-trip beside the state and the flags", async () => {
  await expect(loadSection(session, "acceptances")).resolves.toEqual({ ok: true, value: undefined });
  const doc = {
    schema: "tdcheck-acceptances/1",
    items: [{ cells: "分解表!D7", reason: "上报说明：含新设区" }],
  };
  await expect(saveSection(session, "acceptances", doc)).resolves.toEqual({ ok: true, value: undefined });
  await checkInExcel(session); // writes the flags section beside it
  session = createSession();
  await expect(loadSection(session, "acceptances")).resolves.toEqual({ ok: true, value: doc });
  const sheet = host.snapshot().sheets.find((s) => s.name === STATE_SHEET)!;
  expect(sheet.cells.B1.value).toBe("flags");
  expect(sheet.cells.C1.value).toBe("acceptances");
  // Clear flags keeps the sheet: it holds more than the flags.
  await clearFlags(session);
  expect(host.book.sheet(STATE_SHEET)).toBeDefined();
  await expect(loadSection(session, "acceptances")).resolves.toEqual({ ok: true, value: doc });
});

describe("a stored table that does not resolve is never dropped by a save", () => {
  /** The sample's table saved, then a row inserted inside it: it loads as resized, without a map. */
  async function resizedTable() {
    const { map } = await sampleMap();
    await saveState(session, { schema: 1, tables: [{ id: "t1", map, confirmed: true }], settings: {} });
    host.user.insertRows("分解表", 6, 1);
    const loaded = await loadState(session);
    if (!loaded.ok) throw new Error("load");
    return loaded.value.tables[0];
  }

  test("a resized table, saved back as kept beside no others, loads as it was stored", async () => {
    const t = await resizedTable();
    expect(t).toMatchObject({ status: "resized", range: "A3:Q9" });
    expect(t.map).toBeUndefined();

    const saved = await saveState(session, {
      schema: 1,
      tables: [],
      kept: [{ id: t.id, confirmed: t.confirmed, json: t.json, range: t.range! }],
      settings: { live: true },
    });
    expect(saved.ok).toBe(true);
    session = createSession();
    const again = await loadState(session);
    if (!again.ok) throw new Error("load");
    expect(again.value.tables).toHaveLength(1);
    expect(again.value.tables[0]).toMatchObject({
      id: "t1",
      confirmed: true,
      status: "resized",
      range: "A3:Q9",
    });
    expect(again.value.tables[0].json).toEqual(t.json);
    expect(host.snapshot().names).toEqual([{ name: "_tdcheck_t1", refersTo: "分解表!A3:Q9" }]);
  });

  test("kept beside a table saved anew: both stored, ids kept apart, each anchored", async () => {
    const t = await resizedTable();
    const read = await readWorkbook(session, { sheets: "all" });
    if (!read.ok) throw new Error("read");
    const progression = detectWorkbook(read.value).maps.find((m) => m.sheet === "进度表")!;
    await saveState(session, {
      schema: 1,
      tables: [{ id: "t1", map: progression, confirmed: false }],
      kept: [{ id: t.id, confirmed: t.confirmed, json: t.json, range: t.range! }],
      settings: {},
    });
    session = createSession();
    const again = await loadState(session, { workbook: read.value });
    if (!again.ok) throw new Error("load");
    expect(again.value.tables.map((x) => [x.id, x.status, x.map?.sheet])).toEqual([
      ["t1", "same", "进度表"],
      ["t2", "resized", undefined],
    ]);
    expect(
      host
        .snapshot()
        .names.map((n) => n.refersTo)
        .sort(),
    ).toEqual(["分解表!A3:Q9", "进度表!A3:F13"]);
  });

  test("a kept table whose sheet is gone is let go (nothing to anchor to)", async () => {
    const saved = await saveState(session, {
      schema: 1,
      tables: [],
      kept: [{ id: "t1", confirmed: true, json: { sheet: "不存在", range: "A1:B2" }, range: "A1:B2" }],
      settings: {},
    });
    expect(saved.ok).toBe(true);
    const loaded = await loadState(session);
    if (!loaded.ok) throw new Error("load");
    expect(loaded.value.tables).toEqual([]);
  });
});
