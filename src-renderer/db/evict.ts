import { ValidationError } from '../../src-shared/errors.js';
import type { Op } from '../../src-shared/model/index.js';
import { purgeTombstones } from './bulk-read.js';
import { UnknownOpError } from './errors.js';
import type { HistoryPages } from './history-pages.js';
import { fromOpDoc } from './op-doc.js';
import type { OpsCollection } from './ops-store.js';

/** An eviction named an op that must stay: unsent, or the user's own. Nothing was removed. */
export class NotEvictableError extends ValidationError {
  constructor(opId: string, why: string) {
    super(`Op "${opId}" cannot be removed to free space: ${why}. Nothing was removed.`, 'opIds');
  }
}

/**
 * Removes cached ops from the local database to free space, all or none,
 * from the op rows and from the history pages alike.
 * Refuses (and removes nothing) when any op is unknown, not acknowledged by
 * the server (it exists nowhere else), or written by `owner` (the user's own
 * work always stays). The rows are purged, not left as RxDB tombstones:
 * a tombstone keeps the whole row (no space freed) and would block storing
 * the same op again when its history is fetched back.
 */
export async function evictOps(
  collection: OpsCollection,
  history: HistoryPages,
  ids: readonly string[],
  owner: string,
): Promise<Op[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await collection.storageInstance.findDocumentsById(unique, false);
  const byId = new Map(rows.map((row) => [row.id, fromOpDoc(row)]));
  const paged = await history.byIds(unique);
  const removed = unique.map((id) => {
    const op = byId.get(id) ?? paged.get(id);
    if (!op) throw new UnknownOpError(id);
    if (op.author === owner) throw new NotEvictableError(id, 'it is your own work');
    if (op.serverSeq == null && !paged.has(id))
      throw new NotEvictableError(id, 'the server does not have it yet');
    return op;
  });
  const rowIds = [...byId.keys()];
  if (rowIds.length > 0) {
    const result = await collection.bulkRemove(rowIds);
    if (result.error.length > 0)
      throw new Error(`Could not remove op "${result.error[0]?.documentId ?? ''}"`);
    await purgeTombstones(collection, rowIds);
  }
  if (paged.size > 0) await history.remove(new Set(paged.keys()));
  return removed;
}
