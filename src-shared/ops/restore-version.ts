import type { ItemSnapshot, ItemState, Op } from '../model/index.js';
import { snapshotOf } from '../model/index.js';

/**
 * What "restore this version" from an item's History does. It never rewrites
 * history: it writes one new op on top of the current heads.
 *
 * - an item with one head: an update whose content is the version's (the
 *   item keeps its current path: a rename is its own change);
 * - a deleted item: brought back with the version's content;
 * - an item in conflict: the version (content and path) is offered as the
 *   conflict's resolution, a merge over every head — the same as saving it
 *   from the resolver;
 * - the current content, or a deletion: nothing to do, and the reason why.
 */
export type RestorePlan =
  | { kind: 'update'; content: string; note: string }
  | { kind: 'undelete'; snapshot: ItemSnapshot; note: string }
  | { kind: 'resolve'; result: ItemSnapshot; note: string }
  | { kind: 'nothing'; note: string };

export function planRestore(item: ItemState, version: Op): RestorePlan {
  if (version.itemId !== item.itemId)
    return { kind: 'nothing', note: 'This version belongs to another item.' };
  if (version.type === 'delete') {
    return { kind: 'nothing', note: 'This version is the deletion: there is no content to restore from it.' };
  }
  const snapshot = snapshotOf(version);
  if (item.conflict) {
    return {
      kind: 'resolve',
      result: snapshot,
      note:
        `This item is in conflict: resolving with this version saves its content and path as the merge ` +
        `of the ${item.conflict.sides.length} versions in conflict. They stay in History.`,
    };
  }
  if (item.deleted) {
    return {
      kind: 'undelete',
      snapshot: { ...snapshot, path: item.path },
      note: `The item is deleted: restoring brings it back as ${item.path}, with this version's content.`,
    };
  }
  if (version.content === item.content) {
    return { kind: 'nothing', note: 'The item has this content now.' };
  }
  const path = version.path === item.path ? '' : ` The item keeps its current path, ${item.path}.`;
  return {
    kind: 'update',
    content: version.content,
    note: `Saves this version's content as a new version on top of the current one; History keeps everything.${path}`,
  };
}
