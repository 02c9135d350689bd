import {
  HealthResponseSchema,
  StreamChangedSchema,
  StreamHelloSchema,
  STREAM_EVENTS,
  syncRoutes,
} from '../../src-shared/sync-protocol/index.js';
import type { ConnectionState, RemoteChanged } from '../../src-shared/bridge/connection.js';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import { requestJson } from './http.js';
import { startLiveStream, type LiveStream } from './live-stream.js';
import type { Endpoint } from './remote-client.js';
import type { SseEvent } from './sse-parser.js';

export interface MonitorVerdict {
  state: Exclude<ConnectionState, 'none'>;
  lastError: string | null;
}

export interface MonitorOptions {
  endpoint: Endpoint;
  onVerdict(verdict: MonitorVerdict): void;
  onChanged(changed: RemoteChanged): void;
  heartbeatMs?: number;
  /** Stream reconnect tuning (tests shorten it). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface ConnectionMonitor {
  stop(): void;
  /** The OS says the network changed (or a request failed): check again now. */
  checkNow(): void;
}

const ALL_TOPICS: RemoteChanged['topics'] = ['ops', 'branches', 'namespaces', 'approvals', 'releases'];

/** A stream error decides the state: a refused token is not "offline". */
export function verdictOf(error: Error): MonitorVerdict {
  const code = error instanceof BridgeError ? error.code : 'offline';
  const state = code === 'unauthorized' ? 'unauthorized' : code === 'forbidden' ? 'forbidden' : 'offline';
  return { state, lastError: error.message };
}

/**
 * Online/offline comes from the live stream: open = online. While it is
 * down, a heartbeat (GET /health) checks every `heartbeatMs` and reconnects
 * the stream as soon as the server answers, so recovery does not wait for
 * the stream's backoff.
 */
export function startConnectionMonitor(options: MonitorOptions): ConnectionMonitor {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let heartbeat: NodeJS.Timeout | null = null;
  let stream: LiveStream | null = null;

  const stopHeartbeat = () => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  };
  const probe = async () => {
    try {
      await requestJson({
        baseUrl: options.endpoint.serverUrl,
        path: syncRoutes.health,
        method: 'GET',
        token: null,
        timeoutMs: Math.min(heartbeatMs, 10_000),
        schema: HealthResponseSchema,
      });
      stream?.retryNow();
    } catch {
      // Still down: the stream's own verdict stands.
    }
  };

  const onEvent = (event: SseEvent) => {
    let payload: unknown;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return; // a garbled event is dropped; the next one (or a reconnect) carries the position
    }
    if (event.event === STREAM_EVENTS.hello) {
      // Changes made while the stream was down were never announced: make the renderer pull.
      const hello = StreamHelloSchema.safeParse(payload);
      if (hello.success) options.onChanged({ changeSeq: hello.data.changeSeq, topics: ALL_TOPICS });
    } else if (event.event === STREAM_EVENTS.changed) {
      const changed = StreamChangedSchema.safeParse(payload);
      if (changed.success) options.onChanged(changed.data);
    }
  };

  stream = startLiveStream({
    endpoint: options.endpoint,
    minDelayMs: options.minDelayMs,
    maxDelayMs: options.maxDelayMs,
    handlers: {
      onOpen() {
        stopHeartbeat();
        options.onVerdict({ state: 'online', lastError: null });
      },
      onEvent,
      onDown(error) {
        options.onVerdict(verdictOf(error));
        heartbeat ??= setInterval(() => void probe(), heartbeatMs);
      },
    },
  });

  return {
    stop() {
      stopHeartbeat();
      stream?.stop();
      stream = null;
    },
    checkNow() {
      stream?.retryNow();
    },
  };
}
