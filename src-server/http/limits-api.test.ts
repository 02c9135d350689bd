import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { TestClient, makeOp, userClient } from '../testing/client.js';
import { BACKENDS } from '../testing/harness.js';
import { useSharedServer } from '../testing/shared-server.js';
import { openStream } from '../testing/sse.js';
import { DEFAULT_LIMITS, limitsFrom } from './limits.js';

const LIMITS = { requestTimeoutMs: 1000, streamsPerToken: 2, pushesPerMinute: 3 };

/**
 * Sends the headers of a push with a valid token, then one body byte every
 * 200 ms; resolves with what the server answered and when it ended the
 * connection (or `null` after `giveUpMs`).
 */
function trickleBody(url: string, token: string, giveUpMs: number) {
  const { hostname, port } = new URL(url);
  return new Promise<{ afterMs: number | null; answer: string }>((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    let drip: NodeJS.Timeout | undefined;
    const finish = (afterMs: number | null) => {
      clearInterval(drip);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ afterMs, answer });
    };
    const giveUp = setTimeout(() => finish(null), giveUpMs);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => finish(Date.now() - started));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write(
        `POST ${syncRoutes.pushOps} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"ops":[',
      );
      drip = setInterval(() => socket.write(' '), 200);
    });
  });
}

describe.each(BACKENDS)('request limits on %s', (backend) => {
  const shared = useSharedServer(backend, { heartbeatMs: 100, limits: LIMITS });

  it('cuts off a client that trickles its body, but keeps a live stream open past the limit', async () => {
    const { server } = shared;
    const alice = await userClient(server.admin, server.url, 'alice');
    const stream = await openStream(new URL(syncRoutes.stream, server.url).href, alice.token as string);
    try {
      const trickled = await trickleBody(server.url, alice.token as string, 6000);
      expect(trickled.afterMs, 'a body sent a byte at a time is cut off').not.toBeNull();
      expect(trickled.afterMs).toBeLessThan(LIMITS.requestTimeoutMs + 1500);
      expect(trickled.answer).toMatch(/^HTTP\/1.1 408/);
      const pings = stream.comments.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stream.comments.length).toBeGreaterThan(pings);
    } finally {
      stream.close();
    }
  });

  it('refuses a token its next live stream past the limit with 429 and Retry-After; others are unaffected', async () => {
    const { server } = shared;
    const alice = await userClient(server.admin, server.url, 'alice');
    const bob = await userClient(server.admin, server.url, 'bob');
    const url = new URL(syncRoutes.stream, server.url).href;
    const open = [await openStream(url, alice.token as string), await openStream(url, alice.token as string)];
    try {
      await Promise.all(open.map((s) => s.waitFor((e) => e.event === 'hello')));
      const refused = await fetch(url, { headers: { authorization: `Bearer ${alice.token}` } });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toEqual({
        error: {
          code: 'too_many_requests',
          message: 'This token already holds 2 live streams; close one or try again later',
        },
      });
      const bobs = await openStream(url, bob.token as string);
      bobs.close();
      // A closed stream frees its place.
      open.shift()?.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await openStream(url, alice.token as string);
      open.push(again);
      await again.waitFor((e) => e.event === 'hello');
    } finally {
      for (const s of open) s.close();
    }
  });

  it('limits pushes per token with 429 and Retry-After, leaving reads and other tokens alone', async () => {
    const { server } = shared;
    const alice = await userClient(server.admin, server.url, 'alice');
    const second = new TestClient(server.url, (await server.admin.issueToken('alice')).token);
    for (let i = 0; i < LIMITS.pushesPerMinute; i++) {
      expect((await alice.post(syncRoutes.pushOps, { ops: [makeOp('alice')] })).status).toBe(200);
    }
    const op = makeOp('alice');
    const response = await fetch(new URL(syncRoutes.pushOps, server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ops: [op] }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_requests');
    expect(body.error.message).toMatch(
      /Too many pushes from this token \(at most 3 a minute\); try again in/,
    );
    expect((await alice.get(`${syncRoutes.pullOps}?branch=main&since=0`)).body.ops).toHaveLength(3);
    expect((await alice.get(syncRoutes.me)).status).toBe(200);
    expect((await second.post(syncRoutes.pushOps, { ops: [op] })).status).toBe(200);
  });
});

describe('limit settings', () => {
  it('takes flags over the environment over the defaults, and refuses a value that is not a count', () => {
    expect(limitsFrom({}, {})).toEqual(DEFAULT_LIMITS);
    expect(
      limitsFrom(
        { 'streams-per-token': '3' },
        { TETHER_STREAMS_PER_TOKEN: '9', TETHER_PUSHES_PER_MINUTE: '50' },
      ),
    ).toEqual({ ...DEFAULT_LIMITS, streamsPerToken: 3, pushesPerMinute: 50 });
    expect(() => limitsFrom({}, { TETHER_REQUEST_TIMEOUT_MS: '0' })).toThrow(
      /--request-timeout-ms \(TETHER_REQUEST_TIMEOUT_MS\) must be a whole number of at least 1, got 0/,
    );
    expect(() => limitsFrom({ 'pushes-per-minute': 'lots' }, {})).toThrow(/pushes-per-minute/);
  });

  it('defaults leave room for the sync bench (about 30 pushes a second from one token, one stream)', () => {
    expect(DEFAULT_LIMITS.pushesPerMinute).toBeGreaterThanOrEqual(3 * 30 * 60);
    expect(DEFAULT_LIMITS.streamsPerToken).toBeGreaterThanOrEqual(4);
    expect(DEFAULT_LIMITS.requestTimeoutMs).toBeGreaterThanOrEqual(30_000);
  });
});
