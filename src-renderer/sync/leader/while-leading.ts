import type { Leadership } from '../../db/leadership.js';
import { logError } from '../../log/report.js';

/**
 * Runs work that must happen once per profile (feeding main's folder mirror,
 * running main's queued git and link steps, automatic eviction) only in the
 * tab that leads: at once if it leads, else when it takes over from a leader
 * that closed or crashed. A tab leads until it closes, so nothing hands the
 * work back. Returns a stop that undoes what started (or cancels the wait).
 */
export function whileLeading(leadership: Leadership, what: string, start: () => () => void): () => void {
  let stopWork: (() => void) | null = null;
  let stopped = false;
  leadership.whenLeader().then(
    () => {
      if (!stopped) stopWork = start();
    },
    (err: unknown) => logError(`This tab could not take over ${what}`, err),
  );
  return () => {
    stopped = true;
    stopWork?.();
    stopWork = null;
  };
}
