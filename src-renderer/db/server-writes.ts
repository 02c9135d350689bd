import { OpSchema, opBodyOf, sameOpBody, type Op } from '../../src-shared/model/index.js';
import { sameServerFields } from '../../src-shared/sync/server-fields.js';
import { OpIdConflictError, UnknownOpError } from './errors.js';
import { checkInput } from './input.js';
import { fromOpDoc, toOpDoc } from './op-doc.js';
import type { OpsCollection } from './ops-store.js';

/**
 * Records what the server decided (serverSeq, status, approvalId) on many
 * known ops in one write. Sync acknowledges up to a thousand ops at a time;
 * one findOne + upsert each would cost a transaction per op. Bodies are
 * checked first, and nothing is written when any op is unknown or differs.
 */
export async function acknowledgeOps(collection: OpsCollection, input: readonly Op[]): Promise<void> {
  const ops = input.map((op) => checkInput(OpSchema, op, 'op'));
  if (ops.length === 0) return;
  const stored = await collection.findByIds(ops.map((op) => op.id)).exec();
  for (const op of ops) {
    const doc = stored.get(op.id);
    if (!doc) throw new UnknownOpError(op.id);
    if (!sameOpBody(opBodyOf(fromOpDoc(doc.toJSON())), opBodyOf(op))) throw new OpIdConflictError(op.id);
  }
  const result = await collection.bulkUpsert(ops.map(toOpDoc));
  const failed = result.error[0];
  if (failed) throw new Error(`Could not record the server's answer for op "${failed.documentId}"`);
}

export interface ReceivedOps {
  inserted: Op[];
  updated: Op[];
  /** Ids the server holds with a body different from ours: never applied. */
  mismatched: string[];
}

/**
 * Stores a page of ops from the server in one read and at most two writes:
 * new ops are inserted, known ones take the server's fields, identical ones
 * are skipped (so pulling the same page twice writes nothing). The path a
 * fresh client's heads and history take, so it must stay batched.
 */
export async function receiveServerOps(
  collection: OpsCollection,
  input: readonly Op[],
): Promise<ReceivedOps> {
  const ops = input.map((op) => checkInput(OpSchema, op, 'op'));
  const result: ReceivedOps = { inserted: [], updated: [], mismatched: [] };
  if (ops.length === 0) return result;
  const stored = await collection.findByIds(ops.map((op) => op.id)).exec();
  const seen = new Set<string>();
  for (const op of ops) {
    if (seen.has(op.id)) continue;
    seen.add(op.id);
    const doc = stored.get(op.id);
    if (!doc) result.inserted.push(op);
    else {
      const mine = fromOpDoc(doc.toJSON());
      if (!sameOpBody(opBodyOf(mine), opBodyOf(op))) result.mismatched.push(op.id);
      else if (!sameServerFields(mine, op)) result.updated.push(op);
    }
  }
  if (result.inserted.length > 0) {
    const written = await collection.bulkInsert(result.inserted.map(toOpDoc));
    // Another tab may have stored some meanwhile (409); those are the same ops.
    const failed = written.error.find((e) => e.status !== 409);
    if (failed) throw new Error(`Could not store op "${failed.documentId}"`);
  }
  if (result.updated.length > 0) await collection.bulkUpsert(result.updated.map(toOpDoc));
  return result;
}
