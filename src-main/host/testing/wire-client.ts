import { request } from 'node:http';
import WebSocket from 'ws';
import { ServerFrameSchema, type ServerFrame } from '../../../src-shared/bridge/wire.js';
import type { RunningHost } from '../start-host.js';

/** Host tests' raw clients: the bridge socket and HTTP as any local process could use them. */

const sockets: WebSocket[] = [];

/** Ends every socket opened since the last call (afterEach). */
export function closeSockets(): void {
  for (const ws of sockets.splice(0)) ws.terminate();
}

/** A bridge socket to the host on `port`, sending exactly the Origin, key and headers given. */
export function openSocket(
  port: number,
  opts: { origin?: string; key?: string | null; headers?: Record<string, string> } = {},
): WebSocket {
  const query = opts.key == null ? '' : `?key=${opts.key}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge${query}`, {
    ...(opts.origin ? { origin: opts.origin } : {}),
    headers: opts.headers ?? {},
  });
  sockets.push(ws);
  return ws;
}

/** A raw HTTP GET that sends the path exactly as given (fetch would normalise `..` away). */
export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** A wire-protocol client: raw frames in, parsed frames out. */
export class WireClient {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<() => void> = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(ServerFrameSchema.parse(JSON.parse(String(data))));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
  static open(
    host: RunningHost,
    origin = host.origin,
    key: string | null = host.bridgeKey,
    headers: Record<string, string> = {},
  ): Promise<WireClient> {
    const ws = openSocket(host.port, { origin, key, headers });
    return new Promise((done, fail) => {
      ws.once('open', () => done(new WireClient(ws)));
      ws.once('error', fail);
    });
  }
  async next<T extends ServerFrame>(match: (f: ServerFrame) => f is T, timeoutMs = 2000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0] as T;
      if (Date.now() > deadline) throw new Error('No matching frame arrived');
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 50);
      });
    }
  }
  async call(id: number, method: string, params?: unknown) {
    this.ws.send(JSON.stringify({ kind: 'call', id, method, params }));
    return this.result(id);
  }
  result(id: number) {
    return this.next(
      (f): f is Extract<ServerFrame, { kind: 'result' }> => f.kind === 'result' && f.id === id,
    );
  }
  event(name: string, timeoutMs?: number) {
    const match = (f: ServerFrame): f is Extract<ServerFrame, { kind: 'event' }> =>
      f.kind === 'event' && f.event === name;
    return this.next(match, timeoutMs);
  }
}
