import type { RxCollection } from 'rxdb';
import {
  BranchSchema,
  NamespacePathSchema,
  NamespaceSchema,
  QueueEntrySchema,
  type Branch,
  type Namespace,
  type QueueEntry,
} from '../../src-shared/model/index.js';
import { inQueueOrder } from '../../src-shared/queue/policy.js';
import { listenToAnyWrite } from './changes.js';
import { checkInput } from './input.js';
import { readRow, withoutUndefined } from './rows.js';
import { MetaRowSchema, type MetaRow } from './schemas.js';

export interface BranchStore {
  upsert(branch: Branch): Promise<void>;
  all(): Promise<Branch[]>;
  get(id: string): Promise<Branch | null>;
  changes(listener: () => void): () => void;
}

export function createBranchStore(collection: RxCollection<Branch>): BranchStore {
  const read = (raw: unknown): Branch => readRow(BranchSchema, 'branches', raw);
  return {
    upsert: async (branch) => {
      await collection.upsert(withoutUndefined(checkInput(BranchSchema, branch, 'branch')));
    },
    all: async () => (await collection.find().exec()).map((doc) => read(doc.toJSON())),
    get: async (id) => {
      const doc = await collection.findOne(id).exec();
      return doc ? read(doc.toJSON()) : null;
    },
    changes: (listener) => listenToAnyWrite(collection, listener),
  };
}

export interface NamespaceStore {
  upsert(namespace: Namespace): Promise<void>;
  all(): Promise<Namespace[]>;
  remove(path: string): Promise<void>;
  changes(listener: () => void): () => void;
}

export function createNamespaceStore(collection: RxCollection<Namespace>): NamespaceStore {
  const read = (raw: unknown): Namespace => readRow(NamespaceSchema, 'namespaces', raw);
  return {
    upsert: async (namespace) => {
      await collection.upsert(checkInput(NamespaceSchema, namespace, 'namespace'));
    },
    all: async () => (await collection.find().exec()).map((doc) => read(doc.toJSON())),
    remove: async (path) => {
      await collection.findOne(checkInput(NamespacePathSchema, path, 'namespace path')).remove();
    },
    changes: (listener) => listenToAnyWrite(collection, listener),
  };
}

export interface QueueStore {
  add(entry: QueueEntry): Promise<void>;
  /** Every entry in queue order (FIFO by position; the user may reorder independent entries). */
  all(): Promise<QueueEntry[]>;
  get(id: string): Promise<QueueEntry | null>;
  update(entry: QueueEntry): Promise<void>;
  remove(id: string): Promise<void>;
  /** Any write, from this tab or another. */
  changes(listener: () => void): () => void;
}

export function createQueueStore(collection: RxCollection<QueueEntry>): QueueStore {
  const read = (raw: unknown): QueueEntry => readRow(QueueEntrySchema, 'queue', raw);
  return {
    add: async (entry) => {
      await collection.insert(checkInput(QueueEntrySchema, entry, 'queue entry'));
    },
    all: async () => inQueueOrder((await collection.find().exec()).map((doc) => read(doc.toJSON()))),
    get: async (id) => {
      const doc = await collection.findOne(id).exec();
      return doc ? read(doc.toJSON()) : null;
    },
    update: async (entry) => {
      const checked = checkInput(QueueEntrySchema, entry, 'queue entry');
      const doc = await collection.findOne(checked.id).exec();
      if (!doc) throw new Error(`Queue entry "${checked.id}" is not in the local database`);
      await collection.upsert(checked);
    },
    remove: async (id) => {
      await collection.findOne(id).remove();
    },
    changes: (listener) => listenToAnyWrite(collection, listener),
  };
}

export interface MetaStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON-like value; `undefined` removes the key. */
  set<T>(key: string, value: T): Promise<void>;
  /** Any write, from this tab or another. */
  changes(listener: () => void): () => void;
}

export function createMetaStore(collection: RxCollection<MetaRow>, now: () => number): MetaStore {
  const checkKey = (key: string): string => checkInput(MetaRowSchema.shape.key, key, 'meta key');
  return {
    get: async <T>(key: string) => {
      const doc = await collection.findOne(checkKey(key)).exec();
      return doc ? (readRow(MetaRowSchema, 'meta', doc.toJSON()).value as T) : undefined;
    },
    set: async <T>(key: string, value: T) => {
      if (value === undefined) await collection.findOne(checkKey(key)).remove();
      else await collection.upsert({ key: checkKey(key), value, updatedAt: now() });
    },
    changes: (listener) => listenToAnyWrite(collection, listener),
  };
}
