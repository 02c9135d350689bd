import { describe, expect, it } from 'vitest';
import type { ItemState } from '../../src-shared/model/index.js';
import type { NamespaceInfo } from '../workspace/index.js';
import {
  buildNamespaceTree,
  defaultNamespace,
  flattenTree,
  itemsForView,
  moveSelection,
  neighbourAfterRemoval,
} from './selectors.js';

function item(path: string, itemId = path, deleted = false): ItemState {
  return {
    itemId,
    path,
    kind: 'fn',
    content: '',
    deleted,
    heads: [],
    conflict: null,
  } as unknown as ItemState;
}
const ns = (path: string): NamespaceInfo => ({ path, itemCount: 0, owners: [], explicit: true });

const items = [
  item('Acme.Billing.charge'),
  item('Acme.Billing.refund'),
  item('Acme.readme'),
  item('Web.theme'),
];

describe('buildNamespaceTree', () => {
  it('nests namespaces, fills in missing parents and counts items at or below each one', () => {
    const tree = buildNamespaceTree([ns('Empty.Inner')], items, '');
    expect(tree.map((n) => [n.path, n.totalCount, n.ownCount])).toEqual([
      ['Acme', 3, 1],
      ['Empty', 0, 0],
      ['Web', 1, 1],
    ]);
    expect(tree[0]?.children.map((n) => [n.path, n.depth, n.totalCount])).toEqual([['Acme.Billing', 1, 2]]);
    expect(tree[1]?.children.map((n) => n.path)).toEqual(['Empty.Inner']);
  });

  it('with a filter, counts only matching items and drops namespaces with no match', () => {
    const tree = buildNamespaceTree([ns('Empty')], items, 'refund');
    expect(tree.map((n) => [n.path, n.totalCount])).toEqual([['Acme', 1]]);
    expect(tree[0]?.children.map((n) => [n.path, n.totalCount])).toEqual([['Acme.Billing', 1]]);
  });

  it('keeps a namespace whose own name matches the filter even when empty', () => {
    expect(buildNamespaceTree([ns('Empty')], items, 'empt').map((n) => n.path)).toEqual(['Empty']);
  });
});

describe('flattenTree', () => {
  const tree = buildNamespaceTree([], items, '');
  it('hides the children of collapsed namespaces', () => {
    expect(flattenTree(tree, { Acme: true }, false).map((r) => r.path)).toEqual(['Acme', 'Web']);
    expect(flattenTree(tree, {}, false).map((r) => r.path)).toEqual(['Acme', 'Acme.Billing', 'Web']);
  });
  it('shows everything while filtering', () => {
    expect(flattenTree(tree, { Acme: true }, true).map((r) => r.path)).toEqual([
      'Acme',
      'Acme.Billing',
      'Web',
    ]);
  });
});

describe('itemsForView', () => {
  const deleted = [item('Acme.old', 'old', true)];
  it('lists a namespace with everything below it, not siblings that share a prefix', () => {
    const withSibling = [...items, item('AcmeCorp.x')];
    const view = { kind: 'namespace', path: 'Acme' } as const;
    expect(itemsForView(withSibling, deleted, view, '').map((i) => i.path)).toEqual([
      'Acme.Billing.charge',
      'Acme.Billing.refund',
      'Acme.readme',
    ]);
  });
  it('matches every filter word, case-insensitively, anywhere in the path', () => {
    expect(itemsForView(items, deleted, { kind: 'all' }, 'billing CH').map((i) => i.path)).toEqual([
      'Acme.Billing.charge',
    ]);
  });
  it('the deleted view lists only deleted items', () => {
    expect(itemsForView(items, deleted, { kind: 'deleted' }, '').map((i) => i.itemId)).toEqual(['old']);
  });
  it('never lists a linked namespace’s lock item, in any view or filter', () => {
    const withLock = [...items, item('Acme.Billing._link')];
    const gone = [...deleted, item('Acme._link', 'oldlock', true)];
    for (const view of [{ kind: 'all' }, { kind: 'namespace', path: 'Acme.Billing' }] as const) {
      expect(itemsForView(withLock, gone, view, '').map((i) => i.path)).not.toContain('Acme.Billing._link');
    }
    expect(itemsForView(withLock, gone, { kind: 'all' }, 'link')).toEqual([]);
    expect(itemsForView(withLock, gone, { kind: 'deleted' }, '').map((i) => i.itemId)).toEqual(['old']);
  });
});

describe('selection helpers', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves and clamps at both ends', () => {
    expect(moveSelection(ids, 'b', 'down')).toBe('c');
    expect(moveSelection(ids, 'd', 'down')).toBe('d');
    expect(moveSelection(ids, 'a', 'up')).toBe('a');
    expect(moveSelection(ids, null, 'down')).toBe('a');
    expect(moveSelection(ids, 'b', 'pageDown', 10)).toBe('d');
    expect(moveSelection([], 'a', 'down')).toBeNull();
  });
  it('after a removal picks the next row, else the previous one', () => {
    expect(neighbourAfterRemoval(ids, 'b')).toBe('c');
    expect(neighbourAfterRemoval(ids, 'd')).toBe('c');
    expect(neighbourAfterRemoval(['a'], 'a')).toBeNull();
    expect(neighbourAfterRemoval(ids, 'zz')).toBeNull();
  });
  it('new items default to the namespace being viewed, else the selected item’s', () => {
    expect(defaultNamespace({ kind: 'namespace', path: 'Web' }, items[0])).toBe('Web');
    expect(defaultNamespace({ kind: 'all' }, items[0])).toBe('Acme.Billing');
    expect(defaultNamespace({ kind: 'all' }, undefined)).toBe('');
  });
});
