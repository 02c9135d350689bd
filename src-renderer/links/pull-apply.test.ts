import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitHttpRemote, upstreamClone, type GitHttpRemote } from '../../src-main/git/test-support.js';
import { pullContents } from '../../src-main/links/pull-apply.js';
import { lockAndTarget } from '../../src-main/links/lock-test-support.js';
import { LinkUpstream } from '../../src-main/links/upstream.js';
import { linkImportChanges } from '../../src-shared/links/import.js';
import { lockItemPath, parseLock, type LockRecord } from '../../src-shared/links/lock.js';
import { planPull } from '../../src-shared/links/pull-plan.js';
import { readSetAside, restoreSteps, SET_ASIDE_SETTING } from '../../src-shared/links/pull-set-aside.js';
import type { PullStrategy } from '../../src-shared/links/preview.js';
import { isWithinNamespace, splitPath } from '../../src-shared/model/path.js';
import { openFixture, type Fixture } from '../workspace/testing.js';
import { applyPull, writeSteps } from './pull-apply.js';

const NS = 'Acme.Crm';
const v1 = {
  'components/crm/a.yaml': 'name: a\ntimeout: 30\n',
  'components/crm/b.yaml': 'name: b\nx: 1\ny: 2\nz: 3\nw: 4\n',
  'components/crm/c.yaml': 'name: c\n',
  'components/crm/d.yaml': 'name: d\n',
  'components/crm/logo.png': '\0PNG\0',
};
const v2 = {
  'components/crm/a.yaml': 'name: a\ntimeout: 45\n',
  'components/crm/b.yaml': 'name: b\nx: 1\ny: 2\nz: 3\nw: 5\n',
  'components/crm/c.yaml': null,
  'components/crm/e.yaml': 'name: e\n',
  'components/crm/logo.png': '\0PNG2\0',
};
const LOCAL_A = 'name: a\ntimeout: 60\n';
const LOCAL_B = 'name: b\nx: 9\ny: 2\nz: 3\nw: 4\n';
const MERGED_B = 'name: b\nx: 9\ny: 2\nz: 3\nw: 5\n';
const LOCAL_D = 'name: d\nlocal: yes\n';

