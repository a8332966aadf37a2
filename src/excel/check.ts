import type { CheckInExcelOptions, CheckOutcome } from "./types";

export async function checkInExcel(_options: CheckInExcelOptions = {}): Promise<CheckOutcome> {
  return { kind: "failed", stage: "read", detail: "not implemented yet" };
}
