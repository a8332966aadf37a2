#!/usr/bin/env node
"use strict";
/**
 * Bundles bench/index.ts (with the engine) and runs it; arguments pass through (a suite name:
 * engine, incremental, rebalance, excel, cli). Also bundles what the cli suite spawns: the command
 * line itself with its code cache (as `npm run build:cli` does, so `node scripts/bench.js cli`
 * measures the current source) and bench/readFile.ts, the read-only baseline.
 */
const path = require("path");
const { spawnSync } = require("child_process");
const esbuild = require("esbuild");

const root = path.join(__dirname, "..");
const out = path.join(root, "dist", "bench", "bench.js");
const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning" };
esbuild.buildSync({
  ...common,
  entryPoints: [path.join(root, "bench", "index.ts")],
  outfile: out,
  // bench/*.ts find the repository (results.json, dist/, the python script) from their source folder.
  define: { __dirname: JSON.stringify(path.join(root, "bench")) },
});
esbuild.buildSync({
  ...common,
  entryPoints: [path.join(root, "bench", "readFile.ts")],
  outfile: path.join(root, "dist", "bench", "readFile.js"),
});
esbuild.buildSync({
  ...common,
  entryPoints: [path.join(root, "src", "cli", "main.ts")],
  outfile: path.join(root, "dist", "cli", "tdcheck.js"),
});
// The bundle's code cache, as `npm run build:cli` leaves it (bin/tdcheck.js, scripts/code-cache.js).
require("./code-cache.js");
const run = spawnSync(
  process.execPath,
  ["--expose-gc", "--max-old-space-size=4096", out, ...process.argv.slice(2)],
  { stdio: "inherit", cwd: root },
);
process.exit(run.status ?? 1);
