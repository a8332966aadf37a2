import type { WorkbookGrid } from "../core/grid";
import type { Outcome, ReadOptions } from "./types";

export async function readWorkbook(_options: ReadOptions = {}): Promise<Outcome<WorkbookGrid>> {
  return { ok: false, problem: { code: "HOST_ERROR", detail: "not implemented yet" } };
}
