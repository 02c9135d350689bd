import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createReadCache } from './read-cache.js';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

describe('read cache', () => {
  it('reads once until a write is seen, and never keeps a read a write overtook', async () => {
    const writes = new Subject<unknown>();
    let reads = 0;
    let release: (() => void) | null = null;
    const cache = createReadCache(async () => {
      reads += 1;
      const n = reads;
      if (n === 2) await new Promise<void>((resolve) => (release = resolve));
      return n;
    }, [{ eventBulks$: writes }]);
    expect(await cache.get()).toBe(1);
    expect(await cache.get()).toBe(1);
    writes.next({});
    const slow = cache.get(); // read 2 starts, then a write lands while it runs
    writes.next({});
    const fresh = cache.get(); // must not share read 2
    (release as (() => void) | null)?.();
    expect(await slow).toBe(2);
    expect(await fresh).toBe(3);
    expect(await cache.get()).toBe(3);
    cache.stop();
  });

  it('keeps what a wider read derives, unless a write landed while it ran', async () => {
    const writes = new Subject<unknown>();
    let reads = 0;
    const cache = createReadCache(async () => {
      reads += 1;
      return -1;
    }, [{ eventBulks$: writes }]);
    expect(
      await cache.alongside(
        async () => [1, 2, 3],
        (all) => all.length,
      ),
    ).toEqual([1, 2, 3]);
    expect(await cache.get()).toBe(3);
    expect(reads).toBe(0); // the wider read answered
    writes.next({});
    let release: (() => void) | null = null;
    const wider = cache.alongside(
      () => new Promise<number[]>((resolve) => (release = () => resolve([1]))),
      (all) => all.length,
    );
    writes.next({}); // lands while the wider read runs: its result is not kept
    (release as (() => void) | null)?.();
    await wider;
    expect(await cache.get()).toBe(-1);
    expect(reads).toBe(1);
    cache.stop();
  });

  it('on the op store: opening the whole log also answers the unacknowledged ops', async () => {
    const db = await openTestDb(uniqueDbName('read-cache-all'));
    try {
      const a = sampleOp({ id: 'op-cache-0002' });
      const b = sampleOp({ id: 'op-cache-0003' });
      await db.ops.insert([a, b]);
      await db.ops.recordAcks([{ ...a, serverSeq: 7, status: 'approved' }]);
      expect((await db.ops.all()).map((op) => op.id).sort()).toEqual([a.id, b.id]);
      expect((await db.ops.unacknowledged()).map((op) => op.id)).toEqual([b.id]);
      await db.ops.insert([sampleOp({ id: 'op-cache-0004' })]);
      expect((await db.ops.unacknowledged()).map((op) => op.id).sort()).toEqual([b.id, 'op-cache-0004']);
    } finally {
      await db.close();
    }
  });

  it('on the op store: the unacknowledged ops follow inserts and acks at once', async () => {
    const db = await openTestDb(uniqueDbName('read-cache'));
    try {
      const a = sampleOp({ id: 'op-cache-0001' });
      expect(await db.ops.unacknowledged()).toEqual([]);
      await db.ops.insert([a]);
      expect((await db.ops.unacknowledged()).map((op) => op.id)).toEqual([a.id]);
      const copy = await db.ops.unacknowledged();
      copy.pop(); // a caller changing its copy changes nothing for the next one
      expect((await db.ops.unacknowledged()).length).toBe(1);
      await db.ops.recordAcks([{ ...a, serverSeq: 5, status: 'approved' }]);
      expect(await db.ops.unacknowledged()).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
