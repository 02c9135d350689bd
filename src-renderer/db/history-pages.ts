import type { RxCollection, RxDocumentData } from 'rxdb';
import { OpSchema, type Op } from '../../src-shared/model/index.js';
import { logError } from '../log/report.js';
import { dexieTableOf, isLiveRow, purgeTombstones } from './bulk-read.js';
import { tellEach } from './changes.js';
import { StoredDataError } from './errors.js';
import { readRow } from './rows.js';
import { HistoryPageSchema, MetaRowSchema, type HistoryPage, type MetaRow } from './schemas.js';

/** Meta keys of history pages: this prefix, the branch, and the page's first server position. */
export const HISTORY_PAGE_PREFIX = 'history.page.';
const PREFIX = HISTORY_PAGE_PREFIX;
const PREFIX_END = 'history.page/'; // the next key after every key with the prefix ('/' follows '.')

/** A stored page with its id (its meta key less the prefix). */
interface StoredPage extends HistoryPage {
  id: string;
}

/** Which page holds an op, and which pages hold ops of an item. */
interface Directory {
  pageOfOp: Map<string, string>;
  pagesOfItem: Map<string, Set<string>>;
}

/** The part of the Dexie table under meta read here: a range of primary keys. */
interface KeyRangeTable {
  where(index: ':id'): {
    between(lower: string, upper: string): { toArray(): Promise<unknown[]>; first(): Promise<unknown> };
  };
}

/**
 * The history behind a heads-first start, kept as one meta row per pulled
 * page (see docs/sync-records.md). IndexedDB's cost is per row and per index
 * entry: a hundred thousand op rows with their six indexes take some twenty
 * seconds to write in Chromium, a hundred page rows a fraction of one. A
 * collection of their own would be the eighth, and two databases of eight
 * exceed what RxDB opens in one process, so pages live in meta under a key
 * prefix, read by key range. History is read whole or by branch, and by item
 * through a directory each tab builds from the pages' id columns when first
 * asked. Ops held here are acknowledged and never heads: the op rows hold
 * every head, every unsent op and anything pulled later; an op held both
 * ways is read as its row.
 */
export class HistoryPages {
  /** Forgotten on every page write, from this tab or another. */
  private directory: Promise<Directory> | null = null;
  private readonly listeners = new Set<(ops: Op[]) => void>();
  private readonly stopListening: () => void;
  private readonly context: string;

  constructor(private readonly meta: RxCollection<MetaRow>) {
    this.context = `tether-history:${meta.database.token}`;
    const subscription = meta.eventBulks$.subscribe((bulk) => {
      const pages = bulk.events.filter((event) => event.documentId.startsWith(PREFIX));
      if (pages.length === 0) return;
      this.directory = null;
      if (bulk.context === this.context) return; // this tab's writer told its listeners already
      const ops = pages.flatMap((event) =>
        event.operation === 'DELETE' ? [] : readablePage(event.documentData).flatMap(readableOps),
      );
      if (ops.length > 0) tellEach(this.listeners, ops);
    });
    this.stopListening = () => subscription.unsubscribe();
  }

  stop(): void {
    this.stopListening();
  }

  /** Stores pulled pages of one branch's history, one row each (empty pages are skipped). */
  async write(branchId: string, pages: readonly (readonly Op[])[]): Promise<void> {
    const rows = pages.filter((ops) => ops.length > 0).map((ops) => metaRow(pageOf(branchId, ops)));
    if (rows.length === 0) return;
    const written = await this.meta.storageInstance.bulkWrite(
      rows.map((row) => ({ document: stored(row) })),
      this.context,
    );
    // A page written before a restart is written again when the fill resumes: replace it.
    const again = written.error.map((error) => {
      const row = rows.find((r) => r.key === error.documentId);
      if (error.status !== 409 || !error.documentInDb || !row)
        throw new Error(`Could not store history page "${error.documentId}"`);
      return { previous: error.documentInDb, document: stored(row, error.documentInDb) };
    });
    if (again.length > 0) {
      const retried = await this.meta.storageInstance.bulkWrite(again, this.context);
      if (retried.error.length > 0)
        throw new Error(`Could not store history page "${retried.error[0]?.documentId}"`);
    }
  }

