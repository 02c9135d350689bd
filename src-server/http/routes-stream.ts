import type { ServerResponse } from 'node:http';
import type { StreamChanged } from '../../src-shared/sync-protocol/index.js';
import { STREAM_EVENTS, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { ApiError } from '../errors.js';
import { newestChangeSeq } from '../store/order.js';
import { tokensStillValid } from '../store/users.js';
import { callerOf } from './auth.js';
import { databaseNow } from './routes-sync.js';
import type { AppDeps, ZodApp } from './types.js';

/** How long a client refused for holding too many streams is asked to wait. */
const STREAM_RETRY_AFTER_S = 30;

/**
 * GET /v1/stream (Server-Sent Events): `hello` with the newest change
 * position, then `changed` for every committed change, and a comment line
 * every heartbeat so proxies keep the connection open. A token holds at most
 * `limits.streamsPerToken` streams (the next gets 429). Open streams are
 * ended when the server closes, and when their token stops granting access.
 */
export function registerStreamRoute(app: ZodApp, { db, feed, heartbeatMs, streams, limits }: AppDeps): void {
  app.addHook('preClose', async () => streams.endAll());

  app.get(syncRoutes.stream, async (request, reply) => {
    const caller = callerOf(request);
    let res: ServerResponse | null = null;
    const stream = { user: caller.name, tokenId: caller.tokenId, end: () => res?.end() };
    if (!streams.add(stream)) {
      reply.header('retry-after', String(STREAM_RETRY_AFTER_S));
      throw new ApiError(
        'too_many_requests',
        `This token already holds ${limits.streamsPerToken} live streams; close one or try again later`,
      );
    }
    // Listen before reading the newest position, so no change falls between the two.
    const early: StreamChanged[] = [];
    let send: ((changed: StreamChanged) => void) | null = null;
    const unsubscribe = feed.subscribe((changed) => (send ? send(changed) : early.push(changed)));
    let hello: { changeSeq: number; serverTime: number };
    try {
      hello = { changeSeq: await newestChangeSeq(db), serverTime: await databaseNow(db) };
      // Access that ended between the auth check and registering this stream would go unnoticed.
      if (!(await tokensStillValid(db, [caller.tokenId])).has(caller.tokenId))
        throw new ApiError('unauthorized', 'This token no longer grants access');
    } catch (err) {
      unsubscribe();
      streams.remove(stream);
      throw err;
    }

    reply.hijack();
    const raw = reply.raw;
    res = raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    const write = (event: string, data: unknown) =>
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    write(STREAM_EVENTS.hello, hello);
    send = (changed) => write(STREAM_EVENTS.changed, changed);
    for (const changed of early) if (changed.changeSeq > hello.changeSeq) send(changed);

    const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
    request.log.info({ user: caller.name }, 'stream opened');
    raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.remove(stream);
      request.log.info({ user: caller.name }, 'stream closed');
    });
  });
}
