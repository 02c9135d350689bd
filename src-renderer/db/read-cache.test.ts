import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createReadCache } from './read-cache.js';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openTetherDb } from './index.js';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

async function eventually(check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

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

  it("leaves its owner's writes to the owner: patched without a read, forgotten when a read is in flight", async () => {
    const writes = new Subject<{ token: string }>();
    let reads = 0;
    let release: (() => void) | null = null;
    const cache = createReadCache(
      async () => {
        reads += 1;
        if (reads === 2) await new Promise<void>((resolve) => (release = resolve));
        return [reads];
      },
      [{ eventBulks$: writes }],
      (bulk) => (bulk as { token: string }).token === 'mine',
    );
    expect(await cache.get()).toEqual([1]);
    writes.next({ token: 'mine' }); // the owner's own write: not a reason to read again
    cache.patch((value) => [...value, 10]);
    expect(await cache.get()).toEqual([1, 10]);
    expect(reads).toBe(1);
    writes.next({ token: 'another tab' }); // anyone else's write is
    const slow = cache.get(); // read 2 starts…
    cache.patch((value) => [...value, 20]); // …and the owner writes meanwhile: no settled value to patch
    (release as (() => void) | null)?.();
    expect(await slow).toEqual([2]);
    expect(await cache.get()).toEqual([3]); // read 2 may have missed the write: not kept
    expect(reads).toBe(3);
    cache.stop();
  });

  it('on the op store: the unacknowledged ops stay equal to a fresh read through inserts, acks, pulls and folds', async () => {
    const name = uniqueDbName('read-cache-patch');
    const db = await openTestDb(name);
    // Another tab of the same database: reads it as it is.
    const reader = await openTetherDb({ name, indexedDB, IDBKeyRange, tab: 'reader' });
    const fresh = async () =>
      (await reader.ops.all()).filter((op) => op.serverSeq == null).map((op) => op.id);
    const cached = async () => (await db.ops.unacknowledged()).map((op) => op.id);
    try {
      const ops = [1, 2, 3, 4, 5].map((n) =>
        sampleOp({ id: `op-patch-000${n}`, hlc: `000000000000${n}:0000:inst-00000001` }),
      );
      await db.ops.insert(ops.slice(0, 3));
      expect(await cached()).toEqual(['op-patch-0001', 'op-patch-0002', 'op-patch-0003']);
      await db.ops.recordAcks([{ ...ops[0]!, serverSeq: 1, status: 'approved' }]);
      await db.ops.insert([ops[4]!, ops[3]!, ops[1]!]); // one known, two new: clock order kept
      expect(await cached()).toEqual(['op-patch-0002', 'op-patch-0003', 'op-patch-0004', 'op-patch-0005']);
      // A pull brings one of ours back with its position, and an op that was never ours.
      const theirs = sampleOp({ id: 'op-patch-0009', hlc: '0000000000009:0000:inst-00000002' });
      await db.ops.receive([
        { ...ops[2]!, serverSeq: 2, status: 'approved' },
        { ...theirs, serverSeq: 3, status: 'approved' },
      ]);
      await db.ops.update({ ...ops[3]!, serverSeq: 4, status: 'approved', approvalId: null });
      expect(await cached()).toEqual(['op-patch-0002', 'op-patch-0005']);
      await db.ops.foldAcks();
      expect(await cached()).toEqual(await fresh());
      expect(await cached()).toEqual(['op-patch-0002', 'op-patch-0005']);
    } finally {
      await reader.close();
      await db.close();
    }
  });

  it("on the op store: another tab's inserts, acks and pulls reach this tab's unacknowledged ops and listeners", async () => {
    const name = uniqueDbName('read-cache-tabs');
    const leader = await openTetherDb({ name, indexedDB, IDBKeyRange, tab: 'leader' });
    const other = await openTetherDb({ name, indexedDB, IDBKeyRange, tab: 'other' });
    const heard: string[] = [];
    const stop = other.ops.changes((ops) =>
      heard.push(...ops.map((op) => `${op.id}@${op.serverSeq ?? '-'}`)),
    );
    const unsent = async () => (await other.ops.unacknowledged()).map((op) => op.id);
    try {
      const [a, b] = [1, 2].map((n) =>
        sampleOp({ id: `op-tabs-000${n}`, hlc: `000000000000${n}:0000:inst-00000001` }),
      );
      expect(await unsent()).toEqual([]);
      await leader.ops.insert([a!, b!]);
      await eventually(async () => (await unsent()).length === 2);
      // The leader's push records an ack (not folded yet): the other tab counts it sent, and is told.
      await leader.ops.recordAcks([{ ...a!, serverSeq: 1, status: 'approved' }]);
      await eventually(async () => (await unsent()).join() === b!.id);
      // The leader's pull brings b back with its position: told through the stream, and not unsent.
      await leader.ops.receive([{ ...b!, serverSeq: 2, status: 'approved' }]);
      await eventually(async () => (await unsent()).length === 0);
      await eventually(async () => heard.includes(`${a!.id}@1`) && heard.includes(`${b!.id}@2`));
    } finally {
      stop();
      await other.close();
      await leader.close();
    }
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
