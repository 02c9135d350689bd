import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Handlers } from '../../src-shared/bridge/contract.js';
import type { EventFrame } from '../../src-shared/bridge/wire.js';
import type { EventHub } from '../events/event-hub.js';
import { answerFrame, NO_ID } from './frames.js';
import { isOwnOrigin } from './origin.js';

export const BRIDGE_PATH = '/bridge';
/** Items can be large, but nothing a renderer sends in one call should come near this. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;

export interface BridgeSocketOptions {
  handlers: Handlers;
  events: EventHub;
  allowedOrigins: Set<string>;
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

/** Serves the bridge over WebSocket at /bridge on the host's HTTP server. */
export function attachBridgeSocket(server: Server, opts: BridgeSocketOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== BRIDGE_PATH) return refuse(socket, '404 Not Found');
    if (!isOwnOrigin(req.headers.origin, opts.allowedOrigins)) return refuse(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
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
