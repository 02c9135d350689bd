import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import { makeOp, newId } from '../../src-server/testing/client.js';
import { useSignedInScratch } from './test-support.js';

const { as } = useSignedInScratch(['alice', 'bob'], { Acme: ['alice'] });

describe('RemoteClient releases against a real server', () => {
  it('drafts, proves, deletes a proof, promotes; a second promotion is refused with the winner and an offer', async () => {
    const op = makeOp('alice', { path: 'Acme.charge' });
    await as('alice').pushOps([op]);
    const { release: draft } = await as('alice').createRelease({
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Acme'],
      version: '1.0.0',
      collaborators: ['bob'],
      changes: [{ id: 'FEAT-1', type: 'item', ref: op.itemId, title: 'Charge', assignee: 'bob' }],
    });
    expect(draft.gate.ready).toBe(false);
    const proof = (changeId: string) => ({
      requestId: newId('req'),
      id: newId('proof'),
      changeId,
      result: 'passed' as const,
      note: 'CI green',
      link: 'https://ci.example/1',
    });
    const first = await as('bob').addProof(draft.id, proof('FEAT-1'));
    const removed = await as('bob').deleteProof(draft.id, first.proofId, newId('req'));
    expect(removed.release.changes[0]?.proofs).toEqual([]);
    const { release: proven } = await as('bob').addProof(draft.id, proof('FEAT-1'));
    expect(proven.changes[0]?.proofs.map((p) => `rc.${p.rc} ${p.author}`)).toEqual(['rc.2 bob']);
    expect(proven.gate.ready).toBe(true);

    const seen = { seenRevision: proven.revision };
    const { release: promoted } = await as('alice').promoteRelease(draft.id, {
      requestId: newId('req'),
      ...seen,
    });
    expect(promoted).toMatchObject({ status: 'promoted', promotedBy: 'alice' });
    const err = await as('bob')
      .promoteRelease(draft.id, { requestId: newId('req'), ...seen })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).code).toBe('conflict');
    expect((err as BridgeError).message).toMatch(
      /^Version 1\.0\.0 was already promoted by alice at .*; 1\.0\.1 is free$/,
    );

    const detail = await as('bob').getRelease(draft.id);
    expect(detail.heads).toEqual([{ itemId: op.itemId, opId: op.id }]);
    expect((await as('bob').listReleases({ namespace: 'Acme' })).releases.map((r) => r.version)).toEqual([
      '1.0.0',
    ]);
  });
});
