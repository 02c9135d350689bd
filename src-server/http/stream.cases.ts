import { beforeEach, expect, it } from 'vitest';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { TestClient } from '../testing/client.js';
import { makeOp, userClient } from '../testing/client.js';
import type { SharedServer, TestServer } from '../testing/harness.js';
import { openStream } from '../testing/sse.js';

/** Live stream: run by sync-api.test.ts on a server it shares. */
export function streamCases(shared: SharedServer): void {
  let server: TestServer;
  let alice: TestClient;

  beforeEach(async () => {
    server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
  });

  it('says hello with the newest position, then tells of each committed change', async () => {
    const first = (await alice.post(syncRoutes.pushOps, { ops: [makeOp('alice')] })).body.acks[0];
    const stream = await openStream(new URL(syncRoutes.stream, server.url).href, alice.token as string);
    try {
      expect(stream.response.headers.get('content-type')).toMatch(/text\/event-stream/);
      const hello = await stream.waitFor((e) => e.event === 'hello');
      expect(hello.data).toMatchObject({ changeSeq: first.changeSeq });

      const ack = (await alice.post(syncRoutes.pushOps, { ops: [makeOp('alice')] })).body.acks[0];
      // PostgreSQL delivers NOTIFY after the commit, so the first push's notice may still come after
      // hello (a client skips a position it holds): the push's own notice is found by its position.
      const changed = await stream.waitFor(
        (e) => e.event === 'changed' && (e.data as { changeSeq: number }).changeSeq >= ack.changeSeq,
      );
      expect(changed.data).toEqual({ changeSeq: ack.changeSeq, topics: ['ops'] });

      const ns = await server.admin.setOwners('Acme', ['alice']);
      const nsChanged = await stream.waitFor(
        (e) => e.event === 'changed' && (e.data as { topics: string[] }).topics.includes('namespaces'),
      );
      expect(nsChanged.data).toMatchObject({ changeSeq: ns.changeSeq });
      const pulled = (await alice.get(`${syncRoutes.pullNamespaces}?since=0`)).body;
      expect(pulled.namespaces).toEqual([ns]);

      // A refused push changes nothing and announces nothing.
      const before = stream.events.length;
      expect((await alice.post(syncRoutes.pushOps, { ops: [makeOp('bob')] })).status).toBe(403);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(stream.events.length).toBe(before);
      expect(stream.comments).toContain('ping');
    } finally {
      stream.close();
    }
  });

  it('refuses a stream without a valid token', async () => {
    await expect(openStream(new URL(syncRoutes.stream, server.url).href, 'tether_nope')).rejects.toThrow(
      /401/,
    );
  });
}
