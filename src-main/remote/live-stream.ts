import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { httpError, networkError } from './errors.js';
import type { Endpoint } from './remote-client.js';
import { createSseParser, type SseEvent } from './sse-parser.js';

export interface LiveStreamHandlers {
  /** The stream is open (the server answered 200); called on every reconnect. */
  onOpen(): void;
  onEvent(event: SseEvent): void;
  /** The stream is down; `error` says why (a BridgeError with a code). */
  onDown(error: Error): void;
}

export interface LiveStreamOptions {
  endpoint: Endpoint;
  handlers: LiveStreamHandlers;
  /** First retry delay; doubles up to maxDelayMs and resets after a good connection. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** No byte (not even a ping) for this long means the connection died silently. */
  idleTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export interface LiveStream {
  stop(): void;
  /** Drops the wait and reconnects now (the network came back). */
  retryNow(): void;
}

/**
 * The server's live change stream (GET /v1/stream, SSE) with reconnects. A
 * stream that dies is retried with exponential backoff; the caller hears
 * every open and every drop, which is what the connection monitor decides
 * online/offline from.
 */
export function startLiveStream(options: LiveStreamOptions): LiveStream {
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const idleTimeout = options.idleTimeoutMs ?? 45_000;
  const connectTimeout = options.connectTimeoutMs ?? 15_000;
  const { serverUrl, token } = options.endpoint;
  let stopped = false;
  let delay = minDelay;
  let controller: AbortController | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      retryTimer = setTimeout(resolve, ms);
    }).finally(() => {
      if (retryTimer) clearTimeout(retryTimer);
      wakeUp = null;
    });

  async function connectOnce(): Promise<void> {
    controller = new AbortController();
    const abort = controller;
    let idle = setTimeout(() => abort.abort(), connectTimeout);
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(), idleTimeout);
    };
    try {
      const url = serverUrl.replace(/\/$/, '') + syncRoutes.stream;
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: abort.signal,
        });
      } catch (err) {
        throw networkError(err, serverUrl, connectTimeout);
      }
      if (!response.ok || !response.body) {
        const body: unknown = await response.json().catch(() => null);
        throw httpError(response.status, body, response.headers.get('retry-after'));
      }
      touch();
      delay = minDelay;
      options.handlers.onOpen();
      const parse = createSseParser((event) => options.handlers.onEvent(event));
      const decoder = new TextDecoder();
      try {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          touch();
          parse(decoder.decode(value, { stream: true }));
        }
      } catch (err) {
        throw networkError(err, serverUrl, idleTimeout);
      }
      throw networkError(new Error('the server closed the live stream'), serverUrl, idleTimeout);
    } finally {
      clearTimeout(idle);
      controller = null;
    }
  }

  void (async () => {
    while (!stopped) {
      let serverAsked = 0;
      try {
        await connectOnce();
      } catch (err) {
        if (stopped) return;
        serverAsked = (err as { retryAfterMs?: number }).retryAfterMs ?? 0;
        options.handlers.onDown(err instanceof Error ? err : new Error(String(err)));
      }
      if (stopped) return;
      // A server that refused us with Retry-After (too many streams) is not asked again sooner.
      await wait(Math.max(delay, serverAsked));
      delay = Math.min(delay * 2, maxDelay);
    }
  })();

  return {
    stop() {
      stopped = true;
      controller?.abort();
      wakeUp?.();
    },
    retryNow() {
      delay = minDelay;
      wakeUp?.();
    },
  };
}
