import type { RxChangeEventBulk, RxCollection } from 'rxdb';
import { OpSchema, opBodyOf, sameOpBody, type Op } from '../../src-shared/model/index.js';
import { OpIdConflictError, UnknownOpError } from './errors.js';
import { fromOpDoc, toOpDoc, toStoredOpRow } from './op-doc.js';
import { checkInput } from './input.js';
import { UNACKNOWLEDGED_SEQ, type MetaRow, type OpDoc } from './schemas.js';
import { listenToWrites, tellEach } from './changes.js';
import { readLiveRows, type RowFilter } from './bulk-read.js';
import { pullWriteOf, receiveServerOps, type ReceivedOps } from './server-writes.js';
import { AckLog, type AcksCollection } from './ack-log.js';
import { createReadCache } from './read-cache.js';
import { evictOps } from './evict.js';
import { HistoryPages } from './history-pages.js';
import { notInPages, receiveHistoryPages, withPages } from './history-merge.js';

export type OpsCollection = RxCollection<OpDoc>;

export interface OpStore {
  /** Stores new ops. A known id with the same body is skipped; with a different body it throws. */
  insert(ops: readonly Op[]): Promise<void>;
  /** Every op, oldest HLC first. */
  all(): Promise<Op[]>;
  byItem(itemId: string): Promise<Op[]>;
  /** Ops the server has not acknowledged yet (no serverSeq), oldest HLC first. */
  unacknowledged(): Promise<Op[]>;
  /** Records what the server assigned (status, approvalId, serverSeq); the body must not change. */
  update(op: Op): Promise<void>;
  /**
   * Records one pushed batch's acks (the ops as `unacknowledged()` gave them,
   * with the server's fields) as one ack-log row: see ack-log.ts.
   */
  recordAcks(ops: readonly Op[]): Promise<void>;
  /** Writes the ack log onto the op rows now instead of when the store is next quiet. */
  foldAcks(): Promise<void>;
  /** How many ack-log rows are waiting to be folded (diagnostics and tests). */
  ackRowsWaiting(): Promise<number>;
  /** Stores ops from the server: new ones inserted, known ones take the server's fields. */
  receive(ops: readonly Op[]): Promise<ReceivedOps>;
  /**
   * Stores pulled pages of the history behind a heads-first start as history
   * pages (history-pages.ts); ops the op rows hold are left out.
   */
  receiveHistory(branchId: string, pages: readonly (readonly Op[])[]): Promise<ReceivedOps>;
  /** The ops of one branch ('main' or a branch id), oldest HLC first. */
  byBranch(branchId: string): Promise<Op[]>;
  count(): Promise<number>;
  /** True when no op is stored: one row read, where count() walks them all. */
  isEmpty(): Promise<boolean>;
  /** Removes cached ops to free space (evict.ts): refuses unsent ops and `owner`'s own; all or none. */
  evict(ids: readonly string[], owner: string): Promise<Op[]>;
  /** Inserted, updated and acknowledged ops, from this tab, other tabs and sync alike. */
  changes(listener: (ops: Op[]) => void): () => void;
  /** Stops the ack log's background fold (the database closes next). */
  close(): Promise<void>;
}

