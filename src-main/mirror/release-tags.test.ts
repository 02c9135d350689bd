import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openMirrorHarness, type MirrorHarness } from '../../bench/mirror-harness.js';
import { releaseTags, type ReleaseTag } from '../../src-shared/mirror/release-tag.js';
import type { ItemState } from '../../src-shared/model/index.js';
import { releaseSnapshot } from '../../src-shared/releases/index.js';
import type { Release } from '../../src-shared/sync-protocol/index.js';
import { runGit } from '../git/run.js';
import { cloneTo, startGitHttpRemote, type GitHttpRemote } from '../git/test-support.js';
import { GitSync } from './git-sync.js';
import { ReleaseTagPushes } from './release-tag-push.js';
import { tagRelease } from './release-tags.js';

let remote: GitHttpRemote;
const open: MirrorHarness[] = [];
const clones: string[] = [];
beforeAll(async () => {
  remote = await startGitHttpRemote();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});
afterAll(async () => {
  await remote.close();
  await Promise.all(clones.map((dir) => rm(dir, { recursive: true, force: true })));
});
async function harness(opts: Parameters<typeof openMirrorHarness>[0]): Promise<MirrorHarness> {
  const h = await openMirrorHarness(opts);
  open.push(h);
  return h;
}
const git = (dir: string, ...args: string[]) => runGit(args, { cwd: dir }).then((out) => out.trim());
/** A ref of a bare repository, or null when it has none of that name. */
const refOf = (bare: string, ref: string) => git(bare, 'rev-parse', '--verify', '-q', ref).catch(() => null);
const author = { name: 'alice', email: 'alice@tether.local' };

const promoted = (over: Partial<Release> = {}): Release => ({
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
  ...over,
});

/** The one tag of a single-namespace release. */
function onlyTag(release: Release, items: readonly ItemState[]): ReleaseTag {
  const [tag, ...more] = releaseTags(release, items);
  if (!tag || more.length) throw new Error(`expected one tag, got ${more.length + (tag ? 1 : 0)}`);
  return tag;
}

/** Acme.rates created and committed; the release froze it at "rate: 1". */
async function ratesRelease(h: MirrorHarness, release = promoted()) {
  const rates = await h.ws.createItem({ path: 'Acme.rates', kind: 'value', content: 'rate: 1\n' });
  await h.exported();
  await h.git?.commitNow();
  const heads = rates.heads.map((opId) => ({ itemId: rates.itemId, opId }));
  return onlyTag(release, releaseSnapshot((id) => h.ws.op(id), heads).items);
}

