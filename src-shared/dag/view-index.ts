import type { ItemState, Op } from '../model/index.js';
import { OP_BODY_KEYS, sameOpBody } from '../model/index.js';
import { ValidationError } from '../errors.js';
import type { ViewSpec } from '../view/branch-view.js';
import { isMainView, isVisibleInView, mayBeVisibleInView } from '../view/branch-view.js';
import { itemStateFromHeads } from './item-state.js';
import { compareOps } from './order.js';
import { groupOpsByItem } from './group.js';

/** What the index keeps per item. Heads are maintained op by op; the state is built when asked for. */
interface ItemRecord {
  itemId: string;
  /** Every op of the item this view could ever see (main + the view's branch), in arrival order. */
  ops: Op[];
  /** The ones the view sees now. */
  visible: Op[];
  /** Ids that visible ops name as parents; kept only once the history is long (short ones are scanned). */
  referenced: Set<string> | null;
  /** Visible ops no visible op names as a parent. */
  heads: Op[];
  /** The state, or undefined while it needs building (or the item has no visible op). */
  state: ItemState | undefined;
  stale: boolean;
  /** The addOps call that last reported this item, so each is reported once per call. */
  reportedIn: number;
}

/** Up to this many visible ops an item's parents are scanned rather than indexed. */
const SCAN_LIMIT = 24;

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
  private calls = 0;

  constructor(view: ViewSpec) {
    this.view = view;
  }

  /**
   * Adds ops and returns the ids of the items whose state changed; their
   * `item()` is a new object. (For a conflicted item not read since its last
   * change, a late ancestor is reported even if the base stays the same.)
   */
  addOps(ops: Iterable<Op>): Set<string> {
    const call = ++this.calls;
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
        if (record.reportedIn !== call) changed.add(record.itemId);
        record.reportedIn = call;
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
    return this.replaceOps([op]);
  }

  /**
   * replaceOp for many ops at once. Each item's visible set and state are
   * rebuilt once however many of its ops changed: a big push's acks come in
   * thousands, ten or more per item. All copies are checked before any is taken.
   */
  replaceOps(ops: readonly Op[]): Set<string> {
    const fresh: Op[] = [];
    const known: Op[] = [];
    for (const op of ops) {
      const previous = this.ops.get(op.id);
      if (previous) checkSameBody(previous, op);
      (previous ? known : fresh).push(op);
    }
    const changed = fresh.length > 0 ? this.addOps(fresh) : new Set<string>();
    for (const [itemId, copies] of groupOpsByItem(known)) {
      const record = this.records.get(itemId) as ItemRecord;
      const visibilityKept = copies.every(
        (op) => isVisibleInView(op, this.view) === isVisibleInView(this.ops.get(op.id) as Op, this.view),
      );
      if (visibilityKept ? this.swapCopies(record, copies) : this.rebuildWith(record, copies)) {
        changed.add(itemId);
      }
    }
    return changed;
  }

  /**
   * The common case (an ack: the op got its position, seen as before): the
   * copies take their originals' places, and the state is rebuilt only if a
   * head changed — it holds its current op, nothing else of the ops.
   */
  private swapCopies(record: ItemRecord, copies: readonly Op[]): boolean {
    let headChanged = false;
    for (const op of copies) {
      const previous = this.ops.get(op.id) as Op;
      this.ops.set(op.id, op);
      replaceIn(record.ops, previous, op);
      replaceIn(record.visible, previous, op);
      if (replaceIn(record.heads, previous, op)) headChanged = true;
    }
    if (headChanged) record.stale = true;
    return headChanged;
  }

  /** A copy that is seen differently now (approved, rejected, inside a branch's base): rebuild the item. */
  private rebuildWith(record: ItemRecord, copies: readonly Op[]): boolean {
    const before = this.item(record.itemId);
    for (const op of copies) {
      const previous = this.ops.get(op.id) as Op;
      this.ops.set(op.id, op);
      replaceIn(record.ops, previous, op);
    }
    rebuildVisible(record, this.view);
    return !sameState(before, this.item(record.itemId));
  }

  /** True when the view holds this op (visible or not). */
  has(opId: string): boolean {
    return this.ops.has(opId);
  }

  item(itemId: string): ItemState | undefined {
    const record = this.records.get(itemId);
    if (!record) return undefined;
    if (record.stale) {
      record.state = stateOf(record);
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
    return record ? [...record.visible].sort(compareOps) : [];
  }

  /**
   * True on a branch's view when one of the item's heads was made on the
   * branch: the item differs there from main at the branch's base. Read from
   * the heads the index keeps, so the item list can ask for every row.
   */
  changedOnBranch(itemId: string): boolean {
    if (isMainView(this.view)) return false;
    const record = this.records.get(itemId);
    return !!record && record.heads.some((op) => op.branchId === this.view.branchId);
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
        visible: [],
        referenced: null,
        heads: [],
        state: undefined,
        stale: false,
        reportedIn: 0,
      };
      this.records.set(itemId, record);
    }
    return record;
  }
}

/** Records a visible op; true when the heads changed. */
function addVisible(record: ItemRecord, op: Op): boolean {
  record.visible.push(op);
  if (!record.referenced && record.visible.length > SCAN_LIMIT) {
    record.referenced = new Set(record.visible.flatMap((visible) => visible.parents));
  }
  let changed = false;
  for (const parent of op.parents) {
    record.referenced?.add(parent);
    const at = record.heads.findIndex((head) => head.id === parent);
    if (at !== -1) {
      record.heads.splice(at, 1);
      changed = true;
    }
  }
  if (!namedAsParent(record, op.id)) {
    record.heads.push(op);
    changed = true;
  }
  return changed;
}

function namedAsParent(record: ItemRecord, id: string): boolean {
  if (record.referenced) return record.referenced.has(id);
  for (const op of record.visible) if (op.parents.includes(id)) return true;
  return false;
}

/** The op body is immutable: a copy may differ in the server fields only. */
function checkSameBody(previous: Op, op: Op): void {
  if (sameOpBody(previous, op)) return;
  const changedField = OP_BODY_KEYS.find((key) => !sameField(previous[key], op[key]));
  if (changedField) {
    throw new ValidationError(
      `Op ${op.id} cannot change its ${changedField}; only server fields may change`,
      changedField,
    );
  }
}

/** Puts `next` where `previous` is in the list; true when it was there. */
function replaceIn(list: Op[], previous: Op, next: Op): boolean {
  const at = list.indexOf(previous);
  if (at === -1) return false;
  list[at] = next;
  return true;
}

function rebuildVisible(record: ItemRecord, view: ViewSpec): void {
  record.visible = [];
  record.referenced = null;
  record.heads = [];
  for (const op of record.ops) if (isVisibleInView(op, view)) addVisible(record, op);
  record.stale = true;
}

function stateOf(record: ItemRecord): ItemState | undefined {
  if (record.visible.length === 0) return undefined;
  if (record.heads.length === 1) return itemStateFromHeads(record.itemId, null, record.heads);
  // Several heads (a conflict base to find) or none (a cycle): those need the visible ops.
  return itemStateFromHeads(record.itemId, new Map(record.visible.map((op) => [op.id, op])), record.heads);
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
