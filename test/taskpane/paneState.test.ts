/**
 * What the pane saves after a correction (stateToSave): the replaced sheets' maps with fresh ids,
 * the other sheets' stored maps as they were, unresolved tables written back unless their sheet is
 * replaced, lost ones let go, the settings over the stored ones.
 */
import type { TableMap } from "../../src/core/model";
import type { LoadedState, LoadedTable } from "../../src/excel";
import { DEFAULT_SETTINGS, stateToSave } from "../../src/taskpane/paneState";

const map = (sheet: string, top = 2): TableMap =>
  ({ sheet, type: "split", range: { top, left: 0, bottom: top + 3, right: 5 } }) as unknown as TableMap;

const table = (id: string, sheet: string, status: LoadedTable["status"], withMap: boolean): LoadedTable => ({
  id,
  confirmed: true,
  json: { sheet },
  status,
  ...(withMap ? { map: map(sheet) } : {}),
  ...(status === "lost" ? {} : { range: "A3:F6" }),
});

const loaded: LoadedState = {
  found: true,
  tables: [
    table("t1", "分解表", "same", true),
    table("t2", "进度表", "moved", true),
    table("t3", "分解表", "resized", false),
    table("t4", "其他", "resized", false),
    table("t5", "其他", "lost", false),
  ],
  settings: { live: false, by: "张三" },
};

test("a corrected sheet replaces its stored maps and its unresolved tables; the rest stays", () => {
  const fresh = [map("分解表", 10), map("分解表", 20)];
  const state = stateToSave(loaded, { sheets: ["分解表"], maps: fresh }, DEFAULT_SETTINGS);
  expect(state.schema).toBe(1);
  expect(state.tables.map((t) => [t.id, t.map.sheet])).toEqual([
    ["t2", "进度表"],
    ["t1", "分解表"],
    ["t3", "分解表"],
  ]);
  expect(state.tables.slice(1).map((t) => t.map)).toEqual(fresh);
  expect(state.kept?.map((k) => k.id)).toEqual(["t4"]);
  expect(state.settings).toEqual({ ...DEFAULT_SETTINGS });
});

test("settings alone: every stored table kept, the new settings over the stored ones", () => {
  const state = stateToSave(loaded, { settings: { ...DEFAULT_SETTINGS, by: "李四" } }, DEFAULT_SETTINGS);
  expect(state.tables.map((t) => t.id)).toEqual(["t1", "t2"]);
  expect(state.kept?.map((k) => k.id)).toEqual(["t3", "t4"]);
  expect(state.settings).toMatchObject({ live: true, by: "李四" });
});

test("no stored state: only what the change brings", () => {
  const state = stateToSave(undefined, { sheets: ["分解表"], maps: [map("分解表")] }, DEFAULT_SETTINGS);
  expect(state.tables.map((t) => t.id)).toEqual(["t1"]);
  expect(state.kept).toEqual([]);
});
