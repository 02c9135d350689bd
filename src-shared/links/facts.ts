import { isWithinNamespace, splitPath } from '../model/path.js';
import { isLinkRecordPath, isLockItemPath, lockItemPath, parseLock } from './lock.js';
import type { LinkFacts, UpstreamFact } from './status.js';

/** An item as the status needs it (a branch view's item state has all of this). */
export interface LinkedItemView {
  path: string;
  content: string;
  deleted: boolean;
  inConflict: boolean;
}

/** The namespaces that hold a lock item, with the lock item's content. */
export function linkedNamespaces(
  items: readonly LinkedItemView[],
): { namespace: string; lockContent: string }[] {
  return items
    .filter((item) => !item.deleted && isLockItemPath(item.path))
    .map((item) => ({ namespace: splitPath(item.path).namespace, lockContent: item.content }))
    .sort((a, b) => a.namespace.localeCompare(b.namespace));
}

/**
 * The facts of one linked namespace from what this computer knows: its
 * items, the lock item, upstream's files at the lock (by item path) and
 * upstream's last answer. An item is changed when it differs from
 * upstream's file at the lock, is there without one, or is gone.
 */
export function linkFacts(
  namespace: string,
  items: readonly LinkedItemView[],
  atLock: ReadonlyMap<string, string> | null,
  upstream: UpstreamFact | null,
): LinkFacts {
  const own = items.filter((item) => isWithinNamespace(splitPath(item.path).namespace, namespace));
  const lockItem = own.find((item) => item.path === lockItemPath(namespace) && !item.deleted);
  const parsed = lockItem ? parseLock(lockItem.content) : null;
  const live = own.filter((item) => !item.deleted && !isLinkRecordPath(item.path));
  const changed = atLock
    ? [
        ...live.filter((item) => atLock.get(item.path) !== item.content).map((item) => item.path),
        ...[...atLock.keys()].filter((path) => !live.some((item) => item.path === path)),
      ].sort()
    : [];
  return {
    namespace,
    lock: parsed?.ok ? parsed.lock : null,
    ...(parsed && !parsed.ok ? { lockProblem: parsed.message } : {}),
    upstream,
    changedItems: changed,
    conflictedItems: own.filter((item) => item.inConflict).map((item) => item.path),
    fork: null,
  };
}

/**
 * Why no pull of `namespace` may run now (null: it may). A lock item with
 * two heads names two commits: which one the pull starts from, and which
 * one it would replace, is the team's to decide in the resolver first.
 */
export function lockConflictRefusal(namespace: string, items: readonly LinkedItemView[]): string | null {
  const path = lockItemPath(namespace);
  const lock = items.find((item) => item.path === path && !item.deleted);
  if (!lock?.inConflict) return null;
  return (
    `The lock of ${namespace} is in conflict: ${path} has two versions, naming different upstream commits. ` +
    'Resolve it in Conflicts first; nothing was pulled.'
  );
}