describe('applying a pull of a linked namespace, on real repositories', () => {
  let remote: GitHttpRemote;
  let cache: string;
  let upstream: LinkUpstream;
  let lock: LockRecord;
  let target: LockRecord;
  const open: (Fixture & { close(): Promise<void> })[] = [];

  beforeAll(async () => {
    remote = await startGitHttpRemote();
    const crm = await upstreamClone(remote, 'crm');
    await crm.release('v1.0.0', v1);
    await crm.release('v1.1.0', v2);
    cache = await mkdtemp(join(tmpdir(), 'tether-pull-'));
    upstream = new LinkUpstream(cache);
    ({ lock, target } = await lockAndTarget(upstream, NS, remote.url('crm'), 'components/crm'));
  }, 60_000);

  afterEach(async () => {
    for (const fixture of open.splice(0)) await fixture.close();
  });
  afterAll(async () => {
    await remote.close();
    await rm(cache, { recursive: true, force: true });
  });

  /** A workspace with the namespace linked at v1.0.0, as linking writes it. */
  async function linked() {
    const fixture = await openFixture();
    open.push(fixture);
    const { items } = await upstream.items(NS, lock);
    const plan = linkImportChanges(NS, lock, items, []);
    if (!plan.ok) throw new Error(plan.message);
    for (const change of plan.changes) {
      if (change.type === 'create')
        await fixture.ws.createItem({ path: change.path, kind: change.kind, content: change.content });
    }
    return fixture.ws;
  }

  const itemAt = (ws: Fixture['ws'], name: string) =>
    ws.getSnapshot().items.find((item) => item.path === `${NS}.${name}`);
  const contentOf = (ws: Fixture['ws'], name: string) => itemAt(ws, name)?.content ?? null;
  const edit = async (ws: Fixture['ws'], name: string, content: string | null) => {
    const item = itemAt(ws, name);
    if (item && content === null) await ws.deleteItem(item.itemId);
    else if (item && content !== null) await ws.updateContent(item.itemId, content);
    else if (content !== null) await ws.createItem({ path: `${NS}.${name}`, kind: 'component', content });
  };
  const lockOf = (ws: Fixture['ws']) => {
    const parsed = parseLock(ws.getSnapshot().items.find((i) => i.path === lockItemPath(NS))!.content);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.lock;
  };

  /** The pull as the screen makes it: main's contents, the shared plan, the renderer's writes. */
  async function pull(ws: Fixture['ws'], strategy: PullStrategy) {
    const own = ws
      .getSnapshot()
      .items.filter((i) => isWithinNamespace(splitPath(i.path).namespace, NS) && i.path !== lockItemPath(NS));
    const local = own.map(({ path, kind, content }) => ({ path, kind, content }));
    const heads = new Map(own.map((item) => [item.path, item.heads[0]!]));
    const entries = await pullContents(upstream, NS, lockOf(ws), target, local);
    const plan = planPull(entries, strategy, target);
    if (!plan.ok) return { plan, result: null };
    const result = await applyPull(ws, NS, plan, heads, { now: 5, newId: () => `aside-${strategy}` });
    return { plan, result };
  }

  it('fast-forward takes upstream as it is and moves the lock to its commit', async () => {
    const ws = await linked();
    const { plan, result } = await pull(ws, 'fastForward');
    expect(plan.ok).toBe(true);
    expect(result?.conflicts).toEqual([]);
    expect(['a', 'b', 'c', 'd', 'e'].map((n) => contentOf(ws, n))).toEqual([
      v2['components/crm/a.yaml'],
      v2['components/crm/b.yaml'],
      null,
      v1['components/crm/d.yaml'],
      v2['components/crm/e.yaml'],
    ]);
    expect(lockOf(ws).commit).toBe(target.commit);
    expect(lockOf(ws).resolvedVersion).toBe('1.1.0');
    // The binary file is git's alone: no item appears for it.
    expect(ws.getSnapshot().items.some((i) => i.path.endsWith('logo'))).toBe(false);
  });

  it('fast-forward with an edit here is refused, naming why, and changes nothing', async () => {
    const ws = await linked();
    await edit(ws, 'a', LOCAL_A);
    const before = ws.getSnapshot().items.map((i) => [i.path, i.content, i.heads]);
    const { plan, result } = await pull(ws, 'fastForward');
    expect(result).toBeNull();
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.message).toBe(
        'Fast-forward refused: 1 item is changed here; fast-forward needs the namespace as the lock left it. Merge, rebase, overwrite or stash can pull it.',
      );
    }
    expect(ws.getSnapshot().items.map((i) => [i.path, i.content, i.heads])).toEqual(before);
    expect(lockOf(ws).commit).toBe(lock.commit);
  });

  it('merge: clean items merged as a merge op over both sides, the clash lands in the conflicts inbox', async () => {
    const ws = await linked();
    await edit(ws, 'a', LOCAL_A);
    await edit(ws, 'b', LOCAL_B);
    await edit(ws, 'd', LOCAL_D);
    const { plan, result } = await pull(ws, 'merge');
    expect(plan.ok && plan.preview.conflicts.merge).toBe(1);
    expect(result?.conflicts).toEqual([`${NS}.a`]);
    // The preview said: a conflict, b merge, c delete, d keep, e create: four items written.
    expect(result?.written).toBe(4);
    expect(contentOf(ws, 'b')).toBe(MERGED_B);
    expect(contentOf(ws, 'c')).toBeNull();
    expect(contentOf(ws, 'd')).toBe(LOCAL_D);
    expect(contentOf(ws, 'e')).toBe('name: e\n');
    const b = itemAt(ws, 'b')!;
    expect(b.current.type).toBe('merge');
    expect(b.current.parents).toHaveLength(2);
    expect(ws.history(b.itemId).map((op) => op.content)).toContain(v2['components/crm/b.yaml']);
    // The conflict is the ordinary kind: two heads, the lock's version as their common ancestor.
    const a = ws.getSnapshot().conflicts.find((i) => i.path === `${NS}.a`)!;
    expect(a.conflict?.base?.content).toBe(v1['components/crm/a.yaml']);
    expect(a.conflict?.sides.map((op) => op.content).sort()).toEqual([v2['components/crm/a.yaml'], LOCAL_A]);
    expect(lockOf(ws).commit).toBe(target.commit);
    // Resolved in the resolver's way, the inbox is empty.
    await ws.resolveConflict(a.itemId, { path: a.path, kind: a.kind, content: LOCAL_A, deleted: false });
    expect(ws.getSnapshot().conflicts).toEqual([]);
  });

  it('rebase: upstream’s version first, the edits made here reapplied on top of it', async () => {
    const ws = await linked();
    await edit(ws, 'a', LOCAL_A);
    await edit(ws, 'b', LOCAL_B);
    const { result } = await pull(ws, 'rebase');
    expect(result?.conflicts).toEqual([`${NS}.a`]);
    const b = itemAt(ws, 'b')!;
    expect(b.content).toBe(MERGED_B);
    expect(b.heads).toHaveLength(1);
    expect(
      ws
        .history(b.itemId)
        .slice(0, 3)
        .map((op) => [op.type, op.content]),
    ).toEqual([
      ['update', MERGED_B],
      ['update', v2['components/crm/b.yaml']],
      ['update', LOCAL_B],
    ]);
    expect(lockOf(ws).commit).toBe(target.commit);
  });

  it('overwrite saves every edit first, takes upstream, and restores them all: nothing lost', async () => {
    const ws = await linked();
    await edit(ws, 'a', LOCAL_A);
    await edit(ws, 'd', LOCAL_D);
    await edit(ws, 'g', 'name: g\n');
    await edit(ws, 'c', null);
    const { plan, result } = await pull(ws, 'overwrite');
    expect(plan.ok && plan.preview.setAside).toBe(3);
    expect(['a', 'd', 'g', 'c'].map((n) => contentOf(ws, n))).toEqual([
      v2['components/crm/a.yaml'],
      v1['components/crm/d.yaml'],
      null,
      null,
    ]);
    const saved = readSetAside(await ws.getSetting<unknown>(SET_ASIDE_SETTING, []));
    expect(saved).toHaveLength(1);
    expect(saved[0]).toEqual(result?.setAside);
    expect(saved[0]?.fromCommit).toBe(lock.commit);
    expect(saved[0]?.items.map((i) => [i.path, i.mine])).toEqual([
      [`${NS}.a`, LOCAL_A],
      [`${NS}.d`, LOCAL_D],
      [`${NS}.g`, 'name: g\n'],
    ]);
    const current = (path: string) => ws.getSnapshot().items.find((i) => i.path === path)?.content ?? null;
    await writeSteps(ws, restoreSteps(saved[0]!, current));
    expect(['a', 'd', 'g'].map((n) => contentOf(ws, n))).toEqual([LOCAL_A, LOCAL_D, 'name: g\n']);
    expect(ws.getSnapshot().conflicts).toEqual([]);
  });

  it('stash saves the edits, takes upstream, and reapplies them on it: clean ones merged, a clash as a conflict', async () => {
    const ws = await linked();
    await edit(ws, 'a', LOCAL_A);
    await edit(ws, 'b', LOCAL_B);
    await edit(ws, 'd', LOCAL_D);
    const { result } = await pull(ws, 'stash');
    expect(['a', 'b', 'd'].map((n) => contentOf(ws, n))).toEqual([
      v2['components/crm/a.yaml'],
      v2['components/crm/b.yaml'],
      v1['components/crm/d.yaml'],
    ]);
    expect(ws.getSnapshot().conflicts).toEqual([]);
    const stash = result!.setAside!;
    expect(stash.strategy).toBe('stash');
    const current = (path: string) => ws.getSnapshot().items.find((i) => i.path === path)?.content ?? null;
    const { conflicts } = await writeSteps(ws, restoreSteps(stash, current));
    expect(conflicts).toEqual([`${NS}.a`]);
    expect(contentOf(ws, 'b')).toBe(MERGED_B);
    expect(contentOf(ws, 'd')).toBe(LOCAL_D);
    const a = ws.getSnapshot().conflicts.find((i) => i.path === `${NS}.a`)!;
    expect(a.conflict?.sides.map((op) => op.content).sort()).toEqual([v2['components/crm/a.yaml'], LOCAL_A]);
  });

  it('an edit made after the preview is never overwritten: it meets the pull as a conflict', async () => {
    const ws = await linked();
    const own = ws
      .getSnapshot()
      .items.filter((i) => i.path.startsWith(`${NS}.`) && !i.path.endsWith('_link'));
    const heads = new Map(own.map((item) => [item.path, item.heads[0]!]));
    const local = own.map(({ path, kind, content }) => ({ path, kind, content }));
    const plan = planPull(await pullContents(upstream, NS, lock, target, local), 'fastForward', target);
    if (!plan.ok) throw new Error(plan.message);
    await edit(ws, 'a', LOCAL_A);
    await applyPull(ws, NS, plan, heads, { now: 1, newId: () => 'x' });
    const a = ws.getSnapshot().conflicts.find((i) => i.path === `${NS}.a`);
    expect(a?.conflict?.sides.map((op) => op.content).sort()).toEqual([v2['components/crm/a.yaml'], LOCAL_A]);
  });
  describe('an item added here while upstream added the same file with other content (add/add)', () => {
    const LOCAL_E = 'name: e\nlocal: yes\n';
    const UPSTREAM_E = v2['components/crm/e.yaml'];
    const added = async () => {
      const ws = await linked();
      await edit(ws, 'e', LOCAL_E);
      return ws;
    };
    const sidesOf = (ws: Fixture['ws']) => {
      const e = ws.getSnapshot().conflicts.find((i) => i.path === `${NS}.e`);
      return e?.conflict
        ? { base: e.conflict.base?.content, sides: e.conflict.sides.map((op) => op.content).sort() }
        : null;
    };

    for (const strategy of ['merge', 'rebase'] as const) {
      it(`${strategy}: both versions land in the conflicts inbox as two heads on an empty base`, async () => {
        const ws = await added();
        const { plan, result } = await pull(ws, strategy);
        expect(plan.ok && plan.preview.items.find((i) => i.file === 'e.yaml')?.outcomes[strategy]).toBe(
          'conflict',
        );
        expect(result?.conflicts).toContain(`${NS}.e`);
        expect(sidesOf(ws)).toEqual({ base: '', sides: [UPSTREAM_E, LOCAL_E].sort() });
        expect(lockOf(ws).commit).toBe(target.commit);
        // The resolver's way out works like any conflict's.
        const e = itemAt(ws, 'e')!;
        await ws.resolveConflict(e.itemId, { path: e.path, kind: e.kind, content: LOCAL_E, deleted: false });
        expect(sidesOf(ws)).toBeNull();
        expect(contentOf(ws, 'e')).toBe(LOCAL_E);
      });
    }

    it('an item edited here after adding it meets upstream the same way', async () => {
      const ws = await added();
      await edit(ws, 'e', `${LOCAL_E}more: 1\n`);
      await pull(ws, 'merge');
      expect(sidesOf(ws)).toEqual({ base: '', sides: [UPSTREAM_E, `${LOCAL_E}more: 1\n`].sort() });
    });

    for (const strategy of ['overwrite', 'stash'] as const) {
      it(`${strategy}: upstream's version wins, the one made here saved first and restorable`, async () => {
        const ws = await added();
        const { result } = await pull(ws, strategy);
        expect(result?.conflicts).toEqual([]);
        expect(contentOf(ws, 'e')).toBe(UPSTREAM_E);
        expect(result?.setAside?.items).toContainEqual({
          path: `${NS}.e`,
          kind: 'component',
          base: null,
          mine: LOCAL_E,
        });
        const current = (path: string) =>
          ws.getSnapshot().items.find((i) => i.path === path)?.content ?? null;
        await writeSteps(ws, restoreSteps(result!.setAside!, current));
        // Overwrite puts it back as it was; a stash reapplies it on upstream's, which clashes.
        if (strategy === 'overwrite') expect(contentOf(ws, 'e')).toBe(LOCAL_E);
        else expect(sidesOf(ws)).toEqual({ base: '', sides: [UPSTREAM_E, LOCAL_E].sort() });
      });
    }

    it('fast-forward is refused and changes nothing', async () => {
      const ws = await added();
      const before = ws.getSnapshot().items.map((i) => [i.path, i.content, i.heads]);
      const { plan } = await pull(ws, 'fastForward');
      expect(plan.ok).toBe(false);
      expect(ws.getSnapshot().items.map((i) => [i.path, i.content, i.heads])).toEqual(before);
    });
  });
});
