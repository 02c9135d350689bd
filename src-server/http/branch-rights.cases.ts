import { beforeEach, expect, it } from 'vitest';
import { routePath, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { Json, TestClient } from '../testing/client.js';
import { hlcAt, newId, userClient } from '../testing/client.js';
import type { SharedServer, TestServer } from '../testing/harness.js';
import { branchBy } from './branches.cases.js';

/** Who may change a branch, and what a pushed branch may hold: run by sync-api.test.ts. */
export function branchRightsCases(shared: SharedServer): void {
  let server: TestServer;
  let alice: TestClient;
  let bob: TestClient;
  let carol: TestClient;

  beforeEach(async () => {
    server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
    bob = await userClient(server.admin, server.url, 'bob');
    carol = await userClient(server.admin, server.url, 'carol');
  });

  const stored = async (id: string): Promise<Json> =>
    (await alice.get(`${syncRoutes.pullBranches}?since=0`)).body.branches.find((b: Json) => b.id === id);
  const collaborators = (client: TestClient, id: string, body: unknown) =>
    client.post(routePath(syncRoutes.branchCollaborators, { id }), body);

  it('refuses anyone but the owner renaming, re-policying, merging or abandoning a branch, and changes nothing', async () => {
    const branch = branchBy('alice');
    const [created] = (await alice.post(syncRoutes.pushBranches, { branches: [branch] })).body.branches;
    expect(created).toMatchObject({ createdBy: 'alice', collaborators: [] });
    const attempts: [string, () => Promise<{ status: number; body: Json }>][] = [
      ['rename', () => bob.post(syncRoutes.pushBranches, { branches: [{ ...branch, name: 'bobs-now' }] })],
      [
        'policy',
        () => bob.post(syncRoutes.pushBranches, { branches: [{ ...branch, mainPolicy: 'follow' }] }),
      ],
      [
        'base',
        () =>
          bob.post(syncRoutes.pushBranches, { branches: [{ ...branch, baseHlc: hlcAt(Date.now() + 5) }] }),
      ],
      ['merge', () => bob.post(routePath(syncRoutes.mergeBranch, { id: branch.id }))],
      ['abandon', () => bob.post(routePath(syncRoutes.abandonBranch, { id: branch.id }))],
      ['collaborators', () => collaborators(bob, branch.id, { add: ['bob'] })],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      expect(res.status, what).toBe(403);
      expect(res.body.error, what).toMatchObject({ code: 'forbidden', branchId: branch.id });
      expect(res.body.error.message, what).toMatch(/Only the owner of branch "feature-x" \(alice\)/);
    }
    expect(await stored(branch.id)).toEqual(created);
    // The same record sent unchanged by someone else is answered as stored (nothing to refuse).
    const same = await bob.post(syncRoutes.pushBranches, { branches: [branch] });
    expect(same.status).toBe(200);
    expect(same.body.branches[0]).toEqual(created);
  });

  it('lets collaborators the owner adds change, merge and abandon it, but not choose who else may', async () => {
    const branch = branchBy('alice');
    await alice.post(syncRoutes.pushBranches, { branches: [branch] });
    const added = await collaborators(alice, branch.id, { add: ['bob', 'alice'] });
    expect(added.status).toBe(200);
    expect(added.body.branch.collaborators).toEqual(['bob']); // the owner is not listed again
    const again = await collaborators(alice, branch.id, { add: ['bob'] });
    expect(again.body.branch).toEqual(added.body.branch); // a retry changes nothing, not even the position

    const renamed = await bob.post(syncRoutes.pushBranches, { branches: [{ ...branch, name: 'feature-y' }] });
    expect(renamed.status).toBe(200);
    expect(renamed.body.branches[0]).toMatchObject({ name: 'feature-y', createdBy: 'alice' });
    expect((await collaborators(bob, branch.id, { add: ['carol'] })).status).toBe(403);
    expect((await carol.post(routePath(syncRoutes.mergeBranch, { id: branch.id }))).status).toBe(403);

    const merged = await bob.post(routePath(syncRoutes.mergeBranch, { id: branch.id }));
    expect(merged.body.branch).toMatchObject({ state: 'merged', mergedBy: 'bob' });
    const late = await collaborators(alice, branch.id, { add: ['carol'] });
    expect(late.status).toBe(409);
  });

  it('stops a removed collaborator at once, and refuses unknown users and unknown branches alike for everyone', async () => {
    const branch = branchBy('alice');
    await alice.post(syncRoutes.pushBranches, { branches: [branch] });
    await collaborators(alice, branch.id, { add: ['bob'] });
    const removed = await collaborators(alice, branch.id, { remove: ['bob'] });
    expect(removed.body.branch.collaborators).toEqual([]);
    expect((await bob.post(routePath(syncRoutes.abandonBranch, { id: branch.id }))).status).toBe(403);

    const unknownUser = await collaborators(alice, branch.id, { add: ['nobody'] });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.body.error.message).toBe("Unknown user 'nobody'");
    expect((await collaborators(alice, branch.id, {})).status).toBe(400);
    for (const client of [alice, bob]) {
      const unknown = await collaborators(client, 'br_missing1', { add: ['carol'] });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe("Unknown branch 'br_missing1'");
    }
    expect((await stored(branch.id)).collaborators).toEqual([]);
  });

  it('refuses oversized and malformed branch fields at the door, storing nothing', async () => {
    const good = branchBy('alice');
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['a 5 MB baseHlc', { baseHlc: 'x'.repeat(5 * 1024 * 1024) }, /baseHlc is at most 64 characters/],
      ['a baseHlc that is no clock stamp', { baseHlc: 'NaN' }, /baseHlc is not a clock stamp/],
      ['a baseHlc with a newline', { baseHlc: `${hlcAt(1)}\n` }, /baseHlc is not a clock stamp/],
      ['an 81-character name', { name: 'n'.repeat(81) }, /at most 80 characters/],
      ['a 65-character id', { id: `br_${'x'.repeat(62)}` }, /id/],
      ['a 65-character base instance', { baseInstanceId: 'i'.repeat(65) }, /baseInstanceId/],
      ['an unknown policy', { mainPolicy: 'always' }, /mainPolicy/],
      ['a 129-character creator', { createdBy: 'a'.repeat(129) }, /createdBy/],
      ['a baseSeq past safe integers', { baseSeq: 2 ** 60 }, /baseSeq/],
    ];
    for (const [what, fields, message] of bad) {
      const res = await alice.post(syncRoutes.pushBranches, {
        branches: [good, { ...good, id: newId('br'), ...fields }],
      });
      expect(res.status, what).toBe(400);
      expect(res.body.error.message, what).toMatch(message);
      expect(JSON.stringify(res.body).length, what).toBeLessThan(2000); // the bad value is not echoed
    }
    expect((await alice.get(`${syncRoutes.pullBranches}?since=0`)).body.branches).toEqual([]);
  });
}
