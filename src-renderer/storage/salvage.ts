import { buildLocalWorkExport, type LocalWorkExport } from '../../src-shared/export/local-work.js';
import {
  BranchSchema,
  QueueEntrySchema,
  type Branch,
  type Op,
  type QueueEntry,
} from '../../src-shared/model/index.js';
import { isLiveRow } from '../db/bulk-read.js';
import { fromOpDoc } from '../db/op-doc.js';
import { AckRowSchema, AckRowV0Schema } from '../db/schemas.js';
import type { Identity } from '../workspace/identity.js';

/**
 * A local database that will not open (or will not load) may still hold
 * readable rows. This reads the IndexedDB stores under RxDB directly, one
 * row at a time, so one damaged row costs only itself: every unsynced op,
 * branch and queued intent that still parses goes into the export file
 * before the database is thrown away and rebuilt from the server.
 */

/** RxDB's Dexie storage names one IndexedDB database per collection: rxdb-dexie-<name>--<v>--<collection>. */
const prefixOf = (dbName: string) => `rxdb-dexie-${dbName}--`;
const collectionOf = (idbName: string) => idbName.split('--').at(-1) ?? '';

async function idbNames(factory: IDBFactory, dbName: string): Promise<string[]> {
  const all = await factory.databases();
  return all.flatMap((d) => (d.name?.startsWith(prefixOf(dbName)) ? [d.name] : []));
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function readDocs(factory: IDBFactory, idbName: string): Promise<unknown[]> {
  const open = factory.open(idbName);
  const db = await request(open);
  try {
    if (!db.objectStoreNames.contains('docs')) return [];
    return await request(db.transaction('docs', 'readonly').objectStore('docs').getAll());
  } finally {
    db.close();
  }
}

export interface SalvageResult {
  file: LocalWorkExport;
  /** Rows that could not be read as what their store holds (left behind). */
  unreadableRows: number;
}

export async function salvageLocalWork(opts: {
  indexedDB: IDBFactory;
  dbName: string;
  identity: Identity;
  at: number;
}): Promise<SalvageResult> {
  const ops: Op[] = [];
  const branches: Branch[] = [];
  const queue: QueueEntry[] = [];
  const ackedIds: string[][] = [];
  let unreadableRows = 0;
  const keep = <T>(parse: () => T, into: T[]) => {
    try {
      into.push(parse());
    } catch {
      unreadableRows += 1;
    }
  };
  for (const name of await idbNames(opts.indexedDB, opts.dbName)) {
    const collection = collectionOf(name);
    let rows: unknown[];
    try {
      rows = (await readDocs(opts.indexedDB, name)).filter(isLiveRow);
    } catch {
      unreadableRows += 1; // the whole store is gone; count it once
      continue;
    }
    for (const row of rows) {
      if (collection === 'ops') keep(() => fromOpDoc(row), ops);
      else if (collection === 'branches') keep(() => BranchSchema.parse(row), branches);
      else if (collection === 'queue') keep(() => QueueEntrySchema.parse(row), queue);
      else if (collection === 'acks') keep(() => ackedIdsOf(row), ackedIds);
    }
  }
  // An op whose ack is still in the ack log (not yet folded) is on the server.
  const acked = new Set(ackedIds.flat());
  const unsynced = ops.filter((op) => op.serverSeq == null && !acked.has(op.id));
  const file = buildLocalWorkExport({
    reason: 'database-lost',
    at: opts.at,
    ...opts.identity,
    ops: unsynced,
    branches,
    queue,
  });
  return { file, unreadableRows };
}

/** Deletes every IndexedDB database of the local database, so the next start is a fresh one. */
export async function deleteLocalDatabase(factory: IDBFactory, dbName: string): Promise<number> {
  const names = await idbNames(factory, dbName);
  for (const name of names) {
    await new Promise<void>((resolve, reject) => {
      const req = factory.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error(`Could not delete ${name}`));
      // Another tab still has it open: the delete completes once that tab lets go.
      req.onblocked = () => resolve();
    });
  }
  return names.length;
}

/** The op ids of an ack row, written by this version or by one before the columns (v0). */
function ackedIdsOf(raw: unknown): string[] {
  const row = AckRowSchema.safeParse(raw);
  return row.success ? row.data.ids : AckRowV0Schema.parse(raw).acks.map((entry) => entry.id);
}
