#!/usr/bin/env node
"use strict";
// The command line is one bundled file (dist/cli/tdcheck.js), built by `npm run build:cli` (also by
// `npm run demo` and, before packing, by `npm pack`); an installed package carries it and needs nothing else.
//
// Beside it the build leaves V8's code cache of that file (dist/cli/tdcheck.cache): compiling from
// it spares parsing a megabyte of script at every start (docs/architecture.md, "The command line").
// The cache serves only the bundle it was made from — its first 8 bytes are that bundle's CRC-32 and
// length — and only the Node that made it (V8 checks its own version and flags). Otherwise, or
// without a cache, the bundle is compiled from its source alone: the cache changes how fast, never
// what runs.
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const zlib = require("zlib");

const BUNDLE = path.join(__dirname, "..", "dist", "cli", "tdcheck.js");
const CACHE = path.join(__dirname, "..", "dist", "cli", "tdcheck.cache");
const PARAMETERS = ["exports", "require", "module", "__filename", "__dirname"];

/** The bundle's CRC-32 and length, as the cache's first 8 bytes hold them. */
function stamp(bytes) {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(zlib.crc32(bytes), 0);
  head.writeUInt32LE(bytes.length, 4);
  return head;
}

/** The bundle as a module's function, compiled from `cachedData` when V8 accepts it. */
function compile(bytes, cachedData, produceCachedData) {
  return vm.compileFunction(bytes.toString("utf8").replace(/^#!.*/, ""), PARAMETERS, {
    filename: BUNDLE,
    cachedData,
    produceCachedData,
  });
}

/** Whether this Node can check a cache against the bundle (zlib.crc32: Node 20.15 and later). */
function canStamp() {
  return typeof zlib.crc32 === "function";
}

/** The cache that belongs to these bundle bytes, or undefined. */
function cacheFor(bytes) {
  if (!canStamp()) return undefined;
  let cache;
  try {
    cache = fs.readFileSync(CACHE);
  } catch {
    return undefined;
  }
  return cache.length > 8 && cache.subarray(0, 8).equals(stamp(bytes)) ? cache.subarray(8) : undefined;
}

/** Writes the code cache of the bundle as it is now (`npm run build:cli`); false where it cannot. */
function writeCodeCache() {
  if (!canStamp()) return false;
  const bytes = fs.readFileSync(BUNDLE);
  const fn = compile(bytes, undefined, true);
  if (!fn.cachedDataProduced) return false;
  const temp = `${CACHE}.${process.pid}.tmp`;
  fs.writeFileSync(temp, Buffer.concat([stamp(bytes), fn.cachedData]));
  fs.renameSync(temp, CACHE);
  return true;
}

/** "used", "rejected" (by V8) or "none" (missing, or made from other bundle bytes): for tests and the bench. */
function cacheStatus() {
  const bytes = fs.readFileSync(BUNDLE);
  const cache = cacheFor(bytes);
  if (!cache) return "none";
  return compile(bytes, cache, false).cachedDataRejected ? "rejected" : "used";
}

function run() {
  let bytes;
  try {
    bytes = fs.readFileSync(BUNDLE);
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
    process.stderr.write(
      `tdcheck: the command line is not built (${BUNDLE} is missing): run \`npm run build:cli\` in ${path.join(__dirname, "..")}\n`,
    );
    process.exit(2);
  }
  // A module of its own, as require would make it (the bundle needs only Node's built-in modules);
  // compiled from the bytes just read, with the cache where it belongs to them.
  const Module = require("module");
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  compile(bytes, cacheFor(bytes), false).call(
    bundle.exports,
    bundle.exports,
    Module.createRequire(BUNDLE),
    bundle,
    BUNDLE,
    path.dirname(BUNDLE),
  );
}

if (require.main === module) run();
else module.exports = { writeCodeCache, cacheStatus };
