import { afterEach, describe, expect, it } from 'vitest';
import { openMirrorHarness, type MirrorHarness } from '../../bench/mirror-harness.js';
import { releaseTag } from '../../src-shared/mirror/release-tag.js';
import { releaseSnapshot } from '../../src-shared/releases/index.js';
import type { Release } from '../../src-shared/sync-protocol/index.js';
import { runGit } from '../git/run.js';
import { tagRelease } from './release-tags.js';

const open: MirrorHarness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});
const git = (dir: string, ...args: string[]) => runGit(args, { cwd: dir }).then((out) => out.trim());

const promoted = (): Release => ({
  id: 'release-0001',
  namespaces: ['Acme'],
  version: '2.0.0',
  status: 'promoted',
  createdBy: 'alice',
  collaborators: [],
  requiredProofs: 1,
  changes: [{ id: 'FEAT-1', type: 'item', ref: 'x', title: 'Rates', assignee: null, proofs: [] }],
  revision: 3,
  createdAt: 1,
  updatedAt: 2,
  promotedBy: 'alice',
  promotedAt: Date.UTC(2026, 11, 6, 9, 0, 0),
  yanked: false,
  yankReason: null,
  gate: { ready: true, reasons: [] },
});

describe('a promoted release as a tag of the mirror repository', () => {
  it('is an annotated tag Acme/v2.0.0 on the frozen items, made once, never moved, no branch moved', async () => {
    const h = await openMirrorHarness({ userName: 'alice', git: {} });
    open.push(h);
    const rates = await h.ws.createItem({ path: 'Acme.rates', kind: 'value', content: 'rate: 1\n' });
    await h.ws.createItem({ path: 'Acme.gone', kind: 'fn', content: 'bye\n' });
    await h.ws.createItem({ path: 'Other.keep', kind: 'fn', content: 'kept\n' });
    await h.exported();
    await h.git?.commitNow();
    // The release froze Acme.rates at rate: 1 (and had no Acme.gone); later work moves on.
    const heads = rates.heads.map((opId) => ({ itemId: rates.itemId, opId }));
    const release = promoted();
    const items = releaseSnapshot((id) => h.ws.op(id), heads).items;
    await h.ws.updateContent(rates.itemId, 'rate: 2\n');
    await h.exported();
    const tag = releaseTag(release, items);
    if (!tag || !h.git) throw new Error('expected a tag and git');

    const author = { name: 'alice', email: 'alice@tether.local' };
    expect(await tagRelease(h.git, tag, author)).toEqual({ state: 'created', tag: 'Acme/v2.0.0' });
    const head = await git(h.folder, 'rev-parse', 'HEAD');
    expect(await git(h.folder, 'cat-file', '-t', 'Acme/v2.0.0')).toBe('tag');
    expect(await git(h.folder, 'show', 'Acme/v2.0.0:Acme/rates.value.ts')).toBe('rate: 1');
    expect(await git(h.folder, 'ls-tree', '-r', '--name-only', 'Acme/v2.0.0')).toBe(
      'Acme/rates.value.ts\nOther/keep.ts',
    );
    // Its parent is the latest commit, which took the folder's pending work (rate: 2) first.
    expect(await git(h.folder, 'rev-parse', 'Acme/v2.0.0^{commit}^')).toBe(head);
    expect(await git(h.folder, 'show', 'HEAD:Acme/rates.value.ts')).toBe('rate: 2');
    const message = await git(h.folder, 'tag', '-l', '--format=%(contents)', 'Acme/v2.0.0');
    expect(message).toContain('Release Acme 2.0.0');
    expect(message).toContain('Promoted by alice at 2026-12-06T09:00:00.000Z.');
    expect(message).toContain('- FEAT-1 Rates (0 passing proofs)');
    expect(await git(h.folder, 'status', '--porcelain')).toBe('');

    // Again (another start, another computer's news): the tag stays exactly where it is.
    const before = await git(h.folder, 'rev-parse', 'Acme/v2.0.0');
    await h.ws.updateContent(rates.itemId, 'rate: 3\n');
    await h.exported();
    expect(await tagRelease(h.git, tag, author)).toEqual({ state: 'exists', tag: 'Acme/v2.0.0' });
    expect(await git(h.folder, 'rev-parse', 'Acme/v2.0.0')).toBe(before);
    expect(await h.git.repo.tagOnce('Acme/v2.0.0', head, 'moved?', author, 0)).toBe(false);
    expect(await git(h.folder, 'rev-parse', 'Acme/v2.0.0')).toBe(before);
  });
});
