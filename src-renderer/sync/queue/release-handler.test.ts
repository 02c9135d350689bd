import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { useSyncWorld } from '../../../bench/sync-world.js';
import { RemoteClient } from '../../../src-main/remote/remote-client.js';
import { makeOp, newId } from '../../../src-server/testing/client.js';
import { BACKENDS } from '../../../src-server/testing/harness.js';
import { openTetherDb, type TetherDb } from '../../db/index.js';
import { withQueuedWrites, type DraftEdit } from '../../../src-shared/releases/index.js';
import { queuedReleaseWrites, releaseOutbox } from '../releases-outbox.js';
import { QueueRunner } from './runner.js';

/**
 * Release writes made offline, sent by the real queue runner to a real
 * server: a queued draft and its proof go through, and a queued promotion
 * of a version someone else promoted meanwhile fails with their name.
 */
describe.each(BACKENDS)('queued release writes on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);
  const dbs: TetherDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
  });
  const remoteOf = (user: string) =>
    new RemoteClient({
      endpoint: () => ({ serverUrl: world.server.url, token: world.server.tokens.get(user) ?? '' }),
    });
  const change = (id: string) => ({ id, type: 'item' as const, ref: id, title: id, assignee: null });

  it('sends a queued draft and proof, and fails a queued promotion someone else won, naming them', async () => {
    const alice = remoteOf('alice');
    const bob = remoteOf('bob');
    await alice.pushOps([makeOp('alice', { path: 'Acme.tax' })]);
    const { release: draft } = await alice.createRelease({
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Acme'],
      version: '1.0.0',
      requiredProofs: 0,
      changes: [change('TAX-1')],
    });

    // Bob, offline: queues the promotion of 1.0.0 and a draft 1.1.0 with a proof.
    const db = await openTetherDb({ name: newId('bob-db'), indexedDB, IDBKeyRange });
    dbs.push(db);
    const outbox = releaseOutbox(db);
    await outbox.queue(
      { kind: 'promote', releaseId: draft.id, requestId: newId('req'), sawChanges: ['TAX-1'] },
      'Promote 1.0.0',
    );
    const request = {
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Acme'],
      version: '1.1.0',
      collaborators: [],
      requiredProofs: 1,
      changes: [] as ReturnType<typeof change>[],
    };
    await outbox.queue({ kind: 'create', request }, 'Draft 1.1.0');
    // Bob's edits of his own draft, offline: each a queue entry of its own, applied in order.
    const edit = (edit: DraftEdit) =>
      outbox.queue({ kind: 'edit', releaseId: request.id, requestId: newId('req'), edit }, 'Edit');
    await edit({ op: 'addChange', change: change('TAX-2') });
    await edit({ op: 'addChange', change: change('TAX-3') });
    await edit({ op: 'removeChange', changeId: 'TAX-3' });
    await edit({ op: 'collaborators', names: ['alice'] });
    const proof = {
      requestId: newId('req'),
      id: newId('proof'),
      changeId: 'TAX-2',
      result: 'passed' as const,
    };
    await outbox.queue(
      { kind: 'proof', releaseId: request.id, request: { ...proof, note: 'ok', link: null } },
      'Proof',
    );
    const edited = { requestId: newId('req'), result: 'passed' as const, note: 'ok, edited', link: null };
    await outbox.queue(
      { kind: 'proofEdit', releaseId: request.id, proofId: proof.id, request: edited },
      'Edit proof',
    );
    const dropped = { ...proof, requestId: newId('req'), id: newId('proof'), note: 'oops', link: null };
    await outbox.queue({ kind: 'proof', releaseId: request.id, request: dropped }, 'Proof');
    await outbox.queue(
      { kind: 'proofDelete', releaseId: request.id, proofId: dropped.id, requestId: newId('req') },
      'Delete proof',
    );
    // Not his to decide, though he collaborates on it: who collaborates on Alice's draft.
    const { release: shared } = await alice.createRelease({
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Acme'],
      version: '1.2.0',
      collaborators: ['bob'],
    });
    await outbox.queue(
      {
        kind: 'edit',
        releaseId: shared.id,
        requestId: newId('req'),
        edit: { op: 'collaborators', names: [] },
      },
      'Edit',
    );
    const shown = withQueuedWrites([draft], queuedReleaseWrites(await db.queue.all()), 'bob', 1);
    expect(shown.find((r) => r.id === request.id)?.changes.map((c) => c.proofs.map((p) => p.note))).toEqual([
      ['ok, edited'],
    ]);
    expect((await db.queue.all()).length).toBe(11);

    // Meanwhile Alice promotes 1.0.0. Bob comes back: the queue runs.
    await alice.promoteRelease(draft.id, { requestId: newId('req'), seenRevision: draft.revision });
    const runner = new QueueRunner({
      db,
      remote: bob,
      releases: bob,
      identity: { userName: 'bob', instanceId: 'inst-bob-1' },
      now: Date.now,
      progress: () => undefined,
    });
    const result = await runner.drain();
    expect(result.failed).toBe(2);

    const left = queuedReleaseWrites(await db.queue.all());
    expect(left.map((w) => w.write.kind)).toEqual(['promote', 'edit']);
    expect(left[0]?.error).toMatch(/^Version 1\.0\.0 was already promoted by alice at .*; 1\.0\.1 is free$/);
    expect(left[1]?.error).toBe('Only alice can choose who collaborates on 1.2.0');

    const { releases } = await bob.listReleases({ namespace: 'Acme' });
    const sent = releases.find((r) => r.version === '1.1.0');
    expect(sent?.createdBy).toBe('bob');
    expect(
      sent?.changes.map((c) => `${c.id}: ${c.proofs.map((p) => `${p.author} rc.${p.rc}`).join()}`),
    ).toEqual(['TAX-2: bob rc.1']);
    expect(sent?.changes[0]?.proofs[0]?.note).toBe('ok, edited');
    expect(sent?.collaborators).toEqual(['alice']);
  });
});
