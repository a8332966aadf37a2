/**
 * Runs the rules in small independent units ("buckets": one indicator row of one split, one
 * split's header, one 其中 group, one growth chain, …) so that after an edit only the buckets
 * whose cells changed run again (live mode: docs/architecture.md, "The Excel door"). A full check is every
 * bucket once.
 */
import { rangeA1 } from "./address";
import { sheetView, type SheetView } from "./detect/view";
import { findingsKey, SEVERITY_ORDER, type Finding } from "./finding";
import type { RawValue, WorkbookGrid } from "./grid";
import type { IndicatorLine, ProgressionTable, SplitTable, TableMap } from "./model";
import {
  CROSS_SHEET_RULES,
  GROUP_RULES,
  HEADER_RULES,
  PROGRESSION_RULES,
  ROW_RULES,
  WEIGHT_RULES,
  type Runner,
} from "./rules";
import type { PassedCheck, RuleOutput, SplitRun } from "./rules/rule";
import { parseAt, parseSplits, parseUnitGroups, type ParsedProgression, type ParsedSplit } from "./table";

interface BucketResult {
  findings: Finding[];
  passed: PassedCheck[];
  checks: number;
}

interface TableState {
  map: TableMap;
  view: SheetView;
  rowIndex: Map<number, number>;
  /** Whether a view line is one of the table's unit (or period) lines. */
  hasLine(line: number): boolean;
  splits: ParsedSplit[];
  /** What the group rules (其中, components, growth) read: the first split, or a table's units when it has no parent. */
  groups?: ParsedSplit;
  progression?: ParsedProgression;
  /** The splits each unit line takes part in, made on the first edit (for live mode's batches). */
  splitsOfLine?: Map<number, number[]>;
}

export interface CellEdit {
  sheet: string;
  /** 0-based sheet position. */
  row: number;
  col: number;
  value: RawValue;
  formula?: string | null;
}

export interface EditOutcome {
  /** The edit touched a table's header or names: detection must run again. */
  structural: boolean;
  /** Checks that ran again (the rest kept their results). */
  checksRun: number;
  bucketsRun: number;
  /** Whether any finding appeared, disappeared or changed. */
  changed: boolean;
}

function collector(): { out: RuleOutput; result: BucketResult } {
  const result: BucketResult = { findings: [], passed: [], checks: 0 };
  const out: RuleOutput = {
    finding: (f) => result.findings.push(f),
    passed: (c) => {
      result.checks++;
      result.passed.push(c);
    },
    failed: () => {
      result.checks++;
    },
  };
  return { out, result };
}

export class Checker {
  private readonly tables: TableState[] = [];
  private readonly buckets = new Map<string, () => BucketResult>();
  private readonly results = new Map<string, BucketResult>();

  /**
   * `workbook` stays the caller's: `applyEditsInPlace` writes edits into it (the checker and its
   * owner — the Excel adapter's session — share one grid, so live mode re-reads nothing).
   */
  constructor(
    private readonly workbook: WorkbookGrid,
    readonly maps: TableMap[],
  ) {
    // One view per sheet and orientation: making one measures the whole sheet, and a sheet may
    // hold hundreds of stacked tables.
    const views = new Map<string, SheetView>();
    maps.forEach((map, t) => {
      const grid = workbook.sheets.find((s) => s.name === map.sheet);
      if (!grid) return;
      const key = `${map.orientation}\u0000${map.sheet}`;
      let view = views.get(key);
      if (!view) views.set(key, (view = sheetView(grid, map.orientation)));
      const rowIndex = new Map(map.indicators.map((ind, i) => [ind.line, i]));
      if (map.type === "split") {
        const splits = parseSplits(view, map);
        const groups = splits[0] ?? parseUnitGroups(view, map);
        const cells = groups?.cells;
        const hasLine = (line: number) => cells !== undefined && cells.lineIndex(line) >= 0;
        this.tables[t] = { map, view, rowIndex, hasLine, splits, groups };
        this.registerSplitBuckets(t);
      } else {
        const cells = map.indicators.map((ind) =>
          map.periods.map((p) => parseAt(view, ind.line, p.line, ind.measure)),
        );
        const periods = new Set(map.periods.map((p) => p.line));
        this.tables[t] = {
          map,
          view,
          rowIndex,
          hasLine: (line) => periods.has(line),
          splits: [],
          progression: { map, view, cells },
        };
        this.registerProgressionBuckets(t);
      }
    });
    this.buckets.set("x", () => {
      const { out, result } = collector();
      const splits = this.tables.flatMap((s) => s?.splits ?? []);
      for (const rule of CROSS_SHEET_RULES) rule.run(splits, out);
      return result;
    });
  }

