/**
 * The sync engine's one retry policy: after a failed run, wait a doubling
 * delay from BASE up to CAP, with "equal jitter" (half fixed, half random) so
 * many clients coming back at once do not retry in step, and stop retrying on
 * a timer after LIMIT failures in a row (about twenty minutes of an outage);
 * from then on the next local write, news from the server or a "Sync now"
 * starts again. A server's Retry-After (a 429) is never undercut.
 */
export const ENGINE_RETRY = { baseMs: 1_000, capMs: 60_000, limit: 24 } as const;

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** Failures in a row after which no retry is scheduled. */
  limit: number;
}

/** The wait before retry number `attempt` (0 = the first retry), or null when the policy gives up. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  random: number,
  serverRetryAfterMs = 0,
): number | null {
  if (attempt >= policy.limit) return null;
  const exponent = Math.max(0, Math.min(attempt, 30));
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.round(delay / 2 + (delay / 2) * clamp01(random));
  return Math.max(jittered, serverRetryAfterMs);
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
