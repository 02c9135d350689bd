import type { ItemState } from '../model/index.js';

/** How one item differs between two releases. */
export interface ReleaseItemDiff {
  itemId: string;
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** Path in the older release (null when added). */
  fromPath: string | null;
  /** Path in the newer release (null when removed). */
  toPath: string | null;
  /** Content in each release ('' where the item is absent), for a line diff. */
  fromContent: string;
  toContent: string;
}

/**
 * What changed from one release's items to another's, by item identity (a
 * renamed item is one item that moved, not a removal and an addition). Items
 * whose path and content are the same are left out. Sorted by path.
 */
export function diffReleases(from: readonly ItemState[], to: readonly ItemState[]): ReleaseItemDiff[] {
  const before = new Map(from.map((item) => [item.itemId, item]));
  const diffs: ReleaseItemDiff[] = [];
  for (const item of to) {
    const old = before.get(item.itemId);
    before.delete(item.itemId);
    if (old && old.path === item.path && old.content === item.content) continue;
    diffs.push({
      itemId: item.itemId,
      change: !old ? 'added' : old.content === item.content ? 'moved' : 'changed',
      fromPath: old?.path ?? null,
      toPath: item.path,
      fromContent: old?.content ?? '',
      toContent: item.content,
    });
  }
  for (const old of before.values())
    diffs.push({
      itemId: old.itemId,
      change: 'removed',
      fromPath: old.path,
      toPath: null,
      fromContent: old.content,
      toContent: '',
    });
  const pathOf = (diff: ReleaseItemDiff) => diff.toPath ?? diff.fromPath ?? '';
  return diffs.sort((a, b) => (pathOf(a) < pathOf(b) ? -1 : pathOf(a) > pathOf(b) ? 1 : 0));
}
