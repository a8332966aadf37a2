/**
 * A progress line on a terminal: one line on stderr, rewritten in place (carriage return, erase to
 * the end of the line), only when stderr is a terminal. Pipes, files and CI logs never see it, and
 * stdout (where JSON and CSV go) never does. Anything else written while it shows clears it first.
 */
import { oneLine } from "./terminalText";
import { displayWidth } from "./width";

export interface Progress {
  /** Shows `line` in place of the last one (at most ten times a second). */
  show(line: string): void;
  /** Erases the line, if one is showing. */
  clear(): void;
}

export interface TerminalStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const ERASE_LINE = "\r\x1b[K";
const MIN_INTERVAL_MS = 100;

/** The line cut to the terminal's width (CJK characters take two columns), so it never wraps. */
function fit(line: string, columns: number): string {
  const room = Math.max(10, columns - 1);
  if (displayWidth(line) <= room) return line;
  let out = "";
  let w = 0;
  for (const ch of line) {
    const cw = displayWidth(ch);
    if (w + cw > room - 1) break;
    out += ch;
    w += cw;
  }
  return out + "…";
}

/** A progress line on `stream`, or undefined when it is not a terminal. */
export function terminalProgress(stream: TerminalStream, now: () => number = Date.now): Progress | undefined {
  if (!stream.isTTY) return undefined;
  let showing = false;
  let last = -Infinity;
  return {
    show(line) {
      const t = now();
      if (showing && t - last < MIN_INTERVAL_MS) return;
      last = t;
      // A file name is untrusted text: control characters shown, never acted on.
      stream.write(ERASE_LINE + fit(oneLine(line), stream.columns ?? 80));
      showing = true;
    },
    clear() {
      if (!showing) return;
      stream.write(ERASE_LINE);
      showing = false;
    },
  };
}
