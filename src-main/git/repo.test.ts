import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError } from './errors.js';
import { GitRepo } from './repo.js';
import { runGit } from './run.js';
import { cloneTo, startGitHttpRemote, type GitHttpRemote } from './test-support.js';

const author = { name: 'Ada', email: 'ada@tether.local' };
const message = (changes: { path: string }[]) => `Tether: ${changes.map((c) => c.path).join(', ')}`;
const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tether-git-'));
  temps.push(dir);
  return dir;
}

let remote: GitHttpRemote;
beforeAll(async () => {
  remote = await startGitHttpRemote();
});
afterAll(async () => {
  await remote.close();
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('GitRepo over system git', () => {
  it('creates the repository with fsync on and temp files excluded', async () => {
    const dir = await tempDir();
    const repo = await GitRepo.open(dir);
    expect((await runGit(['config', 'core.fsync'], { cwd: dir })).trim()).toBe('committed,index');
    expect(await readFile(join(dir, '.git/info/exclude'), 'utf8')).toContain('*.tether-tmp');
    expect(await repo.head()).toBeNull();
    expect(await repo.lastCommit()).toBeNull();
  });

  it('commits with the given author, and makes no empty commit', async () => {
    const dir = await tempDir();
    const repo = await GitRepo.open(dir);
    expect(await repo.commitAll(message, author)).toBeNull();
    await writeFile(join(dir, 'a.ts'), 'one');
    await writeFile(join(dir, 'x.tether-tmp'), 'half written');
    const commit = await repo.commitAll(message, author);
    expect(commit?.subject).toBe('Tether: a.ts');
    expect((await runGit(['log', '-1', '--format=%an <%ae>'], { cwd: dir })).trim()).toBe(
      'Ada <ada@tether.local>',
    );
    expect(await repo.commitAll(message, author)).toBeNull();
    expect((await runGit(['rev-list', '--count', 'HEAD'], { cwd: dir })).trim()).toBe('1');
  });

  it('reports status with -z, so names with spaces, quotes and newlines come through whole', async () => {
    const dir = await tempDir();
    const repo = await GitRepo.open(dir);
    const odd = 'we"ird \n näme.ts';
    await writeFile(join(dir, odd), 'x');
    expect(await repo.status()).toEqual([{ code: '??', path: odd }]);
    await repo.commitAll(message, author);
    expect(await repo.readFiles('HEAD', [odd, 'missing.ts'])).toEqual(new Map([[odd, Buffer.from('x')]]));
  });

  it('runs one git at a time per folder, so concurrent calls never meet index.lock', async () => {
    const dir = await tempDir();
    const repo = await GitRepo.open(dir);
    const writes = Array.from({ length: 12 }, async (_, i) => {
      await writeFile(join(dir, `f${i}.ts`), String(i));
      return repo.commitAll(message, author);
    });
    const results = await Promise.all([...writes, repo.status(), repo.status()]);
    expect(results.filter((r) => r === null || Array.isArray(r) || typeof r === 'object').length).toBe(14);
    expect((await repo.status()).length).toBe(0);
  });

  it('explains a stale index.lock in plain words', async () => {
    const dir = await tempDir();
    const repo = await GitRepo.open(dir);
    await writeFile(join(dir, 'a.ts'), 'one');
    await writeFile(join(dir, '.git/index.lock'), '');
    const error = await repo.commitAll(message, author).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).reason).toBe('index_locked');
    expect((error as GitError).message).toMatch(/delete the file \.git\/index\.lock/);
  });

  it('explains a missing remote in plain words', async () => {
    const repo = await GitRepo.open(await tempDir());
    const error = await repo.fetch().catch((e: unknown) => e);
    expect((error as GitError).reason).toBe('no_remote');
    expect((error as GitError).message).toMatch(/no remote to sync with/);
  });

  it('says git is missing when it is not on the PATH', async () => {
    const dir = await tempDir();
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      const error = await runGit(['status'], { cwd: dir }).catch((e: unknown) => e);
      expect((error as GitError).reason).toBe('missing_git');
      expect((error as GitError).message).toMatch(/Git is not installed/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('gives up on an unreachable remote within its time limit, without prompting', async () => {
    const dir = await tempDir();
    const repo = await GitRepo.open(dir, { networkTimeoutMs: 3_000 });
    await repo.setRemote('http://127.0.0.1:9/nothing.git');
    const started = Date.now();
    const error = (await repo.fetch().catch((e: unknown) => e)) as GitError;
    expect(['unreachable', 'timeout']).toContain(error.reason);
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('pushes to a real HTTP remote, which another clone then sees; fetch counts ahead and behind', async () => {
    await remote.createRepo('team');
    const dir = await tempDir();
    const repo = await GitRepo.open(dir);
    await repo.setRemote(remote.url('team'));
    await mkdir(join(dir, 'Acme'));
    await writeFile(join(dir, 'Acme/charge.ts'), 'export const charge = 1;\n');
    await repo.commitAll(message, author);
    expect(await repo.fetch()).toBeNull(); // the remote has no main yet
    await repo.push();
    expect(await repo.aheadBehind()).toEqual({ ahead: 0, behind: 0 });

    const other = await cloneTo(remote.url('team'));
    temps.push(other);
    expect(await readFile(join(other, 'Acme/charge.ts'), 'utf8')).toBe('export const charge = 1;\n');
    await writeFile(join(other, 'Acme/charge.ts'), 'export const charge = 2;\n');
    await runGit(['commit', '-qam', 'theirs'], { cwd: other });
    await runGit(['push', '-q', 'origin', 'main'], { cwd: other });

    const fetched = await repo.fetch();
    expect(fetched).toMatch(/^[0-9a-f]{40}$/);
    expect(await repo.aheadBehind()).toEqual({ ahead: 0, behind: 1 });
    const head = await repo.head();
    expect(await repo.mergeBase(head ?? '', fetched ?? '')).toBe(head);
    expect(await repo.diff(head, fetched ?? '')).toEqual([{ status: 'M', path: 'Acme/charge.ts' }]);
    const files = await repo.readFiles(fetched ?? '', ['Acme/charge.ts']);
    expect(files.get('Acme/charge.ts')?.toString()).toBe('export const charge = 2;\n');
    // Moving HEAD leaves the working file alone: the mirror writes it.
    await repo.moveHeadTo(fetched ?? '');
    expect(await readFile(join(dir, 'Acme/charge.ts'), 'utf8')).toBe('export const charge = 1;\n');
    expect(await repo.aheadBehind()).toEqual({ ahead: 0, behind: 0 });
  });

  it('refuses a push the remote would have to merge, and says to pull first', async () => {
    await remote.createRepo('race');
    const mine = await GitRepo.open(await tempDir());
    await mine.setRemote(remote.url('race'));
    await writeFile(join(mine.dir, 'a.ts'), 'base');
    await mine.commitAll(message, author);
    await mine.push();
    const other = await cloneTo(remote.url('race'));
    temps.push(other);
    await writeFile(join(other, 'b.ts'), 'theirs');
    await runGit(['add', '.'], { cwd: other });
    await runGit(['commit', '-qm', 'theirs'], { cwd: other });
    await runGit(['push', '-q', 'origin', 'main'], { cwd: other });
    await writeFile(join(mine.dir, 'a.ts'), 'mine');
    await mine.commitAll(message, author);
    const error = (await mine.push().catch((e: unknown) => e)) as GitError;
    expect(error.reason).toBe('rejected');
    expect(error.message).toMatch(/pull first/);
  });
});