export function createOpStore(
  collection: OpsCollection,
  acks: AcksCollection,
  meta: RxCollection<MetaRow>,
): OpStore {
  const history = new HistoryPages(meta);
  const ackLog = new AckLog(acks, collection, { afterFold: () => unacknowledged.invalidate() });
  // Ops this tab pulled are told to its listeners as received (already checked), not read back
  // from the change stream op by op; other tabs hear the same write through the stream.
  const pulledListeners = new Set<(ops: Op[]) => void>();
  const pullContext = pullWriteOf(collection.database.token);
  const insertContext = `tether-insert:${collection.database.token}`;
  const ownPull = (bulk: RxChangeEventBulk<OpDoc>) => bulk.context === pullContext;
  const find = async (filter?: RowFilter) => {
    const [ops, paged, overlay] = await Promise.all([
      findOps(collection, filter),
      pagedOps(history, filter),
      ackLog.overlay(),
    ]);
    return withPages(ops, paged, byHlc).map(overlay);
  };
  // Rows still marked unacknowledged, less those whose ack is in the log.
  const unacknowledged = createReadCache(
    async () =>
      (await find({ field: 'serverSeq', value: UNACKNOWLEDGED_SEQ })).filter((op) => op.serverSeq == null),
    [collection, acks],
    // Writes this store patches the read after (other writes, and other tabs', forget it).
    (bulk) => {
      const { context } = bulk as RxChangeEventBulk<unknown>;
      return (
        context === pullContext ||
        context === insertContext ||
        ackLog.isOwnWrite(bulk as RxChangeEventBulk<unknown>)
      );
    },
  );
  /** A write through this store forgets the cached read as soon as it is done… */
  const writing = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => {
    return async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        unacknowledged.invalidate();
      }
    };
  };
  /** …or, where the write says what it did, brings it up to date without reading again. */
  const patching = <A extends unknown[], R>(
    write: (...args: A) => Promise<R>,
    patch: (result: R, ...args: A) => ((unsent: Op[]) => Op[]) | null,
  ) => {
    return async (...args: A): Promise<R> => {
      let result: R;
      try {
        result = await write(...args);
      } catch (error) {
        unacknowledged.invalidate();
        throw error;
      }
      const update = patch(result, ...args);
      if (update) unacknowledged.patch(update);
      else unacknowledged.invalidate();
      return result;
    };
  };
  const insert = patching(
    async (ops: readonly Op[]) => {
      const fresh = await insertOps(collection, ops, insertContext);
      const overlay = await ackLog.overlay();
      return fresh.map(overlay).filter((op) => op.serverSeq == null);
    },
    (unsent) => withUnsent(unsent),
  );
  return {
    insert: async (ops) => void (await insert(ops)),
    // The whole log holds every unacknowledged op: one read at start-up serves both.
    all: () =>
      unacknowledged.alongside(
        () => find(),
        (ops) => ops.filter((op) => op.serverSeq == null),
      ),
    byItem: (itemId) => find({ field: 'itemId', value: itemId }),
    unacknowledged: async () => [...(await unacknowledged.get())],
    // An op written back without a position is rare (tests, repairs): read again.
    update: patching(
      (op) => updateOp(collection, op),
      (_, op) => (op.serverSeq == null ? null : without([op])),
    ),
    recordAcks: patching(
      (ops) => ackLog.record(ops),
      (_, ops) => without(ops),
    ),
    foldAcks: writing(() => ackLog.fold()),
    ackRowsWaiting: () => ackLog.waiting(),
    receive: patching(
      async (input) => {
        const { ops, mismatched } = await notInPages(history, input);
        const received = await receiveServerOps(collection, ops, await ackLog.overlay(), pullContext);
        received.mismatched.push(...mismatched);
        const changed = [...received.inserted, ...received.updated];
        if (changed.length > 0) tellEach(pulledListeners, changed);
        return received;
      },
      // Every op from the server carries its position: none of them is unsent any more.
      (received) => without([...received.inserted, ...received.updated]),
    ),
    receiveHistory: async (branchId, pages) => {
      const received = await receiveHistoryPages(collection, history, branchId, pages);
      if (received.inserted.length > 0) tellEach(pulledListeners, received.inserted);
      return received;
    },
    byBranch: (branchId) => find({ field: 'branchId', value: branchId }),
    // Ops held both as a row and in a page count once.
    count: async () => (await find()).length,
    isEmpty: async () => (await collection.findOne().exec()) === null && (await history.isEmpty()),
    evict: writing((ids, owner) => evictOps(collection, history, ids, owner)),
    changes: (listener) => {
      pulledListeners.add(listener);
      const stops = [
        listenToWrites(collection, fromOpDoc, listener, ownPull),
        history.listen(listener),
        ackLog.changes(listener),
        () => pulledListeners.delete(listener),
      ];
      return () => stops.forEach((stop) => stop());
    },
    close: async () => {
      unacknowledged.stop();
      history.stop();
      await ackLog.close();
    },
  };
}

