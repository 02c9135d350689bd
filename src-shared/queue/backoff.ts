/**
 * Retry timing for queue entries: doubling from BASE, capped at CAP, with
 * "equal jitter" (half fixed, half random) so many clients coming back online
 * at once do not retry in step, yet no retry comes sooner than half the delay.
 */
export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 5 * 60_000;
/** Attempts before an entry is marked failed and waits for the user (about 20 minutes in all). */
export const RETRY_LIMIT = 8;

export function backoffDelayMs(retryCount: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(retryCount, 20));
  const delay = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** exponent);
  return Math.round(delay / 2 + (delay / 2) * clamp01(random()));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
