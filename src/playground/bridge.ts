/**
 * The pane's Office.js in the playground. The server hands this script out where the pane's page
 * loads Office.js (the browser tests route Microsoft's CDN address here too). It installs the fake
 * host in the pane's own window, over the workbook the playground page holds, so the adapter, its
 * errors and its events live where real Office.js would put them. No Office.js is ever loaded.
 */
import { installFakeExcel } from "../fake-excel";
import { sharedFrom } from "./shared";

function connect(): void {
  const shared = window.parent !== window ? sharedFrom(window.parent) : undefined;
  // Opened on its own (not inside the playground): no Office at all, as in a plain browser tab.
  if (!shared) return;
  const host = installFakeExcel(shared.book, {
    apiVersion: `1.${shared.apiMinor}`,
    displayLanguage: shared.displayLanguage,
    themeBackground: shared.theme === "dark" ? "#262626" : "#FFFFFF",
  });
  const stopListening = host.onUpdate(() => shared.changed());
  // Conditional formats, notes and the selection change without a cell edit: repaint after each
  // batch the add-in runs, whatever it did.
  const excel = (globalThis as unknown as { Excel: { run: (...args: unknown[]) => Promise<unknown> } }).Excel;
  const run = excel.run;
  excel.run = (...args: unknown[]) => run(...args).finally(() => shared.changed());
  const detach = () => {
    stopListening();
    host.uninstall();
  };
  shared.attach({ setValue: (sheet, address, value) => host.user.setValue(sheet, address, value), detach });
  window.addEventListener("pagehide", detach, { once: true });
}

connect();
