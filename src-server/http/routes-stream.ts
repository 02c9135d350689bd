import type { ServerResponse } from 'node:http';
import type { StreamChanged } from '../../src-shared/sync-protocol/index.js';
import { STREAM_EVENTS, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { newestChangeSeq } from '../store/order.js';
import { databaseNow } from './routes-sync.js';
import type { AppDeps, ZodApp } from './types.js';

/**
 * GET /v1/stream (Server-Sent Events): `hello` with the newest change
 * position, then `changed` for every committed change, and a comment line
 * every heartbeat so proxies keep the connection open. Open streams are
 * ended when the server closes.
 */
export function registerStreamRoute(app: ZodApp, { db, feed, heartbeatMs }: AppDeps): void {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get(syncRoutes.stream, async (request, reply) => {
    // Listen before reading the newest position, so no change falls between the two.
    const early: StreamChanged[] = [];
    let send: ((changed: StreamChanged) => void) | null = null;
    const unsubscribe = feed.subscribe((changed) => (send ? send(changed) : early.push(changed)));
    let hello: { changeSeq: number; serverTime: number };
    try {
      hello = { changeSeq: await newestChangeSeq(db), serverTime: await databaseNow(db) };
    } catch (err) {
      unsubscribe();
      throw err;
    }

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    const write = (event: string, data: unknown) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    write(STREAM_EVENTS.hello, hello);
    send = (changed) => write(STREAM_EVENTS.changed, changed);
    for (const changed of early) if (changed.changeSeq > hello.changeSeq) send(changed);

    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    open.add(res);
    request.log.info({ user: request.caller?.name }, 'stream opened');
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
      request.log.info({ user: request.caller?.name }, 'stream closed');
    });
  });
}
