import type { RxChangeEventBulk, RxCollection } from 'rxdb';
import type { Op } from '../../src-shared/model/index.js';
import { withServerFields } from '../../src-shared/sync/server-fields.js';
import { readLiveRows } from './bulk-read.js';
import { ValidationError } from '../../src-shared/errors.js';
import type { OpsCollection } from './ops-store.js';
import { readRow } from './rows.js';
import { ackEntriesOf, ackRowOf } from './ack-row.js';
import { AckRowSchema, type AckEntry, type AckRow } from './schemas.js';
import { foldAcks, readOpsById } from './server-writes.js';
import { logError } from '../log/report.js';

export type AcksCollection = RxCollection<AckRow>;

/** Lays the server's fields from the ack log over an op that has none of its own yet. */
export type AckOverlay = (op: Op) => Op;

/**
 * THE ACK LOG — why a push's acknowledgements are not written onto the op
 * rows as they arrive.
 *
 * Writing an ack onto its op row rewrites the whole row and every index on
 * it. For a large push (a month offline, an import) that is one IndexedDB
 * write per op: 100,000 acks took 18 s on fake-indexeddb, and Chromium's
 * IndexedDB is slower still, so the push spent most of its time recording
 * answers instead of sending ops. Here a pushed batch's acks are one small
 * row (ids, positions, statuses and approval requests, an array each),
 * written once. Reads lay the log over op rows still marked unacknowledged,
 * so an op counts as acknowledged from the moment its batch's row is
 * written. When the store has been quiet for a moment the log is folded into
 * the op rows, one batch at a time, and its rows are removed.
 *
 * A crash between the ack row and the fold loses nothing: the row is still
 * there at the next start and is folded then. A pull that brings newer
 * server fields meanwhile wins: the fold only writes rows that still have
 * none.
 */
export class AckLog {
  private fields: Promise<Map<string, AckEntry>> | null = null;
  private readonly listeners = new Set<(ops: Op[]) => void>();
  private readonly stopWatching: () => void;
  private foldTimer: ReturnType<typeof setTimeout> | null = null;
  private folding: Promise<void> | null = null;
  private closed = false;

  /**
   * Rows this instance wrote or removed. RxDB hands a tab its own writes and
   * other tabs' through one stream, with the same database token on both;
   * the row ids tell them apart. Old ids are dropped past a bound (a row id
   * is never reused, so a dropped one only makes an event count as foreign).
   */
  private readonly ownRowIds = new Set<string>();
  private readonly foldDelayMs: number;
  /** Called after each folded row: op rows changed under whoever reads them with the overlay. */
  private readonly afterFold: () => void;

  constructor(
    private readonly acks: AcksCollection,
    private readonly ops: OpsCollection,
    options: { foldDelayMs?: number; afterFold?: () => void } = {},
  ) {
    this.foldDelayMs = options.foldDelayMs ?? 1000;
    this.afterFold = options.afterFold ?? (() => undefined);
    const subscription = acks.eventBulks$.subscribe((bulk) => void this.onWrite(bulk));
    this.stopWatching = () => subscription.unsubscribe();
  }

  /** Records one pushed batch's acks (the sent ops with the server's fields) as one row. */
  async record(acked: readonly Op[]): Promise<void> {
    if (acked.length === 0) return;
    const entries = acked.map(entryOf);
    const row = ackRowOf(rowId(acked), entries, Date.now());
    this.touching(row.id);
    await this.acks.insert(row);
    remember(await this.known(), entries);
    this.tell([...acked]);
    this.scheduleFold();
  }

  /** The overlay as the log stands now (one read of the log, then synchronous). */
  async overlay(): Promise<AckOverlay> {
    const known = await this.known();
    if (known.size === 0) return (op) => op;
    return (op) => {
      if (op.serverSeq != null) return op;
      const entry = known.get(op.id);
      return entry ? withServerFields(op, entry) : op;
    };
  }

  /** True for a write of rows this instance made or removed (its own record and fold). */
  isOwnWrite(bulk: RxChangeEventBulk<unknown>): boolean {
    return bulk.events.length > 0 && bulk.events.every((event) => this.ownRowIds.has(event.documentId));
  }

