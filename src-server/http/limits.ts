/**
 * Limits that keep one client (or one stolen token) from holding the server:
 * each is a setting (environment variable or `npm run server` flag), with
 * defaults far above what a real client does — the sync bench pushes about 30
 * batches a second from one token, and an app holds one live stream.
 */
export interface ServerLimits {
  /** A request (headers and body) must have arrived within this; a trickled body is cut off. */
  requestTimeoutMs: number;
  /** Live streams one token may hold open at once; the next gets 429. */
  streamsPerToken: number;
  /** Pushes (ops or branches) one token may make per minute, in this process; then 429 + Retry-After. */
  pushesPerMinute: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  requestTimeoutMs: 60_000,
  streamsPerToken: 16,
  pushesPerMinute: 6_000,
};

/** Each limit's environment variable and flag. */
export const LIMIT_SETTINGS: Record<keyof ServerLimits, { env: string; flag: string }> = {
  requestTimeoutMs: { env: 'TETHER_REQUEST_TIMEOUT_MS', flag: 'request-timeout-ms' },
  streamsPerToken: { env: 'TETHER_STREAMS_PER_TOKEN', flag: 'streams-per-token' },
  pushesPerMinute: { env: 'TETHER_PUSHES_PER_MINUTE', flag: 'pushes-per-minute' },
};

/** The limits from flags (first), then the environment, then the defaults; a bad value is an error. */
export function limitsFrom(
  flags: Partial<Record<string, string | boolean | undefined>>,
  env: NodeJS.ProcessEnv,
): ServerLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_SETTINGS) as (keyof ServerLimits)[]) {
    const { env: name, flag } = LIMIT_SETTINGS[key];
    const raw = flags[flag] ?? env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`--${flag} (${name}) must be a whole number of at least 1, got ${String(raw)}`);
    limits[key] = value;
  }
  return limits;
}
