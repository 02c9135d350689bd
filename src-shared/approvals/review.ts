import { compareHlc } from '../clock/hlc.js';
import type { Op } from '../model/index.js';
import type { ApprovalDiffResponse, ItemVersion } from '../sync-protocol/index.js';

type ItemDiff = ApprovalDiffResponse['items'][number];

/** Two contents to diff, and what the pair means to a reviewer. */
export interface DiffPair {
  before: string;
  after: string;
}

/** What a reviewer sees for one item of a request. */
export interface ItemReview {
  path: string;
  /** The diff as submitted: what the request's ops were written on → the request's version. */
  submitted: DiffPair;
  /** Today's approved version → the request's version, when that differs from the submitted diff. */
  current: DiffPair | null;
  /** Today's version already holds the request's change (merged, or approved). */
  included: boolean;
  /** A new item: nothing existed before the request. */
  created: boolean;
  deleted: boolean;
}

const contentOf = (version: ItemVersion | undefined) => (version && !version.deleted ? version.content : '');
const sameVersions = (a: ItemVersion[], b: ItemVersion[]) =>
  a.length === b.length && a.every((v, i) => v.opId === b[i]?.opId);

/**
 * A request keeps the diff it was submitted with, as a pull request does;
 * today's version is shown beside it only when it says something else: the
 * item moved on and does not yet hold the request's change.
 */
export function reviewOf(item: ItemDiff): ItemReview {
  const after = item.requested[0];
  const path = after?.path ?? item.current[0]?.path ?? item.base[0]?.path ?? item.itemId;
  const moved = !item.included && !sameVersions(item.base, item.current);
  return {
    path,
    submitted: { before: contentOf(item.base[0]), after: contentOf(after) },
    current: moved ? { before: contentOf(item.current[0]), after: contentOf(after) } : null,
    included: item.included,
    created: item.base.length === 0,
    deleted: after?.deleted ?? false,
  };
}

/** One item of a request being composed: what submitting it would ask an owner to approve. */
export interface ComposedItem {
  itemId: string;
  path: string;
  diff: DiffPair;
  created: boolean;
  deleted: boolean;
}

/**
 * The diff a request of `picked` ops will be submitted with, per item, as
 * the server will show it: from what the ops were written on (their parents
 * outside the pick; none = a new item) to their newest head.
 */
export function composedDiffs(picked: readonly Op[], byId: ReadonlyMap<string, Op>): ComposedItem[] {
  const ids = new Set(picked.map((op) => op.id));
  const named = new Set(picked.flatMap((op) => op.parents));
  const byItem = new Map<string, Op[]>();
  for (const op of picked) byItem.set(op.itemId, [...(byItem.get(op.itemId) ?? []), op]);
  return [...byItem.entries()].map(([itemId, ops]) => {
    const heads = ops.filter((op) => !named.has(op.id));
    const head = (heads.length > 0 ? heads : ops).reduce((a, b) => (compareHlc(b.hlc, a.hlc) > 0 ? b : a));
    const baseId = ops.flatMap((op) => op.parents).find((id) => !ids.has(id));
    const base = baseId === undefined ? undefined : byId.get(baseId);
    return {
      itemId,
      path: head.path,
      diff: {
        before: base && base.type !== 'delete' ? base.content : '',
        after: head.type === 'delete' ? '' : head.content,
      },
      created: baseId === undefined,
      deleted: head.type === 'delete',
    };
  });
}
