import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockRecord } from '../../src-shared/links/lock.js';
import { GitError } from '../git/errors.js';
import { runGit } from '../git/run.js';
import { cloneTo } from '../git/test-support.js';
import { lockLink, startForgeStandIn, type ForgeStandIn } from './forge-stand-in.js';
import { localFolderFiles, type LocalItem } from './local-folder.js';
import { LinkUpstream } from './upstream.js';

describe('pushing a linked namespace’s edits to a new branch', () => {
  let forge: ForgeStandIn;
  let cache: string;
  let upstream: LinkUpstream;
  let lock: LockRecord;
  let local: LocalItem[];
  let first = '';
  const author = { name: 'Alice', email: 'alice@example.com' };

  beforeAll(async () => {
    forge = await startForgeStandIn({ tokens: { 'alice-token': 'alice', 'bob-token': 'bob' } });
    await forge.createRepo('alice', 'crm');
    const dir = await cloneTo(forge.gitUrlWithToken('alice', 'crm', 'alice-token'), 'crm');
    const files = {
      'components/crm/lookup.yaml': 'name: lookup\ntimeout: 30\n',
      'components/crm/logo.png': '\0PNG\0',
      'README.md': 'crm\n',
    };
    for (const [file, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), content);
    }
    await runGit(['add', '-A'], { cwd: dir });
    await runGit(['commit', '-q', '-m', 'v1'], { cwd: dir });
    await runGit(['tag', 'v1.0.0'], { cwd: dir });
    await runGit(['push', '-q', 'origin', 'HEAD:refs/heads/main', 'refs/tags/v1.0.0'], { cwd: dir });
    cache = await mkdtemp(join(tmpdir(), 'tether-links-'));
    upstream = new LinkUpstream(cache);
    lock = await lockLink(upstream, 'Acme.Crm', forge.gitUrl('alice', 'crm'), 'components/crm');
    local = [
      { path: 'Acme.Crm.lookup', kind: 'component', content: 'name: lookup\ntimeout: 60\n' },
      { path: 'Acme.Crm.extra', kind: 'component', content: 'name: extra\n' },
      { path: 'Acme.Crm._link', kind: 'component', content: 'the lock stays here' },
    ];
  }, 30_000);

  afterAll(async () => {
    await forge.close();
    await rm(cache, { recursive: true, force: true });
  });

  const push = async (token: string, now: number) =>
    upstream.pushBranch({
      namespace: 'Acme.Crm',
      lock,
      files: await localFolderFiles(upstream, 'Acme.Crm', lock, local),
      url: forge.gitUrlWithToken('alice', 'crm', token),
      author,
      message: 'Tether: Acme.Crm.lookup, Acme.Crm.extra',
      now,
    });

  it('with write access: one commit on the locked commit, on tether/<namespace>-<time>, other files untouched', async () => {
    const { branch, commit } = await push('alice-token', 1_765_000_000_000);
    expect(branch).toBe('tether/Acme.Crm-1765000000');
    first = commit;
    const check = await cloneTo(forge.gitUrl('alice', 'crm'), 'check');
    const git = (...args: string[]) => runGit(args, { cwd: check });
    expect((await git('rev-parse', `origin/${branch}`)).trim()).toBe(commit);
    expect((await git('rev-parse', `${commit}^`)).trim()).toBe(lock.commit);
    expect(await git('show', `${commit}:components/crm/lookup.yaml`)).toBe('name: lookup\ntimeout: 60\n');
    expect(await git('show', `${commit}:components/crm/extra.yaml`)).toBe('name: extra\n');
    expect((await git('diff', '--name-status', lock.commit, commit)).trim().split('\n')).toEqual([
      'A\tcomponents/crm/extra.yaml',
      'M\tcomponents/crm/lookup.yaml',
    ]);
    expect((await git('rev-parse', 'origin/main')).trim()).toBe(lock.commit);
  });

  it('never forces: the same branch name again is refused, and the branch keeps its commit', async () => {
    local = [...local.filter((i) => i.path !== 'Acme.Crm.extra')];
    const again = await push('alice-token', 1_765_000_000_000).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(GitError);
    expect((again as GitError).reason).toBe('rejected');
    const tip = await runGit(
      ['ls-remote', forge.gitUrl('alice', 'crm'), 'refs/heads/tether/Acme.Crm-1765000000'],
      { cwd: cache },
    );
    expect(tip.split('\t')[0]).toBe(first);
  });

  it('without write access the push is refused as a sign-in problem (the fork path takes over there)', async () => {
    const refused = await push('bob-token', 1_765_000_100_000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GitError);
    expect((refused as GitError).reason).toBe('auth');
  });
});
