import { describe, expect, it } from 'vitest';
import {
  ageText,
  dependencyOrder,
  formatLock,
  linkStatus,
  LinkRequestSchema,
  lockItemPath,
  parseLock,
  previewPull,
  folderFileFor,
  pickRef,
  resolveLinks,
  statusSummary,
  tagVersion,
  type LinkFacts,
  type LinkedItemView,
  linkFacts,
  linkedNamespaces,
  type LinkRequest,
  type LockRecord,
  type RemoteRefs,
} from './index.js';

const sha = (c: string) => c.repeat(40);
const refs = (tags: Record<string, string>, branches: Record<string, string> = {}): RemoteRefs => ({
  tags: Object.entries(tags).map(([name, commit]) => ({ name, commit })),
  branches: Object.entries(branches).map(([name, commit]) => ({ name, commit })),
});

const lock: LockRecord = {
  repository: 'https://git.example/crm-tools.git',
  path: 'components/lookup',
  constraint: { kind: 'version', range: '^2.1.0' },
  requires: [],
  resolvedVersion: '2.1.3',
  resolvedRef: 'v2.1.3',
  commit: sha('a'),
  treeId: sha('b'),
  resolvedAt: 1_700_000_000_000,
  resolvedBy: 'alice',
};

describe('the link request', () => {
  it.each([
    ['https://host/o/r.git', 'components/x', true],
    ['git@host:o/r.git', '', true],
    ['file:///srv/r.git', '/a/b/', true],
    ['--upload-pack=evil', 'x', false],
    ['https://host/o r.git', 'x', false],
    ['/local/path', 'x', false],
    ['https://host/r.git', 'a/../b', false],
    ['https://host/r.git', '-x', false],
  ])('repository %s, path %s: accepted %s', (repository, path, ok) => {
    const parsed = LinkRequestSchema.safeParse({
      repository,
      path,
      constraint: { kind: 'branch', branch: 'main' },
    });
    expect(parsed.success).toBe(ok);
  });

  it.each([
    ['main', true],
    ['release/2.x', true],
    ['-f', false],
    ['a..b', false],
    ['x.lock', false],
    ['has space', false],
    ['a:b', false],
  ])('branch %s: accepted %s', (branch, ok) => {
    const parsed = LinkRequestSchema.safeParse({
      repository: 'https://h/r.git',
      path: '',
      constraint: { kind: 'branch', branch },
    });
    expect(parsed.success).toBe(ok);
  });

  it('trims the folder of its slashes', () => {
    const parsed = LinkRequestSchema.parse({
      repository: 'https://h/r.git',
      path: '/a/b/',
      constraint: { kind: 'branch', branch: 'main' },
    });
    expect(parsed.path).toBe('a/b');
  });
});

