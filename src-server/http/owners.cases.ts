import { beforeEach, expect, it } from 'vitest';
import { routePath, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { makeOp } from '../testing/client.js';
import type { ApprovalWorld } from '../testing/approval-world.js';
import { approvalWorld, push } from '../testing/approval-world.js';
import type { SharedServer } from '../testing/harness.js';

const ownersOf = (path: string) => routePath(syncRoutes.namespaceOwners, { path });

/** Co-owners managed by owners: run by approvals-api.test.ts on a server it shares. */
export function ownerCases(shared: SharedServer): void {
  let w: ApprovalWorld;
  beforeEach(async () => {
    w = await approvalWorld(shared.server);
  });

  const namespaces = async () => (await w.carol.get(`${syncRoutes.pullNamespaces}?since=0`)).body;

  it('lets an owner of a parent add a co-owner below it; the change is pulled and applies at once', async () => {
    const before = await namespaces();
    const res = await w.alice.post(ownersOf('Acme.Billing'), { add: ['bob'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.namespace).toMatchObject({ path: 'Acme.Billing', owners: ['bob'] });
    expect(res.body.namespace.changeSeq).toBeGreaterThan(before.checkpoint);
    const after = await w.carol.get(`${syncRoutes.pullNamespaces}?since=${before.checkpoint}`);
    expect(after.body.namespaces).toEqual([res.body.namespace]);
    const [ack] = await push(w.bob, [makeOp('bob', { path: 'Acme.Billing.charge' })]);
    expect(ack.status).toBe('approved');
    // A co-owner may add another; adding twice is a no-op that still succeeds.
    expect(
      (await w.bob.post(ownersOf('Acme.Billing'), { add: ['carol', 'bob'] })).body.namespace.owners,
    ).toEqual(['bob', 'carol']);
  });

  it('refuses non-owners, unknown users, a last owner and bad input, changing nothing', async () => {
    const before = await namespaces();
    const cases: [typeof w.alice, string, object, number, RegExp][] = [
      [w.bob, 'Acme', { add: ['bob'] }, 403, /Only an owner of Acme/],
      [w.dave, 'Acme.Billing', { add: ['dave'] }, 403, /Only an owner/],
      [w.alice, 'Acme', { add: ['nobody'] }, 400, /Unknown user 'nobody'/],
      [w.alice, 'Acme', { remove: ['alice'] }, 400, /Cannot remove the last owner of Acme/],
      [w.alice, 'Acme', { add: ['bob'], remove: ['bob'] }, 400, /both added and removed/],
      [w.alice, 'Acme', {}, 400, /Name someone/],
      [w.alice, 'Acme..x', { add: ['bob'] }, 400, /path/],
    ];
    for (const [client, path, body, status, message] of cases) {
      const res = await client.post(ownersOf(path), body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await namespaces()).toEqual(before);
  });

  it('lets the last owner leave once a co-owner is there', async () => {
    await w.alice.post(ownersOf('Acme'), { add: ['carol'] });
    const res = await w.alice.post(ownersOf('Acme'), { remove: ['alice'] });
    expect(res.body.namespace.owners).toEqual(['carol']);
    expect((await w.alice.post(ownersOf('Acme'), { add: ['alice'] })).status).toBe(403);
    // Below a governed namespace, clearing a record is fine: Acme's owner still governs it.
    await w.carol.post(ownersOf('Acme.Billing'), { add: ['bob'] });
    expect((await w.carol.post(ownersOf('Acme.Billing'), { remove: ['bob'] })).body.namespace.owners).toEqual(
      [],
    );
  });
}
