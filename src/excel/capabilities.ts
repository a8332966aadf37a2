import type { HostCapabilities } from "./types";

/**
 * Whether the host supports ExcelApi `version` (asked of Office at run time: docs/architecture.md, "The Excel
 * door").
 */
export function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** Requirement sets, asked of Office at run time: floor 1.14, notes (and multi-area select) 1.18. */
export function hostCapabilities(): HostCapabilities {
  return { excelApi114: supportsExcelApi("1.14"), notes: supportsExcelApi("1.18") };
}
