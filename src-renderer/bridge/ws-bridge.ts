import { BridgeError, type Bridge, type MethodName } from '../../src-shared/bridge/contract.js';
import { BRIDGE_REFUSED_CLOSE } from '../../src-shared/bridge/launch-key.js';
import { ServerFrameSchema, type CallFrame, type ServerFrame } from '../../src-shared/bridge/wire.js';
import { deliver, parseEventPayload, settleOutcome } from './settle.js';
import { logWarning } from '../log/report.js';

/** The part of a WebSocket this client uses: the browser's, or `ws` in Node tests. */
export interface SocketLike {
  /** 1 = OPEN, as in the WebSocket standard. */
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: never) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onerror: ((ev: never) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WsBridgeOptions {
  /** ws(s)://host/bridge */
  url: string;
  /** Opens a socket; the browser's WebSocket by default. */
  connect?: (url: string) => SocketLike;
  /** How long a call waits for the connection before failing with code 'offline'. */
  offlineTimeoutMs?: number;
  /** Reconnect delays: doubling from initialMs up to maxMs. */
  backoff?: { initialMs: number; maxMs: number };
}

export interface WsBridge extends Bridge {
  /** Stops reconnecting and fails what is still waiting (page teardown, tests). */
  close(): void;
}

interface Pending {
  method: string;
  frame: string;
  sent: boolean;
  resolve(value: unknown): void;
  reject(error: BridgeError): void;
  timer?: ReturnType<typeof setTimeout>;
}

const OPEN = 1;
const offline = (message: string) => new BridgeError({ code: 'offline', message, retryable: true });
const refusedBy = (reason: string | undefined) =>
  new BridgeError({ code: 'forbidden', message: reason || 'Tether refused this page', retryable: false });

/**
 * The bridge over the headless host's WebSocket. Calls made while the socket
 * is down wait for the reconnect (up to offlineTimeoutMs); a call already sent
 * when the connection drops fails as 'offline' rather than being sent twice,
 * because main may already have run it.
 */
export function createWsBridge(opts: WsBridgeOptions): WsBridge {
  const connectSocket = opts.connect ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const offlineTimeoutMs = opts.offlineTimeoutMs ?? 10_000;
  const backoff = opts.backoff ?? { initialMs: 250, maxMs: 5_000 };
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let socket: SocketLike | null = null;
  let open = false;
  let closed = false;
  let attempt = 0;
  let nextId = 1;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while the host refuses this page (no launch key): calls fail at once with its reason. */
  let refusal: BridgeError | null = null;

  function send(id: number, entry: Pending): void {
    clearTimeout(entry.timer);
    entry.sent = true;
    try {
      socket?.send(entry.frame);
    } catch {
      pending.delete(id);
      entry.reject(offline(`Lost the connection to Tether while sending ${entry.method}`));
    }
  }

  function onFrame(frame: ServerFrame): void {
    if (frame.kind === 'event') {
      const parsed = parseEventPayload(frame.event, frame.payload);
      if (!parsed.ok) return logWarning(`Ignored a malformed "${frame.event}" event from main`);
      for (const listener of [...(listeners.get(frame.event) ?? [])])
        deliver(frame.event, listener, parsed.payload);
      return;
    }
    const entry = pending.get(frame.id);
    if (!entry) return logWarning('Main answered a call this page did not make', frame);
    pending.delete(frame.id);
    try {
      entry.resolve(settleOutcome(entry.method, frame));
    } catch (err) {
      entry.reject(err as BridgeError);
    }
  }

  function onMessage(data: unknown): void {
    let frame;
    try {
      frame = ServerFrameSchema.safeParse(JSON.parse(String(data)));
    } catch {
      return logWarning('Ignored a bridge frame that is not JSON');
    }
    if (frame.success) onFrame(frame.data);
    else logWarning('Ignored a malformed bridge frame', frame.error.issues);
  }

  /**
   * A refused socket fails every waiting call with the host's reason; the
   * bridge keeps trying, since a launcher that restarted the host may hand
   * the key to the next attempt.
   */
  function onDisconnect(ev: { code?: number; reason?: string }): void {
    if (socket === null) return;
    socket = null;
    open = false;
    if (ev.code === BRIDGE_REFUSED_CLOSE) {
      refusal = refusedBy(ev.reason);
      attempt = Math.max(attempt, 30); // the socket did open: try again only at the slowest pace
    }
    for (const [id, entry] of pending) {
      if (!entry.sent && !refusal) continue;
      pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(refusal ?? offline(`Lost the connection to Tether before ${entry.method} was answered`));
    }
    if (!closed) scheduleReconnect();
  }

  function scheduleReconnect(): void {
    const delay = Math.min(backoff.initialMs * 2 ** attempt, backoff.maxMs);
    attempt += 1;
    retryTimer = setTimeout(connect, delay);
  }

  function connect(): void {
    let next: SocketLike;
    try {
      next = connectSocket(opts.url);
    } catch {
      return scheduleReconnect();
    }
    socket = next;
    next.onopen = () => {
      open = true;
      refusal = null;
      attempt = 0;
      for (const [id, entry] of pending) if (!entry.sent) send(id, entry);
    };
    next.onmessage = (ev) => onMessage(ev.data);
    next.onclose = (ev) => socket === next && onDisconnect(ev);
    next.onerror = () => next.close();
  }

  function request(method: MethodName, params: unknown): Promise<unknown> {
    if (closed) return Promise.reject(offline('The bridge to Tether was closed'));
    if (refusal) return Promise.reject(refusal);
    const id = nextId++;
    const frame: CallFrame = { kind: 'call', id, method, params };
    return new Promise((resolve, reject) => {
      const entry: Pending = { method, frame: JSON.stringify(frame), sent: false, resolve, reject };
      pending.set(id, entry);
      // A socket that is already closing would swallow the frame: wait for the reconnect instead.
      if (open && socket?.readyState === OPEN) return send(id, entry);
      entry.timer = setTimeout(() => {
        pending.delete(id);
        reject(offline(`Tether is not reachable: ${method} waited ${offlineTimeoutMs} ms for a connection`));
      }, offlineTimeoutMs);
    });
  }

  connect();

  return {
    call: (method, ...params) => request(method, params[0]) as never,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      const last = socket;
      socket = null;
      open = false;
      last?.close();
      for (const entry of pending.values()) {
        clearTimeout(entry.timer);
        entry.reject(offline('The bridge to Tether was closed'));
      }
      pending.clear();
    },
  };
}
