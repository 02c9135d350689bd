import type { RxCollection, RxChangeEventBulk } from 'rxdb';
import { OpSchema, type Op } from '../../src-shared/model/index.js';
import { readLiveRows } from './bulk-read.js';
import { checkInput } from './input.js';
import type { OpsCollection } from './ops-store.js';
import { readRow, withoutUndefined } from './rows.js';
import { AckRowSchema, type AckRow } from './schemas.js';
import { foldAcks } from './server-writes.js';

export type AcksCollection = RxCollection<AckRow>;

/** What an ack gives an op. */
type ServerFields = Pick<Op, 'serverSeq' | 'status' | 'approvalId'>;

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
 * answers instead of sending ops. Here a pushed batch's acks are one row,
 * written once. Reads lay the log over op rows still marked unacknowledged,
 * so an op counts as acknowledged from the moment its batch's row is
 * written. When the store has been quiet for a moment the log is folded
 * into the op rows, one batch at a time, and its rows are removed.
 *
 * A crash between the ack row and the fold loses nothing: the row is still
 * there at the next start and is folded then. A pull that brings newer
 * server fields meanwhile wins: the fold only writes rows that still have
 * none.
 */
export class AckLog {
  private fields: Promise<Map<string, ServerFields>> | null = null;
  private readonly stopWatching: () => void;
  private foldTimer: ReturnType<typeof setTimeout> | null = null;
  private folding: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly acks: AcksCollection,
    private readonly ops: OpsCollection,
    private readonly foldDelayMs = 1000,
  ) {
    const subscription = acks.eventBulks$.subscribe((bulk) => this.track(bulk));
    this.stopWatching = () => subscription.unsubscribe();
  }

  /** Records one pushed batch's acks (ops with the server's fields) as one row. */
  async record(input: readonly Op[]): Promise<void> {
    if (input.length === 0) return;
    const ops = input.map(checkAck);
    const row: AckRow = { id: rowId(ops), ops: ops.map(withoutUndefined), recordedAt: Date.now() };
    await this.acks.insert(row);
    remember(await this.known(), row.ops);
    this.scheduleFold();
  }

  /** The overlay as the log stands now (one read of the log, then synchronous). */
  async overlay(): Promise<AckOverlay> {
    const known = await this.known();
    if (known.size === 0) return (op) => op;
    return (op) => {
      if (op.serverSeq != null) return op;
      const fields = known.get(op.id);
      return fields ? { ...op, ...fields } : op;
    };
  }

  /** Calls the listener with the ops of each ack row written, from this tab or another. */
  changes(listener: (ops: Op[]) => void): () => void {
    const subscription = this.acks.eventBulks$.subscribe((bulk) => {
      const ops = bulk.events
        .filter((event) => event.operation === 'INSERT')
        .flatMap((event) => readAckRow(event.documentData)?.ops ?? []);
      if (ops.length === 0) return;
      try {
        listener(ops);
      } catch (error) {
        console.error(error);
      }
    });
    return () => subscription.unsubscribe();
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
    await this.folding?.catch(() => undefined);
  }

  private known(): Promise<Map<string, ServerFields>> {
    this.fields ??= this.load();
    return this.fields;
  }

  private async load(): Promise<Map<string, ServerFields>> {
    const known = new Map<string, ServerFields>();
    const rows = await this.rows();
    for (const row of rows) remember(known, row.ops);
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

  /** Keeps the in-memory fields in step with rows written or folded elsewhere (other tabs). */
  private track(bulk: RxChangeEventBulk<AckRow>): void {
    if (!this.fields) return;
    void this.fields.then((known) => {
      for (const event of bulk.events) {
        const row = readAckRow(event.documentData) ?? readAckRow(event.previousDocumentData);
        if (!row) continue;
        if (event.operation === 'DELETE') for (const op of row.ops) known.delete(op.id);
        else remember(known, row.ops);
      }
    });
  }

  private scheduleFold(): void {
    if (this.closed) return;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = setTimeout(() => {
      this.foldTimer = null;
      this.fold().catch((error: unknown) => {
        if (!this.closed) console.error('Could not fold acknowledgements into the op log', error);
      });
    }, this.foldDelayMs);
    // A pending fold must not keep a Node process (tests, benches) alive.
    (this.foldTimer as { unref?: () => void }).unref?.();
  }

  private async foldAll(): Promise<void> {
    for (const row of await this.rows()) {
      if (this.closed) return;
      await foldAcks(this.ops, row.ops);
      await this.acks.bulkRemove([row.id]);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (!this.closed) await this.acks.storageInstance.cleanup(0);
  }
}

/**
 * The bodies are the ops this store handed out (unacknowledged()) and the
 * fields come from the server's checked response, so only the fields are
 * checked here: a full parse of every op cost more than the write.
 */
function checkAck(op: Op): Op {
  const { serverSeq, status, approvalId } = op;
  if (serverSeq == null) throw new Error(`The ack for op "${op.id}" has no server position`);
  const fields = AckFieldsSchema.safeParse({ serverSeq, status, approvalId });
  if (!fields.success) return checkInput(OpSchema, op, 'acknowledged op');
  return op;
}

const AckFieldsSchema = OpSchema.pick({ serverSeq: true, status: true, approvalId: true });

function remember(known: Map<string, ServerFields>, ops: readonly Op[]): void {
  for (const op of ops) {
    known.set(op.id, { serverSeq: op.serverSeq, status: op.status, approvalId: op.approvalId ?? null });
  }
}

/** Rows already read, so the several listeners of one write check it once. */
const readRows = new WeakMap<object, AckRow | null>();

/** A row that fails to read is left alone (and so never folded): one bad row cannot stop the rest. */
function readAckRow(raw: unknown): AckRow | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const seen = readRows.get(raw);
  if (seen !== undefined) return seen;
  let row: AckRow | null = null;
  try {
    row = readRow(AckRowSchema, 'acks', raw);
  } catch (error) {
    console.error(error);
  }
  readRows.set(raw, row);
  return row;
}

let rowCount = 0;
function rowId(ops: readonly Op[]): string {
  const first = ops[0]?.id ?? 'none';
  return `${first}-${ops.length}-${Date.now().toString(36)}-${(++rowCount).toString(36)}`;
}
