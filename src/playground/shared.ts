/**
 * What the playground page and the pane's bridge share. The pane runs in an iframe (as in Excel,
 * where the pane is a web view beside the grid); its Office.js is the bridge, which installs the fake
 * host over the page's workbook. One workbook outlives pane reloads, as a workbook outlives a pane.
 */
import type { FakeWorkbook } from "../fake-excel";

export interface PaneHostLink {
  /** The user's edit, as Excel would report it to the pane (onChanged, triggerSource Unknown). */
  setValue(sheet: string, address: string, value: string | number | boolean | null): void;
  /** Removes the fake's globals and handlers when the pane goes away. */
  detach(): void;
}

export interface PlaygroundShared {
  book: FakeWorkbook;
  /** Office's display language as the pane will read it: "zh-CN" or "en-US". */
  displayLanguage: string;
  theme: "light" | "dark";
  /** ExcelApi minor version the fake claims: 18 (notes) or 14 (the floor, no notes). */
  apiMinor: number;
  /** The bridge registers the host it installed, so the page's edits go through it. */
  attach(link: PaneHostLink): void;
  /** The bridge calls this after each Excel.run: redraw the workbook. */
  changed(): void;
}

export const SHARED_KEY = "tdcheckPlayground";

export function sharedFrom(win: Window): PlaygroundShared | undefined {
  return (win as unknown as Record<string, PlaygroundShared | undefined>)[SHARED_KEY];
}
