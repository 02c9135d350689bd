import type { ItemState, Op } from '../model/index.js';

export type ItemSyncBadge =
  'local-only' | 'pending-sync' | 'synced' | 'awaiting-approval' | 'conflict' | 'failed';

export interface BadgeInput {
  item: ItemState;
  /** The item's ops the view sees. */
  visibleOps: readonly Op[];
  /** The item's ops on the view's branch that the server refused (views never show them). */
  rejectedOps: readonly Op[];
  /** False while no team server is set up: unacknowledged work is then simply local. */
  serverConfigured: boolean;
  /** True for an unsent op the server will hold for approval (ownership as last synced). */
  needsApproval?: (op: Op) => boolean;
}

/**
 * The one badge an item shows, most urgent first: a conflict needs a person;
 * a refusal newer than anything the view shows means the latest work did not
 * land; a pending op waits for an owner's approval; unacknowledged ops wait
 * for the next push (or are local only without a server); otherwise the
 * server has everything.
 */
export function syncBadgeFor(input: BadgeInput): ItemSyncBadge {
  const { item, visibleOps, rejectedOps, serverConfigured } = input;
  if (item.conflict) return 'conflict';
  const newestShown = visibleOps.reduce((max, op) => (op.hlc > max ? op.hlc : max), '');
  if (rejectedOps.some((op) => op.hlc > newestShown)) return 'failed';
  if (visibleOps.some((op) => op.status === 'pending')) return 'awaiting-approval';
  const { needsApproval } = input;
  if (
    serverConfigured &&
    needsApproval &&
    visibleOps.some((op) => op.serverSeq == null && needsApproval(op))
  ) {
    return 'awaiting-approval';
  }
  if (visibleOps.some((op) => op.serverSeq == null)) {
    return serverConfigured ? 'pending-sync' : 'local-only';
  }
  return 'synced';
}
