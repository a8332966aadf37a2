import fc from "fast-check";
import {
  CHUNK_CHARS,
  SECTION_COLUMNS,
  chunkText,
  decodeSection,
  encodeSection,
  readSection,
} from "../../../src/core/report/stateSheet";
import {
  appendTrail,
  encodeTrail,
  parseTrail,
  readTrail,
  type TrailEntry,
} from "../../../src/core/report/trail";
import { seedWorkbook, sheet } from "../../helpers/grid";

const ENTRY: TrailEntry = {
  time: "2024-05-06T10:00:00.000Z",
  kind: "rebalance",
  indicator: "新增高新技术企业数(家)",
  sheet: "分解表",
  method: "proportional",
  locks: ["上城区", "滨江区"],
  bounds: [{ unit: "余杭区", min: 300 }],
  children: [
    { unit: "西湖区", cell: "G7", before: 178, after: 179 },
    { unit: "萧山区", cell: "I7", before: "1.7万", after: 17000 },
  ],
  target: 2000,
  by: "李四",
  source: "cli",
};

describe("the _tdcheck section format (shared with the add-in's storage)", () => {
  test("row 1 the name, row 2 the chunk count, then ~-prefixed chunks of at most 30,000 characters", () => {
    const doc = { schema: 1, text: "表".repeat(70000) };
    const column = encodeSection("acceptances", doc);
    expect(column[0]).toBe("acceptances");
    expect(column[1]).toBe(3);
    expect(column).toHaveLength(5);
    for (const chunk of column.slice(2) as string[]) {
      expect(chunk.startsWith("~")).toBe(true);
      expect(chunk.length - 1).toBeLessThanOrEqual(CHUNK_CHARS);
    }
    expect(decodeSection("acceptances", column)).toEqual({ ok: true, document: doc });
  });

  test("a chunk never ends inside a surrogate pair", () => {
    const text = "a" + "😀".repeat(20);
    for (const chunk of chunkText(text, 4)) {
      const last = chunk.charCodeAt(chunk.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
    expect(chunkText(text, 4).join("")).toBe(text);
  });

  test("any JSON document survives encode → decode", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const column = encodeSection("trail", doc);
        const back = decodeSection("trail", column);
        expect(back.ok).toBe(true);
        if (back.ok) expect(back.document).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
    );
  });

  test("a count stored as text (a text-formatted cell) is read as well", () => {
    expect(decodeSection("trail", ["trail", "1", '~{"a":1}'])).toEqual({ ok: true, document: { a: 1 } });
  });

  test("damage is a problem value: missing, wrong name, bad count, a chunk without ~, bad JSON", () => {
    expect(decodeSection("trail", [])).toEqual({ ok: false, problem: { code: "MISSING" } });
    expect(decodeSection("trail", ["flags", 1, "~{}"])).toEqual({
      ok: false,
      problem: { code: "BAD_NAME", found: "flags" },
    });
    expect(decodeSection("trail", ["trail", "x", "~{}"])).toMatchObject({
      ok: false,
      problem: { code: "BAD_COUNT" },
    });
    expect(decodeSection("trail", ["trail", 2, "~{", null])).toEqual({
      ok: false,
      problem: { code: "BAD_CHUNK", row: 4 },
    });
    expect(decodeSection("trail", ["trail", 1, "~{"])).toMatchObject({
      ok: false,
      problem: { code: "BAD_JSON" },
    });
  });

  test("sections sit in their columns: A state, B flags, C acceptances, D undo, E trail, F sheets", () => {
    expect(SECTION_COLUMNS).toEqual({ state: 0, flags: 1, acceptances: 2, undo: 3, trail: 4, sheets: 5 });
    const column = encodeTrail([ENTRY]);
    const grid = sheet(
      "_tdcheck",
      column.map((v) => [null, null, null, null, v]),
      { visibility: "veryHidden" },
    );
    const wb = { ...seedWorkbook(), sheets: [...seedWorkbook().sheets, grid] };
    expect(readSection(wb, "trail")).toEqual({ ok: true, document: { schema: 1, entries: [ENTRY] } });
    expect(readSection(wb, "acceptances")).toEqual({ ok: false, problem: { code: "MISSING" } });
  });
});

describe("the change trail", () => {
  test("entries are appended oldest first and read back", () => {
    const undo: TrailEntry = { ...ENTRY, time: "2024-05-06T10:05:00.000Z", kind: "undo", undoes: ENTRY.time };
    const column = appendTrail([ENTRY], undo);
    const wb = {
      ...seedWorkbook(),
      sheets: [
        ...seedWorkbook().sheets,
        sheet(
          "_tdcheck",
          column.map((v) => [null, null, null, null, v]),
        ),
      ],
    };
    expect(readTrail(wb)).toEqual({ items: [ENTRY, undo] });
  });

  test("entries that are not trail entries are dropped and counted", () => {
    const parsed = parseTrail({
      schema: 1,
      entries: [ENTRY, { time: 1 }, { ...ENTRY, children: [{ unit: "x" }] }],
    });
    expect(parsed).toEqual({ entries: [ENTRY], dropped: 2, ok: true });
    expect(parseTrail({ schema: 2, entries: [] }).ok).toBe(false);
  });
});
