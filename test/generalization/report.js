#!/usr/bin/env node
"use strict";
/**
 * Runs the generalization corpus through the command line and prints the per-dimension table
 * (Markdown, for a closing note): for each value of each dimension, the cases, the failing cases,
 * faults found / keyed, unexpected errors and warnings, and refused cases.
 *
 * Usage: node test/generalization/report.js [--failures] [--keep DIR]
 *   --failures   also list every failing case with what was missed and what was unexpected
 *   --keep DIR   build the workbooks (and their <id>.key.json) into DIR instead of a temp folder
 *
 * The command line runs in-process (bundled from src/cli with esbuild, as test/helpers/cli.ts runs
 * it in Jest), so the 330 workbooks take seconds, not a process start each.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { buildCorpus } = require("./build.js");
const { evaluateCase, formatTable, formatFailures } = require("./evaluate.js");

const ROOT = path.join(__dirname, "..", "..");

function loadCli(work) {
  const esbuild = require("esbuild");
  const outfile = path.join(work, "cli-inprocess.js");
  esbuild.buildSync({
    stdin: {
      contents: 'export { runCli } from "./src/cli/run"; export { nodeIo } from "./src/cli/io";',
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile,
    logLevel: "warning",
  });
  return require(outfile);
}

async function runCase(cliModule, file) {
  let stdout = "";
  let stderr = "";
  const io = { ...cliModule.nodeIo(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await cliModule.runCli(["check", file, "--format", "json"], io);
  return { code, stdout, stderr };
}

async function main() {
  const args = process.argv.slice(2);
  const keep = args.includes("--keep") ? args[args.indexOf("--keep") + 1] : null;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-generalization-"));
  const outDir = keep ? path.resolve(keep) : path.join(work, "corpus");
  const t0 = Date.now();
  const cases = await buildCorpus(outDir);
  const t1 = Date.now();
  const cliModule = loadCli(work);
  const results = [];
  for (const c of cases) results.push(evaluateCase(c, await runCase(cliModule, c.file)));
  const t2 = Date.now();
  console.log(formatTable(cases, results));
  console.log(
    `\nBuilt ${cases.length} workbooks in ${((t1 - t0) / 1000).toFixed(1)} s, checked them in ${((t2 - t1) / 1000).toFixed(1)} s.`,
  );
  if (args.includes("--failures")) console.log(`\n${formatFailures(cases, results)}`);
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
