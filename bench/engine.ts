/**
 * Engine throughput: checking a generated table of 2,000 indicators × 500 children (1 M cells)
 * from an in-memory grid of raw values as a file or Excel gives them (numbers, numbers stored
 * as text, `-`, a few bounds), parsing and detection included. Budget: under 1 s.
 */
import { checkWorkbook, detectWorkbook } from "../src/core/check";
import { Checker } from "../src/core/checker";
import type { RawValue, WorkbookGrid } from "../src/core/grid";
import type { BenchRow } from "./types";

const DISTRICT_SUFFIX = ["区", "县", "市", "镇", "街道"];

/** Deterministic pseudo-random numbers so every run checks the same table. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateSplitGrid(indicators: number, children: number): WorkbookGrid {
  const rnd = lcg(42);
  const header: RawValue[] = ["序号", "指标名称", "省下达目标", "全省合计"];
  for (let c = 0; c < children; c++)
    header.push(`单位${c + 1}${DISTRICT_SUFFIX[c % DISTRICT_SUFFIX.length]}`);
  const values: RawValue[][] = [["大规模分解表（生成）"], ["单位：万元"], header];
  for (let i = 0; i < indicators; i++) {
    const row: RawValue[] = [i + 1, `指标${i + 1}(${i % 3 === 0 ? "家" : "亿元"})`];
    const decimals = i % 3 === 0 ? 0 : 1;
    const scale = 10 ** decimals;
    let sum = 0;
    const cells: RawValue[] = [];
    for (let c = 0; c < children; c++) {
      const units = Math.floor(rnd() * 5000);
      sum += units;
      const r = rnd();
      const text = (units / scale).toFixed(decimals);
      cells.push(r < 0.02 ? "-" : r < 0.1 ? text : Number(text));
      if (r < 0.02) sum -= units;
    }
    // Every 50th indicator is off: counts by one, amounts by more than 500 rounded values explain.
    const parent = (sum + (i % 50 === 0 ? (decimals === 0 ? 1 : 1000) : 0)) / scale;
    row.push(Number(parent.toFixed(decimals)), Number(parent.toFixed(decimals)), ...cells);
    values.push(row);
  }
  return { name: "generated.xlsx", sheets: [{ name: "分解表", values }] };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function benchEngine(runs = 5): BenchRow[] {
  const indicators = 2000;
  const children = 500;
  const workbook = generateSplitGrid(indicators, children);
  const cells = indicators * (children + 2);
  const times: number[] = [];
  let errors = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const result = checkWorkbook(workbook);
    times.push(performance.now() - t0);
    errors = result.summary.errors;
  }
  if (errors !== indicators / 50)
    throw new Error(`engine bench: expected ${indicators / 50} errors, got ${errors}`);
  const ms = median(times);
  return [
    {
      name: "engine: full check, 2,000 × 500 grid (1 M cells)",
      value: ms,
      unit: "ms",
      budget: 1000,
      pass: ms < 1000,
    },
    {
      name: "engine: throughput",
      value: Math.round(cells / (ms / 1000)),
      unit: "cells/s",
      budget: 1_000_000,
      pass: cells / (ms / 1000) > 1_000_000,
      higherIsBetter: true,
    },
    strayCellRow(),
  ];
}

/**
 * A small table (units in rows, 60 units) on a sheet whose only other cell is at row 1,048,576:
 * detection must not read a million empty columns for each header row it tries. Budget: 1 s.
 */
function strayCellRow(): BenchRow {
  const units = Array.from({ length: 60 }, (_, i) => `单位${i + 1}区`);
  const values: RawValue[][] = [
    ["地区", "新增企业(家)", "投资额(亿元)"],
    ["合计", 60, 60],
  ];
  for (const u of units) values.push([u, 1, 1]);
  values[1_048_575] = ["注：数据来源于统计局"];
  const workbook: WorkbookGrid = { name: "stray.xlsx", sheets: [{ name: "分解表", values }] };
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const result = checkWorkbook(workbook);
    times.push(performance.now() - t0);
    if (result.summary.tables !== 1)
      throw new Error("engine bench: the stray-cell sheet's table was not found");
  }
  const ms = median(times);
  return {
    name: "engine: small table, one stray cell at row 1,048,576",
    value: ms,
    unit: "ms",
    budget: 1000,
    pass: ms < 1000,
  };
}

/**
 * Incremental re-check after a one-cell edit in a 200,000-cell table (400 indicators × 500
 * children): only the edited row's checks run. Budget: under 10 ms.
 */
export function benchIncremental(runs = 21): BenchRow[] {
  const workbook = generateSplitGrid(400, 500);
  const { maps } = detectWorkbook(workbook);
  const checker = new Checker(workbook, maps);
  checker.checkAll();
  const total = checker.checks();
  const times: number[] = [];
  let ran = 0;
  for (let r = 0; r < runs; r++) {
    const row = 3 + (r % 400);
    const t0 = performance.now();
    const outcome = checker.applyEditsInPlace([{ sheet: "分解表", row, col: 10, value: 1000 + r }]);
    times.push(performance.now() - t0);
    ran = outcome.checksRun;
  }
  const ms = median(times);
  return [
    {
      name: "engine: re-check after a one-cell edit (200,000 cells)",
      value: ms,
      unit: "ms",
      budget: 10,
      pass: ms < 10,
    },
    {
      name: `engine: checks re-run by that edit (of ${total})`,
      value: ran,
      unit: "checks",
      budget: 10,
      pass: ran <= 10,
    },
  ];
}
