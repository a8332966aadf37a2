import type { LiveOptions, Outcome } from "./types";

export async function startLive(_options: LiveOptions): Promise<Outcome<void>> {
  return { ok: false, problem: { code: "HOST_ERROR", detail: "not implemented yet" } };
}

export async function stopLive(): Promise<void> {}

export function isLive(): boolean {
  return false;
}
