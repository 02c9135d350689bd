import type { Op } from '../model/index.js';

/** The mark every place that shows an unapproved version puts beside it. */
export const NOT_APPROVED_MARK = 'Not approved yet';

/** The server holds this op for an owner's approval: only its author and the owners see it. */
export const isUnapproved = (op: Pick<Op, 'status'>): boolean => op.status === 'pending';

/**
 * What taking unapproved versions into a merge means, by the server's rules,
 * or null when every version is approved. An op's status comes from its own
 * author and path: a merge by an owner is approved at once, so the content
 * it took reaches everyone with it, while the taken op itself stays in its
 * request (still pending; rejecting it later does not undo the merge). Only
 * owners and the author see a pending op, so someone else's pending version
 * here means the viewer owns the namespace; their own means they do not,
 * and their merge waits for approval too.
 */
export function takingUnapprovedNote(ops: readonly Op[], viewer: string | null): string | null {
  const pending = ops.filter(isUnapproved);
  if (pending.length === 0) return null;
  const others = [...new Set(pending.filter((op) => op.author !== viewer).map((op) => op.author))];
  if (others.length === 0) {
    return (
      `${NOT_APPROVED_MARK}: your version waits for an owner's approval. ` +
      'Your merge will wait for approval too before others see it.'
    );
  }
  const whose = `${others.join(' and ')}'s`;
  return (
    `${NOT_APPROVED_MARK}: ${whose} version waits for approval. Taking any of it into your result ` +
    `publishes it in your merge, approved by you: everyone sees it once your merge syncs. ${whose} approval ` +
    'request stays open, and rejecting it later does not take it out of your merge.'
  );
}