  private registerSplitBuckets(t: number): void {
    const state = this.tables[t];
    const table = state.map as SplitTable;
    state.splits.forEach((split, s) => {
      this.buckets.set(`h:${t}:${s}`, () => this.run(HEADER_RULES, { ...split, rows: [] }));
      split.rows.forEach((_, i) => {
        this.buckets.set(`r:${t}:${s}:${i}`, () =>
          this.run(ROW_RULES, { ...this.tables[t].splits[s], rows: [this.tables[t].splits[s].rows[i]] }),
        );
      });
      table.weights.forEach((link, k) => {
        this.buckets.set(`w:${t}:${s}:${k}`, () => {
          const sp = this.tables[t].splits[s];
          const rows = sp.rows.filter(
            (r) => r.indicator.line === link.ratio || r.indicator.line === link.weight,
          );
          return this.run(WEIGHT_RULES, { ...sp, map: { ...sp.map, weights: [link] }, rows });
        });
      });
    });
    const groups = (kind: "parts" | "components" | "growth") => table[kind].length;
    for (const kind of ["parts", "components", "growth"] as const) {
      for (let g = 0; g < groups(kind); g++) {
        this.buckets.set(`${kind}:${t}:${g}`, () => {
          const first = this.tables[t].groups!;
          const only = {
            ...table,
            parts: [],
            components: [],
            growth: [],
            [kind]: [table[kind][g]],
          } as SplitTable;
          return this.run(GROUP_RULES[kind], { ...first, index: 0, table: only });
        });
      }
    }
  }

  private registerProgressionBuckets(t: number): void {
    const state = this.tables[t];
    const map = state.map as ProgressionTable;
    map.indicators.forEach((ind, i) => {
      this.buckets.set(`q:${t}:${i}`, () => {
        const { out, result } = collector();
        const p = this.tables[t].progression!;
        const one: ParsedProgression = {
          map: { ...map, indicators: [ind] },
          view: p.view,
          cells: [p.cells[i]],
        };
        for (const rule of PROGRESSION_RULES) rule.run(one, out);
        return result;
      });
    });
  }

  private run(rules: readonly Runner<SplitRun>[], parsed: ParsedSplit): BucketResult {
    const { out, result } = collector();
    for (const rule of rules) rule.run(parsed, out);
    return result;
  }

  /** Runs every bucket. */
  checkAll(): void {
    for (const [key, run] of this.buckets) this.results.set(key, run());
  }

  /**
   * Writes the edits into the workbook grid this checker was made with — the caller's own object,
   * changed in place, not a copy: copying a sheet per edit would break live mode's 10 ms budget —
   * and re-runs only the buckets whose cells changed. An edit in a table's header or name line
   * changes what the table is, and is reported as structural.
   */
  applyEditsInPlace(edits: readonly CellEdit[]): EditOutcome {
    const dirty = new Set<string>();
    let structural = false;
    for (const e of edits) {
      const grid = this.workbook.sheets.find((s) => s.name === e.sheet);
      if (!grid) continue;
      (grid.values[e.row] ??= [])[e.col] = e.value;
      if (e.formula !== undefined) {
        grid.formulas ??= [];
        (grid.formulas[e.row] ??= [])[e.col] = e.formula;
      }
      this.tables.forEach((state, t) => {
        if (!state || state.map.sheet !== e.sheet) return;
        const rowsFirst = state.map.orientation === "indicators-in-rows";
        const vRow = rowsFirst ? e.row : e.col;
        const vLine = rowsFirst ? e.col : e.row;
        const i = state.rowIndex.get(vRow);
        if (vRow === state.map.headerLine || (vLine === state.map.nameLine && i !== undefined))
          structural = true;
        if (i === undefined || !state.hasLine(vLine)) return;
        this.reparse(t, i, vLine);
        this.markDirty(t, i, vLine, dirty);
      });
    }
    let checksRun = 0;
    let changed = false;
    for (const key of dirty) {
      const run = this.buckets.get(key);
      if (!run) continue;
      const before = this.results.get(key);
      const after = run();
      checksRun += after.checks;
      if (!before || findingsKey(before.findings) !== findingsKey(after.findings)) changed = true;
      this.results.set(key, after);
    }
    return { structural, checksRun, bucketsRun: dirty.size, changed };
  }

