import type { FlagPlan } from "../core/flags";
import type { FlagsCleared, FlagsWritten, Outcome, WriteFlagsOptions } from "./types";

export async function writeFlags(
  _plan: FlagPlan,
  _options: WriteFlagsOptions = {},
): Promise<Outcome<FlagsWritten>> {
  return { ok: false, problem: { code: "HOST_ERROR", detail: "not implemented yet" } };
}

export async function clearFlags(): Promise<Outcome<FlagsCleared>> {
  return { ok: false, problem: { code: "HOST_ERROR", detail: "not implemented yet" } };
}
