import type { RxCollection } from 'rxdb';
import { OpSchema, opBodyOf, sameOpBody, type Op } from '../../src-shared/model/index.js';
import { OpIdConflictError, UnknownOpError } from './errors.js';
import { fromOpDoc, toOpDoc } from './op-doc.js';
import { checkInput } from './input.js';
import { UNACKNOWLEDGED_SEQ, type OpDoc } from './schemas.js';
import { listenToWrites } from './changes.js';
import { readLiveRows, type RowFilter } from './bulk-read.js';
import { acknowledgeOps, receiveServerOps, type ReceivedOps } from './server-writes.js';

export type OpsCollection = RxCollection<OpDoc>;

export interface OpStore {
  /** Stores new ops. A known id with the same body is skipped; with a different body it throws. */
  insert(ops: readonly Op[]): Promise<void>;
  /** Every op, oldest HLC first. */
  all(): Promise<Op[]>;
  byItem(itemId: string): Promise<Op[]>;
  /** Ops the server has not acknowledged yet (no serverSeq), oldest HLC first. */
  unacknowledged(): Promise<Op[]>;
  /** Records what the server assigned (status, approvalId, serverSeq); the body must not change. */
  update(op: Op): Promise<void>;
  /** Records the server's fields on many known ops in one write (sync acks and pulls). */
  acknowledge(ops: readonly Op[]): Promise<void>;
  /** Stores ops from the server: new ones inserted, known ones take the server's fields. */
  receive(ops: readonly Op[]): Promise<ReceivedOps>;
  /** The ops of one branch ('main' or a branch id), oldest HLC first. */
  byBranch(branchId: string): Promise<Op[]>;
  count(): Promise<number>;
  /** Inserted and updated ops, from this tab, other tabs and sync alike. */
  changes(listener: (ops: Op[]) => void): () => void;
}

export function createOpStore(collection: OpsCollection): OpStore {
  return {
    insert: (ops) => insertOps(collection, ops),
    all: () => findOps(collection),
    byItem: (itemId) => findOps(collection, { field: 'itemId', value: itemId }),
    unacknowledged: () => findOps(collection, { field: 'serverSeq', value: UNACKNOWLEDGED_SEQ }),
    update: (op) => updateOp(collection, op),
    acknowledge: (ops) => acknowledgeOps(collection, ops),
    receive: (ops) => receiveServerOps(collection, ops),
    byBranch: (branchId) => findOps(collection, { field: 'branchId', value: branchId }),
    count: () => collection.count().exec(),
    changes: (listener) => listenToWrites(collection, fromOpDoc, listener),
  };
}

async function findOps(collection: OpsCollection, filter?: RowFilter): Promise<Op[]> {
  const rows = await readLiveRows(collection, filter);
  return rows.map(fromOpDoc).sort(byHlc);
}

/** Clock order; stamps are fixed-width so string order is clock order (ties by id). */
function byHlc(a: Op, b: Op): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

async function insertOps(collection: OpsCollection, input: readonly Op[]): Promise<void> {
  const ops = uniqueById(input.map((op) => checkInput(OpSchema, op, 'op')));
  const existing = await collection.findByIds(ops.map((op) => op.id)).exec();
  const fresh = ops.filter((op) => !isStored(op, existing.get(op.id)?.toJSON()));
  if (fresh.length === 0) return;
  const result = await collection.bulkInsert(fresh.map(toOpDoc));
  // Another tab may have stored the same op between the read and the write.
  for (const error of result.error) {
    if (error.status !== 409) throw new Error(`Could not store op "${error.documentId}"`);
    const op = ops.find((o) => o.id === error.documentId);
    if (op) isStored(op, error.documentInDb); // throws on a different body
  }
}

/** True when the op is already stored with this body; throws when stored with another. */
function isStored(op: Op, stored: unknown): boolean {
  if (stored === undefined) return false;
  if (!sameOpBody(opBodyOf(fromOpDoc(stored)), opBodyOf(op))) throw new OpIdConflictError(op.id);
  return true;
}

function uniqueById(ops: Op[]): Op[] {
  const byId = new Map<string, Op>();
  for (const op of ops) {
    const seen = byId.get(op.id);
    if (seen && !sameOpBody(opBodyOf(seen), opBodyOf(op))) throw new OpIdConflictError(op.id);
    byId.set(op.id, seen ?? op);
  }
  return [...byId.values()];
}

async function updateOp(collection: OpsCollection, input: Op): Promise<void> {
  const op = checkInput(OpSchema, input, 'op');
  const doc = await collection.findOne(op.id).exec();
  if (!doc) throw new UnknownOpError(op.id);
  isStored(op, doc.toJSON()); // throws on a different body
  await collection.upsert(toOpDoc(op));
}
