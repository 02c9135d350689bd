import type { ItemKind, Op } from './op.js';

/** What an item looks like at one op: the state every op carries. */
export interface ItemSnapshot {
  path: string;
  kind: ItemKind;
  content: string;
  deleted: boolean;
}

export type ConflictKind = 'edit/edit' | 'edit/delete' | 'rename/rename' | 'rename/edit';

/** Several heads on one view: base is the state at their lowest common ancestor. */
export interface ItemConflict {
  kind: ConflictKind;
  base: ItemSnapshot | null;
  /** The heads, oldest first by HLC (ties by op id). */
  sides: Op[];
}

/**
 * An item as a view sees it. With one head the item is that head; with
 * several it is in conflict, and `path`/`content` show the newest side so the
 * list stays usable until someone resolves it.
 */
export interface ItemState extends ItemSnapshot {
  itemId: string;
  heads: string[];
  /** The op whose state is shown (the only head, or the newest one in a conflict). */
  current: Op;
  conflict: ItemConflict | null;
}

export function snapshotOf(op: Op): ItemSnapshot {
  return { path: op.path, kind: op.kind, content: op.content, deleted: op.type === 'delete' };
}
