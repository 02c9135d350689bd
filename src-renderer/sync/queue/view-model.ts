import type { QueueEntry } from '../../../src-shared/model/index.js';
import { canStepShown, waitReasons, waitsFor, type WaitReason } from '../../../src-shared/queue/index.js';
import type { TetherDb } from '../../db/index.js';
import { opsOfEntry } from './actions.js';

/** One line of the queue view: the entry, how many ops it carries, why it waits, where it may move. */
export interface QueueRow {
  entry: QueueEntry;
  /** Ops a push_ops entry stands for (null for other types). */
  opCount: number | null;
  /** The paths of the items those ops change, each once, in the order they were changed. */
  paths: string[];
  wait: WaitReason;
  /** The title of the entry this one waits for on its branch (when `wait` is 'blocked'). */
  waitsFor: string | null;
  canUp: boolean;
  canDown: boolean;
}

/** The rows shown, and the whole queue behind them (moves and drop previews count hidden entries too). */
export interface QueueView {
  rows: QueueRow[];
  entries: QueueEntry[];
}

export async function queueRows(db: TetherDb, now: number): Promise<QueueView> {
  const entries = await db.queue.all();
  const reasons = waitReasons(entries, now);
  const waits = waitsFor(entries);
  const rows: QueueRow[] = [];
  for (const entry of entries) {
    const ops = entry.type === 'push_ops' ? await opsOfEntry(db, entry) : null;
    const opCount = ops ? ops.length : null;
    const paths = [...new Set((ops ?? []).map((op) => op.path))];
    // A branch push whose ops have all gone (sent by another tab) is not worth a line.
    if (opCount === 0 && entry.status !== 'failed') continue;
    const wait = reasons.get(entry.id) ?? 'ready';
    const waitTitle = wait === 'blocked' ? (waits.get(entry.id)?.title ?? null) : null;
    rows.push({ entry, opCount, paths, wait, waitsFor: waitTitle, canUp: false, canDown: false });
  }
  // Up and down are one row in the view, which skips the hidden entries.
  const shown = new Set(rows.map((row) => row.entry.id));
  for (const row of rows) {
    row.canUp = canStepShown(entries, shown, row.entry.id, -1);
    row.canDown = canStepShown(entries, shown, row.entry.id, 1);
  }
  return { rows, entries };
}
