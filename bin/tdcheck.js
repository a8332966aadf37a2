#!/usr/bin/env node
"use strict";
// The command line is one bundled file (dist/cli/tdcheck.js), built by `npm run build:cli` (also by
// `npm run demo` and, before packing, by `npm pack`); an installed package carries it and needs nothing else.
const path = require("path");
const fs = require("fs");
const bundle = path.join(__dirname, "..", "dist", "cli", "tdcheck.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    `tdcheck: the command line is not built (${bundle} is missing): run \`npm run build:cli\` in ${path.join(__dirname, "..")}\n`,
  );
  process.exit(2);
}
require(bundle);
