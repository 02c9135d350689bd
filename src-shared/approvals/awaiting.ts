import type { Namespace, Op } from '../model/index.js';
import type { LocalApproval } from './local-request.js';
import { needsApproval } from './ownership.js';

/**
 * Request states that hold their ops. A rejected one lets them go to a
 * revision; an approved one keeps them (its ops may still read "pending"
 * here until the next pull brings their new status).
 */
const HOLDING = new Set(['draft', 'pending_submission', 'submitted', 'failed', 'approved']);

/**
 * The user's ops that wait for an owner and are in no request yet: made by
 * `user`, neither approved nor rejected, and either marked pending by the
 * server or (not pushed yet) in a namespace `user` does not own as last
 * synced. These are what a new request (or a revision) can hold.
 */
export function awaitingApproval(
  ops: readonly Op[],
  namespaces: readonly Namespace[],
  requests: readonly LocalApproval[],
  user: string,
): Op[] {
  const held = new Set(requests.filter((r) => HOLDING.has(r.state)).flatMap((r) => r.opIds));
  return ops.filter((op) => {
    if (op.author !== user || held.has(op.id)) return false;
    if (op.status === 'approved' || op.status === 'rejected') return false;
    return op.status === 'pending' || (op.serverSeq == null && needsApproval(op, namespaces));
  });
}
