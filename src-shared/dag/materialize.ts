import type { ItemState, Op } from '../model/index.js';
import type { ViewSpec } from '../view/branch-view.js';
import { isVisibleInView } from '../view/branch-view.js';
import { itemStateFromOps } from './item-state.js';

/**
 * Every item a view sees, by item id, deleted items included (`deleted:
 * true`). One pass to group the visible ops by item, then one state per item.
 */
export function materializeView(ops: Iterable<Op>, view: ViewSpec): Map<string, ItemState> {
  const byItem = new Map<string, Op[]>();
  for (const op of ops) {
    if (!isVisibleInView(op, view)) continue;
    const list = byItem.get(op.itemId);
    if (list) list.push(op);
    else byItem.set(op.itemId, [op]);
  }
  const items = new Map<string, ItemState>();
  for (const [itemId, itemOps] of byItem) items.set(itemId, itemStateFromOps(itemOps) as ItemState);
  return items;
}
