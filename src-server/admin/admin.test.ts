import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { TestClient, makeOp, newId } from '../testing/client.js';
import type { TestServer } from '../testing/harness.js';
import { startTestServer } from '../testing/harness.js';
import { runScript } from '../testing/processes.js';
import { httpAdmin } from './admin-client.js';

const ADMIN_TOKEN = 'admin-secret-for-tests';

describe('admin API over HTTP and the admin CLI (PostgreSQL)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('postgres', { adminToken: ADMIN_TOKEN, namespaceClaim: 'admin' });
  });
  afterAll(() => server?.destroy());
  beforeEach(() => server.reset());

  it('manages users, tokens and owners through the running server', async () => {
    const admin = httpAdmin(server.url, ADMIN_TOKEN);
    expect(await admin.createUser('alice')).toMatchObject({ name: 'alice', suspended: false });
    await expect(admin.createUser('alice')).rejects.toThrow(/User 'alice' already exists/);
    await expect(admin.issueToken('nobody')).rejects.toThrow(/Unknown user 'nobody'/);
    const issued = await admin.issueToken('alice');
    const alice = new TestClient(server.url, issued.token);
    expect((await alice.get(syncRoutes.me)).status).toBe(200);

    const stored = await server.db.query<{ token_hash: string }>('SELECT token_hash FROM tokens');
    expect(stored.map((row) => row.token_hash)).not.toContain(issued.token);

    expect((await admin.setOwners('Acme.Billing', ['alice'])).owners).toEqual(['alice']);
    await expect(admin.setOwners('Acme', ['alice', 'ghost'])).rejects.toThrow(/Unknown user 'ghost'/);
    await expect(admin.setOwners('Bad..ns', ['alice'])).rejects.toThrow(/path/);
    expect((await admin.listNamespaces()).map((ns) => ns.path)).toEqual(['Acme.Billing']);

    const op = makeOp('alice', { path: 'Elsewhere.thing' });
    expect((await alice.post(syncRoutes.pushOps, { ops: [op] })).body.acks[0].status).toBe('pending');
    const submitted = { id: newId('apr'), title: 'Add thing', description: '', opIds: [op.id] };
    expect((await alice.post(syncRoutes.approvals, submitted)).status).toBe(200);
    expect(await admin.listApprovals('submitted')).toMatchObject([{ id: submitted.id, author: 'alice' }]);
    expect(await admin.listApprovals('approved')).toEqual([]);

    await admin.suspendUser('alice');
    expect((await alice.get(syncRoutes.me)).status).toBe(403);
    await admin.unsuspendUser('alice');
    expect(await admin.revokeAllTokens('alice')).toBe(1);
    expect((await alice.get(syncRoutes.me)).body.error.message).toBe('Token revoked');
    expect((await admin.listTokens('alice'))[0]).toMatchObject({
      id: issued.tokenId,
      revokedAt: expect.any(Number),
    });
  });

  it('refuses the admin API without the admin token, and when it is off', async () => {
    await expect(httpAdmin(server.url, 'wrong').listNamespaces()).rejects.toThrow(
      /Missing or invalid admin token/,
    );
    const userToken = (await server.admin.createUser('bob'), await server.admin.issueToken('bob')).token;
    await expect(httpAdmin(server.url, userToken).createUser('mallory')).rejects.toThrow(/admin token/);
    const off = await startTestServer('postgres');
    try {
      await expect(httpAdmin(off.url, ADMIN_TOKEN).listNamespaces()).rejects.toThrow(/admin API is off/);
    } finally {
      await off.destroy();
    }
  });

  it('runs the CLI directly on the store: prints a token once, clear errors for unknown users', async () => {
    const env = { DATABASE_URL: server.location };
    const created = await runScript('src-server/admin.ts', ['create-user', 'carol'], env);
    expect(created).toMatchObject({ code: 0, stdout: 'Created user carol\n' });
    const issued = await runScript('src-server/admin.ts', ['issue-token', 'carol'], env);
    expect(issued.code).toBe(0);
    const token = issued.stdout.trim().split('\n').at(-1) as string;
    expect((await new TestClient(server.url, token).get(syncRoutes.me)).body.user.name).toBe('carol');

    const [unknown, usage] = await Promise.all([
      runScript('src-server/admin.ts', ['suspend-user', 'nobody'], env),
      runScript('src-server/admin.ts', ['set-owners', 'Acme'], env),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Unknown user 'nobody'");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('set-owners NAMESPACE NAME');
  }, 30_000);
});
