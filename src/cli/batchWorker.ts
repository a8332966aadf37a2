/**
 * A worker thread of a parallel batch: checks the files the main thread sends, one at a time, with
 * the same code a single job runs (checkBatchFile), and answers with plain data.
 */
import { parentPort, workerData } from "worker_threads";
import { checkBatchFile, failedCheck, type FileTask } from "./checkBatch";
import type { CheckOptions } from "./checkFile";
import { nodeIo } from "./io";

/** Not a terminal: a worker's messages travel back to the main thread, which prints them in order. */
const SILENT = { isTTY: false, write: () => true };

export function serveBatch(): void {
  const port = parentPort;
  if (!port) return;
  const { options, inputs } = (workerData as { data: { options: CheckOptions; inputs: string[] } }).data;
  const io = nodeIo({ stdout: SILENT, stderr: SILENT });
  // One file at a time, in the order sent: a worker holds one workbook, and answers in order.
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (task: FileTask) => {
    queue = queue.then(() =>
      checkBatchFile(task, options, inputs, io).then(
        (report) => port.postMessage(report),
        (e: unknown) => port.postMessage(failedCheck(task.file, e, options)),
      ),
    );
  });
}
