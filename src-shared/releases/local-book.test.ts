import { describe, expect, it } from 'vitest';
import type { Release } from '../sync-protocol/releases.js';
import { DraftRefused, draftUpdate, type DraftEdit } from './draft-rules.js';
import {
  EMPTY_BOOK,
  modeOf,
  ReleaseBookSchema,
  setMode,
  withBook,
  withPulled,
  writesToSend,
  writeToBook,
  type ReleaseBook,
} from './local-book.js';
import { withQueuedWrites } from './queued.js';
import { listedSyncRows, releaseSyncSummary } from './sync-status.js';

const change = (id: string) => ({ id, type: 'item' as const, ref: `item-${id}`, title: id, assignee: null });
let n = 0;
const newId = () => `request-${String(++n).padStart(4, '0')}`;
const ctx = (user: string, usedVersions: string[] = []) => ({ user, now: 10, usedVersions });

function draftIn(book: ReleaseBook, user = 'alice'): ReleaseBook {
  return writeToBook(
    book,
    {
      kind: 'create',
      request: {
        requestId: newId(),
        id: 'release-local1',
        namespaces: ['Acme'],
        version: '1.0.0',
        collaborators: ['bob'],
        requiredProofs: 1,
        changes: [change('A'), change('B')],
      },
    },
    'local',
    ctx(user),
  );
}
const proof = (id: string, changeId: string) => ({
  kind: 'proof' as const,
  releaseId: 'release-local1',
  request: { requestId: newId(), id, changeId, result: 'passed' as const, note: 'ok', link: null },
});
const edit = (e: DraftEdit) => ({
  kind: 'edit' as const,
  releaseId: 'release-local1',
  requestId: newId(),
  edit: e,
});
const only = (book: ReleaseBook) => book.releases[0] as Release;

