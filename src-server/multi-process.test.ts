import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRoutes } from '../src-shared/sync-protocol/index.js';
import { storeAdmin } from './admin/admin-api.js';
import type { Db } from './db/db.js';
import { openStore } from './db/open.js';
import { TestClient, makeOp } from './testing/client.js';
import type { Scratch } from './testing/harness.js';
import { createTestDatabase } from './testing/harness.js';
import type { ServerProcess } from './testing/processes.js';
import { startServerProcess } from './testing/processes.js';
import { openStream } from './testing/sse.js';

/** Servers are stateless: two real processes on one PostgreSQL behave as one server. */
describe('two server processes on one PostgreSQL', () => {
  let scratch: Scratch;
  let db: Db;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    scratch = await createTestDatabase();
    db = await openStore({ databaseUrl: scratch.location });
    const env = { DATABASE_URL: scratch.location };
    [a, b] = await Promise.all([startServerProcess([], env), startServerProcess([], env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    await scratch?.remove();
  });

  it('delivers a push to A to a live client of B, and both serve the same pulls', async () => {
    const admin = storeAdmin(db);
    await admin.createUser('alice');
    await admin.setOwners('Acme', ['alice']);
    const { token } = await admin.issueToken('alice');
    const stream = await openStream(new URL(syncRoutes.stream, b.url).href, token);
    try {
      await stream.waitFor((e) => e.event === 'hello');
      const op = makeOp('alice');
      const push = await new TestClient(a.url, token).post(syncRoutes.pushOps, { ops: [op] });
      expect(push.status).toBe(200);
      // The owners set above are news too (topic namespaces), and B may relay that NOTIFY after the
      // stream's hello: the push's own news is the one with topic ops.
      const changed = await stream.waitFor(
        (e) => e.event === 'changed' && (e.data as { topics?: string[] }).topics?.includes('ops') === true,
      );
      expect(changed.data).toEqual({ changeSeq: push.body.acks[0].changeSeq, topics: ['ops'] });

      const route = `${syncRoutes.pullOps}?branch=main&since=0`;
      const [fromA, fromB] = await Promise.all([
        new TestClient(a.url, token).get(route),
        new TestClient(b.url, token).get(route),
      ]);
      expect(fromB.body.ops).toMatchObject([{ id: op.id, status: 'approved' }]);
      expect(fromA.body).toEqual(fromB.body);
    } finally {
      stream.close();
    }
  });

  it("ends a live stream on B within a second when the user's token is revoked elsewhere", async () => {
    const admin = storeAdmin(db);
    await admin.createUser('dora');
    const { token, tokenId } = await admin.issueToken('dora');
    const stream = await openStream(new URL(syncRoutes.stream, b.url).href, token);
    try {
      await stream.waitFor((e) => e.event === 'hello');
      const start = Date.now();
      await admin.revokeToken(tokenId); // through the store, as the admin CLI does: neither A nor B
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        stream.ended,
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error('still open after 1 s')), 1000)),
        ),
      ]).finally(() => clearTimeout(timer));
      expect(Date.now() - start).toBeLessThan(1000);
      expect((await new TestClient(a.url, token).get(syncRoutes.me)).status).toBe(401);
    } finally {
      stream.close();
    }
  });

  it('stops gracefully on SIGTERM', async () => {
    expect(await a.stop('SIGTERM')).toBe(0);
    expect(a.output()).toContain('Tether server stopping (SIGTERM)');
    const health = await fetch(new URL(syncRoutes.health, b.url));
    expect(health.status).toBe(200);
  });
});
