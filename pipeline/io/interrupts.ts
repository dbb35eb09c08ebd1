/**
 * Clean-ups for an interrupted process. While any is registered, SIGINT, SIGTERM and SIGHUP run
 * them all (synchronously: the process is about to end) and then end the process by the same
 * signal, so its exit status still says how it died. Without one, signals keep their default
 * action: a long computation stops at once on Ctrl-C.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const cleanups = new Set<() => void>();

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // The process is ending; the next run clears whatever is left.
    }
  }
  cleanups.clear();
  for (const s of SIGNALS) process.off(s, onSignal);
  process.kill(process.pid, signal);
}

/** Registers `cleanup` until the returned function is called. */
export function onInterrupt(cleanup: () => void): () => void {
  if (cleanups.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  cleanups.add(cleanup);
  return () => {
    if (!cleanups.delete(cleanup)) return;
    if (cleanups.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
  };
}
