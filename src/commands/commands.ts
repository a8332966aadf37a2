/**
 * Ribbon commands (manifest: ExecuteFunction runCheck / clearFlags), loaded from commands.html.
 * Each command must call event.completed(), whatever happens, or Office keeps the button busy.
 * The work is the adapter's: check what the pane checks (the whole workbook, unless the workbook's
 * settings chose the active sheet) and flag it, or remove the add-in's flags.
 */
import { checkInExcel, clearFlags as clearAddinFlags, connectHost, createSession, loadState } from "../excel";

/** The commands' adapter session: made once when Office loads commands.html, passed to every call. */
const session = createSession();

/** Notes are written in Office's language, as the pane would write them. */
async function noteLanguage(): Promise<"zh" | "en"> {
  const host = await connectHost(1000);
  return host.displayLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** The workbook's choice of what Check reads (the pane's setting), else the whole workbook. */
async function scope(): Promise<"all" | "active"> {
  const loaded = await loadState(session);
  return loaded.ok && loaded.value.settings.scope === "active" ? "active" : "all";
}

/** Check as the pane would and write the flags (conditional formats, and notes where supported). */
async function runCheck(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await checkInExcel(session, { sheets: await scope(), lang: await noteLanguage(), flags: true });
  } finally {
    event.completed();
  }
}

/** Remove exactly the add-in's own flags; the user's formats and notes stay. */
async function clearFlags(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await clearAddinFlags(session);
  } finally {
    event.completed();
  }
}

// Outside Office (a plain browser opening commands.html) there is nothing to register with.
if (typeof Office !== "undefined" && Office.actions) {
  Office.actions.associate("runCheck", runCheck);
  Office.actions.associate("clearFlags", clearFlags);
}
