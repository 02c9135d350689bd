import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRequest } from '../../src-shared/links/lock.js';
import { linkStatus } from '../../src-shared/links/status.js';
import { runGit } from '../git/run.js';
import { cloneTo, startGitHttpRemote, type GitHttpRemote } from '../git/test-support.js';
import { LinkService } from './link-service.js';

describe('the link service: upstream state online, offline and in travel mode', () => {
  let remote: GitHttpRemote;
  let dataDir: string;
  let clone: string;
  let travel = false;
  let now = 1_000;
  const git = (...args: string[]) => runGit(args, { cwd: clone });
  const release = async (tag: string, content: string) => {
    await writeFile(join(clone, 'lookup.yaml'), content);
    await git('add', 'lookup.yaml');
    await git('commit', '-q', '-m', tag);
    await git('tag', tag);
    await git('push', '-q', 'origin', 'HEAD:refs/heads/main', `refs/tags/${tag}`);
  };
  const service = () =>
    new LinkService({ dataDir, travelMode: () => travel, now: () => now, networkTimeoutMs: 10_000 });

  beforeAll(async () => {
    remote = await startGitHttpRemote();
    await remote.createRepo('crm');
    clone = await cloneTo(remote.url('crm'), 'crm');
    await release('v1.0.0', 'name: lookup\n');
    dataDir = await mkdtemp(join(tmpdir(), 'tether-link-service-'));
  }, 30_000);

  afterAll(async () => {
    await remote.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('locks, sees upstream move on, and remembers what it saw for offline and a restart', async () => {
    const links = service();
    const request: LinkRequest = {
      repository: remote.url('crm'),
      path: '',
      constraint: { kind: 'version', range: '^1.0.0' },
      requires: [],
    };
    const result = await links.lock(new Map([['Crm', request]]), 'alice');
    if (!result.ok) throw new Error(result.error.message);
    const lock = result.locks[0]!.lock;
    const facts = { namespace: 'Crm', lock, changedItems: [], conflictedItems: [], fork: null };
    expect(linkStatus({ ...facts, upstream: await links.upstreamOf('Crm', lock) }).status).toBe('synced');

    await release('v1.1.0', 'name: lookup\nnew: 1\n');
    now = 2_000;
    const moved = await links.upstreamOf('Crm', lock);
    expect(moved).toMatchObject({ state: 'found', version: '1.1.0', checkedAt: 2_000 });
    expect(linkStatus({ ...facts, upstream: moved }).status).toBe('outdated');

    travel = true;
    now = 9_000;
    await expect(links.lock(new Map([['Crm', request]]), 'alice')).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringMatching(/^Travel mode is on/),
    });
    expect(await service().upstreamOf('Crm', lock)).toEqual(moved);
    // Items at a commit this computer has need no network, even in travel mode.
    expect((await links.items('Crm', lock)).items.map((i) => i.content)).toEqual(['name: lookup\n']);
    travel = false;
  });
});
