import { afterEach, describe, expect, it } from 'vitest';
import type { TetherDb } from './index.js';
import { OpIdConflictError, UnknownOpError } from './index.js';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

describe('server writes on the op store', () => {
  let db: TetherDb | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('receive inserts new ops, updates server fields of known ones, skips identical ones, refuses other bodies', async () => {
    db = await openTestDb(uniqueDbName('server-writes'));
    const mine = sampleOp({ id: 'op-mine-0001' });
    await db.ops.insert([mine]);
    const acked = { ...mine, serverSeq: 3, status: 'approved' as const, approvalId: null };
    const theirs = sampleOp({ id: 'op-theirs-01', itemId: 'item-0000002', serverSeq: 4, status: 'approved' });
    const forged = { ...sampleOp({ id: 'op-mine-0001' }), content: 'forged', serverSeq: 3 };
    const first = await db.ops.receive([acked, theirs]);
    expect(first.inserted.map((op) => op.id)).toEqual(['op-theirs-01']);
    expect(first.updated.map((op) => op.id)).toEqual(['op-mine-0001']);
    expect(await db.ops.unacknowledged()).toEqual([]);
    expect(await db.ops.receive([acked, theirs])).toEqual({ inserted: [], updated: [], mismatched: [] });
    expect((await db.ops.receive([forged])).mismatched).toEqual(['op-mine-0001']);
    expect((await db.ops.byItem(mine.itemId))[0]?.content).toBe(mine.content);
    expect((await db.ops.byBranch('main')).length).toBe(2);
  });

  it('acknowledge records many acks at once and writes nothing when one op is unknown or differs', async () => {
    db = await openTestDb(uniqueDbName('server-writes'));
    const a = sampleOp({ id: 'op-aaaaaaa1' });
    const b = sampleOp({ id: 'op-bbbbbbb1', itemId: 'item-0000002' });
    await db.ops.insert([a, b]);
    const unknown = sampleOp({ id: 'op-unknown1', serverSeq: 9 });
    await expect(db.ops.acknowledge([{ ...a, serverSeq: 1 }, unknown])).rejects.toThrow(UnknownOpError);
    await expect(db.ops.acknowledge([{ ...b, content: 'other', serverSeq: 2 }])).rejects.toThrow(
      OpIdConflictError,
    );
    expect((await db.ops.unacknowledged()).length).toBe(2);
    await db.ops.acknowledge([
      { ...a, serverSeq: 1, status: 'approved' },
      { ...b, serverSeq: 2, status: 'pending', approvalId: 'appr-1' },
    ]);
    expect(await db.ops.unacknowledged()).toEqual([]);
    expect((await db.ops.byItem(b.itemId))[0]).toMatchObject({
      serverSeq: 2,
      status: 'pending',
      approvalId: 'appr-1',
    });
  });

  it('acknowledge replaces the server fields whole and tells listeners', async () => {
    db = await openTestDb(uniqueDbName('server-writes'));
    const a = sampleOp({ id: 'op-aaaaaaa2' });
    await db.ops.insert([a]);
    await db.ops.acknowledge([{ ...a, serverSeq: 1, status: 'pending', approvalId: 'appr-1' }]);
    const heard: Array<{ id: string; approvalId?: string | null }> = [];
    const stop = db.ops.changes((ops) => heard.push(...ops));
    await db.ops.acknowledge([{ ...a, serverSeq: 1, status: 'approved', approvalId: null }]);
    stop();
    const [stored] = await db.ops.byItem(a.itemId);
    expect(stored).toMatchObject({ serverSeq: 1, status: 'approved', approvalId: null });
    expect(heard.map((op) => [op.id, op.approvalId])).toEqual([[a.id, null]]);
  });
});
