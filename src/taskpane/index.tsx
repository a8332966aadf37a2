/**
 * Task pane entry: wait (briefly) for Office.js, choose language and theme, render the pane.
 * Without Office (a plain browser) the pane still renders, with checking disabled.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { connectHost, createSession } from "../excel";
import { App } from "./App";
import { createAuditPort } from "./auditPort";
import { createExcelPort } from "./excelPort";
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
  // One adapter session for the pane's life, shared by every call the pane and its panels make.
  const session = createSession();
  createRoot(container).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <App
        locale={locale}
        inExcel={host.inExcel}
        port={createExcelPort(session)}
        audit={createAuditPort(session)}
      />
    </FluentProvider>,
  );
}

void start();
