import type { Outcome } from "./types";

export async function selectCells(_sheet: string, _ranges: string[]): Promise<Outcome<void>> {
  return { ok: false, problem: { code: "HOST_ERROR", detail: "not implemented yet" } };
}
