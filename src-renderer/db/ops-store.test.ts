import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src-shared/errors.js';
import type { Op } from '../../src-shared/model/index.js';
import { OpIdConflictError, UnknownOpError, type TetherDb } from './index.js';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

const open: TetherDb[] = [];
async function fresh(name = uniqueDbName('ops')): Promise<TetherDb> {
  const db = await openTestDb(name);
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const second = sampleOp({
  id: 'op-00000002',
  type: 'update',
  content: 'return 2;',
  parents: ['op-00000001'],
  hlc: '0000000000002:0000:inst-00000001',
});
const otherItem = sampleOp({
  id: 'op-00000003',
  itemId: 'item-0000002',
  path: 'Acme.refund',
  hlc: '0000000000003:0000:inst-00000001',
});

describe('ops', () => {
  it('stores ops and reads them back, oldest HLC first, also per item', async () => {
    const db = await fresh();
    await db.ops.insert([otherItem, second, sampleOp()]);
    expect((await db.ops.all()).map((op) => op.id)).toEqual(['op-00000001', 'op-00000002', 'op-00000003']);
    expect(await db.ops.byItem('item-0000001')).toEqual([sampleOp(), second]);
    expect(await db.ops.count()).toBe(3);
  });

  it('keeps "not acknowledged" as an absent serverSeq, not the stored sentinel', async () => {
    const db = await fresh();
    await db.ops.insert([sampleOp(), second]);
    const [first] = await db.ops.all();
    expect(first).not.toHaveProperty('serverSeq');
    await db.ops.update({ ...sampleOp(), serverSeq: 7, status: 'approved', approvalId: null });
    expect((await db.ops.unacknowledged()).map((op) => op.id)).toEqual(['op-00000002']);
    expect((await db.ops.byItem('item-0000001'))[0]).toEqual({
      ...sampleOp(),
      serverSeq: 7,
      status: 'approved',
      approvalId: null,
    });
  });

  it('treats a repeated op with the same body as already stored', async () => {
    const db = await fresh();
    await db.ops.insert([sampleOp()]);
    await db.ops.insert([sampleOp(), sampleOp(), second]);
    // Server fields are not part of the body: an acknowledged copy is the same op.
    await db.ops.insert([{ ...sampleOp(), serverSeq: 3 }]);
    expect(await db.ops.count()).toBe(2);
    expect((await db.ops.all())[0]).not.toHaveProperty('serverSeq');
  });

  it('refuses an op id that comes back with a different body, writing nothing', async () => {
    const db = await fresh();
    await db.ops.insert([sampleOp()]);
    const forged = sampleOp({ content: 'return 666;' });
    await expect(db.ops.insert([otherItem, forged])).rejects.toThrow(OpIdConflictError);
    await expect(db.ops.insert([otherItem, forged])).rejects.toThrow(/already exists with a different body/);
    expect(await db.ops.all()).toEqual([sampleOp()]);
  });

  it('refuses two different bodies under one id in the same batch', async () => {
    const db = await fresh();
    const batch = [sampleOp(), sampleOp({ content: 'x' })];
    await expect(db.ops.insert(batch)).rejects.toThrow(OpIdConflictError);
    expect(await db.ops.count()).toBe(0);
  });

  it('refuses an invalid op with a clear error and writes nothing', async () => {
    const db = await fresh();
    const bad = { ...sampleOp(), path: 'no-namespace' } as Op;
    await expect(db.ops.insert([otherItem, bad])).rejects.toThrow(ValidationError);
    await expect(db.ops.insert([bad])).rejects.toThrow(/Invalid op \(path\)/);
    expect(await db.ops.count()).toBe(0);
  });

  it('refuses an update that changes the body or names an unknown op', async () => {
    const db = await fresh();
    await db.ops.insert([sampleOp()]);
    await expect(db.ops.update({ ...sampleOp({ content: 'y' }), serverSeq: 1 })).rejects.toThrow(
      OpIdConflictError,
    );
    await expect(db.ops.update({ ...second, serverSeq: 2 })).rejects.toThrow(UnknownOpError);
    expect(await db.ops.all()).toEqual([sampleOp()]);
  });

  it('tells listeners about inserted and updated ops until they unsubscribe', async () => {
    const db = await fresh();
    const seen: Op[][] = [];
    const stop = db.ops.changes((ops) => seen.push(ops));
    await db.ops.insert([sampleOp(), second]);
    await db.ops.update({ ...sampleOp(), serverSeq: 4, status: 'approved' });
    await db.ops.insert([sampleOp()]); // already stored: no event
    stop();
    await db.ops.insert([otherItem]);
    expect(seen.map((ops) => ops.map((op) => [op.id, op.serverSeq]))).toEqual([
      [
        ['op-00000001', undefined],
        ['op-00000002', undefined],
      ],
      [['op-00000001', 4]],
    ]);
  });

  it('keeps a listener stream alive when one listener throws', async () => {
    const db = await fresh();
    const seen: string[] = [];
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (e: unknown) => errors.push(e);
    try {
      db.ops.changes(() => {
        throw new Error('listener bug');
      });
      db.ops.changes((ops) => seen.push(...ops.map((op) => op.id)));
      await db.ops.insert([sampleOp()]);
      await db.ops.insert([second]);
    } finally {
      console.error = originalError;
    }
    expect(seen).toEqual(['op-00000001', 'op-00000002']);
    expect(errors).toHaveLength(2);
  });

  it('keeps ops across close and reopen under the same name', async () => {
    const name = uniqueDbName('reopen');
    const db = await openTestDb(name);
    await db.ops.insert([sampleOp(), second]);
    await db.ops.update({ ...second, serverSeq: 9 });
    await db.close();
    const again = await fresh(name);
    expect(await again.ops.all()).toEqual([sampleOp(), { ...second, serverSeq: 9 }]);
  });
});
