/**
 * How the engine reacts to a failed server call. Errors cross the bridge as
 * `{ code, message }` (BridgeError); anything without a known code is treated
 * as a transient failure, because giving up on real work is worse than a retry.
 */
export type SyncFailure =
  | { kind: 'offline'; message: string }
  | { kind: 'auth'; message: string }
  | { kind: 'refused'; message: string; opId: string | null }
  | { kind: 'transient'; message: string };

export function classifySyncError(error: unknown): SyncFailure {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'offline') return { kind: 'offline', message };
  if (code === 'unauthorized' || code === 'forbidden') return { kind: 'auth', message };
  if (code === 'bad_request' || code === 'conflict') return { kind: 'refused', message, opId: opIdOf(error) };
  return { kind: 'transient', message };
}

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

function opIdOf(error: unknown): string | null {
  const opId = (error as { opId?: unknown }).opId;
  return typeof opId === 'string' ? opId : null;
}

/**
 * Retry delay after `attempt` failures in a row: doubling from 1 s, at most
 * 60 s — or longer, when the failure carried the server's Retry-After (a 429).
 */
export function retryDelayMs(attempt: number, error?: unknown): number {
  const backoff = Math.min(60_000, 1000 * 2 ** Math.max(0, Math.min(attempt, 6)));
  return Math.max(backoff, serverRetryAfterMs(error));
}

/** The wait a server asked for with a failure (BridgeError.retryAfterMs), or 0. */
export function serverRetryAfterMs(error: unknown): number {
  const asked = (error as { retryAfterMs?: unknown } | null | undefined)?.retryAfterMs;
  return typeof asked === 'number' && Number.isFinite(asked) && asked > 0 ? asked : 0;
}
