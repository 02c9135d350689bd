import { ValidationError } from '../errors.js';
import { ItemPathSchema, type ItemState } from '../model/index.js';

/**
 * Checks a path an item is about to take in a view: it must be a valid item
 * path, and no other live item of the view may hold it (two live items never
 * share a path, or the directory mirror and the editor could not tell them apart).
 */
export function checkItemPath(path: string, items: Iterable<ItemState>, itemId?: string): string {
  const parsed = ItemPathSchema.safeParse(path);
  if (!parsed.success) {
    throw new ValidationError(
      `"${path}" is not a valid item path: ${parsed.error.issues[0]?.message}`,
      'path',
    );
  }
  for (const item of items) {
    if (!item.deleted && item.path === path && item.itemId !== itemId) {
      throw new ValidationError(`An item named "${path}" already exists in this view`, 'path');
    }
  }
  return path;
}

/** Live and deleted items of a view, each sorted by path. */
export function splitByDeletion(items: Iterable<ItemState>): {
  live: ItemState[];
  deleted: ItemState[];
} {
  const live: ItemState[] = [];
  const deleted: ItemState[] = [];
  for (const item of items) (item.deleted ? deleted : live).push(item);
  return { live: live.sort(byPath), deleted: deleted.sort(byPath) };
}

/** Path order (then id): how lists show items. */
export function byPath(a: ItemState, b: ItemState): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.itemId < b.itemId ? -1 : 1;
}
