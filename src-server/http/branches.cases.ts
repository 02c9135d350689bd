import { beforeEach, expect, it } from 'vitest';
import type { Branch } from '../../src-shared/model/index.js';
import { routePath, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { TestClient } from '../testing/client.js';
import { branchRecord, makeOp, userClient } from '../testing/client.js';
import type { SharedServer, TestServer } from '../testing/harness.js';

/** A valid open branch by `createdBy` (client times, which the server replaces). */
export const branchBy = branchRecord;

/** Branches: run by sync-api.test.ts on a server it shares. */
export function branchCases(shared: SharedServer): void {
  let server: TestServer;
  let alice: TestClient;
  let bob: TestClient;

  beforeEach(async () => {
    server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
    bob = await userClient(server.admin, server.url, 'bob');
  });

  const pullBranches = async (client: TestClient, since = 0) =>
    (await client.get(`${syncRoutes.pullBranches}?since=${since}`)).body;
  const countBranches = async () =>
    Number((await server.db.query('SELECT count(*) AS n FROM branches'))[0]?.n);

  it('creates a branch on push with server-decided state and times', async () => {
    const branch = branchBy('alice', { state: 'merged', mergedBy: 'alice', mergedAt: 5 });
    const res = await alice.post(syncRoutes.pushBranches, { branches: [branch] });
    expect(res.status).toBe(200);
    const [stored] = res.body.branches;
    expect(stored).toMatchObject({
      id: branch.id,
      name: 'feature-x',
      state: 'open',
      createdBy: 'alice',
      mergedBy: null,
    });
    expect(stored.createdAt).toBeGreaterThan(1_000_000);
    expect((await pullBranches(bob)).branches).toEqual([stored]);
  });

  it('applies client fields to an open branch, and only moves its position when something changed', async () => {
    const branch = branchBy('alice');
    const [created] = (await alice.post(syncRoutes.pushBranches, { branches: [branch] })).body.branches;
    const [same] = (await alice.post(syncRoutes.pushBranches, { branches: [branch] })).body.branches;
    expect(same.changeSeq).toBe(created.changeSeq);
    const renamed = { ...branch, name: 'feature-y', mainPolicy: 'follow' as const };
    const [updated] = (await alice.post(syncRoutes.pushBranches, { branches: [renamed] })).body.branches;
    expect(updated).toMatchObject({ name: 'feature-y', mainPolicy: 'follow', createdBy: 'alice' });
    expect(updated.changeSeq).toBeGreaterThan(created.changeSeq);
  });

  it('merges by the server: merged by the caller at server time, seen by another user, final', async () => {
    const branch = branchBy('alice');
    await alice.post(syncRoutes.pushBranches, { branches: [branch] });
    const before = await pullBranches(bob);
    const merge = await alice.post(routePath(syncRoutes.mergeBranch, { id: branch.id }));
    expect(merge.status).toBe(200);
    expect(merge.body.branch).toMatchObject({ state: 'merged', mergedBy: 'alice' });
    expect(Math.abs(merge.body.branch.mergedAt - Date.now())).toBeLessThan(60_000);

    const after = await pullBranches(bob, before.checkpoint);
    expect(after.branches).toEqual([merge.body.branch]);

    const again = await alice.post(routePath(syncRoutes.mergeBranch, { id: branch.id }));
    expect(again.body.branch).toEqual(merge.body.branch); // idempotent
    const abandon = await alice.post(routePath(syncRoutes.abandonBranch, { id: branch.id }));
    expect(abandon.status).toBe(409);
    expect(abandon.body.error).toMatchObject({ code: 'conflict', branchId: branch.id });
    const reopen = await alice.post(syncRoutes.pushBranches, { branches: [{ ...branch, name: 'renamed' }] });
    expect(reopen.body.branches[0]).toMatchObject({ state: 'merged', name: 'feature-x' });
  });

  it('abandons idempotently and refuses to merge an abandoned branch', async () => {
    const branch = branchBy('bob');
    await bob.post(syncRoutes.pushBranches, { branches: [branch] });
    expect((await bob.post(routePath(syncRoutes.abandonBranch, { id: branch.id }))).body.branch.state).toBe(
      'abandoned',
    );
    expect((await bob.post(routePath(syncRoutes.abandonBranch, { id: branch.id }))).status).toBe(200);
    const merge = await bob.post(routePath(syncRoutes.mergeBranch, { id: branch.id }));
    expect(merge.status).toBe(409);
    expect(merge.body.error.message).toMatch(/is abandoned; it cannot be merged/);
    const unknown = await alice.post(routePath(syncRoutes.mergeBranch, { id: 'br_unknown1' }));
    expect(unknown.status).toBe(404);
  });

  it('refuses a bad batch as a whole: forged creator, duplicate, bad name, baseSeq beyond the newest op', async () => {
    await alice.post(syncRoutes.pushOps, { ops: [makeOp('alice')] });
    const good = branchBy('alice');
    const cases: [Branch[], number, RegExp][] = [
      [[good, branchBy('bob')], 403, /createdBy is 'bob', but this token belongs to 'alice'/],
      [[good, good], 400, /appears twice/],
      [[good, branchBy('alice', { name: 'no spaces' })], 400, /name/],
      [[good, branchBy('alice', { baseSeq: 10_000_000 })], 400, /baseSeq 10000000 is beyond the newest op/],
    ];
    for (const [branches, status, message] of cases) {
      const res = await alice.post(syncRoutes.pushBranches, { branches });
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.branchId).toBe(branches[1]?.id);
    }
    expect(await countBranches()).toBe(0);
  });
}
