import { beforeEach, expect, it } from 'vitest';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { TestClient, userClient } from '../testing/client.js';
import type { SharedServer, TestServer } from '../testing/harness.js';
import { openStream } from '../testing/sse.js';

/** How long a stream may outlive the end of its access. */
const CLOSE_WITHIN_MS = 1000;

/** Sessions end when access ends; the token scheme is case-insensitive. Run by sync-api.test.ts. */
export function accessCases(shared: SharedServer): void {
  let server: TestServer;
  let alice: TestClient;
  let bob: TestClient;

  beforeEach(async () => {
    server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
    bob = await userClient(server.admin, server.url, 'bob');
  });

  const streamOf = async (client: TestClient) => {
    const stream = await openStream(new URL(syncRoutes.stream, server.url).href, client.token as string);
    await stream.waitFor((e) => e.event === 'hello');
    return stream;
  };

  /** Resolves with how long `stream` took to end after `start`, or rejects after `limitMs`. */
  const endsWithin = async (stream: { ended: Promise<void> }, start: number, limitMs: number) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the stream was still open after ${limitMs} ms`)), limitMs);
    });
    try {
      await Promise.race([stream.ended, late]);
      return Date.now() - start;
    } finally {
      clearTimeout(timer);
    }
  };

  it("ends a revoked token's live streams within a second, and only that token's", async () => {
    const [other] = await server.admin.listTokens('alice');
    const second = await server.admin.issueToken('alice');
    const revoked = await streamOf(alice);
    const kept = await openStream(new URL(syncRoutes.stream, server.url).href, second.token);
    const bobs = await streamOf(bob);
    try {
      await kept.waitFor((e) => e.event === 'hello');
      const start = Date.now();
      await server.admin.revokeToken(other?.id as string);
      expect(await endsWithin(revoked, start, CLOSE_WITHIN_MS)).toBeLessThan(CLOSE_WITHIN_MS);
      // The other token of the same user and other users keep theirs (pings still arrive).
      const pings = [kept.comments.length, bobs.comments.length];
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(kept.comments.length).toBeGreaterThan(pings[0] as number);
      expect(bobs.comments.length).toBeGreaterThan(pings[1] as number);
      await expect(
        openStream(new URL(syncRoutes.stream, server.url).href, alice.token as string),
      ).rejects.toThrow(/401/);
    } finally {
      for (const s of [revoked, kept, bobs]) s.close();
    }
  });

  it('ends every live stream of a suspended user within a second', async () => {
    const second = await server.admin.issueToken('alice');
    const streams = [await streamOf(alice), await streamOf(new TestClient(server.url, second.token))];
    const bobs = await streamOf(bob);
    try {
      const start = Date.now();
      await server.admin.suspendUser('alice');
      for (const stream of streams)
        expect(await endsWithin(stream, start, CLOSE_WITHIN_MS)).toBeLessThan(CLOSE_WITHIN_MS);
      const before = bobs.comments.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bobs.comments.length).toBeGreaterThan(before);
      expect((await alice.get(syncRoutes.me)).status).toBe(403);
    } finally {
      for (const s of [...streams, bobs]) s.close();
    }
  });

  it('accepts the bearer scheme in any case, and nothing else', async () => {
    const token = alice.token as string;
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const res = await fetch(new URL(syncRoutes.me, server.url), {
        headers: { authorization: `${scheme} ${token}` },
      });
      expect(res.status, scheme).toBe(200);
    }
    const stream = await openStream(new URL(syncRoutes.stream, server.url).href, token, 'bearer');
    try {
      await stream.waitFor((e) => e.event === 'hello');
    } finally {
      stream.close();
    }
    for (const header of [`Basic ${token}`, `Bearer`, `Bearer ${token} extra`, token]) {
      const res = await fetch(new URL(syncRoutes.me, server.url), { headers: { authorization: header } });
      expect(res.status, header.replace(token, 'TOKEN')).toBe(401);
    }
  });
}
