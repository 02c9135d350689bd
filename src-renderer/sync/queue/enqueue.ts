import { findIntent, makeQueueEntry, type NewQueueEntry } from '../../../src-shared/queue/entry.js';
import type { QueueEntry } from '../../../src-shared/model/index.js';
import type { TetherDb } from '../../db/index.js';
import { newRandomId } from '../../workspace/ids.js';

export type { NewQueueEntry };

/**
 * Puts an intent in the durable outbox. The same idempotency key while the
 * first is unfinished returns that entry: queueing twice never sends twice.
 * The sync engine watches the queue and runs new entries on its own.
 */
export async function enqueueEntry(
  db: TetherDb,
  input: NewQueueEntry,
  now: number,
  id: string = newRandomId(),
): Promise<QueueEntry> {
  const existing = findIntent(await db.queue.all(), input.idempotencyKey);
  if (existing) return existing;
  const entry = makeQueueEntry(input, id, now);
  try {
    await db.queue.add(entry);
  } catch (error) {
    // A fixed id lost a race with another writer (the engine and the view both derive pushes): theirs stands.
    const winner = await db.queue.get(id);
    if (winner && winner.idempotencyKey === input.idempotencyKey) return winner;
    throw error;
  }
  return entry;
}
