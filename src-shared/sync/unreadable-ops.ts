import { isHlc } from '../clock/hlc.js';
import type { ServerOp } from '../sync-protocol/index.js';

/** A pulled op this client cannot take in, and why (in the product's words). */
export interface UnreadableOp {
  id: string;
  problem: string;
}

/**
 * Splits pulled ops into those this client can take in and those it cannot.
 * Today that is an op whose stamp is not a clock stamp: the server refuses
 * them since issue 13, but a store may still hold older ones, and taking one
 * in would stop this client's clock (it refuses malformed stamps) and with it
 * every later pull. Such ops are skipped and reported, never stored.
 */
export function splitUnreadableOps(ops: readonly ServerOp[]): {
  readable: ServerOp[];
  unreadable: UnreadableOp[];
} {
  const readable: ServerOp[] = [];
  const unreadable: UnreadableOp[] = [];
  for (const op of ops) {
    if (typeof op.hlc === 'string' && isHlc(op.hlc)) readable.push(op);
    else unreadable.push({ id: op.id, problem: 'its clock stamp is not readable' });
  }
  return { readable, unreadable };
}
