import type { RxDocumentData } from 'rxdb';
import { OP_BODY_KEYS, OpSchema, type Op } from '../../src-shared/model/index.js';
import { sameServerFields, withServerFields } from '../../src-shared/sync/server-fields.js';
import { checkInput } from './input.js';
import { fromOpDoc, toOpDoc, toStoredOpRow } from './op-doc.js';
import type { OpsCollection } from './ops-store.js';
import { UNACKNOWLEDGED_SEQ, type AckEntry, type OpDoc } from './schemas.js';

export type StoredOp = RxDocumentData<OpDoc>;

export interface ReceivedOps {
  inserted: Op[];
  updated: Op[];
  /** Ids the server holds with a body different from ours: never applied. */
  mismatched: string[];
}

/**
 * The context of the writes a pull makes, followed by the writing database
 * instance's token: that tab tells its listeners those ops itself, and other
 * tabs (which get the same write with the same context) hear them through
 * the change stream. RxDB gives both the receiving instance's token, so the
 * context is what tells a tab's own writes from another's.
 */
export const PULL_WRITE = 'tether-pull';

export function pullWriteOf(token: string): string {
  return `${PULL_WRITE}:${token}`;
}

/**
 * Stores a page of ops from the server in one write, and a second only for
 * known ops whose server fields changed: new ops are inserted, known ones
 * take the server's fields, identical ones are skipped (so pulling the same
 * page twice changes nothing). Every op is written as an insert: the storage
 * reads the ids it already holds inside the write's own transaction and
 * answers those with the stored row (a conflict), so a fresh client's pages
 * (all new) cost no read of their own. The path a fresh client's heads and
 * history take, so it must stay batched.
 */
export async function receiveServerOps(
  collection: OpsCollection,
  input: readonly Op[],
  overlay: (op: Op) => Op = (op) => op,
  context = pullWriteOf(collection.database.token),
): Promise<ReceivedOps> {
  const ops = firstOfEachId(input.map((op) => checkInput(OpSchema, op, 'op')));
  const result: ReceivedOps = { inserted: [], updated: [], mismatched: [] };
  if (ops.length === 0) return result;
  const written = await collection.storageInstance.bulkWrite(
    ops.map((op) => ({ document: toStoredOpRow(op) })),
    context,
  );
  const stored = new Map<string, StoredOp>();
  for (const error of written.error) {
    if (error.status !== 409 || !error.documentInDb)
      throw new Error(`Could not store op "${error.documentId}"`);
    stored.set(error.documentId, error.documentInDb);
  }
  for (const op of ops) {
    const row = stored.get(op.id);
    if (!row) result.inserted.push(op);
    else if (row._deleted)
      result.inserted.push(op); // removed to free space: stored again below
    else if (!sameStoredBody(row, op)) result.mismatched.push(op.id);
    else if (!sameServerFields(overlay(fromOpDoc(row)), op)) result.updated.push(op);
  }
  const again = [...result.inserted.filter((op) => stored.has(op.id)), ...result.updated];
  if (again.length > 0) await overwrite(collection, again, stored, 'take-mine', context);
  return result;
}

/** The first op of each id (a repeated id in one page is the same op). */
function firstOfEachId(ops: readonly Op[]): Op[] {
  const seen = new Set<string>();
  return ops.filter((op) => !seen.has(op.id) && seen.add(op.id));
}

/**
 * Writes acknowledged server fields (from the ack log) onto the rows that
 * still have none. A row that meanwhile took newer fields from a pull keeps
 * what it has; an op no longer stored is skipped.
 */
export async function foldAcks(collection: OpsCollection, acks: readonly AckEntry[]): Promise<void> {
  const stored = await storedById(collection, acks);
  const due = acks.flatMap((entry) => {
    const row = stored.get(entry.id);
    if (row === undefined || row.serverSeq !== UNACKNOWLEDGED_SEQ) return [];
    return [withServerFields(fromOpDoc(row), entry)];
  });
  if (due.length > 0) await overwrite(collection, due, stored, 'keep-stored');
}

/** The stored ops with these ids (unknown ids are skipped), as the model reads them. */
export async function readOpsById(collection: OpsCollection, ids: readonly string[]): Promise<Op[]> {
  const stored = await storedById(
    collection,
    ids.map((id) => ({ id })),
  );
  return [...stored.values()].map(fromOpDoc);
}

/**
 * The stored rows of these ops, read straight from the storage: no RxDocument
 * is built for rows that are only compared and then replaced.
 */
async function storedById(
  collection: OpsCollection,
  ops: readonly { id: string }[],
): Promise<Map<string, StoredOp>> {
  const rows = await collection.storageInstance.findDocumentsById(
    ops.map((op) => op.id),
    false,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Body equality on the stored row as it is; a damaged row simply differs. */
export function sameStoredBody(row: StoredOp, op: Op): boolean {
  return OP_BODY_KEYS.every((key) => {
    const mine: unknown = row[key];
    const theirs = op[key];
    if (key !== 'parents') return mine === theirs;
    const a = Array.isArray(mine) ? (mine as unknown[]) : [];
    return Array.isArray(mine) && a.length === op.parents.length && a.every((p, i) => p === op.parents[i]);
  });
}

/**
 * Replaces known rows in one storage write, naming the rows just read as the
 * previous versions. RxDB's bulkUpsert would first try an insert of every row
 * and then queue one update per conflict: three times the work of this on a
 * thousand acks. A row another tab changed in between (409) is left to
 * bulkUpsert, which merges with whatever is stored now — or, for a fold of
 * older acks ('keep-stored'), keeps the row as the other write left it.
 */
async function overwrite(
  collection: OpsCollection,
  ops: readonly Op[],
  stored: Map<string, StoredOp>,
  onConflict: 'take-mine' | 'keep-stored' = 'take-mine',
  context = 'tether-server-fields',
): Promise<void> {
  const rows = ops.map((op) => {
    const previous = stored.get(op.id) as StoredOp;
    const { _meta, _rev, _attachments } = previous;
    return { previous, document: { ...toOpDoc(op), _meta, _rev, _attachments, _deleted: false } };
  });
  const written = await collection.storageInstance.bulkWrite(rows, context);
  const conflicts = new Set(written.error.filter((e) => e.status === 409).map((e) => e.documentId));
  const failed = written.error.find((e) => e.status !== 409);
  if (failed) throw new Error(`Could not record the server's answer for op "${failed.documentId}"`);
  if (conflicts.size === 0 || onConflict === 'keep-stored') return;
  const retried = await collection.bulkUpsert(ops.filter((op) => conflicts.has(op.id)).map(toOpDoc));
  const lost = retried.error[0];
  if (lost) throw new Error(`Could not record the server's answer for op "${lost.documentId}"`);
}
