/**
 * `npm run bench`: every benchmark with its budget, printed as one table; the last results are
 * kept in bench/results.json so a change can be compared with the one before it.
 * `node scripts/bench.js <suite>` runs one suite (and leaves results.json alone).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchBatch } from "./batch";
import { benchCliLarge } from "./cliLarge";
import { benchEngine, benchIncremental } from "./engine";
import { benchExcelFake } from "./excelFake";
import { benchFaultShapes } from "./faultShapes";
import { benchRebalance } from "./rebalance";
import type { BenchRow } from "./types";

type Suite = { name: string; run: () => BenchRow[] };

/** In the order they run and print; the slow process-spawning cli and batch suites last. */
const suites: Suite[] = [
  { name: "engine", run: () => benchEngine() },
  { name: "incremental", run: () => benchIncremental() },
  { name: "rebalance", run: benchRebalance },
  { name: "excel", run: benchExcelFake },
  { name: "faults", run: benchFaultShapes },
  { name: "cli", run: benchCliLarge },
  { name: "batch", run: benchBatch },
];

function fmt(n: number): string {
  if (Number.isNaN(n)) return "n/a";
  return n >= 1000 ? Math.round(n).toLocaleString("en-US") : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** The 1-, 5- and 15-minute load averages (an object, which prettier leaves as JSON.stringify writes it). */
function loadAverage(): { "1m": number; "5m": number; "15m": number } {
  const [a, b, c] = os.loadavg().map((x) => Math.round(x * 100) / 100);
  return { "1m": a, "5m": b, "15m": c };
}

function main(): void {
  const only = process.argv[2];
  if (only && !suites.some((s) => s.name === only)) {
    console.error(`no suite "${only}"; suites: ${suites.map((s) => s.name).join(", ")}`);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const loadBefore = loadAverage();
  const rows: BenchRow[] = [];
  for (const s of suites) {
    if (only && s.name !== only) continue;
    process.stderr.write(`running ${s.name}…\n`);
    rows.push(...s.run());
  }
  const loadAfter = loadAverage();
  const w = Math.max(...rows.map((r) => r.name.length));
  const result = (r: BenchRow): string => (Number.isNaN(r.value) ? "n/a" : `${fmt(r.value)} ${r.unit}`);
  const budget = (r: BenchRow): string =>
    r.info ? "–" : `${r.higherIsBetter ? "≥" : r.unit === "×" ? "≤" : "<"} ${fmt(r.budget)} ${r.unit}`;
  const verdict = (r: BenchRow): string =>
    Number.isNaN(r.value) ? "n/a" : r.info ? "–" : r.pass ? "ok" : "OVER BUDGET";
  const rw = Math.max(14, ...rows.map((r) => result(r).length));
  const bw = Math.max(16, ...rows.map((r) => budget(r).length));
  console.log(`${"benchmark".padEnd(w)}  ${"result".padStart(rw)}  ${"budget".padStart(bw)}  verdict`);
  for (const r of rows)
    console.log(`${r.name.padEnd(w)}  ${result(r).padStart(rw)}  ${budget(r).padStart(bw)}  ${verdict(r)}`);
  const notes = rows.filter((r) => r.note);
  if (notes.length) {
    console.log("");
    for (const r of notes) console.log(`${r.name}: ${r.note}`);
  }
  console.log(
    `\nload average (1, 5, 15 min) before ${Object.values(loadBefore).join(", ")}, after ${Object.values(loadAfter).join(", ")} on ${os.cpus().length} CPUs; ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  const file = path.join(__dirname, "..", "bench", "results.json");
  if (!only) {
    const out = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage: { before: loadBefore, after: loadAfter },
      seconds: Math.round((Date.now() - started) / 1000),
      results: rows,
    };
    fs.writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  }
  if (rows.some((r) => !r.pass && !Number.isNaN(r.value))) process.exitCode = 1;
}

main();
