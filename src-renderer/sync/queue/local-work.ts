import {
  buildLocalWorkExport,
  parseLocalWorkFile,
  type ExportReason,
  type LocalWorkExport,
} from '../../../src-shared/export/local-work.js';
import { findIntent } from '../../../src-shared/queue/entry.js';
import { opBodyOf, sameOpBody, type Op, type QueueEntry } from '../../../src-shared/model/index.js';
import { syncKeys } from '../../../src-shared/sync/keys.js';
import type { TetherDb } from '../../db/index.js';
import type { Identity } from '../../workspace/identity.js';
import { failedOps } from '../failed-ops.js';
import { opsOfEntry } from './actions.js';
import { DISCARDED_OPS_KEY, discardedOps } from './push-entries.js';
import { QueueActionError } from './types.js';

/** Everything not yet on the server: unsent ops (refused and discarded included) and queued intents. */
export async function exportLocalWork(
  db: TetherDb,
  identity: Identity,
  reason: ExportReason,
  at: number,
): Promise<LocalWorkExport> {
  const [ops, branches, queue] = await Promise.all([
    db.ops.unacknowledged(),
    db.branches.all(),
    db.queue.all(),
  ]);
  return buildLocalWorkExport({ reason, at, ...identity, ops, branches, queue });
}

/** What discarding this entry would throw away, as a file to keep. */
export async function exportQueueEntry(
  db: TetherDb,
  identity: Identity,
  id: string,
  at: number,
): Promise<LocalWorkExport> {
  const entry = await db.queue.get(id);
  if (!entry) throw new QueueActionError(`There is no queue entry "${id}"`);
  const [ops, branches] = await Promise.all([opsOfEntry(db, entry), db.branches.all()]);
  return buildLocalWorkExport({ reason: 'discard', at, ...identity, ops, branches, queue: [entry] });
}

export interface ImportResult {
  opsAdded: number;
  opsRestored: number;
  branchesAdded: number;
  entriesAdded: number;
}

/**
 * Brings an export back. Idempotent: ops already here are skipped (a
 * discarded one is restored to the outbox once), branches and queued intents
 * already here are kept. Everything is checked before anything is written:
 * an op id that is here with a different body refuses the whole file.
 */
export async function importLocalWork(db: TetherDb, text: string): Promise<ImportResult> {
  const file = parseLocalWorkFile(text);
  const existing = await existingOps(db, file.ops);
  for (const op of file.ops) {
    const here = existing.get(op.id);
    if (here && !sameOpBody(opBodyOf(here), op)) {
      throw new QueueActionError(`Op ${op.id} is already here with different content; nothing was imported`);
    }
  }
  const branchesAdded = await addMissingBranches(db, file);
  const fresh = file.ops.filter((op) => !existing.has(op.id));
  if (fresh.length > 0) await db.ops.insert(fresh);
  const opsRestored = await restoreDiscarded(
    db,
    file.ops.filter((op) => existing.has(op.id)).map((op) => op.id),
  );
  const entriesAdded = await addMissingEntries(db, file.queue);
  return { opsAdded: fresh.length, opsRestored, branchesAdded, entriesAdded };
}

async function existingOps(
  db: TetherDb,
  ops: readonly { id: string; itemId: string }[],
): Promise<Map<string, Op>> {
  const found = new Map<string, Op>();
  const wanted = new Set(ops.map((op) => op.id));
  for (const itemId of new Set(ops.map((op) => op.itemId))) {
    for (const op of await db.ops.byItem(itemId)) if (wanted.has(op.id)) found.set(op.id, op);
  }
  return found;
}

async function addMissingBranches(db: TetherDb, file: LocalWorkExport): Promise<number> {
  let added = 0;
  for (const branch of file.branches) {
    if (await db.branches.get(branch.id)) continue;
    await db.branches.upsert(branch);
    added += 1;
  }
  return added;
}

/** Ops discarded from the queue go back to it; ops not discarded are left as they are. */
async function restoreDiscarded(db: TetherDb, ids: readonly string[]): Promise<number> {
  const discarded = await discardedOps(db);
  const restore = ids.filter((id) => id in discarded);
  if (restore.length === 0) return 0;
  const failed = await failedOps(db);
  for (const id of restore) {
    delete discarded[id];
    delete failed[id];
  }
  await db.meta.set(DISCARDED_OPS_KEY, discarded);
  await db.meta.set(syncKeys.failedOps, failed);
  return restore.length;
}

async function addMissingEntries(db: TetherDb, entries: readonly QueueEntry[]): Promise<number> {
  const queue = await db.queue.all();
  let added = 0;
  for (const entry of entries) {
    if (queue.some((e) => e.id === entry.id) || findIntent(queue, entry.idempotencyKey)) continue;
    await db.queue.add({ ...entry, status: 'pending', nextAttemptAt: 0, error: null });
    added += 1;
  }
  return added;
}
