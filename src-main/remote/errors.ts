import { BridgeError } from '../../src-shared/bridge/contract.js';
import { ErrorBodySchema } from '../../src-shared/sync-protocol/index.js';

/**
 * Turns a server answer that is not 2xx into the bridge's error codes, so the
 * sync engine knows whether to retry (offline), stop and tell the user
 * (unauthorized / forbidden) or drop the batch (bad_request / conflict). The
 * server's own message is carried through: it names the op or field at fault.
 */
export function httpError(status: number, body: unknown, retryAfter: string | null = null): BridgeError {
  const parsed = ErrorBodySchema.safeParse(body);
  const said = parsed.success ? parsed.data.error.message : null;
  // Which op a refusal names, so one bad op fails alone (and a 403 about one op is not about the account).
  const about = parsed.success && parsed.data.error.opId ? { opId: parsed.data.error.opId } : {};
  if (status === 401)
    return new BridgeError({
      code: 'unauthorized',
      message: said ? `The server refused the token: ${said}` : 'The server refused the token (401)',
      retryable: false,
    });
  if (status === 403)
    return new BridgeError({
      code: 'forbidden',
      message: said ?? 'Not allowed (403)',
      retryable: false,
      ...about,
    });
  if (status === 400 || status === 413 || status === 422)
    return new BridgeError({
      code: 'bad_request',
      message: said ?? `The server refused the request (${status})`,
      retryable: false,
      ...about,
    });
  if (status === 404)
    return new BridgeError({
      code: 'not_found',
      message: said ?? 'Not found on the server (404)',
      retryable: false,
    });
  if (status === 409)
    return new BridgeError({
      code: 'conflict',
      message: said ?? 'Conflict (409)',
      retryable: false,
      ...about,
    });
  if (status === 429) {
    // Too many requests: retried like an outage, but not before the server said.
    const waitMs = retryAfterMs(retryAfter);
    const wait = waitMs === undefined ? '' : `; trying again in ${Math.max(1, Math.round(waitMs / 1000))} s`;
    return new BridgeError({
      code: 'offline',
      message: `The server is busy: ${said ?? 'too many requests'}${wait}`,
      retryable: true,
      ...(waitMs === undefined ? {} : { retryAfterMs: waitMs }),
    });
  }
  // 5xx and anything unexpected: the server may be fine again later.
  return offlineError(`Server error ${status}${said ? `: ${said}` : ''}`);
}

export function offlineError(message: string): BridgeError {
  return new BridgeError({ code: 'offline', message, retryable: true });
}

/** fetch rejects with a TypeError whose cause says what failed (ECONNREFUSED, ENOTFOUND…). */
export function networkError(err: unknown, url: string, timeoutMs: number): BridgeError {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return offlineError(`The server at ${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null;
  const code = cause && 'code' in cause ? String(cause.code) : null;
  const detail = code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return offlineError(`Cannot reach the server at ${url} (${detail})`);
}

/** The longest wait a server's Retry-After may impose (a bad header must not stop sync for days). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Retry-After (RFC 9110 §10.2.3: seconds, or an HTTP date) in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  // An HTTP date starts with the day's name ("Thu, 01 Jan 2026 00:00:30 GMT").
  const ms = /^\d+$/.test(text)
    ? Number(text) * 1000
    : /^[A-Za-z]{3}/.test(text)
      ? Date.parse(text) - now
      : NaN;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}
