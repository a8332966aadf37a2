#!/usr/bin/env node
"use strict";
/**
 * Behaviour snapshot: the JSON of `check` and `detect` (and a rebalance of the sample) on every
 * fixture, every workbook of the generated corpus, every hostile file of the bad-input corpus and
 * the sample, written one file per run into
 * OUT_DIR, with the text outputs in both languages and rebalance requests done and refused. Two snapshots taken at two commits are compared with `node scripts/snapshot.js --compare A B`,
 * which lists every file whose output differs. Used to prove that a refactoring changed no behaviour.
 *
 * Usage: node scripts/snapshot.js OUT_DIR        (builds dist/cli/tdcheck.js first)
 *        node scripts/snapshot.js --compare A B [--only check]
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync, execFileSync } = require("child_process");

const ROOT = path.join(__dirname, "..");

function compare(a, b, only) {
  const names = new Set([...fs.readdirSync(a), ...fs.readdirSync(b)]);
  let same = 0;
  const differ = [];
  for (const n of [...names].sort()) {
    if (only && !n.includes(`.${only}.`)) continue;
    const x = fs.existsSync(path.join(a, n)) ? fs.readFileSync(path.join(a, n), "utf8") : "<missing>";
    const y = fs.existsSync(path.join(b, n)) ? fs.readFileSync(path.join(b, n), "utf8") : "<missing>";
    if (x === y) same++;
    else differ.push(n);
  }
  for (const n of differ) console.log(`differs: ${n}`);
  console.log(`${same} identical, ${differ.length} different`);
  return differ.length ? 1 : 0;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--compare") {
    const only = args[3] === "--only" ? args[4] : undefined;
    process.exitCode = compare(args[1], args[2], only);
    return;
  }
  const out = path.resolve(args[0] || "snapshot");
  fs.mkdirSync(out, { recursive: true });
  execFileSync("npm", ["run", "build:cli", "--silent"], { cwd: ROOT, stdio: "inherit" });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-snapshot-"));
  // A private copy of the bundle: a rebuild while the snapshot runs must not change what it measures.
  const cliJs = path.join(work, "tdcheck.js");
  fs.copyFileSync(path.join(ROOT, "dist", "cli", "tdcheck.js"), cliJs);
  const inputs = { sample: path.join(ROOT, "examples", "hangzhou-2024.xlsx") };
  const { buildAll } = require(path.join(ROOT, "test", "fixtures", "build.js"));
  const built = await buildAll(path.join(work, "fixtures"));
  for (const [name, file] of Object.entries(built)) inputs[`fixture-${name}`] = file;
  const bad = require(path.join(ROOT, "test", "fixtures", "bad", "build.js"));
  const hostile = await bad.buildAll(path.join(work, "bad"));
  for (const [name, file] of Object.entries(hostile)) inputs[`bad-${name}`] = file;
  const corpus = path.join(ROOT, "test", "generalization", "build.js");
  if (fs.existsSync(corpus)) {
    const { buildCorpus } = require(corpus);
    const cases = await buildCorpus(path.join(work, "corpus"));
    for (const c of cases) inputs[`corpus-${c.id}`] = c.file;
  }
  const run = (argv) => {
    const r = spawnSync(process.execPath, [cliJs, ...argv], { encoding: "utf8", maxBuffer: 1 << 28 });
    return `exit ${r.status}\n${r.stdout}\n--- stderr\n${r.stderr.split(work).join("<tmp>")}`;
  };
  for (const [name, file] of Object.entries(inputs)) {
    const map = path.join(ROOT, "test", "fixtures", `${name.replace(/^fixture-/, "")}.map.json`);
    const extra = name.startsWith("fixture-") && fs.existsSync(map) ? ["--map", map] : [];
    const rel = (t) => t.split(file).join(path.basename(file));
    fs.writeFileSync(
      path.join(out, `${name}.check.json`),
      rel(run(["check", file, "--format", "json", ...extra])),
    );
    fs.writeFileSync(path.join(out, `${name}.detect.json`), rel(run(["detect", file, "--format", "json"])));
  }
  // Text outputs in both languages, where the words live (the corpus is left to JSON: its texts
  // are the same sentences as the fixtures').
  for (const [name, file] of Object.entries(inputs)) {
    if (name.startsWith("corpus-")) continue;
    const rel = (t) => t.split(file).join(path.basename(file));
    for (const lang of ["zh", "en"]) {
      for (const cmd of ["check", "detect"]) {
        fs.writeFileSync(
          path.join(out, `${name}.${cmd}.${lang}.txt`),
          rel(run([cmd, file, "--format", "text", "--lang", lang])),
        );
      }
    }
  }
  // Rebalance requests, done and refused, so every sentence of the command and its explanations shows.
  const REBALANCE = {
    lock: ["--indicator", "新增高新技术企业数", "--lock", "滨江区"],
    equal: ["--indicator", "新增高新技术企业数", "--method", "equal", "--target", "1000"],
    minimal: ["--indicator", "新增高新技术企业数", "--method", "minimal-change", "--target", "990"],
    edit: ["--indicator", "新增高新技术企业数", "--edit", "滨江区=100"],
    fix: ["--indicator", "新增高新技术企业数", "--fix", "parent"],
    bounds: ["--indicator", "新增高新技术企业数", "--max", "滨江区=abc"],
    infeasible: ["--indicator", "新增高新技术企业数", "--target", "10", "--min", "滨江区=500"],
    noIndicator: ["--indicator", "不存在的指标"],
    noReference: ["--indicator", "新增高新技术企业数", "--method", "reference"],
    badStep: ["--indicator", "新增高新技术企业数", "--step", "0"],
    badTarget: ["--indicator", "新增高新技术企业数", "--target", "x1"],
  };
  for (const [label, argv] of Object.entries(REBALANCE)) {
    for (const format of ["text", "json"]) {
      for (const lang of ["zh", "en"]) {
        fs.writeFileSync(
          path.join(out, `sample.rebalance-${label}.${lang}.${format}`),
          run(["rebalance", inputs.sample, ...argv, "--format", format, "--lang", lang])
            .split(inputs.sample)
            .join("sample.xlsx"),
        );
      }
    }
  }
  const target = path.join(work, "rebalanced.xlsx");
  fs.writeFileSync(
    path.join(out, "sample.rebalance.json"),
    run([
      "rebalance",
      inputs.sample,
      "--indicator",
      "新增高新技术企业数",
      "--lock",
      "滨江区",
      "--format",
      "json",
      "--out",
      target,
    ])
      .split(inputs.sample)
      .join("sample.xlsx")
      .split(target)
      .join("out.xlsx"),
  );
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`${Object.keys(inputs).length} inputs → ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
