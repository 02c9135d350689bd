import type { Op } from '../model/index.js';

/** The ops (those `keep` accepts) grouped by item, each group in the order given. */
export function groupOpsByItem(ops: Iterable<Op>, keep: (op: Op) => boolean = () => true): Map<string, Op[]> {
  const byItem = new Map<string, Op[]>();
  for (const op of ops) {
    if (!keep(op)) continue;
    const list = byItem.get(op.itemId);
    if (list) list.push(op);
    else byItem.set(op.itemId, [op]);
  }
  return byItem;
}
