import type { QueueEntry } from '../../src-shared/model/index.js';
import {
  releaseIdOf,
  requestIdOf,
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
}

/**
 * The last queue position given to a release write. Writes queued in the
 * same millisecond (a proof, then its deletion) would otherwise tie, and a
 * tie is broken by the entries' random ids: the deletion could be sent, and
 * folded onto the view, before the proof it deletes.
 */
let lastPosition = 0;

export function releaseOutbox(db: TetherDb, now: () => number = Date.now): ReleaseOutbox {
  return {
    queue: async (write, title) => {
      const key = write.kind === 'create' ? requestIdOf(write) : `${write.kind}:${requestIdOf(write)}`;
      const at = now();
      lastPosition = Math.max(at, lastPosition + 1);
      await enqueueEntry(
        db,
        {
          type: TYPE,
          payload: write,
          idempotencyKey: key,
          lane: releaseLane(releaseIdOf(write)),
          title,
          position: lastPosition,
        },
        at,
      );
    },
  };
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
