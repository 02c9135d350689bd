import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '../../src-shared/model/index.js';
import type { BootView } from '../../src-shared/view/boot-view.js';
import type { TetherDb } from './index.js';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

/**
 * The boot view record is kept only when the tab that built it holds every
 * live op row written since the last record: a tab whose change events lag
 * must not store a view its checkpoint says covers ops it never saw.
 */
let db: TetherDb;
// Only Date is faked, once for the file: write times (`_meta.lwt`) and the checkpoint's margin follow
// it, and it only moves forward (RxDB's write clock never goes back, so a reset would leave it ahead).
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});
beforeEach(async () => {
  db = await openTestDb(uniqueDbName('boot-view-store'));
});
afterEach(async () => {
  await db.close();
});
const later = (ms = 10_000) => vi.setSystemTime(Date.now() + ms);

function bobs(n: number): Op {
  const id = String(n).padStart(8, '0');
  return sampleOp({
    id: `op-${id}`,
    itemId: `item-${id.slice(1)}`,
    path: `Acme.item${n}`,
    author: 'bob',
    serverSeq: n,
    status: 'approved',
  });
}
const viewOf =
  (ops: Op[]): (() => BootView) =>
  () => ({ view: { branchId: 'main' }, maxMainSeq: 0, ops });
const heldIds = async () => (await db.bootView.load({ branchId: 'main' }))?.ops.map((op) => op.id) ?? [];

describe('boot view store: a record needs every op written since the last one', () => {
  it('refuses a record built without an op row written before it, and keeps it once held', async () => {
    const [a, b, c] = [bobs(1), bobs(2), bobs(3)];
    await db.ops.insert([a, b]);
    later();
    expect(await db.bootView.save(viewOf([a, b]), () => true)).toBe(true);
    await db.ops.insert([c]);
    later();
    // The builder never absorbed c: the record would claim to cover it.
    expect(await db.bootView.save(viewOf([a, b]), (id) => id !== c.id)).toBe(false);
    expect(await heldIds()).toEqual([a.id, b.id]);
    expect(await db.bootView.save(viewOf([a, b, c]), () => true)).toBe(true);
    expect(await heldIds()).toEqual([a.id, b.id, c.id]);
  });

  it('checks only rows written since the last record it took or read', async () => {
    const [a, b] = [bobs(1), bobs(2)];
    await db.ops.insert([a, b]);
    later();
    expect(await db.bootView.save(viewOf([a, b]), () => true)).toBe(true);
    later();
    // Nothing written since: a builder that holds nothing new is asked about nothing.
    const asked: string[] = [];
    const holds = (id: string) => (asked.push(id), false);
    const kept = await db.bootView.save(viewOf([a, b]), holds);
    expect(asked).toEqual([]);
    expect(kept).toBe(true);
  });

  it('a removed row (evicted to free space) is not asked for', async () => {
    const [a, b] = [bobs(1), bobs(2)];
    await db.ops.insert([a, b]);
    expect(await db.ops.evict([b.id], 'alice')).toHaveLength(1);
    later();
    expect(await db.bootView.save(viewOf([a]), (id) => id === a.id)).toBe(true);
  });
});

describe('boot view store: history pages', () => {
  it('refuses a record whose builder lacks an op of a page written since, and keeps it once held', async () => {
    const [a, b] = [bobs(1), bobs(2)];
    await db.ops.insert([b]);
    later();
    expect(await db.bootView.save(viewOf([b]), () => true)).toBe(true);
    await db.ops.receiveHistory('main', [[a]]);
    later();
    expect(await db.bootView.save(viewOf([b]), (id) => id !== a.id)).toBe(false);
    expect(await db.bootView.save(viewOf([b]), () => true)).toBe(true);
  });

  it('names the items of pages written after the record was taken, whose history is then read', async () => {
    const [a, b] = [bobs(1), bobs(2)];
    await db.ops.insert([b]);
    later();
    expect(await db.bootView.save(viewOf([b]), () => true)).toBe(true);
    expect((await db.bootView.load({ branchId: 'main' }))?.touchedItemIds).toEqual([]);
    later();
    await db.ops.receiveHistory('main', [[a]]);
    expect((await db.bootView.load({ branchId: 'main' }))?.touchedItemIds).toEqual([a.itemId]);
  });

  it('a record taken after pages were written covers them: the next start reads nothing again', async () => {
    const [a, b] = [bobs(1), bobs(2)];
    await db.ops.insert([b]);
    later();
    await db.ops.receiveHistory('main', [[a]]);
    later();
    expect(await db.bootView.save(viewOf([a, b]), () => true)).toBe(true);
    expect((await db.bootView.load({ branchId: 'main' }))?.touchedItemIds).toEqual([]);
  });
});
