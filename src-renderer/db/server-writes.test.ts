import { afterEach, describe, expect, it } from 'vitest';
import type { TetherDb } from './index.js';
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
});
