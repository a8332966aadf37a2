/** Untrusted text (a workbook's names, a file name) made safe to show on a terminal. */

/**
 * What a terminal may act on rather than show: C0 controls (ESC starts the sequences that move the
 * cursor, clear the screen, retitle the window; CR overwrites a line), DEL, the C1 controls, and the
 * bidirectional overrides that reorder what is displayed. A workbook's text is untrusted.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function shown(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
    : `\\u${code.toString(16).toUpperCase()}`;
}

/** Text for people: control characters shown as \xHH (\uHHHH); newlines and tabs kept. */
export function printable(text: string): string {
  return text.replace(TERMINAL_CONTROLS, shown);
}

/** One message: every control character shown as \xHH, newlines inside it too; a closing newline kept. */
export function oneLine(text: string): string {
  const end = text.endsWith("\n") ? "\n" : "";
  return text.slice(0, text.length - end.length).replace(LINE_CONTROLS, shown) + end;
}
