import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openMirrorHarness, type MirrorHarness } from '../../bench/mirror-harness.js';
import { runGit } from '../git/run.js';
import { cloneTo, startGitHttpRemote, type GitHttpRemote } from '../git/test-support.js';
import { MAX_KEPT_COMMITS, Manifest } from './manifest.js';

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
const commitCount = (dir: string) => git(dir, 'rev-list', '--count', 'HEAD').then(Number);
async function otherClone(name: string): Promise<string> {
  const dir = await cloneTo(remote.url(name));
  clones.push(dir);
  return dir;
}
async function theirCommit(
  dir: string,
  files: Record<string, string | null>,
  message = 'theirs',
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) await git(dir, 'rm', '-q', path);
    else {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
  }
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-qm', message);
  await git(dir, 'push', '-q', 'origin', 'main');
}

describe('git sync of the mirror folder', () => {
  it('entity → file → commit → remote: the commit lists the items, by the profile user', async () => {
    await remote.createRepo('flow');
    const h = await harness({ userName: 'ada', git: { remoteUrl: remote.url('flow') } });
    await h.ws.createItem({ path: 'Acme.Billing.charge', kind: 'fn', content: 'export const charge = 1;\n' });
    await h.ws.createItem({ path: 'Acme.ui.button', kind: 'component', content: 'name: button\n' });
    await h.exported();
    const commit = await h.git?.commitNow();
    expect(commit?.subject).toBe('Tether: 2 items changed');
    const body = await git(h.folder, 'log', '-1', '--format=%an <%ae>%n%B');
    expect(body).toContain('ada <ada@tether.local>');
    expect(body).toContain('Added Acme.Billing.charge');
    expect(body).toContain('Added Acme.ui.button');
    expect(await h.git?.commitNow()).toBeNull(); // never an empty commit
    await h.git?.push();
    expect(h.git?.status).toMatchObject({ ahead: 0, behind: 0, error: null });
    const other = await otherClone('flow');
    expect(await readFile(join(other, 'Acme/Billing/charge.ts'), 'utf8')).toBe('export const charge = 1;\n');
    // Tether's own state is not in the folder, so never in a commit.
    expect(await git(other, 'ls-files')).toBe('Acme/Billing/charge.ts\nAcme/ui/button.yaml');
  });

  it('remote → pull → file → item, without a commit of its own and without a circular commit', async () => {
    await remote.createRepo('pull');
    const h = await harness({ git: { remoteUrl: remote.url('pull') } });
    const item = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'v1' });
    await h.ws.createItem({ path: 'Acme.gone', kind: 'fn', content: 'bye' });
    await h.exported();
    await h.git?.commitNow();
    await h.git?.push();
    const other = await otherClone('pull');
    await theirCommit(other, {
      'Acme/a.ts': 'v2 from them',
      'Team/new.yaml': 'kind: new\n',
      'Acme/gone.ts': null,
    });
    const remoteHead = await git(other, 'rev-parse', 'HEAD');

    const before = await h.db.ops.count();
    expect(await h.git?.pull()).toBe('Pulled 3 changed items.');
    expect(h.ws.item(item.itemId)?.content).toBe('v2 from them');
    expect(h.ws.getSnapshot().items.map((i) => i.path)).toEqual(['Acme.a', 'Team.new']);
    expect(await h.read('Acme/a.ts')).toBe('v2 from them');
    expect(await git(h.folder, 'rev-parse', 'HEAD')).toBe(remoteHead);
    expect(await git(h.folder, 'status', '--porcelain')).toBe('');
    expect(await h.db.ops.count()).toBe(before + 3);
    // Nothing to commit after a pull, and the watcher does not import the pulled files again.
    expect(await h.git?.commitNow()).toBeNull();
    await new Promise((done) => setTimeout(done, 500));
    expect(await h.db.ops.count()).toBe(before + 3);
    expect(await h.git?.pull()).toBe('Already up to date.');
  });

  it('rapid edits settle into one commit', async () => {
    const h = await harness({
      git: { autoCommit: 'settled', commitMinutes: 1 },
      minuteMs: 600,
      debounceMs: 50,
    });
    const item = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: '0' });
    for (let n = 1; n <= 8; n += 1) {
      await h.ws.updateContent(item.itemId, String(n));
      await new Promise((done) => setTimeout(done, 80));
    }
    await eventually(async () => expect(await commitCount(h.folder)).toBe(1), 10_000);
    await new Promise((done) => setTimeout(done, 1_200));
    expect(await commitCount(h.folder)).toBe(1);
    expect(await readFile(join(h.folder, 'Acme/a.ts'), 'utf8')).toBe('8');
  });

  it('a change made on both sides becomes a conflict in the app; the working tree is left clean', async () => {
    await remote.createRepo('both');
    const h = await harness({ git: { remoteUrl: remote.url('both') } });
    const item = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'base\n' });
    await h.exported();
    await h.git?.commitNow();
    await h.git?.push();
    const other = await otherClone('both');
    await theirCommit(other, { 'Acme/a.ts': 'theirs\n' });
    await h.ws.updateContent(item.itemId, 'mine\n');
    await h.exported();
    await h.git?.commitNow(); // committed here, not pushed: the histories diverged

    await h.git?.pull();
    const conflict = h.ws.item(item.itemId)?.conflict;
    expect(conflict?.sides.map((op) => op.content).sort()).toEqual(['mine\n', 'theirs\n']);
    expect(conflict?.base?.content).toBe('base\n');
    const file = await h.read('Acme/a.ts');
    expect(file).not.toMatch(/<<<<<<<|=======|>>>>>>>/);
    expect(await git(h.folder, 'rev-parse', 'HEAD')).toBe(await git(other, 'rev-parse', 'HEAD'));
    const merging = await readFile(join(h.folder, '.git/MERGE_HEAD'), 'utf8').catch(() => null);
    expect(merging).toBeNull();
    // Resolving it in the app is committed on top of the remote, then pushes cleanly.
    await h.ws.resolveConflict(item.itemId, {
      path: 'Acme.a',
      kind: 'fn',
      content: 'both\n',
      deleted: false,
    });
    await h.exported();
    await h.git?.commitNow();
    await h.git?.push();
    await git(other, 'pull', '-q', '--ff-only');
    expect(await readFile(join(other, 'Acme/a.ts'), 'utf8')).toBe('both\n');
  });

  it('each commit records only the files it touched, and a conflict still finds its base commits back', async () => {
    await remote.createRepo('record');
    const h = await harness({ git: { remoteUrl: remote.url('record') } });
    const a = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'base\n' });
    const b = await h.ws.createItem({ path: 'Acme.b', kind: 'fn', content: 'b0\n' });
    await h.exported();
    await h.git?.commitNow();
    for (let n = 1; n <= 3; n += 1) {
      await h.ws.updateContent(b.itemId, `b${n}\n`);
      await h.exported();
      await h.git?.commitNow();
    }
    await h.git?.push();
    // Four commits: the first holds both files, the other three only Acme/b.ts (not commits × files).
    expect(Object.values(h.mirror.manifest.commits).map((heads) => Object.keys(heads).sort())).toEqual([
      ['Acme/a.ts', 'Acme/b.ts'],
      ['Acme/b.ts'],
      ['Acme/b.ts'],
      ['Acme/b.ts'],
    ]);
    const other = await otherClone('record');
    await theirCommit(other, { 'Acme/a.ts': 'theirs\n' });
    await h.ws.updateContent(a.itemId, 'mine\n');
    await h.exported();
    await h.git?.commitNow();
    await h.git?.pull();
    // Acme/a.ts was last touched three commits before the merge base: its base is still known.
    const conflict = h.ws.item(a.itemId)?.conflict;
    expect(conflict?.sides.map((op) => op.content).sort()).toEqual(['mine\n', 'theirs\n']);
    expect(conflict?.base?.content).toBe('base\n');
  });

  it('keeps the heads of at most MAX_KEPT_COMMITS commits, dropping the oldest first', async () => {
    // Nothing is saved: the manifest only lives in memory here.
    const manifest = await Manifest.load(join(tmpdir(), 'tether-manifest-unsaved'), '/folder');
    for (let n = 0; n < MAX_KEPT_COMMITS + 3; n += 1)
      manifest.recordCommit(`c${n}`, { 'Acme/a.ts': `op${n}` });
    expect(Object.keys(manifest.commits)).toHaveLength(MAX_KEPT_COMMITS);
    expect(manifest.headIn('c2', 'Acme/a.ts')).toBeUndefined();
    expect(manifest.headIn('c3', 'Acme/a.ts')).toBe('op3');
    expect(manifest.headIn(`c${MAX_KEPT_COMMITS + 2}`, 'Acme/b.ts')).toBeUndefined();
  });

  it('a push the remote refuses pulls first, then pushes on top', async () => {
    await remote.createRepo('behind');
    const h = await harness({ git: { remoteUrl: remote.url('behind') } });
    await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'a' });
    await h.exported();
    await h.git?.commitNow();
    await h.git?.push();
    const other = await otherClone('behind');
    await theirCommit(other, { 'Acme/b.ts': 'b' });
    await h.ws.createItem({ path: 'Acme.c', kind: 'fn', content: 'c' });
    await h.exported();
    await h.git?.commitNow();
    expect(await h.git?.push()).toBe('Pushed.');
    expect(h.ws.getSnapshot().items.map((i) => i.path)).toEqual(['Acme.a', 'Acme.b', 'Acme.c']);
    await git(other, 'pull', '-q', '--ff-only');
    expect((await git(other, 'ls-files')).split('\n')).toEqual(['Acme/a.ts', 'Acme/b.ts', 'Acme/c.ts']);
  });
});
