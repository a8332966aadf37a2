import type { LoadedState, Outcome, WorkbookState } from "./types";

export const STATE_SHEET = "_tdcheck";
export const ANCHOR_PREFIX = "_tdcheck_";

export async function loadState(): Promise<Outcome<LoadedState>> {
  return { ok: false, problem: { code: "HOST_ERROR", detail: "not implemented yet" } };
}

export async function saveState(_state: WorkbookState): Promise<Outcome<void>> {
  return { ok: false, problem: { code: "HOST_ERROR", detail: "not implemented yet" } };
}
