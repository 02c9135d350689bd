import { opBodyOf, opWithServerFields, sameOpBody, type Op } from '../model/index.js';
import type { OpAck, ServerOp } from '../sync-protocol/index.js';

/**
 * Puts the server's decision from acks onto local ops. An ack is the only
 * thing that gives a local op its server fields, so an op without an ack
 * stays unacknowledged (and is sent again, which the server's idempotency
 * makes safe). Acks for ops we do not hold are ignored.
 */
export function applyAcks(local: ReadonlyMap<string, Op>, acks: readonly OpAck[]): Op[] {
  const updated: Op[] = [];
  for (const ack of acks) {
    const op = local.get(ack.id);
    if (!op) continue;
    updated.push(opWithServerFields(op, ack));
  }
  return updated;
}

/** What the server decided about an op, as recorded locally. */
export interface ServerFields {
  serverSeq: number;
  status?: Op['status'];
  approvalId: string | null;
}

/** The op with the server's fields; a status the server did not send is left as it was. */
export function withServerFields(op: Op, fields: ServerFields): Op {
  const { serverSeq, status, approvalId } = fields;
  return opWithServerFields(op, { serverSeq, approvalId, status: status ?? op.status });
}

/** A pulled op in local form (server bookkeeping dropped). */
export function localOpOf(op: ServerOp): Op {
  return opWithServerFields(op, op);
}

export interface PulledChanges {
  /** Ops this machine did not hold. */
  insert: Op[];
  /** Known ops whose server fields moved (a later approval, a rejection). */
  update: Op[];
  /** Pulled ops whose body differs from ours under the same id: never applied. */
  mismatched: string[];
}

/**
 * Sorts a pulled page into new ops and server-field updates of known ones.
 * Pulling the same page twice yields nothing to write the second time.
 */
export function sortPulledOps(known: ReadonlyMap<string, Op>, pulled: readonly ServerOp[]): PulledChanges {
  const result: PulledChanges = { insert: [], update: [], mismatched: [] };
  for (const serverOp of pulled) {
    const op = localOpOf(serverOp);
    const mine = known.get(op.id);
    if (!mine) result.insert.push(op);
    else if (!sameOpBody(opBodyOf(mine), opBodyOf(op))) result.mismatched.push(op.id);
    else if (!sameServerFields(mine, op)) result.update.push(op);
  }
  return result;
}

export function sameServerFields(a: Op, b: Op): boolean {
  return (
    a.status === b.status &&
    (a.approvalId ?? null) === (b.approvalId ?? null) &&
    (a.serverSeq ?? null) === (b.serverSeq ?? null)
  );
}
