#!/usr/bin/env node
"use strict";
/**
 * `npm run demo`: runs the command line on the bundled sample workbook and shows its findings.
 * The sample holds one real error (1999 vs 2000), so the check itself exits 1; the demo
 * succeeds when the check ran (exit 0 or 1) and fails only on unusable input (2) or a crash.
 */
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.join(__dirname, "..");
const sample = path.join("examples", "hangzhou-2024.xlsx");
const args = [path.join(root, "dist", "cli", "tdcheck.js"), "check", sample, ...process.argv.slice(2)];
console.log(`$ tdcheck check ${sample} ${process.argv.slice(2).join(" ")}`.trimEnd() + "\n");
const run = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
if (run.status === 0 || run.status === 1) {
  console.log(
    `\n(tdcheck exited ${run.status}: ${run.status === 1 ? "the sample has an error, as it should" : "no errors"}. ` +
      "Try: npm run demo -- --format json | --lang en | --annotate out.xlsx)",
  );
  process.exit(0);
}
process.exit(run.status ?? 2);
