import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '../../src-shared/model/index.js';
import { NotEvictableError } from './evict.js';
import { openTetherDb, type TetherDb } from './index.js';
import { sampleOp, uniqueDbName } from './testing.js';

vi.mock('../log/report.js', () => ({ logError: vi.fn() }));

const open: TetherDb[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});
async function tab(name: string, label?: string): Promise<TetherDb> {
  const db = await openTetherDb({ name, indexedDB, IDBKeyRange, tab: label });
  open.push(db);
  return db;
}

/** An item's acknowledged chain of `n` ops by bob, positions from `seq`. */
function chain(item: number, n: number, seq: number): Op[] {
  const ops: Op[] = [];
  for (let i = 0; i < n; i++) {
    ops.push(
      sampleOp({
        id: `op-i${item}-00${i}`,
        itemId: `item-${String(item).padStart(7, '0')}`,
        type: i === 0 ? 'create' : 'update',
        content: `v${i}`,
        parents: i === 0 ? [] : [`op-i${item}-00${i - 1}`],
        author: 'bob',
        hlc: `${String(seq + i).padStart(13, '0')}:0000:inst-00000001`,
        serverSeq: seq + i,
        status: 'approved',
      }),
    );
  }
  return ops;
}

/** Rows of the op collection on disk (pages are not among them). */
async function opRows(name: string): Promise<number> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(`rxdb-dexie-${name}--0--ops`);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
  try {
    const req = idb.transaction('docs').objectStore('docs').count();
    return await new Promise<number>((resolve) => (req.onsuccess = () => resolve(req.result)));
  } finally {
    idb.close();
  }
}

const ids = (ops: readonly Op[]) => ops.map((op) => op.id);

/** Two items of three ops: heads stored as rows, the history fill as two pages. */
async function filled(name: string) {
  const a = chain(1, 3, 1);
  const b = chain(2, 3, 4);
  const db = await tab(name);
  await db.ops.receive([a[2] as Op, b[2] as Op]); // heads first
  // The fill brings every op up to the heads' checkpoint, heads included.
  const received = await db.ops.receiveHistory('main', [a, b]);
  return { db, a, b, received };
}

describe('history pages', () => {
  it('keeps the history fill as pages, not op rows, and every read includes it once', async () => {
    const name = uniqueDbName('history');
    const { db, a, b, received } = await filled(name);
    expect(ids(received.inserted)).toEqual(['op-i1-000', 'op-i1-001', 'op-i2-000', 'op-i2-001']); // heads left out
    expect(await opRows(name)).toBe(2);
    expect(ids(await db.ops.all())).toEqual(ids([...a, ...b]));
    expect(ids(await db.ops.byItem(a[0]?.itemId ?? ''))).toEqual(ids(a));
    expect(ids(await db.ops.byBranch('main'))).toHaveLength(6);
    expect(await db.ops.byBranch('br-000000000001')).toEqual([]);
    expect(await db.ops.count()).toBe(6);
    expect(await db.ops.unacknowledged()).toEqual([]);
  });

  it('a resumed fill writes the same pages again without duplicating an op', async () => {
    const name = uniqueDbName('history');
    const { db, a, b } = await filled(name);
    await db.ops.receiveHistory('main', [a, b]);
    expect(await db.ops.count()).toBe(6);
  });

  it('an empty profile holding only pages is not empty', async () => {
    const db = await tab(uniqueDbName('history'));
    expect(await db.ops.isEmpty()).toBe(true);
    await db.ops.receiveHistory('main', [chain(1, 2, 1)]);
    expect(await db.ops.isEmpty()).toBe(false);
  });

  it('a pulled op a page holds as it is changes nothing; with new server fields its row is read', async () => {
    const name = uniqueDbName('history');
    const { db, a } = await filled(name);
    const old = a[0] as Op;
    expect((await db.ops.receive([old])).inserted).toEqual([]);
    expect(await opRows(name)).toBe(2);
    const moved = { ...old, serverSeq: 40, status: 'approved' as const, approvalId: 'apr-1' };
    expect(ids((await db.ops.receive([moved])).inserted)).toEqual([old.id]);
    const read = (await db.ops.byItem(old.itemId)).filter((op) => op.id === old.id);
    expect(read).toEqual([expect.objectContaining({ serverSeq: 40, approvalId: 'apr-1' })]);
    expect(await db.ops.count()).toBe(6);
  });

  it('refuses another body under an id a page holds, in a pull and in a fill', async () => {
    const name = uniqueDbName('history');
    const { db, a } = await filled(name);
    const forged = { ...(a[0] as Op), content: 'forged' };
    expect((await db.ops.receive([forged])).mismatched).toEqual([forged.id]);
    const forgedHead = { ...(a[2] as Op), content: 'forged' };
    expect((await db.ops.receiveHistory('main', [[forgedHead]])).mismatched).toEqual([forgedHead.id]);
    const contents = (await db.ops.byItem(forged.itemId)).map((op) => op.content);
    expect(contents).toEqual(['v0', 'v1', 'v2']);
  });

  it('evicts ops held in pages, all or none, and drops a page left empty', async () => {
    const name = uniqueDbName('history');
    const { db, a, b } = await filled(name);
    const own = { ...(chain(3, 1, 20)[0] as Op), author: 'ada' };
    await db.ops.receiveHistory('main', [[own]]);
    await expect(db.ops.evict([a[0]?.id ?? '', own.id], 'ada')).rejects.toThrow(NotEvictableError);
    expect(await db.ops.count()).toBe(7); // nothing removed
    const removed = await db.ops.evict([a[0]?.id ?? '', a[1]?.id ?? '', b[0]?.id ?? ''], 'ada');
    expect(ids(removed).sort()).toEqual(['op-i1-000', 'op-i1-001', 'op-i2-000']);
    expect(ids(await db.ops.all())).toEqual(['op-i1-002', 'op-i2-001', 'op-i2-002', own.id]);
    expect(ids(await db.ops.byItem(a[0]?.itemId ?? ''))).toEqual(['op-i1-002']);
  });

  it('another tab hears the pages as ops and reads them by item', async () => {
    const name = uniqueDbName('history');
    const writer = await tab(name, 'writer');
    const reader = await tab(name, 'reader');
    expect(await reader.ops.byItem('item-0000001')).toEqual([]); // builds its directory before the write
    const heard: string[] = [];
    reader.ops.changes((ops) => heard.push(...ids(ops)));
    const told: string[] = [];
    writer.ops.changes((ops) => told.push(...ids(ops)));
    await writer.ops.receiveHistory('main', [chain(1, 3, 1)]);
    await vi.waitFor(() => expect(heard).toEqual(['op-i1-000', 'op-i1-001', 'op-i1-002']));
    expect(told).toEqual(heard); // the writer's own listeners, told once
    expect(ids(await reader.ops.byItem('item-0000001'))).toEqual(heard);
  });

  it('a damaged page is reported and passed over; the other history still reads', async () => {
    const name = uniqueDbName('history');
    const { db, a } = await filled(name);
    const before = await db.ops.count();
    await db.meta.set('history.page.main:0000000000000099', {
      branchId: 'main',
      opIds: ['op-broken1'],
      itemIds: ['item-0000009'],
      ops: '[{"id": "op-broken1"',
    });
    const { logError } = await import('../log/report.js');
    expect(await db.ops.count()).toBe(before);
    expect(ids(await db.ops.byItem(a[0]?.itemId ?? ''))).toEqual(ids(a));
    expect(logError).toHaveBeenCalled();
  });
});
