import { MAIN_BRANCH, type Op } from '../../src-shared/model/index.js';
import { sameServerFields } from '../../src-shared/sync/server-fields.js';

/** What a batch of ops changed in the log. */
export interface Absorbed {
  /** Ops the log did not hold before. */
  added: Op[];
  /** Known ops whose server fields (status, approvalId, serverSeq) changed. */
  replaced: Op[];
}

/**
 * Every op this machine holds, on every branch, kept in memory so a branch
 * switch can rebuild its view without reading the database again. Absorbing
 * is idempotent: the same op arriving from our own write and from the
 * database's change stream counts once.
 */
export class OpLog {
  private readonly byId = new Map<string, Op>();
  private readonly unacknowledged = new Set<string>();
  /** Refused ops by item: views never show them, but the item's badge does. */
  private readonly rejected = new Map<string, Map<string, Op>>();
  private mainSeq = 0;

  absorb(ops: Iterable<Op>): Absorbed {
    const result: Absorbed = { added: [], replaced: [] };
    for (const op of ops) {
      const known = this.byId.get(op.id);
      if (known && sameServerFields(known, op)) continue;
      (known ? result.replaced : result.added).push(op);
      this.track(op);
    }
    return result;
  }

  /**
   * Forgets ops removed from the database to free space (synced history
   * only; the database refuses anything else). The main position stays: it
   * says how far the server's order was seen, which eviction does not undo.
   */
  drop(ids: Iterable<string>): void {
    for (const id of ids) {
      const op = this.byId.get(id);
      if (!op) continue;
      this.byId.delete(id);
      this.unacknowledged.delete(id);
      this.rejected.get(op.itemId)?.delete(id);
    }
  }

  all(): Iterable<Op> {
    return this.byId.values();
  }

  get(id: string): Op | undefined {
    return this.byId.get(id);
  }

  /** Ops the server has not acknowledged, on any branch. */
  get unacknowledgedCount(): number {
    return this.unacknowledged.size;
  }

  /** The highest server position known on main: where a new branch starts. */
  get maxMainSeq(): number {
    return this.mainSeq;
  }

  /** Raises the main position to one read from a boot view (the log holds part of main then). */
  noteMainSeq(seq: number): void {
    if (seq > this.mainSeq) this.mainSeq = seq;
  }

  /** Every refused op on `branchId` (a boot view keeps them for the badges). */
  rejectedOn(branchId: string): Op[] {
    return [...this.rejected.values()].flatMap((ops) =>
      [...ops.values()].filter((op) => op.branchId === branchId),
    );
  }

  /** The item's ops on `branchId` that the server refused. */
  rejectedOf(itemId: string, branchId: string): Op[] {
    const ops = this.rejected.get(itemId)?.values() ?? [];
    return [...ops].filter((op) => op.branchId === branchId);
  }

  private track(op: Op): void {
    this.byId.set(op.id, op);
    if (op.status === 'rejected') this.rejectedMap(op.itemId).set(op.id, op);
    else this.rejected.get(op.itemId)?.delete(op.id);
    if (op.serverSeq == null) this.unacknowledged.add(op.id);
    else this.unacknowledged.delete(op.id);
    if (op.branchId === MAIN_BRANCH && op.serverSeq != null && op.serverSeq > this.mainSeq) {
      this.mainSeq = op.serverSeq;
    }
  }

  private rejectedMap(itemId: string): Map<string, Op> {
    let ops = this.rejected.get(itemId);
    if (!ops) this.rejected.set(itemId, (ops = new Map()));
    return ops;
  }
}
