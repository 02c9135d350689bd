import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkImportChanges } from '../../src-shared/links/import.js';
import { parseLock, type LinkRequest } from '../../src-shared/links/lock.js';
import { startGitHttpRemote, upstreamClone, type GitHttpRemote } from '../git/test-support.js';
import { LinkUpstream } from './upstream.js';

const link = (
  repository: string,
  constraint: LinkRequest['constraint'],
  extra: Partial<LinkRequest> = {},
): LinkRequest => ({
  repository,
  path: 'components/crm',
  constraint,
  requires: [],
  ...extra,
});

describe('linking a namespace to an upstream repository', () => {
  let remote: GitHttpRemote;
  let crm: Awaited<ReturnType<typeof upstreamClone>>;
  let core: Awaited<ReturnType<typeof upstreamClone>>;
  let cache: string;
  let upstream: LinkUpstream;

  beforeAll(async () => {
    remote = await startGitHttpRemote();
    crm = await upstreamClone(remote, 'crm-tools');
    await crm.commit(
      {
        'components/crm/lookup.yaml': 'name: lookup\ntimeout: 30\n',
        'components/crm/helpers/format.ts': 'export const format = 1;\n',
        'components/other/skip.yaml': 'name: skip\n',
        'README.md': '# crm tools\n',
      },
      'first',
    );
    await crm.tag('v1.0.0');
    await crm.commit({ 'components/crm/lookup.yaml': 'name: lookup\ntimeout: 45\n' }, 'longer timeout');
    await crm.tag('v1.1.0', true);
    await crm.commit(
      {
        'components/crm/lookup.yaml': 'name: lookup\ntimeout: 60\n',
        'components/crm/_link.yaml': 'sneaky: true\n',
        'components/crm/logo.png': '\0PNG',
        'components/crm/notes.txt': 'what\n',
      },
      'breaking',
    );
    await crm.tag('v2.0.0');
    await crm.commit({ 'components/crm/lookup.yaml': 'name: lookup\ntimeout: 90\n' }, 'on main only');
    core = await upstreamClone(remote, 'core');
    await core.commit({ 'components/crm/base.yaml': 'name: base\n' }, 'core');
    await core.tag('v0.9.0');
    cache = await mkdtemp(join(tmpdir(), 'tether-links-'));
    upstream = new LinkUpstream(cache, { networkTimeoutMs: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await remote.close();
    await rm(cache, { recursive: true, force: true });
  });

  it('lists tags (annotated ones peeled to their commit) and branches', async () => {
    const refs = await upstream.refs(remote.url('crm-tools'));
    expect(refs.tags).toEqual(
      expect.arrayContaining([
        { name: 'v1.0.0', commit: await crm.rev('v1.0.0') },
        { name: 'v1.1.0', commit: await crm.rev('v1.1.0^{commit}') },
        { name: 'v2.0.0', commit: await crm.rev('v2.0.0') },
      ]),
    );
    expect(refs.branches).toEqual([{ name: 'main', commit: await crm.rev('HEAD') }]);
  });

  it.each([
    ['^1.0.0', '1.1.0', 'v1.1.0'],
    ['~1.0.0', '1.0.0', 'v1.0.0'],
    ['>=2', '2.0.0', 'v2.0.0'],
  ])('a version link %s locks the exact commit and folder tree of %s', async (range, version, tag) => {
    const result = await upstream.lock(
      new Map([['Acme.Crm', link(remote.url('crm-tools'), { kind: 'version', range })]]),
      'alice',
      1234,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.locks[0]?.lock).toMatchObject({
      resolvedVersion: version,
      resolvedRef: tag,
      commit: await crm.rev(`${tag}^{commit}`),
      treeId: await crm.rev(`${tag}:components/crm`),
      resolvedAt: 1234,
      resolvedBy: 'alice',
    });
  });

  it('a branch link locks the branch tip', async () => {
    const result = await upstream.lock(
      new Map([['Acme.Crm', link(remote.url('crm-tools'), { kind: 'branch', branch: 'main' })]]),
      'bob',
      1,
    );
    expect(result).toMatchObject({
      ok: true,
      locks: [
        {
          namespace: 'Acme.Crm',
          lock: { resolvedVersion: null, resolvedRef: 'main', commit: await crm.rev('HEAD') },
        },
      ],
    });
  });

  it('imports the folder’s files at the locked commit as items, with the lock item beside them', async () => {
    const result = await upstream.lock(
      new Map([['Acme.Crm', link(remote.url('crm-tools'), { kind: 'version', range: '^1.0.0' })]]),
      'alice',
      5,
    );
    if (!result.ok) throw new Error(result.error.message);
    const lock = result.locks[0]!.lock;
    const { items, notices } = await upstream.items('Acme.Crm', lock);
    expect(items.map(({ path, kind, content }) => ({ path, kind, content }))).toEqual([
      { path: 'Acme.Crm.helpers.format', kind: 'fn', content: 'export const format = 1;\n' },
      { path: 'Acme.Crm.lookup', kind: 'component', content: 'name: lookup\ntimeout: 45\n' },
    ]);
    expect(notices).toEqual([]);
    const plan = linkImportChanges('Acme.Crm', lock, items, []);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.changes.map((c) => (c.type === 'create' ? `${c.path} ← ${c.relPath}` : c.type))).toEqual([
      'Acme.Crm.helpers.format ← Acme/Crm/helpers/format.ts',
      'Acme.Crm.lookup ← Acme/Crm/lookup.yaml',
      'Acme.Crm._link ← Acme/Crm/_link.yaml',
    ]);
    const lockItem = plan.changes[2];
    expect(lockItem?.type === 'create' && parseLock(lockItem.content)).toEqual({ ok: true, lock });
    expect(linkImportChanges('Acme.Crm', lock, items, ['Acme.Crm.mine'])).toEqual({
      ok: false,
      message: 'Acme.Crm already holds 1 item; link an empty namespace, or pull into this one.',
    });
  });

  it('says which upstream files are not items, and why', async () => {
    const result = await upstream.lock(
      new Map([['Acme.Crm', link(remote.url('crm-tools'), { kind: 'version', range: '2.0.0' })]]),
      'alice',
      5,
    );
    if (!result.ok) throw new Error(result.error.message);
    const { items, notices } = await upstream.items('Acme.Crm', result.locks[0]!.lock);
    expect(items.map((i) => i.path)).toEqual(['Acme.Crm.helpers.format', 'Acme.Crm.lookup']);
    expect(notices).toEqual([
      {
        relPath: 'components/crm/_link.yaml',
        message: "Not imported: the name _link is kept for the link's own records.",
      },
      {
        relPath: 'components/crm/logo.png',
        message: expect.stringMatching(/^Not imported: its extension ".png"/),
      },
      {
        relPath: 'components/crm/notes.txt',
        message: expect.stringMatching(/^Not imported: its extension ".txt"/),
      },
    ]);
  });

  it('a fresh computer reads the same items from the lock alone', async () => {
    const result = await upstream.lock(
      new Map([['Acme.Crm', link(remote.url('crm-tools'), { kind: 'version', range: '~1.0.0' })]]),
      'alice',
      5,
    );
    if (!result.ok) throw new Error(result.error.message);
    const elsewhere = await mkdtemp(join(tmpdir(), 'tether-links-other-'));
    try {
      const other = new LinkUpstream(elsewhere);
      const { items } = await other.items('Acme.Crm', result.locks[0]!.lock);
      expect(items.find((i) => i.path === 'Acme.Crm.lookup')?.content).toBe('name: lookup\ntimeout: 30\n');
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('resolves dependencies first across repositories', async () => {
    const result = await upstream.lock(
      new Map([
        [
          'Acme.Crm',
          link(
            remote.url('crm-tools'),
            { kind: 'version', range: '*' },
            { requires: [{ namespace: 'Acme.Core', range: '0.9.x' }] },
          ),
        ],
        ['Acme.Core', link(remote.url('core'), { kind: 'version', range: '*' })],
      ]),
      'alice',
      5,
    );
    expect(result.ok && result.locks.map((l) => `${l.namespace}@${l.lock.resolvedVersion}`)).toEqual([
      'Acme.Core@0.9.0',
      'Acme.Crm@2.0.0',
    ]);
  });

  it.each([
    [
      'a range no tag meets',
      link('', { kind: 'version', range: '^3.0.0' }),
      /Acme\.Crm cannot be resolved: no version tag satisfies \^3\.0\.0 \(its link\); its version tags: 2\.0\.0, 1\.1\.0, 1\.0\.0 \(Acme\.Crm\)/,
    ],
    ['a branch that is not there', link('', { kind: 'branch', branch: 'dev' }), /has no branch dev/],
    [
      'a folder that is not there',
      link('', { kind: 'version', range: '^1' }, { path: 'components/none' }),
      /has no folder components\/none at v1\.1\.0/,
    ],
  ])('%s is refused in words, and nothing is locked', async (_, request, message) => {
    const result = await upstream.lock(
      new Map([['Acme.Crm', { ...request, repository: remote.url('crm-tools') }]]),
      'alice',
      5,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('a repository that is not there is an error naming it', async () => {
    const url = remote.url('no-such-repo');
    const result = await upstream.lock(
      new Map([['Acme.Crm', link(url, { kind: 'version', range: '*' })]]),
      'alice',
      5,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('unreachable');
      expect(result.error.message).toContain(url);
    }
  });
});
