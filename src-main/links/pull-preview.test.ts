import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockRecord } from '../../src-shared/links/lock.js';
import { runGit } from '../git/run.js';
import { startGitHttpRemote, upstreamClone, type GitHttpRemote } from '../git/test-support.js';
import { lockAndTarget } from './lock-test-support.js';
import { previewLinkPull, type LocalItem } from './pull-preview.js';
import { LinkUpstream } from './upstream.js';

const base = {
  'components/crm/a.yaml': 'name: a\ntimeout: 30\n',
  'components/crm/b.yaml': 'name: b\nx: 1\ny: 2\nz: 3\nw: 4\n',
  'components/crm/c.yaml': 'name: c\n',
  'components/crm/d.yaml': 'name: d\n',
  'components/crm/f.yaml': 'name: f\n',
  'components/crm/logo.png': '\0PNG\0',
  'README.md': 'crm\n',
};
const next = {
  'components/crm/a.yaml': 'name: a\ntimeout: 45\n',
  'components/crm/b.yaml': 'name: b\nx: 1\ny: 2\nz: 3\nw: 5\n',
  'components/crm/c.yaml': null,
  'components/crm/e.yaml': 'name: e\n',
  'components/crm/f.yaml': 'name: f\nk: 1\n',
  'README.md': 'crm tools\n',
};

describe('previewing a pull of a linked namespace', () => {
  let remote: GitHttpRemote;
  let cache: string;
  let upstream: LinkUpstream;
  let lock: LockRecord;
  let target: LockRecord;
  let pristine: LocalItem[];

  beforeAll(async () => {
    remote = await startGitHttpRemote();
    const crm = await upstreamClone(remote, 'crm');
    await crm.release('v1.0.0', base);
    await crm.release('v1.1.0', next);
    cache = await mkdtemp(join(tmpdir(), 'tether-links-'));
    upstream = new LinkUpstream(cache);
    ({ lock, target } = await lockAndTarget(upstream, 'Acme.Crm', remote.url('crm'), 'components/crm'));
    pristine = (await upstream.items('Acme.Crm', lock)).items.map(({ path, kind, content }) => ({
      path,
      kind,
      content,
    }));
  }, 60_000);

  afterAll(async () => {
    await remote.close();
    await rm(cache, { recursive: true, force: true });
  });

  const edit = (items: LocalItem[], path: string, content: string | null): LocalItem[] => {
    const rest = items.filter((item) => item.path !== path);
    return content === null ? rest : [...rest, { path, kind: 'component', content }];
  };

  it('with no local edits, fast-forward takes upstream’s changes and nothing conflicts', async () => {
    const preview = await previewLinkPull(upstream, 'Acme.Crm', lock, target, pristine);
    expect(preview.fastForwardBlocked).toBeNull();
    expect(preview.items.map((i) => [i.file, i.outcomes.fastForward, i.outcomes.merge])).toEqual([
      ['a.yaml', 'update', 'update'],
      ['b.yaml', 'update', 'update'],
      ['c.yaml', 'delete', 'delete'],
      ['e.yaml', 'create', 'create'],
      ['f.yaml', 'update', 'update'],
    ]);
    expect(preview.conflicts).toEqual({ fastForward: 0, merge: 0, rebase: 0, overwrite: 0, stash: 0 });
    expect(preview.setAside).toBe(0);
  });

  it('with local edits, says per item what each strategy would do and which would conflict', async () => {
    let local = edit(pristine, 'Acme.Crm.a', 'name: a\ntimeout: 60\n');
    local = edit(local, 'Acme.Crm.b', 'name: b\nx: 9\ny: 2\nz: 3\nw: 4\n');
    local = edit(local, 'Acme.Crm.d', 'name: d\nlocal: yes\n');
    local = edit(local, 'Acme.Crm.f', 'name: f\nk: 1\n');
    local = edit(local, 'Acme.Crm.g', 'name: g\n');
    local = [...local, { path: 'Acme.Crm._link', kind: 'component', content: 'the lock is not upstream’s' }];
    const preview = await previewLinkPull(upstream, 'Acme.Crm', lock, target, local);
    expect(preview.fastForwardBlocked).toBe(
      '5 items are changed here; fast-forward needs the namespace as the lock left it.',
    );
    const table = Object.fromEntries(
      preview.items.map((i) => [i.file, [i.local, i.upstream, ...Object.values(i.outcomes)].join(' ')]),
    );
    // local, upstream: fastForward merge rebase overwrite stash
    expect(table).toEqual({
      'a.yaml': 'changed changed blocked conflict conflict replace replace',
      'b.yaml': 'changed changed blocked merge merge replace replace',
      'c.yaml': 'unchanged deleted blocked delete delete delete delete',
      'd.yaml': 'changed unchanged blocked keep keep replace replace',
      'e.yaml': 'unchanged added blocked create create create create',
      'f.yaml': 'changed changed blocked same same same same',
      'g.yaml': 'added unchanged blocked keep keep replace replace',
    });
    expect(preview.conflicts).toEqual({ fastForward: 0, merge: 1, rebase: 1, overwrite: 0, stash: 0 });
    expect(preview.setAside).toBe(4);
  });

  it('changes nothing: no ref moves here or upstream, and the same preview comes again', async () => {
    const store = await upstream.store(lock.repository);
    const refs = () => runGit(['for-each-ref', '--format=%(refname) %(objectname)'], { cwd: store.dir });
    const remoteRefs = () => runGit(['ls-remote', remote.url('crm')], { cwd: store.dir });
    const local = edit(pristine, 'Acme.Crm.a', 'name: a\ntimeout: 60\n');
    const first = await previewLinkPull(upstream, 'Acme.Crm', lock, target, local);
    const [before, beforeRemote] = [await refs(), await remoteRefs()];
    const again = await previewLinkPull(upstream, 'Acme.Crm', lock, target, local);
    expect(await refs()).toBe(before);
    expect(await remoteRefs()).toBe(beforeRemote);
    expect(again).toEqual(first);
    expect(before).not.toContain(first.ours);
  });
});
