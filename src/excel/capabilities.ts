import type { HostCapabilities } from "./types";

/** Requirement sets, asked of Office at run time (PRODUCT §6). */
export function hostCapabilities(): HostCapabilities {
  const supported = (version: string): boolean => {
    try {
      return typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", version);
    } catch {
      return false;
    }
  };
  return { excelApi114: supported("1.14"), notes: supported("1.18") };
}