  private reparse(t: number, i: number, line: number): void {
    const state = this.tables[t];
    if (state.progression) {
      const ind: IndicatorLine = state.map.indicators[i];
      const p = (state.map as ProgressionTable).periods.findIndex((x) => x.line === line);
      if (p >= 0) state.progression.cells[i][p] = parseAt(state.view, ind.line, line, ind.measure);
      return;
    }
    // Line cells are shared by every split (a city is a child above and a parent below).
    state.groups?.cells.forget(line, i);
  }

  private markDirty(t: number, i: number, line: number, dirty: Set<string>): void {
    const state = this.tables[t];
    const row = state.map.indicators[i].line;
    if (state.progression) {
      dirty.add(`q:${t}:${i}`);
      return;
    }
    const table = state.map as SplitTable;
    if (!state.splitsOfLine) {
      const index = new Map<number, number[]>();
      state.splits.forEach((sp, s) => {
        for (const u of [sp.map.parent, sp.map.assignment, ...sp.map.children]) {
          if (!u) continue;
          const list = index.get(u.line);
          if (!list) index.set(u.line, [s]);
          else if (list[list.length - 1] !== s) list.push(s);
        }
      });
      state.splitsOfLine = index;
    }
    for (const s of state.splitsOfLine.get(line) ?? []) {
      dirty.add(`r:${t}:${s}:${i}`);
      table.weights.forEach((w, k) => {
        if (w.ratio === row || w.weight === row) dirty.add(`w:${t}:${s}:${k}`);
      });
    }
    table.parts.forEach((g, k) => (g.total === row || g.parts.includes(row)) && dirty.add(`parts:${t}:${k}`));
    table.components.forEach(
      (g, k) => (g.total === row || g.components.includes(row)) && dirty.add(`components:${t}:${k}`),
    );
    table.growth.forEach((g, k) => [g.base, g.rate, g.target].includes(row) && dirty.add(`growth:${t}:${k}`));
    if (this.tables.filter(Boolean).some((x) => x.map.sheet !== state.map.sheet)) dirty.add("x");
  }

  findings(): Finding[] {
    const all = [...this.results.values()].flatMap((r) => r.findings);
    return all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  }

  passed(): PassedCheck[] {
    return [...this.results.values()].flatMap((r) => r.passed);
  }

  checks(): number {
    let n = 0;
    for (const r of this.results.values()) n += r.checks;
    return n;
  }

  /** Summaries of what was checked, for the contract and the pane. */
  tableSummaries() {
    const indicators = (m: TableMap) =>
      m.indicators.map((i) => ({ name: i.name, measure: i.measure, kind: i.kind, direction: i.direction }));
    const tables = this.tables.filter(Boolean).flatMap((state) =>
      state.splits.map((sp) => ({
        sheet: state.map.sheet,
        range: rangeA1(state.map.range),
        orientation: state.map.orientation,
        policy: (state.map as SplitTable).policy,
        level: sp.map.level,
        parent: sp.map.parent.label,
        parentUnit: sp.map.parent.unit,
        assignment: sp.map.assignment?.label,
        children: sp.map.children.map((c) => c.unit),
        indicators: indicators(state.map),
      })),
    );
    const progressions = this.tables
      .filter((s) => s?.progression)
      .map((state) => ({
        sheet: state.map.sheet,
        range: rangeA1(state.map.range),
        orientation: state.map.orientation,
        periods: (state.map as ProgressionTable).periods.map((p) => p.label),
        indicators: indicators(state.map),
      }));
    return { tables, progressions };
  }
}
