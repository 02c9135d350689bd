import type { ItemState, Op } from '../model/index.js';
import { OP_BODY_KEYS } from '../model/index.js';
import { ValidationError } from '../errors.js';
import type { ViewSpec } from '../view/branch-view.js';
import { isVisibleInView, mayBeVisibleInView } from '../view/branch-view.js';
import { itemStateFromHeads } from './item-state.js';
import { compareOps } from './order.js';

/** What the index keeps per item. Heads are maintained op by op; the state is built when asked for. */
interface ItemRecord {
  itemId: string;
  /** Every op of the item this view could ever see (main + the view's branch), in arrival order. */
  ops: Op[];
  /** How many of them the view sees now. */
  visibleCount: number;
  /** Ids that visible ops name as parents. */
  referenced: Set<string>;
  /** Visible ops no visible op names as a parent. */
  heads: Op[];
  /** The state, or undefined while it needs building (or the item has no visible op). */
  state: ItemState | undefined;
  stale: boolean;
}

/**
 * The items of one view, kept up to date as ops arrive (from the local
 * database, a pull, or the live stream). Adding ops costs a few set
 * operations per op; an item's state is rebuilt only when read after a
 * change. An op seen before is ignored, and a child op may arrive before its
 * parent. Each state is always what `itemStateFromOps` gives for the item's
 * visible ops.
 */
export class ViewIndex {
  readonly view: ViewSpec;
  private readonly records = new Map<string, ItemRecord>();
  /** Every op kept, by id. */
  private readonly ops = new Map<string, Op>();

  constructor(view: ViewSpec) {
    this.view = view;
  }

  /**
   * Adds ops and returns the ids of the items whose state changed; their
   * `item()` is a new object. (For a conflicted item not read since its last
   * change, a late ancestor is reported even if the base stays the same.)
   */
  addOps(ops: Iterable<Op>): Set<string> {
    const changed = new Set<string>();
    const rechecks = new Map<string, ItemState | undefined>();
    for (const op of ops) {
      if (this.ops.has(op.id) || !mayBeVisibleInView(op, this.view)) continue;
      this.ops.set(op.id, op);
      const record = this.recordOf(op.itemId);
      record.ops.push(op);
      if (!isVisibleInView(op, this.view)) continue;
      // A state read before this call, with several heads: a late ancestor may move the base.
      if (!record.stale && record.state && record.heads.length !== 1 && !rechecks.has(record.itemId)) {
        rechecks.set(record.itemId, record.state);
      }
      if (addVisible(record, op) || record.heads.length !== 1) {
        record.stale = true;
        changed.add(record.itemId);
      }
    }
    for (const [itemId, before] of rechecks) {
      if (!sameState(before, this.item(itemId))) continue;
      // Same as before: keep the old object, so readers holding it see no change.
      (this.records.get(itemId) as ItemRecord).state = before;
      changed.delete(itemId);
    }
    return changed;
  }

  /**
   * Takes a newer copy of an op already added — the server has since set its
   * status or serverSeq — and returns the ids of items whose state changed.
   * An op not seen before is simply added. The op body is immutable, so a copy
   * that differs in anything but the server fields is refused.
   */
  replaceOp(op: Op): Set<string> {
    const previous = this.ops.get(op.id);
    if (previous === undefined) return this.addOps([op]);
    const changedField = OP_BODY_KEYS.find((key) => !sameField(previous[key], op[key]));
    if (changedField) {
      throw new ValidationError(
        `Op ${op.id} cannot change its ${changedField}; only server fields may change`,
        changedField,
      );
    }
    const record = this.records.get(op.itemId) as ItemRecord;
    const before = this.item(op.itemId);
    this.ops.set(op.id, op);
    record.ops[record.ops.indexOf(previous)] = op;
    rebuildVisible(record, this.view);
    return sameState(before, this.item(op.itemId)) ? new Set() : new Set([op.itemId]);
  }

  item(itemId: string): ItemState | undefined {
    const record = this.records.get(itemId);
    if (!record) return undefined;
    if (record.stale) {
      record.state = stateOf(record, this.view);
      record.stale = false;
    }
    return record.state;
  }

  *items(): Iterable<ItemState> {
    for (const itemId of this.records.keys()) {
      const state = this.item(itemId);
      if (state) yield state;
    }
  }

  /** The ops of an item this view sees, oldest first (clock order, then id). */
  opsOf(itemId: string): readonly Op[] {
    const record = this.records.get(itemId);
    return record ? record.ops.filter((op) => isVisibleInView(op, this.view)).sort(compareOps) : [];
  }

  /** Items in conflict, by path then item id. */
  conflicts(): ItemState[] {
    const found: ItemState[] = [];
    for (const record of this.records.values()) {
      if (record.heads.length < 2) continue;
      const state = this.item(record.itemId);
      if (state?.conflict) found.push(state);
    }
    return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.itemId < b.itemId ? -1 : 1));
  }

  private recordOf(itemId: string): ItemRecord {
    let record = this.records.get(itemId);
    if (!record) {
      record = {
        itemId,
        ops: [],
        visibleCount: 0,
        referenced: new Set(),
        heads: [],
        state: undefined,
        stale: false,
      };
      this.records.set(itemId, record);
    }
    return record;
  }
}

/** Records a visible op; true when the heads changed. */
function addVisible(record: ItemRecord, op: Op): boolean {
  record.visibleCount++;
  let changed = false;
  for (const parent of op.parents) {
    record.referenced.add(parent);
    const at = record.heads.findIndex((head) => head.id === parent);
    if (at !== -1) {
      record.heads.splice(at, 1);
      changed = true;
    }
  }
  if (!record.referenced.has(op.id)) {
    record.heads.push(op);
    changed = true;
  }
  return changed;
}

function rebuildVisible(record: ItemRecord, view: ViewSpec): void {
  record.visibleCount = 0;
  record.referenced.clear();
  record.heads = [];
  for (const op of record.ops) if (isVisibleInView(op, view)) addVisible(record, op);
  record.stale = true;
}

function stateOf(record: ItemRecord, view: ViewSpec): ItemState | undefined {
  if (record.visibleCount === 0) return undefined;
  if (record.heads.length === 1) return itemStateFromHeads(record.itemId, null, record.heads);
  // Several heads (a conflict base to find) or none (a cycle): those need the visible ops.
  const visible = new Map<string, Op>();
  for (const op of record.ops) if (isVisibleInView(op, view)) visible.set(op.id, op);
  return itemStateFromHeads(record.itemId, visible, record.heads);
}

function sameField(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function sameState(a: ItemState | undefined, b: ItemState | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.current !== b.current || !sameField(a.heads, b.heads)) return false;
  const x = a.conflict;
  const y = b.conflict;
  if (!x || !y) return x === y;
  return (
    x.kind === y.kind &&
    sameField(x.sides, y.sides) &&
    (x.base === y.base ||
      (x.base !== null &&
        y.base !== null &&
        x.base.path === y.base.path &&
        x.base.kind === y.base.kind &&
        x.base.content === y.base.content &&
        x.base.deleted === y.base.deleted))
  );
}
