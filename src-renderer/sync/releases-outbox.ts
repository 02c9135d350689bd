import type { QueueEntry } from '../../src-shared/model/index.js';
import {
  releaseIdOf,
  releaseLane,
  ReleaseWriteSchema,
  type QueuedWrite,
  type ReleaseWrite,
} from '../../src-shared/releases/index.js';
import type { TetherDb } from '../db/index.js';
import { enqueueEntry } from './queue/enqueue.js';

const TYPE = 'release_write';

/** Release writes made offline, kept in the durable outbox (the queue) until the server answers. */
export interface ReleaseOutbox {
  queue(write: ReleaseWrite, title: string): Promise<void>;
  /**
   * Replaces a draft's queued creation (changes added to a draft the server
   * has not got yet). False when it already went out: then it is the server's.
   */
  replaceCreate(write: Extract<ReleaseWrite, { kind: 'create' }>, title: string): Promise<boolean>;
}

export function releaseOutbox(db: TetherDb, now: () => number = Date.now): ReleaseOutbox {
  const queue = async (write: ReleaseWrite, title: string) => {
    const key = write.kind === 'create' ? write.request.requestId : `${write.kind}:${requestIdOf(write)}`;
    await enqueueEntry(
      db,
      { type: TYPE, payload: write, idempotencyKey: key, lane: releaseLane(releaseIdOf(write)), title },
      now(),
    );
  };
  return {
    queue,
    replaceCreate: async (write, title) => {
      const entries = await db.queue.all();
      const old = entries.find(
        (e) => e.type === TYPE && e.status === 'pending' && createdRelease(e) === write.request.id,
      );
      if (!old) return false;
      // Same place in the queue, so the release's later writes still follow it.
      await db.queue.remove(old.id);
      await enqueueEntry(
        db,
        {
          type: TYPE,
          payload: write,
          idempotencyKey: write.request.requestId,
          lane: old.lane,
          position: old.position,
          title,
        },
        now(),
      );
      return true;
    },
  };
}

const requestIdOf = (write: ReleaseWrite) =>
  write.kind === 'create' || write.kind === 'proof' ? write.request.requestId : write.requestId;

function createdRelease(entry: QueueEntry): string | null {
  const parsed = ReleaseWriteSchema.safeParse(entry.payload);
  return parsed.success && parsed.data.kind === 'create' ? parsed.data.request.id : null;
}

/** The outbox's unfinished release writes, in queue order, with the error of a failed one. */
export function queuedReleaseWrites(entries: readonly QueueEntry[]): QueuedWrite[] {
  return [...entries]
    .filter((e) => e.type === TYPE && e.status !== 'completed')
    .sort((a, b) => a.position - b.position)
    .flatMap((e) => {
      const parsed = ReleaseWriteSchema.safeParse(e.payload);
      return parsed.success ? [{ write: parsed.data, error: e.status === 'failed' ? e.error : null }] : [];
    });
}