describe('a draft kept on this computer (local and hybrid modes)', () => {
  it('lives its whole life by the server’s rules: changes, collaborators, the gate, proofs by their author', () => {
    let book = draftIn(EMPTY_BOOK);
    expect(() =>
      writeToBook(
        book,
        { kind: 'create', request: { ...only(book), requestId: newId(), changes: [] } },
        'local',
        ctx('alice', ['1.0.0']),
      ),
    ).toThrow('Version 1.0.0 is already used; 1.0.1 is free');
    book = writeToBook(book, proof('proof-a-0001', 'A'), 'local', ctx('bob'));
    book = writeToBook(book, proof('proof-a-0002', 'A'), 'local', ctx('alice'));
    expect(only(book).changes[0]?.proofs.map((p) => `${p.author} rc.${p.rc}`)).toEqual([
      'bob rc.1',
      'alice rc.2',
    ]);
    // Proofs are their author's: alice may not edit or delete bob's.
    const bobs = {
      kind: 'proofDelete' as const,
      releaseId: 'release-local1',
      proofId: 'proof-a-0001',
      requestId: newId(),
    };
    expect(() => writeToBook(book, bobs, 'local', ctx('alice'))).toThrow('Only bob can change their proof');
    book = writeToBook(book, bobs, 'local', ctx('bob'));
    // A change with proofs stays; one without goes.
    expect(() =>
      writeToBook(book, edit({ op: 'removeChange', changeId: 'A' }), 'local', ctx('alice')),
    ).toThrow('Change A has proofs and cannot be removed from the release');
    book = writeToBook(book, edit({ op: 'removeChange', changeId: 'B' }), 'local', ctx('alice'));
    // Collaborators are the creator's choice; the gate's setting is any editor's.
    expect(() => writeToBook(book, edit({ op: 'collaborators', names: [] }), 'local', ctx('bob'))).toThrow(
      'Only alice can choose who collaborates on 1.0.0',
    );
    book = writeToBook(book, edit({ op: 'requiredProofs', count: 2 }), 'local', ctx('bob'));
    expect(only(book).gate).toEqual({ ready: false, reasons: ['A A: 1 of 2 passing proofs'] });
    expect(() =>
      writeToBook(
        book,
        { kind: 'promote', releaseId: 'release-local1', requestId: newId(), sawChanges: [] },
        'local',
        ctx('alice'),
      ),
    ).toThrow('Ready for promotion: no (A A: 1 of 2 passing proofs)');
    book = writeToBook(book, edit({ op: 'requiredProofs', count: 1 }), 'local', ctx('alice'));
    const heads = [{ itemId: 'item-A', opId: 'op-a-1' }];
    const promote = {
      kind: 'promote' as const,
      releaseId: 'release-local1',
      requestId: newId(),
      sawChanges: [],
    };
    book = writeToBook(book, promote, 'local', { ...ctx('alice'), heads });
    expect(book.releases[0]).toMatchObject({ status: 'promoted', promotedBy: 'alice', heads });
    // Promoted is final.
    expect(() => writeToBook(book, promote, 'local', ctx('bob'))).toThrow(
      'Version 1.0.0 was already promoted by alice',
    );
    expect(() => writeToBook(book, proof('proof-a-0003', 'A'), 'local', ctx('bob'))).toThrow(DraftRefused);
  });

  it('keeps a mode per namespace, the nearest one above counting', () => {
    const book = setMode(setMode(EMPTY_BOOK, 'Acme', 'local'), 'Acme.Billing', 'hybrid');
    expect(modeOf(book, 'Acme.Billing.Tax', 'cloud')).toBe('hybrid');
    expect(modeOf(book, 'Acme.Crm', 'cloud')).toBe('local');
    expect(modeOf(book, 'Other', 'cloud')).toBe('cloud');
  });

  it('keeps what hybrid mode last pulled per namespace, and reads a book saved before it had any', () => {
    const pulled = only(draftIn(EMPTY_BOOK));
    const book = withPulled(setMode(EMPTY_BOOK, 'Acme', 'hybrid'), 'Acme', [pulled]);
    expect(book.pulled).toEqual({ Acme: [pulled] });
    expect(withPulled(book, 'Acme', []).pulled).toEqual({ Acme: [] });
    // Saved and read back as the database does (JSON), and an older book without `pulled`.
    expect(ReleaseBookSchema.parse(JSON.parse(JSON.stringify(book))).pulled.Acme?.[0]?.version).toBe('1.0.0');
    expect(ReleaseBookSchema.parse({ modes: { Acme: 'hybrid' }, releases: [] }).pulled).toEqual({});
  });

  it('goes to the server (hybrid promotion) as its draft, each proof, then the promotion', () => {
    let book = draftIn(EMPTY_BOOK);
    book = writeToBook(book, proof('proof-a-0001', 'A'), 'hybrid', ctx('alice'));
    const writes = writesToSend(only(book), true, newId);
    expect(writes.map((w) => w.kind)).toEqual(['create', 'proof', 'promote']);
    expect(writes[0]).toMatchObject({
      request: { id: 'release-local1', version: '1.0.0', collaborators: ['bob'] },
    });
    expect(writes[1]).toMatchObject({ request: { id: 'proof-a-0001', changeId: 'A', note: 'ok' } });
    // As queue entries they show the same draft, its proof queued and its promotion waiting.
    const shown = withQueuedWrites(
      [],
      writes.map((write) => ({ write, error: null })),
      'alice',
      1,
    );
    expect(shown[0]).toMatchObject({
      queued: 'local only',
      queuedPromotion: { error: null },
      gate: { ready: false },
    });
    expect(writesToSend(only(book), false, newId).map((w) => w.kind)).toEqual(['create', 'proof']);
  });

  it('an edit sent twice, or already made by someone else, sends nothing', () => {
    const release = only(draftIn(EMPTY_BOOK));
    expect(draftUpdate(release, { op: 'addChange', change: change('A') })).toBeNull();
    expect(() =>
      draftUpdate(release, { op: 'addChange', change: { ...change('A'), title: 'other' } }),
    ).toThrow('Release 1.0.0 already has a change A');
    expect(draftUpdate(release, { op: 'removeChange', changeId: 'Z' })).toBeNull();
    expect(draftUpdate(release, { op: 'collaborators', names: ['bob', 'bob'] })).toBeNull();
    expect(draftUpdate(release, { op: 'requiredProofs', count: 3 })).toEqual({ requiredProofs: 3 });
  });
});

describe('the status view', () => {
  const server = (id: string, version: string, revision: number) => ({ id, version, revision });
  it('lists local, server-only, behind, ahead and diverged releases, and never drops a kept draft on pull', () => {
    const kept = withBook([], draftIn(EMPTY_BOOK));
    const listed = [
      ...kept,
      { ...server('release-pull1', '0.9.0', 2), kept: null, queued: null },
      { ...server('release-pull2', '0.8.0', 1), kept: null, queued: 'queued' as const },
    ];
    const rows = listedSyncRows(listed, [
      server('release-pull1', '0.9.0', 3),
      server('release-pull2', '0.8.0', 1),
      server('release-new1', '0.7.0', 1),
    ]);
    expect(rows.map((r) => `${r.version} ${r.state}`)).toEqual([
      '1.0.0 local only',
      '0.9.0 behind',
      '0.8.0 ahead',
      '0.7.0 server only',
    ]);
    expect(releaseSyncSummary(rows)).toBe(
      'Diverged (2 server releases not pulled, 2 local releases not pushed)',
    );
    // The server holds another 1.0.0: the kept draft is diverged, still listed.
    const clash = listedSyncRows(kept, [server('release-other', '1.0.0', 1)]);
    expect(clash.map((r) => `${r.version} ${r.state}`)).toEqual(['1.0.0 diverged', '1.0.0 server only']);
    expect(
      listedSyncRows(listed.slice(1, 2), [server('release-pull1', '0.9.0', 2)]).map((r) => r.state),
    ).toEqual(['in sync']);
    expect(releaseSyncSummary(listedSyncRows(kept, null))).toBe('Ahead (1 local release not pushed)');
  });
});