  /** Calls the listener with the acknowledged ops of each ack row written, in this tab or another. */
  changes(listener: (ops: Op[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Moves every row of the log onto the op rows, oldest first, yielding between rows. */
  fold(): Promise<void> {
    this.folding ??= this.foldAll().finally(() => {
      this.folding = null;
    });
    return this.folding;
  }

  async waiting(): Promise<number> {
    return (await this.rows()).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.stopWatching();
    this.listeners.clear();
    await this.folding?.catch(() => undefined);
  }

  private known(): Promise<Map<string, AckEntry>> {
    this.fields ??= this.load();
    return this.fields;
  }

  private async load(): Promise<Map<string, AckEntry>> {
    const known = new Map<string, AckEntry>();
    const rows = await this.rows();
    for (const row of rows) remember(known, ackEntriesOf(row));
    if (rows.length > 0) this.scheduleFold();
    return known;
  }

  private async rows(): Promise<AckRow[]> {
    const raw = await readLiveRows(this.acks);
    return raw
      .map(readAckRow)
      .filter((row): row is AckRow => row !== null)
      .sort((a, b) => a.recordedAt - b.recordedAt || (a.id < b.id ? -1 : 1));
  }

  /**
   * Rows written or folded in another tab: keep the fields in step, and tell
   * this tab's listeners about ops another tab's push acknowledged.
   */
  private async onWrite(bulk: RxChangeEventBulk<AckRow>): Promise<void> {
    // This tab's own rows are told in record(); here only other tabs' writes count.
    if (this.isOwnWrite(bulk) || this.closed) return;
    const rows = bulk.events.map((event) => {
      const removed = event.operation === 'DELETE';
      const row = readAckRow(event.documentData) ?? readAckRow(event.previousDocumentData);
      return { removed, row, written: row && !removed ? ackEntriesOf(row) : [] };
    });
    if (this.fields) {
      const known = await this.fields;
      for (const { removed, row, written } of rows) {
        if (row && removed) row.ids.forEach((id) => known.delete(id));
        else remember(known, written);
      }
    }
    const entries = rows.flatMap(({ written }) => written);
    if (entries.length === 0 || this.listeners.size === 0) return;
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    const stored = await readOpsById(this.ops, [...byId.keys()]);
    this.tell(stored.map((op) => withServerFields(op, byId.get(op.id) as AckEntry)));
  }

  private tell(ops: Op[]): void {
    for (const listener of this.listeners) {
      try {
        listener(ops);
      } catch (error) {
        logError('An acknowledgement listener failed', error);
      }
    }
  }

  private touching(id: string): void {
    this.ownRowIds.add(id);
    if (this.ownRowIds.size <= OWN_ROW_IDS_KEPT) return;
    const oldest = this.ownRowIds.values().next().value;
    if (oldest !== undefined) this.ownRowIds.delete(oldest);
  }

  private scheduleFold(): void {
    if (this.closed) return;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = setTimeout(() => {
      this.foldTimer = null;
      this.fold().catch((error: unknown) => {
        if (!this.closed) logError('Could not fold acknowledgements into the op log', error);
      });
    }, this.foldDelayMs);
    // A pending fold must not keep a Node process (tests, benches) alive.
    (this.foldTimer as { unref?: () => void }).unref?.();
  }

  private async foldAll(): Promise<void> {
    for (const row of await this.rows()) {
      if (this.closed) return;
      const entries = ackEntriesOf(row);
      await foldAcks(this.ops, entries);
      this.touching(row.id);
      await this.acks.bulkRemove([row.id]);
      // Every op of the row now has server fields on its own row (written here, or newer ones by a pull).
      if (this.fields) {
        const known = await this.fields;
        for (const entry of entries) if (sameEntry(known.get(entry.id), entry)) known.delete(entry.id);
      }
      this.afterFold();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (!this.closed) await this.acks.storageInstance.cleanup(0);
  }
}

/**
 * The body is the op this store handed out (unacknowledged()) and the server's
 * fields come from a push answer already checked against the protocol's
 * schema (OpAckSchema, whose limits match AckEntrySchema): a second zod pass
 * over every entry cost more than the row's write, so only what a caller
 * could still get wrong is checked here.
 */
function entryOf(op: Op): AckEntry {
  const { id, serverSeq, status } = op;
  if (serverSeq == null) {
    throw new ValidationError(`The ack for op "${id}" has no server position`, 'serverSeq');
  }
  if (!Number.isSafeInteger(serverSeq) || serverSeq <= 0) {
    throw new ValidationError(
      `Invalid acknowledged op "${id}": its server position must be a positive whole number`,
      'serverSeq',
    );
  }
  return { id, serverSeq, approvalId: op.approvalId ?? null, ...(status ? { status } : {}) };
}

function sameEntry(a: AckEntry | undefined, b: AckEntry): boolean {
  return (
    a !== undefined && a.serverSeq === b.serverSeq && a.status === b.status && a.approvalId === b.approvalId
  );
}

function remember(known: Map<string, AckEntry>, entries: readonly AckEntry[]): void {
  for (const entry of entries) known.set(entry.id, entry);
}

/** A row that fails to read is left alone (and so never folded): one bad row cannot stop the rest. */
function readAckRow(raw: unknown): AckRow | null {
  if (typeof raw !== 'object' || raw === null) return null;
  try {
    return readRow(AckRowSchema, 'acks', raw);
  } catch (error) {
    logError('An unreadable acknowledgement row was left alone', error);
    return null;
  }
}

/** A row's events arrive within moments of its write; this many ids cover far more than that. */
const OWN_ROW_IDS_KEPT = 10_000;

let rowCount = 0;
function rowId(ops: readonly Op[]): string {
  const first = ops[0]?.id ?? 'none';
  return `${first}-${ops.length}-${Date.now().toString(36)}-${(++rowCount).toString(36)}`;
}
