import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { LocalApproval } from '../../src-shared/approvals/index.js';
import type { AcksCollection } from './ack-log.js';
import type { Branch, Namespace, QueueEntry } from '../../src-shared/model/index.js';
import { createApprovalStore, type ApprovalStore } from './approvals-store.js';
import { createOpStore, type OpStore, type OpsCollection } from './ops-store.js';
import { COLLECTIONS, type MetaRow } from './schemas.js';
import {
  createBranchStore,
  createMetaStore,
  createNamespaceStore,
  createQueueStore,
  type BranchStore,
  type MetaStore,
  type NamespaceStore,
  type QueueStore,
} from './small-stores.js';
import { openError } from './open-errors.js';
import { createTetherStorage, type StorageOptions } from './storage.js';

export { OpIdConflictError, StoredDataError, UnknownOpError } from './errors.js';
export { DatabaseOpenError } from './open-errors.js';
export type { ApprovalStore, BranchStore, MetaStore, NamespaceStore, OpStore, QueueStore };

/** The renderer's local database: the op log and the small records around it. */
export interface TetherDb {
  ops: OpStore;
  branches: BranchStore;
  namespaces: NamespaceStore;
  queue: QueueStore;
  meta: MetaStore;
  approvals: ApprovalStore;
  close(): Promise<void>;
}

export interface OpenTetherDbOptions extends StorageOptions {
  /** The database name; one per user profile (tests use a fresh name each). */
  name: string;
  /** Clock for `updatedAt` on meta rows. */
  now?: () => number;
}

type Collections = {
  ops: OpsCollection;
  branches: RxCollection<Branch>;
  namespaces: RxCollection<Namespace>;
  queue: RxCollection<QueueEntry>;
  meta: RxCollection<MetaRow>;
  approvals: RxCollection<LocalApproval>;
  acks: AcksCollection;
};

// Dev-mode is never added: it loads an iframe from the web (see DESIGN.md, Known traps).
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * Opens (creating or migrating as needed) the local database. Opening the
 * same name twice in one JavaScript context is refused by RxDB; other tabs
 * and windows open their own and see each other's writes through `changes`.
 */
export async function openTetherDb(opts: OpenTetherDbOptions): Promise<TetherDb> {
  const rx = await openRx(opts);
  const ops = createOpStore(rx.ops, rx.acks);
  return {
    ops,
    branches: createBranchStore(rx.branches),
    namespaces: createNamespaceStore(rx.namespaces),
    queue: createQueueStore(rx.queue),
    meta: createMetaStore(rx.meta, opts.now ?? Date.now),
    approvals: createApprovalStore(rx.approvals),
    close: async () => {
      await ops.close();
      await rx.close();
    },
  };
}

async function openRx(opts: OpenTetherDbOptions): Promise<RxDatabase<Collections>> {
  let rx: RxDatabase<Collections> | undefined;
  try {
    rx = await createRxDatabase<Collections>({
      name: opts.name,
      storage: createTetherStorage(opts),
      multiInstance: true,
    });
    await rx.addCollections(COLLECTIONS);
    return rx;
  } catch (error) {
    await rx?.close();
    throw openError(opts.name, error);
  }
}
