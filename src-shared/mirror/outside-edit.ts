import { compareHlc } from '../clock/hlc.js';
import { snapshotOf, type ItemState, type Op } from '../model/index.js';
import { deleteItemOp, renameItemOp, updateItemOp, type OpContext } from '../ops/index.js';

/** A base no op has: the change then builds on the item's first op (see outsideEditOp). */
export const UNKNOWN_BASE = 'unknown-base';

/** What an editor did to an item's file: new content, a new path (a move), or removed it. */
export type OutsideEdit =
  { type: 'edit'; content: string } | { type: 'rename'; path: string } | { type: 'delete' };

/**
 * The op for a change made outside the app, built on `base`: the op the file
 * was written from. If the item is still at `base`, the op simply follows it,
 * as an edit in the app would. If the app changed the item since, the op
 * still builds on `base`, so the item gets two heads: a conflict to resolve,
 * never a silent overwrite either way. A base this computer does not know
 * (history evicted, another person's commit) falls back to the item's first op.
 * Returns null when the change is already the item's state.
 */
export function outsideEditOp(
  ctx: OpContext,
  item: ItemState,
  itemOps: readonly Op[],
  edit: OutsideEdit,
  base: string | null,
): Op | null {
  const from = itemOps.find((op) => op.id === base) ?? oldest(itemOps);
  const onTop = !from || (item.heads.length === 1 && item.heads[0] === from.id) || !base;
  const at: ItemState = onTop
    ? item
    : { ...item, ...snapshotOf(from), heads: [from.id], current: from, conflict: null };
  if (edit.type === 'delete')
    return item.deleted && onTop ? null : deleteItemOp(ctx, { ...at, deleted: false });
  if (at.deleted) return null;
  if (edit.type === 'rename') return at.path === edit.path ? null : renameItemOp(ctx, at, edit.path);
  if (at.content === edit.content && !at.conflict) return null;
  return updateItemOp(ctx, at, edit.content);
}

function oldest(ops: readonly Op[]): Op | undefined {
  return [...ops].sort((a, b) => compareHlc(a.hlc, b.hlc))[0];
}
