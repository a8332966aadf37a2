/**
 * `npm run bench`: every benchmark with its budget, printed as one table; the last results are
 * kept in bench/results.json so a change can be compared with the one before it.
 */
import * as fs from "fs";
import * as path from "path";
import { benchEngine, benchIncremental } from "./engine";
import type { BenchRow } from "./types";

type Suite = { name: string; run: () => BenchRow[] };

const suites: Suite[] = [
  { name: "engine", run: () => benchEngine() },
  { name: "incremental", run: () => benchIncremental() },
];

function optionalSuites(): Suite[] {
  const found: Suite[] = [];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { benchRebalance } = require("./rebalance") as { benchRebalance: () => BenchRow[] };
    found.push({ name: "rebalance", run: benchRebalance });
  } catch {
    /* not built yet */
  }
  return found;
}

function fmt(n: number): string {
  return n >= 1000 ? Math.round(n).toLocaleString("en-US") : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function main(): void {
  const only = process.argv[2];
  const rows: BenchRow[] = [];
  for (const s of [...suites, ...optionalSuites()]) {
    if (only && s.name !== only) continue;
    process.stderr.write(`running ${s.name}…\n`);
    rows.push(...s.run());
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${"benchmark".padEnd(w)}  ${"result".padStart(14)}  ${"budget".padStart(16)}  verdict`);
  for (const r of rows) {
    const budget = `${r.higherIsBetter ? "≥" : "<"} ${fmt(r.budget)} ${r.unit}`;
    console.log(
      `${r.name.padEnd(w)}  ${`${fmt(r.value)} ${r.unit}`.padStart(14)}  ${budget.padStart(16)}  ${r.pass ? "ok" : "OVER BUDGET"}`,
    );
  }
  const file = path.join(__dirname, "..", "bench", "results.json");
  if (!only) {
    const out = { date: new Date().toISOString(), node: process.version, results: rows };
    fs.writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  }
  if (rows.some((r) => !r.pass)) process.exitCode = 1;
}

main();
