import { heldOpsOf, type HeldOps } from '../../../src-shared/status/unsynced.js';
import type { TetherDb } from '../../db/index.js';
import { failedOps } from '../failed-ops.js';
import { discardedOps } from './push-entries.js';

/** Unsent ops that wait for the user (refused by the server, or discarded), read from the database. */
export async function heldOps(db: TetherDb): Promise<HeldOps> {
  const [unacked, refused, discarded] = await Promise.all([
    db.ops.unacknowledged(),
    failedOps(db),
    discardedOps(db),
  ]);
  return heldOpsOf(
    unacked.map((op) => op.id),
    refused,
    discarded,
  );
}
