import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
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
import { createBootViewStore, type BootViewStore } from './boot-view-store.js';
import { leadershipOf, type Leadership } from './leadership.js';
import { openError } from './open-errors.js';
import { createTetherStorage, type StorageOptions } from './storage.js';

export { OpIdConflictError, StoredDataError, UnknownOpError } from './errors.js';
export { DatabaseOpenError } from './open-errors.js';
export type {
  ApprovalStore,
  BootViewStore,
  BranchStore,
  Leadership,
  MetaStore,
  NamespaceStore,
  OpStore,
  QueueStore,
};

/** The renderer's local database: the op log and the small records around it. */
export interface TetherDb {
  ops: OpStore;
  branches: BranchStore;
  namespaces: NamespaceStore;
  queue: QueueStore;
  meta: MetaStore;
  approvals: ApprovalStore;
  /** The derived record the workspace boots from (boot-view-store.ts). */
  bootView: BootViewStore;
  /** Whether this tab is the one of its profile that runs sync (see leadership.ts). */
  leadership: Leadership;
  close(): Promise<void>;
}

export interface OpenTetherDbOptions extends StorageOptions {
  /** The database name; one per user profile (tests use a fresh name each). */
  name: string;
  /** Clock for `updatedAt` on meta rows. */
  now?: () => number;
  /**
   * Tests only: opens a second instance of the same database in this
   * JavaScript context, as another tab would (RxDB refuses the same name
   * twice in one context; the label tells the instances apart).
   */
  tab?: string;
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
addRxPlugin(RxDBLeaderElectionPlugin);

/**
 * Opens (creating or migrating as needed) the local database. Opening the
 * same name twice in one JavaScript context is refused by RxDB; other tabs
 * and windows open their own and see each other's writes through `changes`.
 */
export async function openTetherDb(opts: OpenTetherDbOptions): Promise<TetherDb> {
  const rx = await openRx(opts);
  const ops = createOpStore(rx.ops, rx.acks, rx.meta);
  const meta = createMetaStore(rx.meta, opts.now ?? Date.now);
  return {
    ops,
    branches: createBranchStore(rx.branches),
    namespaces: createNamespaceStore(rx.namespaces),
    queue: createQueueStore(rx.queue),
    meta,
    approvals: createApprovalStore(rx.approvals),
    bootView: createBootViewStore(meta, {
      ops: rx.ops as RxCollection<unknown>,
      acks: rx.acks,
      meta: rx.meta,
    }),
    leadership: leadershipOf(rx),
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
      storage: asTab(createTetherStorage(opts), opts.tab),
      multiInstance: true,
    });
    await rx.addCollections(COLLECTIONS);
    return rx;
  } catch (error) {
    await rx?.close();
    throw openError(opts.name, error);
  }
}

/**
 * RxDB tells databases apart by storage name and database name; another name
 * for the same Dexie storage lets a test open a second "tab". The storage's
 * own instances still broadcast under Dexie's name, so the two hear each
 * other's writes and share one leader election, as tabs do.
 */
function asTab<S extends object>(storage: S, tab: string | undefined): S {
  if (tab === undefined) return storage;
  const named = Object.create(storage) as S & { name: string };
  Object.defineProperty(named, 'name', { value: `${(storage as { name: string }).name}-tab-${tab}` });
  return named;
}
