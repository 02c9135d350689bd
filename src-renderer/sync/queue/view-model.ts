import type { QueueEntry } from '../../../src-shared/model/index.js';
import { canStep, waitReasons, type WaitReason } from '../../../src-shared/queue/index.js';
import type { TetherDb } from '../../db/index.js';
import { opsOfEntry } from './actions.js';

/** One line of the queue view: the entry, how many ops it carries, why it waits, where it may move. */
export interface QueueRow {
  entry: QueueEntry;
  /** Ops a push_ops entry stands for (null for other types). */
  opCount: number | null;
  wait: WaitReason;
  canUp: boolean;
  canDown: boolean;
}

export async function queueRows(db: TetherDb, now: number): Promise<QueueRow[]> {
  const entries = await db.queue.all();
  const reasons = waitReasons(entries, now);
  const rows: QueueRow[] = [];
  for (const entry of entries) {
    rows.push({
      entry,
      opCount: entry.type === 'push_ops' ? (await opsOfEntry(db, entry)).length : null,
      wait: reasons.get(entry.id) ?? 'ready',
      canUp: canStep(entries, entry.id, -1) !== null,
      canDown: canStep(entries, entry.id, 1) !== null,
    });
  }
  // A branch push whose ops have all gone (sent by another tab) is not worth a line.
  return rows.filter((row) => row.opCount !== 0 || row.entry.status === 'failed');
}
