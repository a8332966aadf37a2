/**
 * How every adapter call meets the host: one at a time (a live re-check never interleaves with a
 * Check or Clear), after checking that Excel is there and new enough, with host errors turned into
 * problems (errors are values at this door: docs/architecture.md).
 */
import { hostCapabilities } from "./capabilities";
import type { ExcelProblem, Outcome } from "./types";
import { utf8Length } from "../core/text";
export { utf8Length };

/** Thrown inside the adapter to stop with a problem; caught by `guarded`. */
export class ProblemError extends Error {
  constructor(readonly problem: ExcelProblem) {
    super(problem.code);
  }
}

export function stop(problem: ExcelProblem): never {
  throw new ProblemError(problem);
}

let chain: Promise<unknown> = Promise.resolve();

/** Runs tasks one after another, whatever each one's outcome. */
export function serial<T>(task: () => Promise<T>): Promise<T> {
  const next = chain.then(task, task);
  chain = next.catch(() => undefined);
  return next;
}

/**
 * NO_HOST outside Excel; UNSUPPORTED_HOST below the ExcelApi 1.14 floor (docs/architecture.md, "The Excel
 * door").
 */
export function hostProblem(): ExcelProblem | null {
  if (typeof Excel === "undefined" || typeof Office === "undefined") return { code: "NO_HOST" };
  if (!hostCapabilities().excelApi114) return { code: "UNSUPPORTED_HOST", required: "ExcelApi 1.14" };
  return null;
}

/** Office.js errors carry a code (ItemNotFound, AccessDenied, …) worth keeping beside the text. */
export function toProblem(err: unknown): ExcelProblem {
  if (err instanceof ProblemError) return err.problem;
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  return { code: "HOST_ERROR", hostCode: typeof code === "string" ? code : undefined, detail };
}

/** A payload the host refused as too large (Excel on the web: 5 MB per request and response). */
export function isPayloadError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/** The public shape of every call: serialised, host-checked, never throwing. */
export function guarded<T>(task: () => Promise<T>): Promise<Outcome<T>> {
  return serial(async () => {
    const problem = hostProblem();
    if (problem) return { ok: false, problem } as const;
    try {
      return { ok: true, value: await task() } as const;
    } catch (err) {
      return { ok: false, problem: toProblem(err) } as const;
    }
  });
}

export function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : utf8Length(JSON.stringify(v));
}
