import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import type { Branch, ItemState, Op } from '../model/index.js';
import {
  checkAbandonTarget,
  checkBranchName,
  checkItemPath,
  checkNewNamespace,
  checkSwitchTarget,
  deriveNamespaces,
  prefixesOf,
  sortBranches,
  splitByDeletion,
  syncBadgeFor,
} from './index.js';

function item(itemId: string, path: string, deleted = false): ItemState {
  return {
    itemId,
    path,
    kind: 'fn',
    content: '',
    deleted,
    heads: [],
    current: {} as Op,
    conflict: null,
  };
}

function branch(id: string, name: string, state: Branch['state'] = 'open'): Branch {
  return {
    id,
    name,
    state,
    mainPolicy: 'manual',
    baseSeq: 0,
    baseHlc: 'h',
    baseInstanceId: 'inst-00000001',
    createdBy: 'ada',
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('item paths', () => {
  const items = [item('item-0001', 'Acme.a'), item('item-0002', 'Acme.gone', true)];

  it('accepts a free valid path, the item keeping its own path, and a deleted item path', () => {
    expect(checkItemPath('Acme.b', items)).toBe('Acme.b');
    expect(checkItemPath('Acme.a', items, 'item-0001')).toBe('Acme.a');
    expect(checkItemPath('Acme.gone', items)).toBe('Acme.gone');
  });

  it('refuses an invalid path and a path a live item holds', () => {
    expect(() => checkItemPath('noNamespace', items)).toThrow(ValidationError);
    expect(() => checkItemPath('Acme.9x', items)).toThrow(/not a valid item path/);
    expect(() => checkItemPath('Acme.a', items, 'item-0003')).toThrow(/already exists/);
  });

  it('splits live from deleted items, each sorted by path', () => {
    const { live, deleted } = splitByDeletion([
      item('i3', 'B.z'),
      item('i1', 'A.z', true),
      item('i2', 'A.a'),
    ]);
    expect(live.map((i) => i.path)).toEqual(['A.a', 'B.z']);
    expect(deleted.map((i) => i.itemId)).toEqual(['i1']);
  });
});

describe('namespaces', () => {
  it('lists every prefix of item namespaces and records, counting items at or below', () => {
    const list = deriveNamespaces(
      ['Acme.Billing.charge', 'Acme.Billing.refund', 'Acme.top', 'Zed.x'],
      [
        { path: 'Acme.Billing', owners: ['ada'], updatedAt: 1 },
        { path: 'Empty.Inner', owners: ['bob'], updatedAt: 1 },
      ],
    );
    expect(list).toEqual([
      { path: 'Acme', itemCount: 3, owners: [], explicit: false },
      { path: 'Acme.Billing', itemCount: 2, owners: ['ada'], explicit: true },
      { path: 'Empty', itemCount: 0, owners: [], explicit: false },
      { path: 'Empty.Inner', itemCount: 0, owners: ['bob'], explicit: true },
      { path: 'Zed', itemCount: 1, owners: [], explicit: false },
    ]);
    expect(prefixesOf('A.B.C')).toEqual(['A', 'A.B', 'A.B.C']);
  });

  it('refuses an invalid, empty or existing namespace', () => {
    const records = [{ path: 'Acme', owners: [], updatedAt: 0 }];
    expect(checkNewNamespace('Acme.New', records)).toBe('Acme.New');
    expect(() => checkNewNamespace('', records)).toThrow(ValidationError);
    expect(() => checkNewNamespace('Acme..x', records)).toThrow(/not a valid namespace/);
    expect(() => checkNewNamespace('Acme', records)).toThrow(/already exists/);
  });
});

describe('sync badge', () => {
  const op = (hlc: string, extra: Partial<Op> = {}) => ({ id: `op-${hlc}`, hlc, ...extra }) as Op;
  const plain = item('item-0001', 'Acme.a');
  const badge = (visibleOps: Op[], rejectedOps: Op[] = [], serverConfigured = true, it = plain) =>
    syncBadgeFor({ item: it, visibleOps, rejectedOps, serverConfigured });

  it('ranks conflict, failed, awaiting approval, unsynced, synced', () => {
    const conflicted = { ...plain, conflict: { kind: 'edit/edit', base: null, sides: [] } } as ItemState;
    expect(badge([op('1')], [op('2', { status: 'rejected' })], true, conflicted)).toBe('conflict');
    expect(badge([op('1', { serverSeq: 1 })], [op('2', { status: 'rejected' })])).toBe('failed');
    expect(badge([op('1', { status: 'pending', serverSeq: 1 }), op('2')])).toBe('awaiting-approval');
    expect(badge([op('1', { serverSeq: 1 }), op('2')])).toBe('pending-sync');
    expect(badge([op('1', { serverSeq: 1 }), op('2')], [], false)).toBe('local-only');
    expect(badge([op('1', { serverSeq: 1, status: 'approved' })], [], false)).toBe('synced');
  });

  it('forgets a refusal once newer work is shown', () => {
    const refused = op('2', { status: 'rejected' });
    expect(badge([op('3', { serverSeq: 3, status: 'approved' })], [refused])).toBe('synced');
  });
});

describe('branches', () => {
  const branches = [
    branch('branch-01', 'zeta'),
    branch('branch-02', 'alpha', 'abandoned'),
    branch('branch-03', 'beta', 'merged'),
    branch('branch-04', 'gamma'),
  ];

  it('accepts a trimmed new name and the name of an abandoned branch', () => {
    expect(checkBranchName('  feature-x ', branches)).toBe('feature-x');
    expect(checkBranchName('alpha', branches)).toBe('alpha');
  });

  it('refuses an empty, invalid, reserved or open duplicate name', () => {
    expect(() => checkBranchName('', branches)).toThrow(/needs a name/);
    expect(() => checkBranchName('   ', branches)).toThrow(ValidationError);
    expect(() => checkBranchName('a b', branches)).toThrow(ValidationError);
    expect(() => checkBranchName('main', branches)).toThrow(/main line/);
    expect(() => checkBranchName('zeta', branches)).toThrow(/already exists/);
  });

  it('switches to main or an open branch only', () => {
    expect(checkSwitchTarget('main', branches)).toBeNull();
    expect(checkSwitchTarget('branch-04', branches)?.name).toBe('gamma');
    expect(() => checkSwitchTarget('branch-02', branches)).toThrow(/abandoned/);
    expect(() => checkSwitchTarget('branch-99', branches)).toThrow(/no branch/);
  });

  it('abandons open branches only', () => {
    expect(checkAbandonTarget('branch-01', branches).name).toBe('zeta');
    expect(() => checkAbandonTarget('main', branches)).toThrow(/Main/);
    expect(() => checkAbandonTarget('branch-03', branches)).toThrow(/already merged/);
  });

  it('sorts open branches first, then merged, then abandoned, by name', () => {
    expect(sortBranches(branches).map((b) => b.name)).toEqual(['gamma', 'zeta', 'beta', 'alpha']);
  });
});
