import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Handlers } from '../../src-shared/bridge/contract.js';
import {
  BRIDGE_KEY_PARAM,
  BRIDGE_REFUSED_CLOSE,
  BRIDGE_REFUSED_REASON,
} from '../../src-shared/bridge/launch-key.js';
import type { EventFrame } from '../../src-shared/bridge/wire.js';
import type { EventHub } from '../events/event-hub.js';
import { answerFrame, NO_ID } from './frames.js';
import { isOneOf } from './local-names.js';

export const BRIDGE_PATH = '/bridge';
/** Items can be large, but nothing a renderer sends in one call should come near this. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;

export interface BridgeSocketOptions {
  handlers: Handlers;
  events: EventHub;
  /** `Host` header values of this host: anything else is another name pointed here (DNS rebinding). */
  allowedHosts: Set<string>;
  allowedOrigins: Set<string>;
  /** This launch's key; a socket that does not send it is closed before it can call anything. */
  bridgeKey: string;
  /** Sent to every renderer as it connects, so a reconnected page is never stale. */
  greeting?: () => EventFrame[];
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function send(ws: WebSocket, frame: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

function onMessage(ws: WebSocket, handlers: Handlers, data: RawData, isBinary: boolean): void {
  if (isBinary) {
    const error = { code: 'bad_request', message: 'Bridge frames are text', retryable: false } as const;
    return send(ws, { kind: 'result', id: NO_ID, ok: false, error });
  }
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Uint8Array);
  const text = bytes.toString('utf8');
  void answerFrame(handlers, text).then((frame) => send(ws, frame));
}

function holdsKey(url: string | undefined, key: string): boolean {
  const given = new URL(url ?? '/', 'http://host').searchParams.get(BRIDGE_KEY_PARAM) ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the bridge over WebSocket at /bridge on the host's HTTP server. A
 * foreign Host or Origin gets a plain 403 (that page learns nothing); a page
 * of ours without the key is told why, with a close the page can show.
 */
export function attachBridgeSocket(server: Server, opts: BridgeSocketOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== BRIDGE_PATH) return refuse(socket, '404 Not Found');
    if (!isOneOf(req.headers.host, opts.allowedHosts)) return refuse(socket, '403 Forbidden');
    if (!isOneOf(req.headers.origin, opts.allowedOrigins)) return refuse(socket, '403 Forbidden');
    const keyed = holdsKey(req.url, opts.bridgeKey);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (keyed) wss.emit('connection', ws, req);
      else ws.close(BRIDGE_REFUSED_CLOSE, BRIDGE_REFUSED_REASON);
    });
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => onMessage(ws, opts.handlers, data, isBinary));
    ws.on('error', () => ws.terminate());
    for (const frame of opts.greeting?.() ?? []) send(ws, frame);
  });

  const unsubscribe = opts.events.subscribe(({ event, payload }) => {
    const frame: EventFrame = { kind: 'event', event, payload };
    for (const ws of wss.clients) send(ws, frame);
  });

  return {
    close: () =>
      new Promise<void>((done) => {
        unsubscribe();
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => done());
      }),
  };
}
