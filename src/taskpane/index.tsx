/**
 * Task pane entry: wait (briefly) for Office.js, choose language and theme, render the pane.
 * Without Office (a plain browser) the pane still renders, with checking disabled.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { connectHost } from "../excel";
import { App } from "./App";
import { excelPort } from "./excelPort";
import { chooseLocale } from "./i18n";

async function start(): Promise<void> {
  const host = await connectHost();
  // Outside Office there is no display language; the browser's is the best guess.
  const locale = chooseLocale(host.displayLanguage ?? navigator.language);
  const dark = host.dark ?? window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  document.documentElement.lang = locale;
  document.title = locale === "zh-CN" ? "指标分解校核" : "Target Decomposition Check";
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <App locale={locale} inExcel={host.inExcel} port={excelPort} />
    </FluentProvider>,
  );
}

void start();
