/**
 * Ribbon commands (manifest: ExecuteFunction runCheck / clearFlags), loaded from commands.html.
 * Each command must call event.completed(), whatever happens, or Office keeps the button busy.
 */
import { checkActiveSheet } from "../excel/checkActiveSheet";

/** Check the active sheet. Writing flags for the findings is the adapter's next step. */
async function runCheck(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await checkActiveSheet();
  } finally {
    event.completed();
  }
}

/** Remove the add-in's flags. No flags are written yet, so there is nothing to remove. */
function clearFlags(event: Office.AddinCommands.Event): void {
  event.completed();
}

// Outside Office (a plain browser opening commands.html) there is nothing to register with.
if (typeof Office !== "undefined" && Office.actions) {
  Office.actions.associate("runCheck", runCheck);
  Office.actions.associate("clearFlags", clearFlags);
}
