#!/usr/bin/env node
"use strict";
// The command line is bundled by `npm run build:cli`; build it on first use so `npx tdcheck` works after install.
const path = require("path");
const fs = require("fs");
const bundle = path.join(__dirname, "..", "dist", "cli", "tdcheck.js");
if (!fs.existsSync(bundle)) {
  require("child_process").execFileSync(
    process.execPath,
    [
      require.resolve("esbuild/bin/esbuild"),
      "src/cli/main.ts",
      "--bundle",
      "--platform=node",
      "--target=node20",
      `--outfile=${bundle}`,
      "--log-level=warning",
    ],
    {
      cwd: path.join(__dirname, ".."),
      stdio: "inherit",
    },
  );
}
require(bundle);