/** The unsent ops less these. */
function without(ops: readonly { id: string }[]): (unsent: Op[]) => Op[] {
  const gone = new Set(ops.map((op) => op.id));
  return (unsent) => (gone.size === 0 ? unsent : unsent.filter((op) => !gone.has(op.id)));
}

/** The unsent ops with these new unsent ones, in clock order. */
function withUnsent(added: readonly Op[]): (unsent: Op[]) => Op[] {
  return (unsent) => {
    if (added.length === 0) return unsent;
    const ids = new Set(added.map((op) => op.id));
    return [...unsent.filter((op) => !ids.has(op.id)), ...added].sort(byHlc);
  };
}

/** The history pages' part of a read (pages hold acknowledged ops only). */
function pagedOps(history: HistoryPages, filter?: RowFilter): Promise<Op[]> {
  if (!filter) return history.ops();
  if (filter.field === 'branchId') return history.ops(String(filter.value));
  if (filter.field === 'itemId') return history.ofItem(String(filter.value));
  return Promise.resolve([]);
}

async function findOps(collection: OpsCollection, filter?: RowFilter): Promise<Op[]> {
  const rows = await readLiveRows(collection, filter);
  return rows.map(fromOpDoc).sort(byHlc);
}

/** Clock order; stamps are fixed-width so string order is clock order (ties by id). */
function byHlc(a: Op, b: Op): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Returns the ops this call stored (known ones are skipped). */
async function insertOps(collection: OpsCollection, input: readonly Op[], context: string): Promise<Op[]> {
  const ops = uniqueById(input.map((op) => checkInput(OpSchema, op, 'op')));
  const existing = await collection.findByIds(ops.map((op) => op.id)).exec();
  const fresh = ops.filter((op) => !isStored(op, existing.get(op.id)?.toJSON()));
  if (fresh.length === 0) return [];
  // Straight to the storage, under this instance's context (the read cache tells its own writes by it).
  const result = await collection.storageInstance.bulkWrite(
    fresh.map((op) => ({ document: toStoredOpRow(op) })),
    context,
  );
  // Another tab may have stored the same op between the read and the write.
  for (const error of result.error) {
    if (error.status !== 409) throw new Error(`Could not store op "${error.documentId}"`);
    const op = ops.find((o) => o.id === error.documentId);
    if (op) isStored(op, error.documentInDb); // throws on a different body
  }
  return fresh;
}

/** True when the op is already stored with this body; throws when stored with another. */
function isStored(op: Op, stored: unknown): boolean {
  if (stored === undefined) return false;
  if (!sameOpBody(opBodyOf(fromOpDoc(stored)), opBodyOf(op))) throw new OpIdConflictError(op.id);
  return true;
}

function uniqueById(ops: Op[]): Op[] {
  const byId = new Map<string, Op>();
  for (const op of ops) {
    const seen = byId.get(op.id);
    if (seen && !sameOpBody(opBodyOf(seen), opBodyOf(op))) throw new OpIdConflictError(op.id);
    byId.set(op.id, seen ?? op);
  }
  return [...byId.values()];
}

async function updateOp(collection: OpsCollection, input: Op): Promise<void> {
  const op = checkInput(OpSchema, input, 'op');
  const doc = await collection.findOne(op.id).exec();
  if (!doc) throw new UnknownOpError(op.id);
  isStored(op, doc.toJSON()); // throws on a different body
  await collection.upsert(toOpDoc(op));
}
