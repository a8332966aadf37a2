/**
 * The generalization corpus (issue 12, items 4 and "Must show"): 330 generated workbooks, checked by
 * the command line in-process. For every case: each injected fault is found as an error (a warning for
 * a stock's decrease) on the cell PRODUCT §4 names, with the faulty child among the hints where §4 gives
 * one; no error or warning outside the answer key; no refusal (every case has a parent). At the end,
 * the per-dimension table (also `node test/generalization/report.js`).
 *
 * The answer keys come from the generator (build.js), never from the engine. The first tests check the
 * generator itself: its keys agree with the cells it wrote, by PRODUCT §4's tolerance formula.
 */
import * as fs from "fs";
import * as path from "path";
import { cli, tempDir } from "../helpers/cli";

interface Key {
  rule: string;
  severity: string;
  sheet: string;
  cell: string;
  fault: string;
  table: number;
  hints?: string[];
}
interface Arithmetic {
  indicator: string;
  kind: "additive" | "share";
  parent: string;
  children: string[];
  decimals: number;
  exact: boolean;
  claim: "equal" | "rounding" | "error";
}
interface Table {
  sheet: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  dims: Record<string, string[]>;
  split: { parent: string; children: string[] } | null;
  arithmetic: Arithmetic[];
}
type Cell = { v: string | number; fmt?: string } | null;
interface Planned {
  id: string;
  sheets: { name: string; rows: Cell[][] }[];
  tables: Table[];
  expected: Key[];
  dims: Record<string, string[]>;
}
interface Built extends Planned {
  file: string;
}
interface Evaluation {
  id: string;
  refused: boolean;
  broken: string | null;
  faults: (Key & { found: boolean; why?: string })[];
  unexpected: { rule: string; severity: string; sheet: string; cell: string; message?: string }[];
  /** Per table: "read", "misread …", "not read", or null for a year table. */
  readings: (string | null)[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
const gen = require("./build.js") as {
  planCorpus: () => Planned[];
  writeCorpus: (planned: Planned[], outDir: string) => Promise<{ id: string; file: string }[]>;
  UNSEEN_EVERY: number;
  a1: (row: number, col: number) => string;
};
const evaluation = require("./evaluate.js") as {
  evaluateCase: (c: Planned, run: { code: number; stdout: string; stderr: string }) => Evaluation;
  passed: (e: Evaluation) => boolean;
  formatTable: (cases: Planned[], results: Evaluation[]) => string;
  totals: (cases: Planned[], results: Evaluation[]) => Record<string, number>;
  parseA1: (cell: string) => { row: number; col: number } | null;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const CASES = gen.planCorpus();
const results: Evaluation[] = [];
let built: Built[] = [];

beforeAll(async () => {
  const files = await gen.writeCorpus(CASES, path.join(tempDir(), "generalization"));
  built = CASES.map((c, i) => ({ ...c, file: files[i].file }));
}, 120000);

afterAll(() => {
  if (built.length) fs.rmSync(path.dirname(built[0].file), { recursive: true, force: true });
});

// --- The generator's own arithmetic, read back from the cells it wrote (independent of the engine).

/** A cell's number as scaled integer at `decimals`, or null for `-`/blank: plain, text, full-width. */
function scaledValue(cell: Cell, decimals: number): number | null {
  if (cell === null || cell.v === "-" || cell.v === "—") return null;
  const text =
    typeof cell.v === "number"
      ? cell.v.toFixed(decimals)
      : cell.v.replace(/[０-９．]/g, (ch) => (ch === "．" ? "." : String(ch.charCodeAt(0) - 0xff10)));
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`not a number: ${String(cell.v)}`);
  return Math.round(Number(text) * 10 ** decimals);
}

function cellAt(c: Planned, sheet: string, a1: string): Cell {
  const at = evaluation.parseA1(a1)!;
  const rows = c.sheets.find((s) => s.name === sheet)!.rows;
  return rows[at.row]?.[at.col] ?? null;
}

describe("the corpus generator", () => {
  test("at least 300 cases, a fifth written in unseen words, every case with at least one keyed split", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    const unseen = CASES.filter((c) => c.dims.vocabulary?.includes("unseen words"));
    expect(unseen.length * gen.UNSEEN_EVERY).toBeGreaterThanOrEqual(CASES.length);
    for (const c of CASES) expect(c.tables.some((t) => t.arithmetic.length > 0)).toBe(true);
    const faults = CASES.flatMap((c) => c.expected);
    const kinds = new Set(faults.map((f) => f.fault));
    for (const k of [
      "off-by-one",
      "transposed digits",
      "dropped digit",
      "child left out",
      "decimal total off",
      "below assignment",
      "progression decrease",
    ])
      expect(kinds).toContain(k);
  });

  test("every dimension the issue names is covered", () => {
    const seen = (dim: string) => new Set(CASES.flatMap((c) => c.dims[dim] ?? []));
    for (const d of [
      "city",
      "town",
      "village",
      "department",
      "company",
      "school",
      "hospital",
      "stems",
      "code",
      "english",
      "invented",
    ])
      expect(seen("domain")).toContain(d);
    for (const h of [
      "单位",
      "单位名称",
      "地区",
      "村（社区）",
      "部门",
      "Region",
      "(blank)",
      "承担单位",
      "责任主体",
      "片区",
    ])
      expect(seen("unit header")).toContain(h);
    for (const w of ["合计", "总计", "全市", "全县", "汇总", "Total", "Grand total", "X目标", "总额"])
      expect(seen("total word")).toContain(w);
    for (const a of ["省下达目标", "考核目标", "上级下达", "省定目标"])
      expect(seen("assignment")).toContain(a);
    expect(seen("measure")).toEqual(new Set(["in the name", "measure column/row", "单位： line"]));
    expect(seen("orientation")).toEqual(new Set(["units-in-rows", "indicators-in-rows"]));
    expect(seen("children")).toEqual(new Set(["2–5", "6–13", "14–30", "31–60"]));
    for (const t of [
      "rounding within band",
      "share adds to 100",
      "ratio row",
      "qualitative row",
      "year table",
      "values 1900–2100",
    ])
      expect(seen("traps")).toContain(t);
    for (const n of [
      "title",
      "序号",
      "备注",
      "notes",
      "blank row",
      "numbers as text",
      "full-width digits",
      "number formats",
    ])
      expect(seen("noise")).toContain(n);
    expect(seen("layout")).toEqual(
      new Set(["single table", "two tables stacked", "year table below", "second sheet"]),
    );
  });

  test("each key agrees with the cells written, by PRODUCT §4's tolerance formula", () => {
    const wrong: string[] = [];
    for (const c of CASES)
      for (const t of c.tables)
        for (const a of t.arithmetic) {
          const parent = scaledValue(cellAt(c, t.sheet, a.parent), a.decimals)!;
          const kids = a.children.map((x) => scaledValue(cellAt(c, t.sheet, x), a.decimals));
          const n = kids.filter((k) => k !== null).length;
          const diff = Math.abs(kids.reduce<number>((s, k) => s + (k ?? 0), 0) - parent);
          // In units of u = 10^-d: rounding when diff ≤ min(√(n+1), (n+1)/2); error beyond (n+1)/2.
          const rounding = diff > 0 && diff * diff <= n + 1 && 2 * diff <= n + 1;
          const ok =
            a.claim === "equal"
              ? diff === 0
              : a.claim === "rounding"
                ? !a.exact && rounding
                : a.exact
                  ? diff > 0
                  : 2 * diff > n + 1;
          if (!ok)
            wrong.push(
              `${c.id} ${t.sheet}!${a.parent} ${a.indicator}: claim ${a.claim}, diff ${diff}, n ${n}`,
            );
          const keyed = c.expected.some(
            (k) => k.rule === "sum-mismatch" && k.sheet === t.sheet && k.cell === a.parent,
          );
          if (keyed !== (a.claim === "error"))
            wrong.push(`${c.id} ${t.sheet}!${a.parent}: key and claim disagree`);
        }
    expect(wrong).toEqual([]);
  });

  test("a table in unseen words has a parent that arithmetic alone identifies (PRODUCT §3.1)", () => {
    const weak: string[] = [];
    for (const c of CASES)
      for (const t of c.tables.filter((x) => x.dims.vocabulary?.includes("unseen words"))) {
        const additive = t.arithmetic.filter((a) => a.kind === "additive");
        const fits = additive.filter((a) => a.claim !== "error").length;
        if (additive.length < 3 || fits < 2 || fits * 2 <= additive.length) weak.push(`${c.id} ${t.sheet}`);
      }
    expect(weak).toEqual([]);
  });

  test("the corpus is the same on every run (seeded)", () => {
    expect(JSON.stringify(gen.planCorpus().slice(0, 20))).toBe(JSON.stringify(CASES.slice(0, 20)));
  });
});

// --- The engine against the keys.

describe("the generalization corpus", () => {
  test.each(CASES.map((c, i) => [c.id, i] as const))("%s", async (_id, i) => {
    const c = built[i];
    const run = await cli("check", c.file, "--format", "json");
    const e = evaluation.evaluateCase(c, run);
    results[i] = e;
    expect({
      refused: e.refused ? run.stderr.trim() : false,
      broken: e.broken,
      missed: e.faults
        .filter((f) => !f.found)
        .map((f) => `${f.rule} ${f.sheet}!${f.cell} (${f.fault}): ${f.why}`),
      unexpected: e.unexpected.map((u) => `${u.rule} ${u.severity} ${u.sheet}!${u.cell}: ${u.message ?? ""}`),
      splits: e.readings.filter((r) => r !== null),
    }).toEqual({
      refused: false,
      broken: null,
      missed: [],
      unexpected: [],
      splits: c.tables.filter((t) => t.split).map(() => "read"),
    });
  });

  test("per-dimension table: 100% of faults found, nothing unexpected, no refusal, every split read", () => {
    expect(results.filter(Boolean)).toHaveLength(CASES.length);
    console.log(evaluation.formatTable(CASES, results));
    const t = evaluation.totals(CASES, results);
    expect({ found: t.found, unexpected: t.unexpected, refused: t.refused, read: t.read }).toEqual({
      found: t.faults,
      unexpected: 0,
      refused: 0,
      read: t.splits,
    });
  });
});