describe('a promoted release as a tag of the mirror repository', () => {
  it('is an annotated tag Acme/v2.0.0 on the frozen items, made once, never moved, no branch moved', async () => {
    const h = await harness({ userName: 'alice', git: {} });
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
    const tag = onlyTag(release, items);
    if (!h.git) throw new Error('expected git');

    expect(await tagRelease(h.git, [tag], author)).toEqual([{ state: 'created', tag: 'Acme/v2.0.0' }]);
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
    expect(await tagRelease(h.git, [tag], author)).toEqual([{ state: 'exists', tag: 'Acme/v2.0.0' }]);
    expect(await git(h.folder, 'rev-parse', 'Acme/v2.0.0')).toBe(before);
    expect(await h.git.repo.tagOnce('Acme/v2.0.0', head, 'moved?', author, 0)).toBe(false);
    expect(await git(h.folder, 'rev-parse', 'Acme/v2.0.0')).toBe(before);
  });

  it('a release of Acme and Beta is tagged under each, each tag on its own namespace as released', async () => {
    const h = await harness({ userName: 'alice', git: {} });
    const rates = await h.ws.createItem({ path: 'Acme.rates', kind: 'value', content: 'rate: 1\n' });
    const mail = await h.ws.createItem({ path: 'Beta.Mail.send', kind: 'fn', content: 'send(1)\n' });
    await h.exported();
    await h.git?.commitNow();
    const heads = [rates, mail].flatMap((item) => item.heads.map((opId) => ({ itemId: item.itemId, opId })));
    const release = promoted({ id: 'release-0002', namespaces: ['Acme', 'Beta'], version: '3.0.0' });
    const tags = releaseTags(release, releaseSnapshot((id) => h.ws.op(id), heads).items);
    expect(tags.map((t) => [t.tag, t.folder, t.files])).toEqual([
      ['Acme/v3.0.0', 'Acme', [{ path: 'rates.value.ts', content: 'rate: 1\n' }]],
      ['Beta/v3.0.0', 'Beta', [{ path: 'Mail/send.ts', content: 'send(1)\n' }]],
    ]);
    await h.ws.updateContent(rates.itemId, 'rate: 2\n');
    await h.ws.updateContent(mail.itemId, 'send(2)\n');
    await h.exported();
    if (!h.git) throw new Error('expected git');

    expect(await tagRelease(h.git, tags, author)).toEqual([
      { state: 'created', tag: 'Acme/v3.0.0' },
      { state: 'created', tag: 'Beta/v3.0.0' },
    ]);
    expect(await git(h.folder, 'cat-file', '-t', 'Acme/v3.0.0')).toBe('tag');
    expect(await git(h.folder, 'cat-file', '-t', 'Beta/v3.0.0')).toBe('tag');
    // Each tag's commit holds its namespace as released; the branch has moved on to the later edits.
    expect(await git(h.folder, 'show', 'Acme/v3.0.0:Acme/rates.value.ts')).toBe('rate: 1');
    expect(await git(h.folder, 'show', 'Beta/v3.0.0:Beta/Mail/send.ts')).toBe('send(1)');
    expect(await git(h.folder, 'show', 'HEAD:Acme/rates.value.ts')).toBe('rate: 2');
    expect(await git(h.folder, 'show', 'HEAD:Beta/Mail/send.ts')).toBe('send(2)');
    const messages = await git(h.folder, 'tag', '-n1', '-l', '*/v3.0.0');
    expect(messages.split('\n')).toEqual([
      expect.stringMatching(/^Acme\/v3\.0\.0 +Release Acme, Beta 3\.0\.0$/),
      expect.stringMatching(/^Beta\/v3\.0\.0 +Release Acme, Beta 3\.0\.0$/),
    ]);
    // Tagged again (a half-done earlier pass): both stay where they are.
    const before = await git(h.folder, 'rev-parse', 'Acme/v3.0.0', 'Beta/v3.0.0');
    expect((await tagRelease(h.git, tags, author)).map((r) => r.state)).toEqual(['exists', 'exists']);
    expect(await git(h.folder, 'rev-parse', 'Acme/v3.0.0', 'Beta/v3.0.0')).toBe(before);
  });
});

