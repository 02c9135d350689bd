import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitObjectStore } from './object-store.js';
import { runGit } from './run.js';

describe('the git object store', () => {
  let dir: string;
  const git = async (...args: string[]) => (await runGit(args, { cwd: dir })).trim();
  const commit = async (files: Record<string, string>) => {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    await git('add', '-A');
    await git('-c', 'user.name=t', '-c', 'user.email=t@x', 'commit', '-q', '-m', 'c');
    return git('rev-parse', 'HEAD');
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tether-object-store-'));
    await git('init', '-q', '-b', 'main');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces one folder of a commit by the given files, keeping the rest, and names every blob', async () => {
    const first = await commit({ 'README.md': 'hi\n', 'lib/x.yaml': 'x\n', 'lib/y.yaml': 'y\n' });
    const store = await GitObjectStore.open(join(dir, '.git'));
    const before = await store.listFiles(first, 'lib');
    const x = before.find((f) => f.path === 'lib/x.yaml')!;
    const made = await store.folderCommit({
      parent: first,
      path: 'lib',
      files: [
        { path: 'x.yaml', blob: x.blob },
        { path: 'sub/z.yaml', content: 'z\n' },
      ],
      message: 'scratch',
      author: { name: 't', email: 't@x' },
      at: 0,
      parentFiles: before,
    });
    const listed = await store.listFiles(made.commit, '');
    expect(listed.map((f) => f.path)).toEqual(['README.md', 'lib/sub/z.yaml', 'lib/x.yaml']);
    // What it answers is what the commit holds (a preview reads its local side from here).
    expect([...made.files].sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      listed.filter((f) => f.path.startsWith('lib/')),
    );
    expect(await git('show', `${made.commit}:lib/sub/z.yaml`)).toBe('z');
    // Without the parent's listing given, the same inputs make the same commit.
    const again = await store.commitFolder(
      first,
      'lib',
      [...made.files].map((f) => ({ ...f, path: f.path.slice(4) })),
      'scratch',
      { name: 't', email: 't@x' },
      0,
    );
    expect(again).toBe(made.commit);
  });

  it('keeps a listing by commit id (a copy each time), never by a name that moves', async () => {
    const first = await commit({ 'lib/x.yaml': 'x\n' });
    const store = await GitObjectStore.open(join(dir, '.git'));
    const listing = await store.listFiles(first, 'lib');
    listing.pop(); // a caller changing its copy changes nothing kept
    expect(await store.listFiles(first, 'lib')).toHaveLength(1);
    expect(await store.listFiles('main', 'lib')).toHaveLength(1);
    await commit({ 'lib/y.yaml': 'y\n' });
    expect(await store.listFiles('main', 'lib')).toHaveLength(2); // main moved: listed anew
    expect(await store.listFiles(first, 'lib')).toHaveLength(1);
  });
});
