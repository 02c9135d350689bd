import { beforeEach, describe, expect, it } from 'vitest';
import { eventually, type SyncClient } from '../../../bench/sync-clients.js';
import { RemoteClient } from '../../../src-main/remote/remote-client.js';
import { useSyncWorld } from '../../../bench/sync-world.js';
import { BACKENDS } from '../../../src-server/testing/harness.js';
import { ValidationError } from '../../../src-shared/errors.js';
import { ApprovalService } from './service.js';
import { queueSubmission } from './submit.js';

/**
 * Approval requests end to end through the renderer's own parts (local
 * database, workspace, sync engine, queue runner, main's remote client)
 * against a real server on both stores. `Team` is Alice's; Bob is not an owner.
 * Carol is a bystander seen through main's remote client alone: RxDB allows
 * 13 open collections per process, so two full clients is the most one test
 * process can hold.
 */
describe.each(BACKENDS)('approval requests on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob', 'carol']);
  beforeEach(async () => {
    await world.server.running.admin.setOwners('Team', ['alice']);
  });

  const serviceOf = (c: SyncClient) => new ApprovalService({ db: c.db, api: c.remote, user: c.user });
  const contentOf = (c: SyncClient, itemId: string) => c.ws.item(itemId)?.content;

  function carolClient(): RemoteClient {
    const token = world.server.tokens.get('carol') as string;
    return new RemoteClient({ endpoint: () => ({ serverUrl: world.server.url, token }) });
  }

  /** The item's contents Carol's pull of main brings (approved ops and her own). */
  async function carolSees(itemId: string): Promise<string[]> {
    const page = await carolClient().pullOps({ branch: 'main', since: 0, limit: 1000 });
    return page.ops.filter((op) => op.itemId === itemId).map((op) => op.content);
  }

  /** Alice's approved item, seen by Bob and Carol. */
  async function world3() {
    const [alice, bob] = [await world.client('alice'), await world.client('bob')];
    const carol = { user: 'carol', api: carolClient() };
    const item = await alice.ws.createItem({ path: 'Team.rate', kind: 'value', content: 'v1\n' });
    await alice.engine.syncNow();
    await bob.engine.syncNow();
    await eventually(() => contentOf(bob, item.itemId) === 'v1\n', 'bob to see v1');
    expect(await carolSees(item.itemId)).toEqual(['v1\n']);
    return { alice, bob, carol, itemId: item.itemId };
  }

  async function bobProposes(bob: SyncClient, itemId: string, content: string, title: string) {
    await bob.ws.updateContent(itemId, content);
    const service = serviceOf(bob);
    const { awaiting } = await service.localOps();
    const draft = await service.createDraft({
      title,
      description: 'why',
      opIds: awaiting.map((op) => op.id),
    });
    await service.submit(draft.id);
    await bob.engine.syncNow();
    await eventually(async () => (await bob.db.approvals.get(draft.id))?.state === 'submitted', 'submission');
    return draft.id;
  }

  it('offline edit in Alice’s namespace: awaiting at once, queued, submitted online, approved for all', async () => {
    const { alice, bob, itemId } = await world3();
    bob.setOffline(true);
    await bob.ws.updateContent(itemId, 'v2 (bob)\n');
    expect(bob.ws.syncBadge(itemId)).toBe('awaiting-approval');
    const service = serviceOf(bob);
    const { awaiting } = await service.localOps();
    expect(awaiting.map((op) => op.path)).toEqual(['Team.rate']);
    const draft = await service.createDraft({
      title: 'Raise rate',
      description: '',
      opIds: [awaiting[0]!.id],
    });
    expect(draft.state).toBe('draft');
    await service.updateDraft(draft.id, {
      title: 'Raise the rate',
      description: 'edited offline',
      opIds: draft.opIds,
    });
    await service.submit(draft.id);
    await bob.engine.syncNow().catch(() => undefined); // offline: the entry waits
    expect((await bob.db.approvals.get(draft.id))?.state).toBe('pending_submission');
    expect((await bob.db.queue.all()).some((e) => e.type === 'submit_approval_request')).toBe(true);

    bob.setOffline(false);
    await bob.engine.syncNow();
    await eventually(async () => (await bob.db.approvals.get(draft.id))?.state === 'submitted', 'submitted');
    expect((await bob.db.approvals.get(draft.id))?.title).toBe('Raise the rate');
    expect(await carolSees(itemId)).toEqual(['v1\n']);

    await alice.engine.syncNow();
    const seen = await alice.db.approvals.get(draft.id);
    expect(seen).toMatchObject({ author: 'bob', state: 'submitted' });
    const diff = await serviceOf(alice).diff(draft.id);
    expect(diff.items[0]).toMatchObject({ stale: false });
    expect(diff.items[0]?.current[0]?.content).toBe('v1\n');
    expect(diff.items[0]?.requested[0]?.content).toBe('v2 (bob)\n');
    const decided = await serviceOf(alice).decide(draft.id, { decision: 'approve', comment: 'Fine' });
    expect(decided.state).toBe('approved');

    await bob.engine.syncNow();
    await eventually(() => contentOf(bob, itemId) === 'v2 (bob)\n', 'bob to see the approved edit');
    expect(await carolSees(itemId)).toEqual(['v1\n', 'v2 (bob)\n']);
    expect((await bob.db.approvals.get(draft.id))?.state).toBe('approved');
    expect(bob.ws.syncBadge(itemId)).toBe('synced');
  });

  it('rejection round trip: rejected with a comment, revised, resubmitted, approved', async () => {
    const { alice, bob, itemId } = await world3();
    const id = await bobProposes(bob, itemId, 'bad\n', 'Try 1');
    await alice.engine.syncNow();
    await serviceOf(alice).decide(id, { decision: 'reject', comment: 'Use v3' });
    await bob.engine.syncNow();
    const rejected = await bob.db.approvals.get(id);
    expect(rejected?.state).toBe('rejected');
    expect(rejected?.server?.comments.map((c) => c.text)).toEqual(['Use v3']);
    expect(contentOf(bob, itemId)).toBe('v1\n'); // the rejected edit is hidden again

    await bob.ws.updateContent(itemId, 'v3\n');
    const service = serviceOf(bob);
    const { awaiting } = await service.localOps();
    expect(awaiting).toHaveLength(1);
    await expect(
      service.updateDraft(id, { title: 'x', description: '', opIds: [awaiting[0]!.id] }),
    ).rejects.toThrow(/no longer be edited/);
    await service.revise(id, { title: 'Try 2', description: 'v3 as asked', opIds: [awaiting[0]!.id] });
    await bob.engine.syncNow();
    await eventually(async () => (await bob.db.approvals.get(id))?.server?.revision === 2, 'revision 2');
    await alice.engine.syncNow();
    await serviceOf(alice).decide(id, { decision: 'approve' });
    expect(await carolSees(itemId)).toEqual(['v1\n', 'v3\n']);
  });

  it('bad input is refused clearly and changes nothing', async () => {
    const { alice, bob, carol, itemId } = await world3();
    const service = serviceOf(bob);
    await bob.ws.updateContent(itemId, 'v2\n');
    const { awaiting } = await service.localOps();
    await expect(
      service.createDraft({ title: '  ', description: '', opIds: [awaiting[0]!.id] }),
    ).rejects.toThrow(ValidationError);
    await expect(service.createDraft({ title: 'No ops', description: '', opIds: [] })).rejects.toThrow(
      /at least one change/,
    );
    await expect(
      service.createDraft({ title: 'Ghost', description: '', opIds: ['op_unknown_1'] }),
    ).rejects.toThrow(/not in the local database/);
    expect(await bob.db.approvals.all()).toEqual([]);

    const id = await bobProposes(bob, itemId, 'v2b\n', 'Mine');
    // The author is no owner: a clear refusal.
    await expect(service.decide(id, { decision: 'approve' })).rejects.toThrow(/Only an owner of Team/);
    // Carol is neither author nor owner: the request does not exist for her.
    await expect(carol.api.decideApproval(id, { decision: 'approve' })).rejects.toThrow(
      /No approval request/,
    );
    expect((await carol.api.pullApprovals({ since: 0 })).requests).toEqual([]);
    await alice.engine.syncNow();
    expect((await alice.db.approvals.get(id))?.state).toBe('submitted');
    expect(await carolSees(itemId)).toEqual(['v1\n']);
  });

  it('a submission the server refuses shows "failed to submit" with its reason; the entry is not retried', async () => {
    const { alice, bob, itemId } = await world3();
    await bob.ws.updateContent(itemId, 'v2\n');
    const service = serviceOf(bob);
    const { awaiting } = await service.localOps();
    const draft = await service.createDraft({ title: 'Sneaky', description: '', opIds: [awaiting[0]!.id] });
    // A record naming Alice's op (as a damaged or forged draft would): the server refuses it.
    const aliceOp = (await alice.db.ops.all())[0]!.id;
    const forged = { ...draft, opIds: [aliceOp], state: 'pending_submission' as const };
    await bob.db.approvals.upsert(forged);
    await queueSubmission({ db: bob.db, now: Date.now }, forged, 'submit');
    await bob.engine.syncNow();
    await eventually(async () => (await bob.db.approvals.get(draft.id))?.state === 'failed', 'failed state');
    expect((await bob.db.approvals.get(draft.id))?.error).toMatch(/not one of your ops/);
    const entry = (await bob.db.queue.all()).find((e) => e.type === 'submit_approval_request');
    expect(entry?.status).toBe('failed');
    expect((await alice.remote.pullApprovals({ since: 0 })).requests).toEqual([]);
    // Fixed and retried: it goes through.
    await service.updateDraft(draft.id, { title: 'Fixed', description: '', opIds: [awaiting[0]!.id] });
    await service.submit(draft.id);
    await bob.engine.syncNow();
    await eventually(async () => (await bob.db.approvals.get(draft.id))?.state === 'submitted', 'submitted');
  });

  it('stale request: the owner sees it and approving leaves a conflict, not an overwrite', async () => {
    const { alice, bob, itemId } = await world3();
    const id = await bobProposes(bob, itemId, 'bob\n', 'Stale one');
    // Alice edits before her next pull: her edit builds on v1, not on Bob's.
    await alice.ws.updateContent(itemId, 'alice moved on\n');
    await alice.engine.syncNow();
    const service = serviceOf(alice);
    const detail = await service.detail(id);
    expect(detail.request.stale?.items.map((i) => i.path)).toEqual(['Team.rate']);
    const diff = await service.diff(id);
    expect(diff.items[0]?.stale).toBe(true);
    expect(diff.items[0]?.current.map((v) => v.content)).toContain('alice moved on\n');
    await service.decide(id, { decision: 'approve' });
    for (const c of [alice, bob]) {
      await c.engine.syncNow();
      await eventually(() => c.ws.item(itemId)?.conflict != null, `${c.user} to see a conflict`);
    }
  });

  it('owners add co-owners; a non-owner cannot', async () => {
    const { alice, bob, carol } = await world3();
    await expect(serviceOf(bob).addOwners('Team', ['bob'])).rejects.toThrow(/Only an owner of Team/);
    await expect(serviceOf(alice).addOwners('Team', [' '])).rejects.toThrow(/Name someone/);
    await serviceOf(alice).addOwners('Team', ['carol']);
    expect((await alice.db.namespaces.all()).find((n) => n.path === 'Team')?.owners).toEqual([
      'alice',
      'carol',
    ]);
    // Carol governs Team now: she may change its owners herself.
    await carol.api.updateOwners('Team', { add: ['alice'] });
    await bob.engine.syncNow();
    expect((await bob.db.namespaces.all()).find((n) => n.path === 'Team')?.owners).toEqual([
      'alice',
      'carol',
    ]);
  });
});
