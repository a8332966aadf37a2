/**
 * Ctrl-C and its kin while the command holds something outside itself (a LibreOffice process
 * group, a private temporary folder): the holder hears the signal first, lets go, then the process
 * ends by that same signal, as it would have without a listener (the shell sees the usual status).
 */

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Calls `handler` on the first interrupting signal until the returned function is called. */
export function onInterrupt(handler: (signal: NodeJS.Signals) => void): () => void {
  let released = false;
  const listener = (signal: NodeJS.Signals): void => {
    if (!released) handler(signal);
  };
  for (const s of SIGNALS) process.on(s, listener);
  return () => {
    released = true;
    for (const s of SIGNALS) process.off(s, listener);
  };
}

/**
 * Ends the process by `signal` once nothing listens for it any more; while another holder still
 * listens, it hears the signal and lets go in turn.
 */
export function raise(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