describe('release tags and the git remote', () => {
  it('with auto-push on, a new release tag reaches the real remote with the branch', async () => {
    const bare = await remote.createRepo('tags-auto');
    const h = await harness({
      userName: 'alice',
      git: { remoteUrl: remote.url('tags-auto'), autoPush: true },
    });
    const tag = await ratesRelease(h);
    if (!h.git) throw new Error('expected git');
    expect((await tagRelease(h.git, [tag], author))[0]?.state).toBe('created');
    const local = await git(h.folder, 'rev-parse', 'refs/tags/Acme/v2.0.0');
    // The annotated tag object itself, not a lightweight copy; the branch went too.
    await eventually(async () => (await refOf(bare, 'refs/tags/Acme/v2.0.0')) === local, 15_000);
    expect(await git(bare, 'cat-file', '-t', 'Acme/v2.0.0')).toBe('tag');
    expect(await refOf(bare, 'refs/heads/main')).toBe(await git(h.folder, 'rev-parse', 'HEAD'));
    await eventually(async () => (await new ReleaseTagPushes(h.git!.repo).pending()).length === 0);
  });

  it('a tag the remote holds on another commit is reported on every push, never forced, and pushed once it is gone', async () => {
    const bare = await remote.createRepo('tags-taken');
    const h = await harness({ userName: 'alice', git: { remoteUrl: remote.url('tags-taken') } });
    const tag = await ratesRelease(h);
    const git$ = h.git;
    if (!git$) throw new Error('expected git');
    await git$.push();
    // Someone else's Acme/v2.0.0 is already on the remote, on their own commit.
    const other = await cloneTo(remote.url('tags-taken'));
    clones.push(other);
    await git(other, 'commit', '-q', '--allow-empty', '-m', 'theirs');
    await git(other, 'tag', '-a', '-m', 'their 2.0.0', 'Acme/v2.0.0');
    await git(other, 'push', '-q', 'origin', 'HEAD:refs/heads/theirs', 'refs/tags/Acme/v2.0.0');
    const theirs = await refOf(bare, 'refs/tags/Acme/v2.0.0');

    expect((await tagRelease(git$, [tag], author))[0]?.state).toBe('created');
    await h.ws.createItem({ path: 'Acme.more', kind: 'fn', content: 'more\n' });
    await h.exported();
    await git$.commitNow();
    const refused = 'Tag Acme/v2.0.0 not pushed: the remote has a tag of that name on another commit';
    expect(await git$.push()).toContain(refused);
    expect(await refOf(bare, 'refs/tags/Acme/v2.0.0')).toBe(theirs);
    expect(git$.status.tagsRefused).toEqual(['Acme/v2.0.0']);
    // The branch went all the same.
    expect(await refOf(bare, 'refs/heads/main')).toBe(await git(h.folder, 'rev-parse', 'HEAD'));
    // Said again on the next push; still theirs.
    expect(await git$.push()).toContain(refused);
    expect(await refOf(bare, 'refs/tags/Acme/v2.0.0')).toBe(theirs);

    // They remove theirs: the next push sends ours, and nothing is reported any more.
    await git(other, 'push', '-q', 'origin', ':refs/tags/Acme/v2.0.0');
    expect(await git$.push()).toBe('Pushed. Tags pushed: Acme/v2.0.0.');
    expect(await refOf(bare, 'refs/tags/Acme/v2.0.0')).toBe(
      await git(h.folder, 'rev-parse', 'refs/tags/Acme/v2.0.0'),
    );
    expect(git$.status.tagsRefused).toEqual([]);
    expect(await git$.push()).toBe('Pushed.');
  });

  it('a release tag listed while a push is sending the others goes with that same push', async () => {
    const bare = await remote.createRepo('tags-during');
    const h = await harness({ userName: 'alice', git: { remoteUrl: remote.url('tags-during') } });
    const tag = await ratesRelease(h);
    const sync = h.git;
    if (!sync) throw new Error('expected git');
    expect((await tagRelease(sync, [tag], author))[0]?.state).toBe('created');
    // While git sends Acme/v2.0.0, the next release's tag is made and listed (its own push request
    // would be joined to this running push by the sync queue).
    const { repo } = sync;
    const pushTags = repo.pushTags.bind(repo);
    const sent: string[][] = [];
    repo.pushTags = async (names) => {
      sent.push([...names]);
      if (sent.length === 1) {
        const head = (await repo.head()) ?? '';
        expect(await repo.tagOnce('Acme/v2.0.1', head, 'Release Acme 2.0.1', author, tag.at)).toBe(true);
        await sync.releaseTagged(['Acme/v2.0.1'], false);
      }
      return pushTags(names);
    };
    expect(await sync.push()).toBe('Pushed. Tags pushed: Acme/v2.0.0, Acme/v2.0.1.');
    expect(sent).toEqual([['Acme/v2.0.0'], ['Acme/v2.0.1']]);
    for (const name of ['Acme/v2.0.0', 'Acme/v2.0.1'])
      expect(await refOf(bare, `refs/tags/${name}`)).toBe(
        await git(h.folder, 'rev-parse', `refs/tags/${name}`),
      );
    expect(await new ReleaseTagPushes(repo).pending()).toEqual([]);
  });

  it('a release tag deleted here by hand before its push is dropped from the list; the branch still goes', async () => {
    const bare = await remote.createRepo('tags-deleted');
    const h = await harness({ userName: 'alice', git: { remoteUrl: remote.url('tags-deleted') } });
    const tag = await ratesRelease(h);
    if (!h.git) throw new Error('expected git');
    expect((await tagRelease(h.git, [tag], author))[0]?.state).toBe('created');
    await git(h.folder, 'tag', '-d', 'Acme/v2.0.0');
    expect(await h.git.push()).toBe('Pushed.');
    expect(await refOf(bare, 'refs/heads/main')).toBe(await git(h.folder, 'rev-parse', 'HEAD'));
    expect(await refOf(bare, 'refs/tags/Acme/v2.0.0')).toBeNull();
    expect(await new ReleaseTagPushes(h.git.repo).pending()).toEqual([]);
  });

  it('tags left from the last run ask for a push at open, and the status says so until a push ran', async () => {
    const bare = await remote.createRepo('tags-left');
    const h = await harness({ userName: 'alice', git: { remoteUrl: remote.url('tags-left') } });
    const tag = await ratesRelease(h);
    if (!h.git) throw new Error('expected git');
    expect((await tagRelease(h.git, [tag], author))[0]?.state).toBe('created');
    h.git.close(); // quit before any push: the tag waits in the list
    // The next start, with auto-push: the request is an event no page may have heard yet.
    const asked: string[] = [];
    const again = await GitSync.open({
      mirror: h.mirror,
      author,
      settings: {
        enabled: true,
        autoCommit: 'off',
        commitMinutes: 1,
        autoPush: true,
        remoteUrl: remote.url('tags-left'),
      },
      importTimeoutMs: 10_000,
      requestNetwork: (step) => asked.push(step),
    });
    try {
      expect(asked).toEqual(['push']);
      expect(again.status.pushAsked).toBe(true);
      expect(await again.push()).toBe('Pushed. Tags pushed: Acme/v2.0.0.');
      expect(await refOf(bare, 'refs/tags/Acme/v2.0.0')).not.toBeNull();
      expect(again.status.pushAsked).toBe(false);
    } finally {
      again.close();
    }
  });

  it('a damaged or hand-written list of tags to push sends nothing it names that Tether did not make', async () => {
    const bare = await remote.createRepo('tags-hostile');
    const h = await harness({ userName: 'alice', git: { remoteUrl: remote.url('tags-hostile') } });
    await ratesRelease(h);
    if (!h.git) throw new Error('expected git');
    const list = join(h.folder, '.git', 'tether-release-tags-to-push.json');
    // Not JSON: read as an empty list.
    await writeFile(list, '{ not json');
    expect(await new ReleaseTagPushes(h.git.repo).pending()).toEqual([]);
    expect(await h.git.push()).toBe('Pushed.');
    // Entries that are not strings are dropped; names of no tag here (a branch, a refspec) are never pushed.
    await writeFile(list, JSON.stringify([7, null, 'main', 'x:refs/heads/main', '+refs/tags/*']));
    expect(await new ReleaseTagPushes(h.git.repo).pending()).toEqual([
      'main',
      'x:refs/heads/main',
      '+refs/tags/*',
    ]);
    const mainBefore = await refOf(bare, 'refs/heads/main');
    expect(await h.git.push()).toBe('Pushed.');
    expect(await git(bare, 'tag', '-l')).toBe('');
    expect(await refOf(bare, 'refs/heads/main')).toBe(mainBefore);
    expect(await new ReleaseTagPushes(h.git.repo).pending()).toEqual([]);
  });
});
