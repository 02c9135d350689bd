import { beforeEach, expect, it } from 'vitest';
import { MAX_CONTENT_BYTES } from '../../src-shared/model/index.js';
import { CLOCK_AHEAD_WARN_MS, MAX_PUSH_OPS, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { TestClient } from '../testing/client.js';
import { followOp, hlcAt, makeOp, userClient } from '../testing/client.js';
import type { SharedServer, TestServer } from '../testing/harness.js';

const pullAll = async (client: TestClient, branch = 'main') =>
  (await client.get(`${syncRoutes.pullOps}?branch=${branch}&since=0&limit=1000`)).body;

/** Op push: run by sync-api.test.ts on a server it shares. */
export function opPushCases(shared: SharedServer): void {
  let server: TestServer;
  let alice: TestClient;
  let bob: TestClient;

  beforeEach(async () => {
    server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
    bob = await userClient(server.admin, server.url, 'bob');
    await server.admin.setOwners('Acme', ['alice']);
  });

  const storedCount = async () => Number((await server.db.query('SELECT count(*) AS n FROM ops'))[0]?.n);

  it('round-trips a batch: acks in order with rising serverSeq, then pull returns the same ops', async () => {
    const create = makeOp('alice');
    const update = followOp(create);
    const push = await alice.post(syncRoutes.pushOps, { ops: [create, update] });
    expect(push.status).toBe(200);
    const [a, b] = push.body.acks;
    expect(a).toMatchObject({ id: create.id, status: 'approved', alreadyStored: false, approvalId: null });
    expect(b.serverSeq).toBeGreaterThan(a.serverSeq);
    expect(b.changeSeq).toBeGreaterThan(a.changeSeq);

    const pulled = await pullAll(bob);
    expect(pulled.ops.map((op: { id: string }) => op.id)).toEqual([create.id, update.id]);
    expect(pulled.ops[1]).toMatchObject({ ...update, status: 'approved', serverSeq: b.serverSeq });
    expect(pulled.checkpoint).toBe(b.changeSeq);
    expect(pulled.hasMore).toBe(false);
  });

  it('acknowledges a re-push (also half-acknowledged) again without duplicating', async () => {
    const first = makeOp('alice');
    const ack1 = (await alice.post(syncRoutes.pushOps, { ops: [first] })).body.acks[0];
    const second = followOp(first);
    const again = await alice.post(syncRoutes.pushOps, { ops: [first, second] });
    expect(again.status).toBe(200);
    expect(again.body.acks[0]).toEqual({ ...ack1, alreadyStored: true });
    expect(again.body.acks[1].alreadyStored).toBe(false);
    expect(await storedCount()).toBe(2);
    const third = await alice.post(syncRoutes.pushOps, { ops: [first, second, first] });
    expect(third.body.acks.map((a: { alreadyStored: boolean }) => a.alreadyStored)).toEqual([
      true,
      true,
      true,
    ]);
    expect(await storedCount()).toBe(2);
  });

  it('refuses the same id with a different body (409 naming it) and stores nothing of that batch', async () => {
    const op = makeOp('alice');
    await alice.post(syncRoutes.pushOps, { ops: [op] });
    const fresh = makeOp('alice');
    const res = await alice.post(syncRoutes.pushOps, { ops: [fresh, { ...op, content: 'changed' }] });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', opId: op.id, field: 'content' });
    expect(res.body.error.message).toContain(op.id);
    expect(await storedCount()).toBe(1);
    expect((await pullAll(alice)).ops[0].content).toBe(op.content);
  });

  const badBatches: [string, () => unknown, number, RegExp, string?][] = [
    ['a bad path', () => makeOp('alice', { path: 'Acme..x' }), 400, /path: Each part of a path/, 'path'],
    ['a path without namespace', () => makeOp('alice', { path: 'charge' }), 400, /needs a namespace/, 'path'],
    ['a missing field', () => ({ ...makeOp('alice'), kind: undefined }), 400, /kind/, 'kind'],
    ['an unknown type', () => makeOp('alice', { type: 'explode' as never }), 400, /type/, 'type'],
    ['a bad id', () => makeOp('alice', { itemId: 'no spaces!' }), 400, /itemId/, 'itemId'],
    [
      'content over 1 MiB in bytes',
      () => makeOp('alice', { content: 'é'.repeat(MAX_CONTENT_BYTES / 2 + 1) }),
      400,
      /content is 1048578 bytes; the most is 1048576/,
      'content',
    ],
    ['a NUL in content', () => makeOp('alice', { content: 'a\u0000b' }), 400, /NUL/, 'content'],
    [
      'a lone surrogate in content',
      () => makeOp('alice', { content: 'a\ud800b' }),
      400,
      /lone surrogate/,
      'content',
    ],
    [
      'an update without parents',
      () => makeOp('alice', { type: 'update' }),
      400,
      /needs at least one parent/,
    ],
    [
      'a forged author',
      () => makeOp('bob'),
      403,
      /author is 'bob', but this token belongs to 'alice'/,
      'author',
    ],
  ];

  it.each(badBatches)(
    'refuses %s naming the op, and stores nothing',
    async (_, make, status, message, field) => {
      const good = makeOp('alice');
      const bad = make() as { id: string };
      const res = await alice.post(syncRoutes.pushOps, { ops: [good, bad] });
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.message).toContain(bad.id);
      expect(res.body.error.opId).toBe(bad.id);
      if (field) expect(res.body.error.field).toBe(field);
      expect(await storedCount()).toBe(0);
    },
  );

  it('refuses a parent from another item, too many ops, and a body over the byte limit', async () => {
    const a = makeOp('alice');
    await alice.post(syncRoutes.pushOps, { ops: [a] });
    const wrong = followOp(makeOp('alice'), { parents: [a.id] });
    const res = await alice.post(syncRoutes.pushOps, { ops: [wrong] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(new RegExp(`parent ${a.id} belongs to another item`));
    expect(res.body.error.message).not.toContain(a.itemId);

    const many = Array.from({ length: MAX_PUSH_OPS + 1 }, () => makeOp('alice', { content: 'x' }));
    const tooMany = await alice.post(syncRoutes.pushOps, { ops: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/at most 1000 ops/);

    const big = Array.from({ length: 17 }, () => makeOp('alice', { content: 'x'.repeat(1_000_000) }));
    const tooBig = await alice.post(syncRoutes.pushOps, { ops: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    expect(await storedCount()).toBe(1);
  });

  it('answers bad JSON and bad query parameters with a clear 400', async () => {
    const res = await alice.request('POST', syncRoutes.pushOps, '{"ops": [');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
    const pull = await alice.get(`${syncRoutes.pullOps}?branch=main&limit=5000`);
    expect(pull.status).toBe(400);
    expect(pull.body.error).toMatchObject({ field: 'limit', message: expect.stringMatching(/at most 1000/) });
  });

  it('rejects missing, invalid and revoked tokens (401) and suspended accounts (403), storing nothing', async () => {
    const op = makeOp('alice');
    const noToken = await fetch(new URL(syncRoutes.pushOps, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ops: [op] }),
    });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({
      error: { code: 'unauthorized', message: 'Missing or invalid token' },
    });

    const forged = alice.token?.slice(0, -2) + 'zz';
    const invalid = await fetch(new URL(syncRoutes.me, server.url), {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(invalid.status).toBe(401);

    const { tokenId, token } = await server.admin.issueToken('alice');
    await server.admin.revokeToken(tokenId);
    const revoked = await fetch(new URL(syncRoutes.me, server.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toBe('Token revoked');

    await server.admin.suspendUser('alice');
    const suspended = await alice.post(syncRoutes.pushOps, { ops: [op] });
    expect(suspended.status).toBe(403);
    expect(suspended.body.error.message).toBe('Account suspended');
    await server.admin.unsuspendUser('alice');
    expect((await alice.get(syncRoutes.me)).status).toBe(200);
    expect(await storedCount()).toBe(0);
  });

  it('never writes a token to the log', async () => {
    await alice.post(syncRoutes.pushOps, { ops: [makeOp('alice')] });
    await fetch(new URL(syncRoutes.me, server.url), { headers: { authorization: 'Bearer tether_wrong' } });
    const log = server.logs.join('');
    expect(log).toContain('"reqId"');
    expect(log).not.toContain(alice.token as string);
    expect(log).not.toContain('tether_wrong');
  });

  it('accepts an op whose clock is far ahead, keeps server time, and reports how far ahead', async () => {
    const before = Date.now();
    const ahead = makeOp('alice', { hlc: hlcAt(before + 2 * CLOCK_AHEAD_WARN_MS) });
    const near = makeOp('alice', { hlc: hlcAt(before + 60_000) });
    const res = await alice.post(syncRoutes.pushOps, { ops: [ahead, near] });
    expect(res.status).toBe(200);
    const [aheadAck, nearAck] = res.body.acks;
    expect(aheadAck.status).toBe('approved');
    expect(aheadAck.clockAheadMs).toBeGreaterThan(CLOCK_AHEAD_WARN_MS);
    expect(aheadAck.receivedAt).toBeLessThan(before + 60_000);
    expect(nearAck.clockAheadMs).toBeUndefined();
    const pulled = await pullAll(alice);
    expect(pulled.ops[0]).toMatchObject({ hlc: ahead.hlc, receivedAt: aheadAck.receivedAt });
  });

  it('reports who the caller is and what they own', async () => {
    const me = await alice.get(syncRoutes.me);
    expect(me.body).toMatchObject({ user: { name: 'alice' }, ownedNamespaces: ['Acme'] });
    expect(Math.abs(me.body.serverTime - Date.now())).toBeLessThan(60_000);
  });
}
