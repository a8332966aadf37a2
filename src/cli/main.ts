#!/usr/bin/env node
/** Entry point of the bundled command line (dist/cli/tdcheck.js). */
import { nodeIo } from "./io";
import { runCli } from "./run";

runCli(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`tdcheck: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
