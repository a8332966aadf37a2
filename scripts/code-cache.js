#!/usr/bin/env node
"use strict";
/**
 * The last step of `npm run build:cli`: V8's code cache of the bundle just built
 * (dist/cli/tdcheck.cache), which bin/tdcheck.js compiles the command line from. Without it (a
 * Node older than 20.15, which has no zlib.crc32 to tie the cache to the bundle) the command line
 * works as before, only its start is slower: so this step says so and does not fail the build.
 */
const { writeCodeCache } = require("../bin/tdcheck.js");

if (!writeCodeCache())
  process.stderr.write(
    "code-cache: no code cache written (this Node cannot make one); tdcheck starts without it\n",
  );