  /** This tab's listeners of other tabs' pages, as ops. */
  listen(listener: (ops: Op[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async isEmpty(): Promise<boolean> {
    const table = await this.table();
    if (table) return (await table.where(':id').between(PREFIX, PREFIX_END).first()) === undefined;
    return (await this.rows()).length === 0;
  }

  /** Every op of every page, or of one branch's pages. */
  async ops(branchId?: string): Promise<Op[]> {
    const pages = await this.rows();
    return pages.filter((page) => branchId === undefined || page.branchId === branchId).flatMap(readableOps);
  }

  /** The ops of one item. */
  async ofItem(itemId: string): Promise<Op[]> {
    const pageIds = (await this.dir()).pagesOfItem.get(itemId);
    if (!pageIds) return [];
    const pages = await this.rowsById([...pageIds]);
    return pages.flatMap(readableOps).filter((op) => op.itemId === itemId);
  }

  /**
   * The held ops among these ids (unknown ids are skipped). Every pull asks:
   * the directory answers from memory until a page is written.
   */
  async byIds(ids: readonly string[]): Promise<Map<string, Op>> {
    const found = new Map<string, Op>();
    if (ids.length === 0) return found;
    const { pageOfOp } = await this.dir();
    const wanted = new Set(ids.filter((id) => pageOfOp.has(id)));
    if (wanted.size === 0) return found;
    const pageIds = new Set([...wanted].map((id) => pageOfOp.get(id) as string));
    for (const page of await this.rowsById([...pageIds]))
      for (const op of readableOps(page)) if (wanted.has(op.id)) found.set(op.id, op);
    return found;
  }

  /** Drops these ops from their pages (a page left empty is deleted); returns what was dropped. */
  async remove(ids: ReadonlySet<string>): Promise<Op[]> {
    const { pageOfOp } = await this.dir();
    const keys = [...new Set([...ids].flatMap((id) => pageOfOp.get(id) ?? []))].map((id) => PREFIX + id);
    if (keys.length === 0) return [];
    const docs = await this.meta.storageInstance.findDocumentsById(keys, false);
    const removed: Op[] = [];
    const writes = docs.map((previous) => {
      const page = pageOfRow(previous);
      const ops = opsOfPage(page);
      removed.push(...ops.filter((op) => ids.has(op.id)));
      const kept = ops.filter((op) => !ids.has(op.id));
      if (kept.length === 0) return { previous, document: { ...previous, _deleted: true } };
      return {
        previous,
        document: stored(metaRow({ ...pageOf(page.branchId, kept), id: page.id }), previous),
      };
    });
    const written = await this.meta.storageInstance.bulkWrite(writes, this.context);
    if (written.error.length > 0)
      throw new Error(`Could not rewrite history page "${written.error[0]?.documentId}"`);
    // Removed pages leave no tombstone behind (it would keep the whole row).
    await purgeTombstones(
      this.meta,
      writes.filter((w) => w.document._deleted).map((w) => w.previous.key),
    );
    return removed;
  }

  private dir(): Promise<Directory> {
    if (this.directory) return this.directory;
    const building = this.rows().then(directoryOf);
    this.directory = building;
    // A failed build is tried again by the next caller.
    building.catch(() => {
      if (this.directory === building) this.directory = null;
    });
    return building;
  }

  private async table(): Promise<KeyRangeTable | null> {
    return (await dexieTableOf(this.meta)) as KeyRangeTable | null;
  }

  private async rows(): Promise<StoredPage[]> {
    const table = await this.table();
    const raw = table
      ? (await table.where(':id').between(PREFIX, PREFIX_END).toArray()).filter(isLiveRow)
      : (await this.meta.find({ selector: { key: { $gte: PREFIX, $lt: PREFIX_END } } }).exec()).map((d) =>
          d.toJSON(),
        );
    return raw.flatMap(readablePage);
  }

  private async rowsById(ids: string[]): Promise<StoredPage[]> {
    const docs = await this.meta.storageInstance.findDocumentsById(
      ids.map((id) => PREFIX + id),
      false,
    );
    return docs.flatMap(readablePage);
  }
}

/** A page of these ops: one JSON text (one value to clone, not a thousand objects) and its id columns. */
function pageOf(branchId: string, ops: readonly Op[]): StoredPage {
  return {
    id: `${branchId}:${String(ops[0]?.serverSeq ?? 0).padStart(16, '0')}`,
    branchId,
    opIds: ops.map((op) => op.id),
    itemIds: ops.map((op) => op.itemId),
    ops: JSON.stringify(ops),
  };
}

function metaRow({ id, ...page }: StoredPage): MetaRow {
  return { key: PREFIX + id, value: page, updatedAt: Date.now() };
}

function stored(row: MetaRow, previous?: RxDocumentData<MetaRow>): RxDocumentData<MetaRow> {
  const kept = previous ? { _meta: previous._meta, _rev: previous._rev } : {};
  return { ...row, ...kept, _deleted: false, _attachments: {} } as RxDocumentData<MetaRow>;
}

function pageOfRow(raw: unknown): StoredPage {
  const row = readRow(MetaRowSchema, 'meta', raw);
  const page = HistoryPageSchema.safeParse(row.value);
  if (!page.success) throw new StoredDataError('meta', row.key, 'not a readable history page');
  return { ...page.data, id: row.key.slice(PREFIX.length) };
}

/**
 * Pages and their ops as reads take them: a damaged one is reported and
 * passed over (its ops are the server's, and anti-entropy fetches the range
 * again) rather than failing every read of history.
 */
function readablePage(raw: unknown): StoredPage[] {
  return readable(() => [pageOfRow(raw)]);
}

function readableOps(page: StoredPage): Op[] {
  return readable(() => opsOfPage(page));
}

function readable<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch (error) {
    logError('A history page could not be read; its ops are fetched again from the server', error);
    return [];
  }
}

/** A page's ops, each checked against the model and against the page's id column. */
function opsOfPage(page: StoredPage): Op[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(page.ops);
  } catch {
    throw new StoredDataError('meta', PREFIX + page.id, 'its ops are not readable JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== page.opIds.length)
    throw new StoredDataError('meta', PREFIX + page.id, 'its ops do not match its id column');
  return parsed.map((raw, i) => {
    const op = readRow(OpSchema, 'history page', raw);
    if (op.id !== page.opIds[i])
      throw new StoredDataError('meta', PREFIX + page.id, `op ${i} is not "${page.opIds[i]}"`);
    return op;
  });
}

function directoryOf(pages: readonly StoredPage[]): Directory {
  const pageOfOp = new Map<string, string>();
  const pagesOfItem = new Map<string, Set<string>>();
  for (const page of pages) {
    for (const id of page.opIds) pageOfOp.set(id, page.id);
    for (const itemId of page.itemIds) {
      const held = pagesOfItem.get(itemId) ?? new Set<string>();
      held.add(page.id);
      pagesOfItem.set(itemId, held);
    }
  }
  return { pageOfOp, pagesOfItem };
}
