import type { ItemState, Op } from '../model/index.js';
import type { ViewSpec } from '../view/branch-view.js';
import { isVisibleInView } from '../view/branch-view.js';
import { groupOpsByItem } from './group.js';
import { itemStateFromOps } from './item-state.js';

/**
 * Every item a view sees, by item id, deleted items included (`deleted:
 * true`). One pass to group the visible ops by item, then one state per item.
 */
export function materializeView(ops: Iterable<Op>, view: ViewSpec): Map<string, ItemState> {
  const byItem = groupOpsByItem(ops, (op) => isVisibleInView(op, view));
  const items = new Map<string, ItemState>();
  for (const [itemId, itemOps] of byItem) items.set(itemId, itemStateFromOps(itemOps) as ItemState);
  return items;
}
