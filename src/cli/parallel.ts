/**
 * Running a batch's files in parallel while printing as one job would: tasks go to a fixed number
 * of slots (the main thread's, and two per worker thread), and results are handed on strictly in
 * input order, a finished later file waiting for the earlier ones (docs/architecture.md, "Parallel
 * batches").
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

/** A task given to a worker lane and not yet answered. */
interface Waiting<Q, A> {
  request: Q;
  resolve(a: A): void;
  reject(e: Error): void;
}

/** Marks the worker threads of a batch, so the bundled command line knows to serve as one. */
export const BATCH_WORKER = "tdcheck-batch-worker";

/**
 * One worker thread per lane, started on first use, each running `script` (the bundled command
 * line) with `data`. A lane may be given its next task before the current one is answered (so the
 * worker never waits for the main thread); the worker works through them one at a time and answers
 * in order. A worker that dies (out of memory, a crash) fails only the task it was working on: the
 * tasks queued behind it had not begun, and go to a fresh worker in the same lane.
 */
export class WorkerLanes<Q, A> {
  private readonly lanes: ({ worker: Worker; waiting: Waiting<Q, A>[] } | undefined)[] = [];

  constructor(
    private readonly script: string,
    private readonly data: unknown,
  ) {}

  private lane(k: number) {
    let lane = this.lanes[k];
    if (lane) return lane;
    const worker = new Worker(this.script, { workerData: { role: BATCH_WORKER, data: this.data } });
    const created = { worker, waiting: [] as Waiting<Q, A>[] };
    const lost = (why: string): void => {
      if (this.lanes[k] === created) this.lanes[k] = undefined;
      void worker.terminate();
      // The first task was being worked on (answers come in order); the others had not begun.
      const [current, ...queued] = created.waiting.splice(0);
      current?.reject(new Error(why));
      for (const w of queued) this.send(k, w);
    };
    worker.on("message", (answer: A) => created.waiting.shift()?.resolve(answer));
    worker.on("error", (e: Error) => lost(e.message || String(e)));
    worker.on("exit", (code: number) => lost(`exit ${code}`));
    this.lanes[k] = lane = created;
    return lane;
  }

  private send(k: number, task: Waiting<Q, A>): void {
    const lane = this.lane(k);
    lane.waiting.push(task);
    lane.worker.postMessage(task.request);
  }

  /** The worker lane among the first `count` with the fewest tasks given and not yet answered. */
  leastBusy(count: number): number {
    let best = 0;
    for (let k = 1; k < count; k++) if (this.waiting(k) < this.waiting(best)) best = k;
    return best;
  }

  private waiting(k: number): number {
    return this.lanes[k]?.waiting.length ?? 0;
  }

  run(k: number, request: Q): Promise<A> {
    return new Promise<A>((resolve, reject) => this.send(k, { request, resolve, reject }));
  }

  async close(): Promise<void> {
    const lanes = this.lanes.splice(0);
    for (const lane of lanes) lane?.worker.removeAllListeners("exit");
    await Promise.all(lanes.map((lane) => lane?.worker.terminate()));
  }
}
