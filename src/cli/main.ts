#!/usr/bin/env node
/**
 * Entry point of the bundled command line (dist/cli/tdcheck.js). The same file serves as the worker
 * threads of a parallel batch, so the installed package needs nothing beside it.
 */
import { isMainThread, workerData } from "worker_threads";
import { serveBatch } from "./batchWorker";
import { nodeIo } from "./io";
import { BATCH_WORKER } from "./parallel";
import { runCli } from "./run";

if (!isMainThread && (workerData as { role?: string } | null)?.role === BATCH_WORKER) serveBatch();
else
  runCli(process.argv.slice(2), nodeIo({ workerScript: __filename })).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`tdcheck: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
