import { describe, expect, it } from 'vitest';
import type { Release } from '../sync-protocol/releases.js';
import { ReleaseWriteSchema, withQueuedWrites, type QueuedWrite } from './queued.js';

const change = (id: string) => ({ id, type: 'item' as const, ref: `item-${id}`, title: id, assignee: null });
const write = (value: unknown, error: string | null = null): QueuedWrite => ({
  write: ReleaseWriteSchema.parse(value),
  error,
});
const onServer = {
  id: 'release-server',
  namespaces: ['Acme'],
  version: '1.0.0',
  status: 'draft',
  createdBy: 'alice',
  collaborators: [],
  requiredProofs: 1,
  changes: [{ ...change('FEAT-1'), proofs: [] }],
  revision: 1,
  createdAt: 1,
  updatedAt: 1,
  promotedBy: null,
  promotedAt: null,
  yanked: false,
  yankReason: null,
  gate: { ready: false, reasons: ['FEAT-1 FEAT-1: 0 of 1 passing proofs'] },
} satisfies Release;
const proof = (releaseId: string, changeId: string) => ({
  kind: 'proof',
  releaseId,
  request: {
    requestId: `request-${changeId}`,
    id: `proof-id-${changeId}`,
    changeId,
    result: 'passed',
    note: 'ok',
    link: null,
  },
});

describe('release writes waiting in the outbox', () => {
  it('show a draft made offline as local only, with its queued proofs counted by the gate', () => {
    const shown = withQueuedWrites(
      [onServer],
      [
        write({
          kind: 'create',
          request: {
            requestId: 'request-0001',
            id: 'release-local',
            namespaces: ['Acme'],
            version: '2.0.0',
            changes: [change('BUG-1')],
          },
        }),
        write(proof('release-local', 'BUG-1')),
        write({
          kind: 'promote',
          releaseId: 'release-local',
          requestId: 'request-promote',
          sawChanges: ['BUG-1'],
        }),
      ],
      'bob',
      5,
    );
    const local = shown.find((r) => r.id === 'release-local');
    expect(local).toMatchObject({
      version: '2.0.0',
      createdBy: 'bob',
      queued: 'local only',
      queuedPromotion: { error: null },
    });
    expect(local?.gate.ready).toBe(true);
    expect(local?.changes[0]?.proofs.map((p) => `${p.author} rc.${p.rc}`)).toEqual(['bob rc.0']);
    expect(shown.find((r) => r.id === 'release-server')?.queued).toBeNull();
  });

  it("lay a queued proof on the server's draft, and show a failed promotion with the server's words", () => {
    const lost = 'Version 1.0.0 was already promoted by alice at 2026-12-06T05:00:00.000Z; 1.0.1 is free';
    const [shown] = withQueuedWrites(
      [onServer],
      [
        write(proof('release-server', 'FEAT-1')),
        write(
          {
            kind: 'promote',
            releaseId: 'release-server',
            requestId: 'request-promote',
            sawChanges: ['FEAT-1'],
          },
          lost,
        ),
        write(proof('release-unknown', 'X')),
      ],
      'bob',
      5,
    );
    expect(shown).toMatchObject({
      queued: 'queued',
      queuedPromotion: { error: lost },
      gate: { ready: true },
    });
  });

  it('refuses a write that is not one', () => {
    expect(ReleaseWriteSchema.safeParse({ kind: 'yank', releaseId: 'rel-1' }).success).toBe(false);
  });
});
