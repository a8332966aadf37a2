/**
 * Running a batch's files in parallel while printing as one job would: tasks go to a fixed number
 * of lanes (one worker thread each, one file at a time), and results are handed on strictly in input
 * order, a finished later file waiting for the earlier ones.
 */
import { Worker } from "worker_threads";

/**
 * Runs `run` over the tasks with at most `lanes` at once and calls `emit` in task order. `run` must
 * not reject (a failed task is a result too).
 */
export async function runInOrder<T, R>(
  tasks: readonly T[],
  lanes: number,
  run: (task: T, index: number, lane: number) => Promise<R>,
  emit: (result: R, index: number) => void,
): Promise<void> {
  const done = new Map<number, R>();
  let next = 0;
  let emitted = 0;
  const flush = (): void => {
    while (done.has(emitted)) {
      const result = done.get(emitted)!;
      done.delete(emitted);
      emit(result, emitted++);
    }
  };
  const lane = async (k: number): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      done.set(i, await run(tasks[i], i, k));
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, tasks.length)) }, (_, k) => lane(k)));
}

/** Marks the worker threads of a batch, so the bundled command line knows to serve as one. */
export const BATCH_WORKER = "tdcheck-batch-worker";

/**
 * One worker thread per lane, started on first use, each running `script` (the bundled command
 * line) with `data`. A worker that dies (out of memory, a crash) fails only its current task and is
 * started afresh for the next.
 */
export class WorkerLanes<Q, A> {
  private readonly workers: (Worker | undefined)[] = [];

  constructor(
    private readonly script: string,
    private readonly data: unknown,
  ) {}

  run(lane: number, request: Q): Promise<A> {
    let worker = this.workers[lane];
    if (!worker) {
      worker = new Worker(this.script, { workerData: { role: BATCH_WORKER, data: this.data } });
      this.workers[lane] = worker;
    }
    const w = worker;
    return new Promise<A>((resolve, reject) => {
      const done = (): void => {
        w.off("message", onMessage);
        w.off("error", onError);
        w.off("exit", onExit);
      };
      const onMessage = (answer: A): void => {
        done();
        resolve(answer);
      };
      const lost = (why: string): void => {
        done();
        this.workers[lane] = undefined;
        void w.terminate();
        reject(new Error(why));
      };
      const onError = (e: Error): void => lost(e.message || String(e));
      const onExit = (code: number): void => lost(`exit ${code}`);
      w.on("message", onMessage);
      w.on("error", onError);
      w.on("exit", onExit);
      w.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w?.terminate()));
    this.workers.length = 0;
  }
}
