/**
 * Task pane entry: wait (briefly) for Office.js, choose language and theme, render the first screen.
 * Without Office (a plain browser) the pane still renders, with checking disabled.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { connectHost } from "../excel/host";
import { checkActiveSheet } from "../excel/checkActiveSheet";
import { App } from "./App";
import { chooseLocale } from "./i18n";

async function start(): Promise<void> {
  const host = await connectHost();
  // Outside Office there is no display language; the browser's is the best guess.
  const locale = chooseLocale(host.displayLanguage ?? navigator.language);
  const dark = host.dark ?? window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  document.documentElement.lang = locale;
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <App locale={locale} inExcel={host.inExcel} check={() => checkActiveSheet()} />
    </FluentProvider>,
  );
}

void start();
