import { afterEach, describe, expect, it } from 'vitest';
import type { Op } from '../../src-shared/model/index.js';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { AckLog, type AcksCollection } from './ack-log.js';
import type { TetherDb } from './index.js';
import { toOpDoc } from './op-doc.js';
import type { OpsCollection } from './ops-store.js';
import { COLLECTIONS } from './schemas.js';
import { createTetherStorage } from './storage.js';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

const opsOf = (n: number, from = 1): Op[] =>
  Array.from({ length: n }, (_, i) =>
    sampleOp({ id: `op-ack-${String(from + i).padStart(5, '0')}`, itemId: `item-ack-${from + i}` }),
  );
const acked = (list: Op[], status: Op['status'] = 'approved'): Op[] =>
  list.map((op, i) => ({ ...op, serverSeq: 100 + i, status, approvalId: null }));

describe('the ack log', () => {
  const open: TetherDb[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });
  const openDb = async (name: string) => {
    const db = await openTestDb(name);
    open.push(db);
    return db;
  };

  it('counts a batch as acknowledged as soon as its row is written, and tells listeners', async () => {
    const db = await openDb(uniqueDbName('ack-log'));
    const sent = opsOf(3);
    await db.ops.insert(sent);
    const heard: Op[] = [];
    const stop = db.ops.changes((changed) => heard.push(...changed));
    await db.ops.recordAcks(acked(sent));
    expect(await db.ops.unacknowledged()).toEqual([]);
    expect((await db.ops.all()).map((op) => op.serverSeq)).toEqual([100, 101, 102]);
    expect(await db.ops.ackRowsWaiting()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    expect(heard.map((op) => [op.id, op.serverSeq])).toEqual(acked(sent).map((op) => [op.id, op.serverSeq]));
  });

  it('folds the log into the op rows and removes its rows; what the ops read stays the same', async () => {
    const db = await openDb(uniqueDbName('ack-log'));
    const sent = opsOf(4);
    await db.ops.insert(sent);
    await db.ops.recordAcks(acked(sent.slice(0, 2)));
    await db.ops.recordAcks(acked(sent.slice(2), 'pending'));
    const before = await db.ops.all();
    await db.ops.foldAcks();
    expect(await db.ops.ackRowsWaiting()).toBe(0);
    expect(await db.ops.all()).toEqual(before);
    expect((await db.ops.all()).map((op) => op.status)).toEqual([
      'approved',
      'approved',
      'pending',
      'pending',
    ]);
  });

  it('survives a restart before the fold, and folds then', async () => {
    const name = uniqueDbName('ack-log');
    const first = await openTestDb(name);
    const sent = opsOf(2);
    await first.ops.insert(sent);
    await first.ops.recordAcks(acked(sent));
    await first.close(); // closed long before the fold's quiet period is over
    const again = await openDb(name);
    expect(await again.ops.unacknowledged()).toEqual([]);
    expect(await again.ops.ackRowsWaiting()).toBe(1);
    await again.ops.foldAcks();
    expect(await again.ops.ackRowsWaiting()).toBe(0);
    expect((await again.ops.all()).map((op) => op.serverSeq)).toEqual([100, 101]);
  });

  it('lets newer fields from a pull win over an older ack, before and after the fold', async () => {
    const db = await openDb(uniqueDbName('ack-log'));
    const [op] = opsOf(1) as [Op];
    await db.ops.insert([op]);
    const pendingAck = { ...op, serverSeq: 7, status: 'pending' as const, approvalId: 'appr-1' };
    await db.ops.recordAcks([pendingAck]);
    // The same fields coming back in a pull write nothing…
    expect(await db.ops.receive([pendingAck])).toEqual({ inserted: [], updated: [], mismatched: [] });
    // …newer ones (approved meanwhile) are written, and the fold does not undo them.
    const approved = { ...pendingAck, status: 'approved' as const, approvalId: 'appr-1' };
    expect((await db.ops.receive([approved])).updated.map((o) => o.id)).toEqual([op.id]);
    await db.ops.foldAcks();
    expect(await db.ops.byItem(op.itemId)).toEqual([approved]);
  });

  it('refuses an ack without a server position or an invalid op, recording nothing', async () => {
    const db = await openDb(uniqueDbName('ack-log'));
    const [op] = opsOf(1) as [Op];
    await db.ops.insert([op]);
    await expect(db.ops.recordAcks([{ ...op, status: 'approved' }])).rejects.toThrow(/no server position/);
    await expect(db.ops.recordAcks([{ ...op, serverSeq: -1 }])).rejects.toThrow(/acknowledged op/);
    expect(await db.ops.ackRowsWaiting()).toBe(0);
    expect((await db.ops.unacknowledged()).map((o) => o.id)).toEqual([op.id]);
  });

  it('folds an ack for an op that is not stored into nothing (no op appears)', async () => {
    const db = await openDb(uniqueDbName('ack-log'));
    const [stray] = acked(opsOf(1, 900)) as [Op];
    await db.ops.recordAcks([stray]);
    await db.ops.foldAcks();
    expect(await db.ops.all()).toEqual([]);
    expect(await db.ops.ackRowsWaiting()).toBe(0);
  });
});

describe('the ack log, written by another tab', () => {
  it('takes the other tab’s row into its overlay and tells this tab’s listeners the stored ops', async () => {
    const rx = await createRxDatabase({
      name: uniqueDbName('ack-tabs'),
      storage: createTetherStorage({ indexedDB, IDBKeyRange }),
      multiInstance: false,
    });
    try {
      const collections = await rx.addCollections({ ops: COLLECTIONS.ops, acks: COLLECTIONS.acks });
      const ops = collections.ops as unknown as OpsCollection;
      const acks = collections.acks as unknown as AcksCollection;
      const [op] = opsOf(1) as [Op];
      await ops.insert(toOpDoc(op));
      const log = new AckLog(acks, ops);
      await log.overlay(); // loaded before the other tab writes
      const heard: Op[] = [];
      log.changes((changed) => heard.push(...changed));
      const row = {
        id: 'row-from-another-tab',
        ids: [op.id],
        serverSeqs: [42],
        statuses: ['approved'],
        approvalIds: [null],
        recordedAt: 1,
      };
      // What RxDB's BroadcastChannel hands over for another tab's write.
      const bulk = { databaseToken: 'another-tab', events: [{ operation: 'INSERT', documentData: row }] };
      await (log as unknown as { onWrite(b: unknown): Promise<void> }).onWrite(bulk);
      expect(heard).toEqual([{ ...op, serverSeq: 42, status: 'approved', approvalId: null }]);
      expect((await log.overlay())(op)).toMatchObject({ serverSeq: 42 });
      await (log as unknown as { onWrite(b: unknown): Promise<void> }).onWrite({
        databaseToken: 'another-tab',
        events: [{ operation: 'DELETE', documentData: row }],
      });
      expect((await log.overlay())(op).serverSeq).toBeUndefined(); // folded there: the entry leaves the overlay (the op row holds the fields now)
      await log.close();
    } finally {
      await rx.close();
    }
  });
});
