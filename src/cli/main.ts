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
import { workerEntry } from "./workerEntry";

// A reader that stops early (`tdcheck check … | head`) closes the pipe: the rest of the output has
// nowhere to go, which is the reader's choice, not a fault to report with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (e: NodeJS.ErrnoException) => {
    process.exit(e.code === "EPIPE" ? (process.exitCode ?? 0) : 2);
  });

if (!isMainThread && (workerData as { role?: string } | null)?.role === BATCH_WORKER) serveBatch();
else
  runCli(process.argv.slice(2), nodeIo({ workerScript: workerEntry(__filename) })).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`tdcheck: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