describe('the lock item', () => {
  it('round-trips through its YAML content', () => {
    const text = formatLock(lock);
    expect(text).toMatch(/^# Tether link lock/);
    expect(text).toContain('commit: aaaaaaaa');
    expect(parseLock(text)).toEqual({ ok: true, lock });
  });

  it('lives at <namespace>._link', () => {
    expect(lockItemPath('Acme.Crm')).toBe('Acme.Crm._link');
  });

  it.each([
    ['not: [yaml', /not valid YAML/],
    ['repository: https://h/r.git\n', /not complete \(path\)/],
    [formatLock(lock).replace(sha('a'), 'abc'), /\(commit\): A git object id is 40 hex digits/],
  ])('a broken lock says what is wrong (%#)', (text, message) => {
    const parsed = parseLock(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe('picking a commit', () => {
  const tags = refs({
    'v1.3.0': sha('1'),
    'v1.3.2': sha('2'),
    '2.1.0': sha('3'),
    'v2.1.3': sha('4'),
    'v2.2.0-rc.1': sha('5'),
    latest: sha('6'),
  });

  it.each([
    ['^2.1.0', '2.1.3', 'v2.1.3'],
    ['~1.3.0', '1.3.2', 'v1.3.2'],
    ['2.1.0', '2.1.0', '2.1.0'],
    ['>=1 <2', '1.3.2', 'v1.3.2'],
    ['^2.2.0-rc.0', '2.2.0-rc.1', 'v2.2.0-rc.1'],
    ['*', '2.1.3', 'v2.1.3'],
  ])('range %s picks %s (tag %s)', (range, version, ref) => {
    expect(pickRef({ kind: 'version', range }, tags)).toMatchObject({ ok: true, version, ref });
  });

  it.each([
    [
      '^3.0.0',
      /no version tag satisfies \^3\.0\.0 \(its link\); its version tags: 2\.2\.0-rc\.1, 2\.1\.3, 2\.1\.0, 1\.3\.2, 1\.3\.0/,
    ],
    ['banana', /"banana" is not a version range/],
  ])('range %s is refused with its reason', (range, reason) => {
    const pick = pickRef({ kind: 'version', range }, tags);
    expect(pick.ok).toBe(false);
    if (!pick.ok) expect(pick.reason).toMatch(reason);
  });

  it('a branch gives its tip, or says it is missing', () => {
    const r = refs({}, { main: sha('c') });
    expect(pickRef({ kind: 'branch', branch: 'main' }, r)).toEqual({
      ok: true,
      version: null,
      ref: 'main',
      commit: sha('c'),
    });
    expect(pickRef({ kind: 'branch', branch: 'dev' }, r)).toEqual({
      ok: false,
      reason: 'the repository has no branch dev',
    });
  });

  it.each([
    ['v1.2.3', '1.2.3'],
    ['1.2.3', '1.2.3'],
    ['release-1.2.3', null],
    ['v1.2', null],
  ])('tag %s is version %s', (tag, version) => {
    expect(tagVersion(tag)).toBe(version);
  });
});

describe('dependency order', () => {
  it.each([
    [{ App: ['Lib'], Lib: ['Core'], Core: [] }, ['Core', 'Lib', 'App']],
    [{ B: [], A: [], C: ['A', 'B'] }, ['A', 'B', 'C']],
    [{ X: [] }, ['X']],
  ])('%j resolves as %j', (graph, order) => {
    expect(dependencyOrder(new Map(Object.entries(graph)))).toEqual({ ok: true, order });
  });

  it.each([
    [{ A: ['B'], B: ['A'] }, ['A', 'B', 'A']],
    [{ A: ['B'], B: ['C'], C: ['B'] }, ['B', 'C', 'B']],
    [{ A: ['A'] }, ['A', 'A']],
  ])('%j is a cycle %j', (graph, cycle) => {
    expect(dependencyOrder(new Map(Object.entries(graph)))).toEqual({ ok: false, cycle });
  });
});

describe('resolving linked namespaces', () => {
  const repos: Record<string, RemoteRefs> = {
    'https://h/app.git': refs({ 'v1.0.0': sha('a') }),
    'https://h/lib.git': refs({ 'v1.0.0': sha('1'), 'v1.4.0': sha('2'), 'v2.0.0': sha('3') }),
    'https://h/core.git': refs({ 'v0.9.0': sha('9') }, { main: sha('d') }),
  };
  const link = (
    repo: string,
    constraint: LinkRequest['constraint'],
    requires: LinkRequest['requires'] = [],
  ): LinkRequest => ({
    repository: `https://h/${repo}.git`,
    path: '',
    constraint,
    requires,
  });
  const resolve = (links: Record<string, LinkRequest>) =>
    resolveLinks(new Map(Object.entries(links)), (repo) => repos[repo]);

  it('resolves dependencies first, each to the newest tag every requirer accepts', () => {
    const result = resolve({
      App: link('app', { kind: 'version', range: '^1.0.0' }, [{ namespace: 'Lib', range: '<2' }]),
      Lib: link('lib', { kind: 'version', range: '*' }, [{ namespace: 'Core', range: '0.9.x' }]),
      Core: link('core', { kind: 'version', range: '>=0.1.0' }),
    });
    expect(result).toEqual({
      ok: true,
      resolved: [
        { namespace: 'Core', version: '0.9.0', ref: 'v0.9.0', commit: sha('9') },
        { namespace: 'Lib', version: '1.4.0', ref: 'v1.4.0', commit: sha('2') },
        { namespace: 'App', version: '1.0.0', ref: 'v1.0.0', commit: sha('a') },
      ],
    });
  });

  it.each([
    [
      'a cycle',
      {
        App: link('app', { kind: 'version', range: '*' }, [{ namespace: 'Lib', range: '*' }]),
        Lib: link('lib', { kind: 'version', range: '*' }, [{ namespace: 'App', range: '*' }]),
      },
      'cycle',
      ['App', 'Lib', 'App'],
      /require each other in a circle \(App → Lib → App\)/,
    ],
    [
      'a requirement no tag meets',
      {
        App: link('app', { kind: 'version', range: '*' }, [{ namespace: 'Lib', range: '^3' }]),
        Lib: link('lib', { kind: 'version', range: '*' }),
      },
      'unsatisfiable',
      ['App', 'Lib'],
      /Lib cannot be resolved: no version tag satisfies \* \(its link\) and \^3 \(App\); its version tags: 2\.0\.0, 1\.4\.0, 1\.0\.0 \(App → Lib\)/,
    ],
    [
      'two requirers that disagree, deep in the chain',
      {
        App: link('app', { kind: 'version', range: '*' }, [{ namespace: 'Lib', range: '*' }]),
        Lib: link('lib', { kind: 'version', range: '^1' }, [{ namespace: 'Core', range: '^1' }]),
        Core: link('core', { kind: 'version', range: '*' }),
      },
      'unsatisfiable',
      ['App', 'Lib', 'Core'],
      /Core cannot be resolved: .*\^1 \(Lib\).*\(App → Lib → Core\)/,
    ],
    [
      'a version requirement on a branch link',
      {
        App: link('app', { kind: 'version', range: '*' }, [{ namespace: 'Core', range: '^1' }]),
        Core: link('core', { kind: 'branch', branch: 'main' }),
      },
      'unsatisfiable',
      ['App', 'Core'],
      /follows branch main, which has no version for App’s \^1/,
    ],
    [
      'a missing branch',
      { Core: link('core', { kind: 'branch', branch: 'dev' }) },
      'missing_branch',
      ['Core'],
      /has no branch dev \(Core\)/,
    ],
    [
      'a requirement on a namespace that is not linked',
      { App: link('app', { kind: 'version', range: '*' }, [{ namespace: 'Ghost', range: '*' }]) },
      'missing_link',
      ['App', 'Ghost'],
      /App requires Ghost, which is not a linked namespace/,
    ],
    [
      'a repository not reached',
      { Far: link('far', { kind: 'version', range: '*' }) },
      'no_refs',
      ['Far'],
      /https:\/\/h\/far\.git was not reached/,
    ],
  ])('%s is an error naming the chain', (_, links, kind, chain, message) => {
    const result = resolve(links);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe(kind);
    expect(result.error.chain).toEqual(chain);
    expect(result.error.message).toMatch(message);
  });
});

describe('status of a linked namespace', () => {
  const newer = { state: 'found' as const, commit: sha('f'), version: '2.2.0', checkedAt: 5 };
  const same = { state: 'found' as const, commit: lock.commit, version: '2.1.3', checkedAt: 5 };
  const base: LinkFacts = {
    namespace: 'Crm',
    lock,
    upstream: same,
    changedItems: [],
    conflictedItems: [],
    fork: null,
  };
  const fork = {
    repository: 'https://h/me/crm.git',
    branch: 'tether/Crm-1',
    pullRequestUrl: 'https://h/pr/7',
    holdsLocalEdits: true,
  };

  it.each<[string, Partial<LinkFacts>, string, boolean, RegExp]>([
    ['nothing changed', {}, 'synced', false, /At 2\.1\.3 \(aaaaaaa\), as upstream/],
    ['never asked upstream', { upstream: null }, 'synced', false, /as upstream/],
    [
      'upstream moved',
      { upstream: newer },
      'outdated',
      true,
      /Upstream is at 2\.2\.0 \(fffffff\); the lock is at 2\.1\.3/,
    ],
    [
      'local edits',
      { changedItems: ['Crm.a', 'Crm.b'] },
      'modified',
      false,
      /2 changed items not pushed upstream\./,
    ],
    [
      'local edits, upstream moved',
      { changedItems: ['Crm.a'], upstream: newer },
      'modified',
      true,
      /1 changed item not pushed upstream; upstream has a newer commit/,
    ],
    [
      'a conflict',
      { conflictedItems: ['Crm.a'], changedItems: ['Crm.a'] },
      'conflict',
      false,
      /1 item in conflict\./,
    ],
    [
      'edits in a fork',
      { changedItems: ['Crm.a'], fork },
      'forked',
      false,
      /in fork https:\/\/h\/me\/crm\.git \(tether\/Crm-1, pull request https:\/\/h\/pr\/7\)/,
    ],
    [
      'edits since the fork push',
      { changedItems: ['Crm.a'], fork: { ...fork, holdsLocalEdits: false } },
      'modified',
      false,
      /not pushed/,
    ],
    ['no lock', { lock: null }, 'detached', false, /follows no upstream commit/],
    [
      'a lock that does not read',
      { lock: null, lockProblem: 'The link lock is not valid YAML' },
      'detached',
      false,
      /not valid YAML/,
    ],
    [
      'upstream gone',
      { upstream: { state: 'gone', reason: 'the repository has no branch main', checkedAt: 5 } },
      'detached',
      false,
      /Upstream is gone: the repository has no branch main/,
    ],
  ])('%s: %s', (_, facts, status, outdated, detail) => {
    const row = linkStatus({ ...base, ...facts });
    expect(row.status).toBe(status);
    expect(row.outdated).toBe(outdated);
    expect(row.detail).toMatch(detail);
  });

  it('carries the commits and times the table shows', () => {
    expect(linkStatus({ ...base, upstream: newer })).toMatchObject({
      localCommit: lock.commit,
      upstreamCommit: sha('f'),
      localVersion: '2.1.3',
      upstreamVersion: '2.2.0',
      lastSyncAt: lock.resolvedAt,
      upstreamCheckedAt: 5,
    });
  });

  it('sums up the table in one line', () => {
    const rows = [
      linkStatus(base),
      linkStatus({ ...base, changedItems: ['x'] }),
      linkStatus({ ...base, upstream: newer }),
      linkStatus({ ...base, conflictedItems: ['x'] }),
      linkStatus({ ...base, upstream: newer, namespace: 'Other' }),
    ];
    expect(statusSummary(rows)).toBe('1 synced, 1 modified, 2 outdated, 1 conflict');
    expect(statusSummary([])).toBe('No linked namespaces');
  });

  it.each([
    [null, 'never'],
    [0, 'just now'],
    [5 * 60_000, '5 min ago'],
    [2 * 3_600_000, '2 h ago'],
    [3 * 86_400_000, '3 d ago'],
  ])('upstream checked %s ms before reads "%s"', (ago, text) => {
    const now = 10 * 86_400_000;
    expect(ageText(ago === null ? null : now - ago, now)).toBe(text);
  });
});

describe('pull preview, item by item', () => {
  const entry = (base: string | null, local: string | null, theirs: string | null, conflict = false) => ({
    file: 'x.yaml',
    base,
    local,
    theirs,
    conflict,
  });
  it.each([
    // base, local, theirs, conflict → fastForward merge rebase overwrite stash (ff blocked when local changed)
    [entry('b', 'b', 'u'), 'update update update update update'],
    [entry(null, null, 'u'), 'create create create create create'],
    [entry('b', 'b', null), 'delete delete delete delete delete'],
    [entry('b', 'l', 'b'), 'blocked keep keep replace replace'],
    [entry('b', 'l', 'u'), 'blocked merge merge replace replace'],
    [entry('b', 'l', 'u', true), 'blocked conflict conflict replace replace'],
    [entry('b', null, 'u', true), 'blocked conflict conflict replace replace'],
    [entry('b', 'u', 'u'), 'blocked same same same same'],
    [entry(null, 'n', 'n'), 'blocked same same same same'],
    [entry(null, 'n', null), 'blocked keep keep replace replace'],
  ])('%j → %s', (e, outcomes) => {
    const [item] = previewPull([e]).items;
    expect(Object.values(item?.outcomes ?? {}).join(' ')).toBe(outcomes);
  });

  it('leaves out what neither side changed, and counts conflicts and set-aside edits', () => {
    const preview = previewPull([entry('b', 'b', 'b'), { ...entry('b', 'l', 'u', true), file: 'y.yaml' }]);
    expect(preview.items.map((i) => i.file)).toEqual(['y.yaml']);
    expect(preview.conflicts).toEqual({ fastForward: 0, merge: 1, rebase: 1, overwrite: 0, stash: 0 });
    expect(preview.setAside).toBe(1);
    expect(preview.fastForwardBlocked).toMatch(/^1 item is changed here/);
  });

  it('names an item’s file inside the linked folder', () => {
    expect(folderFileFor('Acme.Crm', 'Acme.Crm.sub.lookup', 'component')).toBe('sub/lookup.yaml');
    expect(folderFileFor('Acme', 'Acme.fmt', 'fn')).toBe('fmt.ts');
  });
});

describe('facts of a linked namespace from its items', () => {
  const item = (path: string, content: string, more: Partial<LinkedItemView> = {}): LinkedItemView => ({
    path,
    content,
    deleted: false,
    inConflict: false,
    ...more,
  });
  const atLock = new Map([
    ['Crm.a', 'A'],
    ['Crm.b', 'B'],
    ['Crm.c', 'C'],
  ]);
  const items = [
    item('Crm._link', formatLock(lock)),
    item('Crm.a', 'A'),
    item('Crm.b', 'B changed'),
    item('Crm.c', 'C', { deleted: true }),
    item('Crm.d', 'new here', { inConflict: true }),
    item('Other.a', 'A'),
    item('Other._link', 'not: [a lock'),
  ];

  it('lists the namespaces that hold a lock item', () => {
    expect(linkedNamespaces(items).map((l) => l.namespace)).toEqual(['Crm', 'Other']);
  });

  it('counts changed, added and deleted items against upstream at the lock, and conflicts', () => {
    expect(linkFacts('Crm', items, atLock, null)).toEqual({
      namespace: 'Crm',
      lock,
      upstream: null,
      changedItems: ['Crm.b', 'Crm.c', 'Crm.d'],
      conflictedItems: ['Crm.d'],
      fork: null,
    });
  });

  it('a lock that does not read is detached, with its reason', () => {
    const facts = linkFacts('Other', items, null, null);
    expect(linkStatus(facts)).toMatchObject({
      status: 'detached',
      detail: expect.stringMatching(/not valid YAML/),
    });
  });
});
