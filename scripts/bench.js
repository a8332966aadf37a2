#!/usr/bin/env node
"use strict";
/** Bundles bench/index.ts (with the engine) and runs it; arguments pass through (e.g. a suite name). */
const path = require("path");
const { spawnSync } = require("child_process");
const esbuild = require("esbuild");

const root = path.join(__dirname, "..");
const out = path.join(root, "dist", "bench", "bench.js");
esbuild.buildSync({
  entryPoints: [path.join(root, "bench", "index.ts")],
  bundle: true,
  platform: "node",
  target: "node20",
  outfile: out,
  logLevel: "warning",
  // bench/index.ts writes results next to its source, not next to the bundle.
  define: { __dirname: JSON.stringify(path.join(root, "bench")) },
});
const run = spawnSync(
  process.execPath,
  ["--expose-gc", "--max-old-space-size=4096", out, ...process.argv.slice(2)],
  { stdio: "inherit", cwd: root },
);
process.exit(run.status ?? 1);
