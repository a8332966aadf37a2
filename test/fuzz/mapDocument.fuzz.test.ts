/**
 * Fuzzing the table map (`--map MAP.json`, issue 8). A map is typed by a person, so anything may
 * come in: random JSON, and — more telling — the seed's own map with its fields changed, deleted,
 * duplicated or pointed at other cells of the sheet (a parent on a text column, a child on the
 * header, an indicator twice). fromMapDocument accepts it or names the path that is wrong; a map it
 * accepts goes through every rule, the flag plan and the JSON contract without an exception.
 */
import fc from "fast-check";
import { checkMaps, detectWorkbook } from "../../src/core/check";
import { columnName } from "../../src/core/address";
import { contractDocument } from "../../src/core/contract";
import { planFlags } from "../../src/core/flagPlan";
import { fromMapDocument, toMapDocument } from "../../src/core/mapJson";
import { seedWorkbook } from "../helpers/grid";

const SEED = seedWorkbook();
const DOC = JSON.parse(JSON.stringify(toMapDocument(detectWorkbook(SEED).maps))) as unknown;

function accepted(doc: unknown): boolean {
  const read = fromMapDocument(doc, SEED);
  if (!read.ok) {
    expect(typeof read.path).toBe("string");
    expect(typeof read.problem).toBe("string");
    return false;
  }
  const result = { ...checkMaps(SEED, read.maps), problems: [] };
  planFlags(SEED, result.findings, "zh");
  JSON.stringify(contractDocument("seed.xlsx", result, "en"));
  return true;
}

test("the seed's own map is accepted", () => {
  expect(accepted(DOC)).toBe(true);
});

test("random JSON: accepted or refused with a path, never an exception", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (json) => {
      accepted(json);
      accepted({ schema: "tdcheck-map/1", tables: json });
      accepted({ schema: "tdcheck-map/1", tables: [json] });
    }),
    { numRuns: 600 },
  );
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in the document. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

const ALL_PATHS = paths(DOC as Json).filter((p) => p.length > 0);

/** Values that are valid somewhere in a map, so that many mutations pass the reader and reach the rules. */
const PLAUSIBLE: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: 1, max: 12 }),
  fc.integer({ min: 0, max: 20 }).map((c) => columnName(c)),
  fc.constantFrom(
    "additive",
    "share",
    "ratio",
    "qualitative",
    "floor",
    "cap",
    "exact",
    "at-least",
    "flow",
    "stock",
  ),
  fc.constantFrom(
    "indicators-in-rows",
    "units-in-rows",
    "split",
    "progression",
    "A1:Q8",
    "A3:Q8",
    "Z99:A1",
    "分解表",
  ),
  fc.constantFrom("杭州市", "上城区", "家", "%", "亿元", "", " "),
  fc.constantFrom(0, -1, 1.5, 1e9, 2024, null, true, [], {}),
);

const mutation = fc.record({
  path: fc.constantFrom(...ALL_PATHS),
  kind: fc.constantFrom("set", "set", "set", "delete", "duplicate", "swap"),
  value: fc.oneof(
    { weight: 4, arbitrary: PLAUSIBLE },
    { weight: 1, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> },
  ),
  other: fc.constantFrom(...ALL_PATHS),
});

const clone = (v: Json | undefined): Json =>
  v === undefined ? null : (JSON.parse(JSON.stringify(v)) as Json);

function getAt(root: Json, p: (string | number)[]): Json | undefined {
  let o: Json | undefined = root;
  for (const k of p) {
    // Own keys only: [].at is Array.prototype.at, not a field.
    if (!o || typeof o !== "object" || !Object.prototype.hasOwnProperty.call(o, k)) return undefined;
    o = (o as Record<string | number, Json>)[k];
  }
  return o;
}

function mutate(
  doc: Json,
  m: { path: (string | number)[]; kind: string; value: Json; other: (string | number)[] },
): Json {
  const copy = clone(doc);
  const parent = getAt(copy, m.path.slice(0, -1));
  const key = m.path[m.path.length - 1];
  if (!parent || typeof parent !== "object") return copy;
  const slots = parent as Record<string | number, Json>;
  switch (m.kind) {
    case "set":
      slots[key] = m.value;
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete slots[key];
      break;
    case "duplicate":
      if (Array.isArray(parent) && Number(key) < parent.length)
        parent.splice(Number(key), 0, clone(parent[Number(key)]));
      break;
    case "swap":
      slots[key] = clone(getAt(copy, m.other));
      break;
  }
  return copy;
}

test("the seed's map with fields changed, deleted, duplicated or moved: accepted or refused, never an exception", () => {
  let passed = 0;
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      let doc = DOC as Json;
      for (const m of ms) doc = mutate(doc, m);
      if (accepted(doc)) passed++;
    }),
    { numRuns: 800 },
  );
  // Enough of them passed the reader to exercise the rules with nonsense maps.
  expect(passed).toBeGreaterThan(100);
});
