#!/usr/bin/env node
/**
 * Validates an add-in manifest without the network.
 *
 * `office-addin-manifest validate` posts the manifest to a Microsoft service and fails offline, so we
 * check it in two local steps instead:
 *   1. XML Schema validation (libxml2 via xmllint-wasm) against the copies in schemas/manifest/;
 *   2. `office-addin-manifest info`, which parses the manifest the way Office tooling does; its output
 *      must name the Workbook host, a task pane app, a four-part version and a source location.
 *
 * Usage: node scripts/validate-manifest.js [manifest.xml]   (exit 0 valid, 1 invalid)
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { validateXML } = require("xmllint-wasm");

const ROOT = path.join(__dirname, "..");
const SCHEMA_DIR = path.join(ROOT, "schemas", "manifest");
const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";
// Imported by the main schema; xmllint-wasm does no I/O, so they are preloaded into its file system.
const IMPORTED_SCHEMAS = [
  "OfficeAppBasicTypesV1_0.xsd",
  "TaskPaneAppVersionOverridesV1_0.xsd",
  "MailAppVersionOverridesV1_0.xsd",
  "MailAppVersionOverridesV1_1.xsd",
];

function readSchema(fileName) {
  return { fileName, contents: fs.readFileSync(path.join(SCHEMA_DIR, fileName), "utf8") };
}

/** Schema errors as readable lines ("line 12: …"), empty when the manifest is valid. */
async function schemaErrors(manifestText) {
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: manifestText }],
    schema: [readSchema(MAIN_SCHEMA)],
    preload: IMPORTED_SCHEMAS.map(readSchema),
  });
  if (result.valid) return [];
  const errors = result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.rawMessage));
  return errors.length > 0 ? errors : [result.rawOutput.trim() || "schema validation failed"];
}

/** `office-addin-manifest info` output as key → value (first occurrence of each key). */
function manifestInfo(manifestPath) {
  const cli = require.resolve("office-addin-manifest/cli.js");
  const output = execFileSync(process.execPath, [cli, "info", manifestPath], { encoding: "utf8" });
  const info = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (m && !(m[1] in info)) info[m[1]] = m[2].trim();
  }
  return info;
}

/** Problems the manifest tooling sees, empty when the parsed manifest is sane. */
function infoErrors(manifestPath) {
  let info;
  try {
    info = manifestInfo(manifestPath);
  } catch (err) {
    const detail = (err.stderr || err.message || "").toString().trim().split("\n")[0];
    return [`office-addin-manifest info failed: ${detail}`];
  }
  const errors = [];
  if (info["Type"] !== "TaskPaneApp") errors.push(`type is "${info["Type"] ?? ""}", expected TaskPaneApp`);
  if (!(info["Hosts"] ?? "").split(/,\s*/).includes("Workbook")) {
    errors.push(`hosts are "${info["Hosts"] ?? ""}", expected Workbook (Excel)`);
  }
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(info["Version"] ?? "")) {
    errors.push(`version "${info["Version"] ?? ""}" is not four numbers (n.n.n.n)`);
  }
  if (!/^https:\/\//.test(info["Source Location"] ?? "")) {
    errors.push(`source location "${info["Source Location"] ?? ""}" is not an https URL`);
  }
  return errors;
}

/** All problems with the manifest at manifestPath; empty when it is valid. */
async function validateManifest(manifestPath) {
  const text = fs.readFileSync(manifestPath, "utf8");
  const errors = (await schemaErrors(text)).map((e) => `schema: ${e}`);
  // The tooling check is only meaningful for a schema-valid manifest.
  if (errors.length === 0) errors.push(...infoErrors(manifestPath).map((e) => `manifest info: ${e}`));
  return errors;
}

async function main() {
  const manifestPath = path.resolve(process.argv[2] ?? path.join(ROOT, "manifest.xml"));
  if (!fs.existsSync(manifestPath)) {
    console.error(`Manifest not found: ${manifestPath}`);
    process.exit(1);
  }
  const shown = path.relative(process.cwd(), manifestPath) || manifestPath;
  const errors = await validateManifest(manifestPath);
  if (errors.length > 0) {
    console.error(`${shown} is NOT valid:`);
    for (const e of errors) console.error(`  ${e}`);
    process.exit(1);
  }
  console.log(`${shown} is valid (schemas/manifest/ XSDs, office-addin-manifest info).`);
}

module.exports = { validateManifest };

if (require.main === module) {
  main().catch((err) => {
    console.error(`Manifest validation could not run: ${err.message}`);
    process.exit(1);
  });
}
