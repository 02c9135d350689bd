import { describe, expect, it } from 'vitest';
import { ViewIndex } from '../dag/index.js';
import type { Op } from '../model/index.js';
import { testOp } from '../ops/testing.js';
import {
  bootOpsOf,
  opsOfStoredBootView,
  placeOps,
  shallowItemsOf,
  StoredBootViewSchema,
  toStoredBootView,
} from './boot-view.js';
import { MAIN_VIEW } from './branch-view.js';

/** item-0001: three acknowledged versions in a line. */
const line = [
  testOp({ id: 'op-line-1', itemId: 'item-0001', serverSeq: 1, status: 'approved', content: 'v1' }),
  testOp({ id: 'op-line-2', itemId: 'item-0001', parents: ['op-line-1'], serverSeq: 2, at: 2000 }),
  testOp({ id: 'op-line-3', itemId: 'item-0001', parents: ['op-line-2'], serverSeq: 3, at: 3000 }),
];
/** item-0002: two versions on the same one (a conflict). */
const fork = [
  testOp({ id: 'op-fork-1', itemId: 'item-0002', serverSeq: 4 }),
  testOp({ id: 'op-fork-2', itemId: 'item-0002', parents: ['op-fork-1'], serverSeq: 5, at: 2000 }),
  testOp({ id: 'op-fork-3', itemId: 'item-0002', parents: ['op-fork-1'], serverSeq: 6, at: 2001 }),
];
/** item-0003: an acknowledged version under two unsent ones. */
const unsent = [
  testOp({ id: 'op-unsent-1', itemId: 'item-0003', serverSeq: 7 }),
  testOp({ id: 'op-unsent-2', itemId: 'item-0003', parents: ['op-unsent-1'], at: 2000 }),
  testOp({ id: 'op-unsent-3', itemId: 'item-0003', parents: ['op-unsent-2'], at: 3000 }),
];

function viewOfOps(ops: readonly Op[]): ViewIndex {
  const view = new ViewIndex(MAIN_VIEW);
  view.addOps(ops);
  return view;
}

describe('bootOpsOf', () => {
  it('keeps the head of a plain item and the whole visible history of conflicts and unsent work', () => {
    const ids = bootOpsOf(viewOfOps([...line, ...fork, ...unsent])).map((op) => op.id);
    expect(ids.sort()).toEqual(
      ['op-line-3', ...fork.map((op) => op.id), ...unsent.map((op) => op.id)].sort(),
    );
  });

  it('gives the same item states from its ops as the whole log does', () => {
    const whole = viewOfOps([...line, ...fork, ...unsent]);
    const booted = viewOfOps(bootOpsOf(whole));
    expect([...booted.items()]).toEqual([...whole.items()]);
  });

  it('gives items in path order, so a view built from them lists them sorted', () => {
    const renamed = (ops: readonly Op[], path: string) => ops.map((op) => ({ ...op, path }));
    const whole = viewOfOps([...renamed(line, 'Acme.zeta'), ...renamed(fork, 'Acme.alpha'), ...unsent]);
    const paths = [...viewOfOps(bootOpsOf(whole)).items()].map((item) => item.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths[0]).toBe('Acme.alpha');
  });
});

describe('the stored form', () => {
  it('gives back the same ops, server fields absent where they were', () => {
    const ops = [...line, ...unsent];
    const stored = toStoredBootView({ view: MAIN_VIEW, maxMainSeq: 7, ops }, 123.5);
    const parsed = StoredBootViewSchema.parse(structuredClone(stored));
    expect(opsOfStoredBootView(parsed)).toEqual(ops);
    expect('serverSeq' in (opsOfStoredBootView(parsed)[4] as Op)).toBe(false);
  });

  it('refuses columns of different lengths or a kind the model does not know', () => {
    const stored = toStoredBootView({ view: MAIN_VIEW, maxMainSeq: 0, ops: line }, 1);
    expect(StoredBootViewSchema.safeParse({ ...stored, ops: { ...stored.ops, hlc: [] } }).success).toBe(
      false,
    );
    const kinds = ['value', 'value', 'spreadsheet'];
    expect(StoredBootViewSchema.safeParse({ ...stored, ops: { ...stored.ops, kind: kinds } }).success).toBe(
      false,
    );
  });

  it('refuses a column holding a wrong entry: a number for text, a null id, a zero position, a bad parent list', () => {
    const stored = toStoredBootView({ view: MAIN_VIEW, maxMainSeq: 3, ops: line }, 1);
    const bad = [
      { content: ['v1', 2, 'v3'] },
      { id: [null, 'op-line-2', 'op-line-3'] },
      { serverSeq: [1, 0, 3] },
      { parents: [[], 'op-line-1', ['op-line-2']] },
      { status: ['approved', 'maybe', null] },
      { approvalId: [null, 7, null] },
    ];
    for (const columns of bad) {
      const parsed = StoredBootViewSchema.safeParse({ ...stored, ops: { ...stored.ops, ...columns } });
      expect(parsed.success, JSON.stringify(columns)).toBe(false);
    }
    expect(StoredBootViewSchema.safeParse(structuredClone(stored)).success).toBe(true);
  });
});

describe('placeOps', () => {
  const view = viewOfOps([line[2] as Op]);
  const shallow = (itemId: string) => itemId === 'item-0001';

  it('lets an edit on the held head join, and one after it in the same batch', () => {
    const edit = testOp({ id: 'op-edit-1', itemId: 'item-0001', parents: ['op-line-3'], at: 4000 });
    const next = testOp({ id: 'op-edit-2', itemId: 'item-0001', parents: ['op-edit-1'], at: 5000 });
    const placed = placeOps([edit, next], MAIN_VIEW, shallow, (id) => view.has(id));
    expect(placed).toEqual({ place: [edit, next], wait: [] });
  });

  it('holds back an op on an older version, and what follows it for that item', () => {
    const old = testOp({ id: 'op-old-1', itemId: 'item-0001', parents: ['op-line-1'], at: 4000 });
    const after = testOp({ id: 'op-old-2', itemId: 'item-0001', parents: ['op-line-3'], at: 5000 });
    const other = testOp({ id: 'op-other', itemId: 'item-0009', parents: ['op-unknown'] });
    const placed = placeOps([old, after, other], MAIN_VIEW, shallow, (id) => view.has(id));
    expect(placed).toEqual({ place: [other], wait: [old, after] });
  });

  it('holds back a newer copy of an op the view does not hold', () => {
    const copy = { ...(line[0] as Op), status: 'rejected' as const };
    expect(placeOps([copy], MAIN_VIEW, shallow, (id) => view.has(id)).wait).toEqual([copy]);
  });
});

describe('shallowItemsOf', () => {
  it('names items held by one visible op', () => {
    const held = [line[2] as Op, ...fork, testOp({ id: 'op-gone', itemId: 'item-0004', status: 'rejected' })];
    expect([...shallowItemsOf(held, MAIN_VIEW)]).toEqual(['item-0001']);
  });
});
