/**
 * Runs inside a page of the app's origin in headless Chromium, bundled by
 * bench/suites/rxdb-replication.ts: RxDB's own replication plugin as the peer
 * of Tether's sync engine. It stores into an RxDB collection with the
 * product's op schema on the product's storage (Dexie, strict durability),
 * and its pull and push handlers call the same bridge methods the product's
 * engine calls — the host forwards them to the server's pull and push routes
 * with the signed-in token. It also seeds op logs for the push benches.
 */
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { z } from 'zod';
import { bridgeUrl } from '../src-renderer/bridge/launch-key.js';
import { bridgeRemoteApi } from '../src-renderer/bridge/remote-api.js';
import { createWsBridge } from '../src-renderer/bridge/ws-bridge.js';
import { openTetherDb } from '../src-renderer/db/index.js';
import { fromOpDoc, toOpDoc } from '../src-renderer/db/op-doc.js';
import { OPS_SCHEMA, type OpDoc } from '../src-renderer/db/schemas.js';
import { createTetherStorage } from '../src-renderer/db/storage.js';
import { MAIN_BRANCH, opBodyOf } from '../src-shared/model/index.js';
import type { RemoteApi } from '../src-shared/sync/remote-api.js';
import { localOpOf } from '../src-shared/sync/server-fields.js';
import { MAX_PULL_LIMIT, MAX_PUSH_OPS } from '../src-shared/sync-protocol/index.js';
import { itemOps } from './op-sets.js';

// The product page's CSP forbids eval, so zod runs without its compiled checks there; the same here.
z.config({ jitless: true });

/** The push benches' op set: `items` items of 10 ops (a create, nine edits), as bench/suites/sync.ts pushes. */
const benchOps = (author: string, prefix: string, items: number) => itemOps(author, prefix, items, 10);
const SEED_CHUNK = 5_000;

type Checkpoint = { seq: number };
type PluginDb = RxDatabase<{ ops: RxCollection<OpDoc> }>;

let plugin: { db: PluginDb; remote: RemoteApi } | null = null;
let push: RxReplicationState<OpDoc, unknown> | null = null;

/** The plugin's database, opened as the product opens its own (same storage, multi-instance). */
async function openPlugin(name: string, bridgeKey: string): Promise<{ db: PluginDb; remote: RemoteApi }> {
  const bridge = createWsBridge({ url: bridgeUrl(window.location, bridgeKey) });
  const db = await createRxDatabase<{ ops: RxCollection<OpDoc> }>({
    name,
    storage: createTetherStorage(),
    multiInstance: true,
  });
  await db.addCollections({ ops: { schema: OPS_SCHEMA } });
  plugin = { db, remote: bridgeRemoteApi(bridge) };
  return plugin;
}

function openedPlugin(): { db: PluginDb; remote: RemoteApi } {
  if (!plugin) throw new Error('openPlugin first');
  return plugin;
}

/** Settles when the replication has caught up once; fails on its first error (it would retry forever). */
function caughtUp<C>(state: RxReplicationState<OpDoc, C>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const sub = state.error$.subscribe((error) => {
      sub.unsubscribe();
      reject(new Error(`RxDB replication failed: ${String(error.message ?? error)}`));
    });
    state.awaitInitialReplication().then(
      () => {
        sub.unsubscribe();
        resolve();
      },
      (error: unknown) => {
        sub.unsubscribe();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const api = {
  /** Writes the op set, unacknowledged, into the product's own database (as ops made offline). */
  async seedTether(name: string, author: string, prefix: string, items: number): Promise<number> {
    const db = await openTetherDb({ name });
    try {
      const ops = benchOps(author, prefix, items);
      for (let i = 0; i < ops.length; i += SEED_CHUNK) await db.ops.insert(ops.slice(i, i + SEED_CHUNK));
      return (await db.ops.unacknowledged()).length;
    } finally {
      await db.close();
    }
  },

  /** Opens the plugin's database and writes the op set into it, unacknowledged; resolves once this tab leads. */
  async seedPlugin(
    name: string,
    bridgeKey: string,
    author: string,
    prefix: string,
    items: number,
  ): Promise<number> {
    const { db } = await openPlugin(name, bridgeKey);
    const ops = benchOps(author, prefix, items);
    for (let i = 0; i < ops.length; i += SEED_CHUNK) {
      const result = await db.ops.bulkInsert(ops.slice(i, i + SEED_CHUNK).map(toOpDoc));
      if (result.error.length > 0) throw new Error(`seeding refused ${result.error.length} ops`);
    }
    // The product's engine leads before its push starts; so does the plugin (not timed).
    await db.waitForLeadership();
    return db.ops.count().exec();
  },

  /** Starts the plugin's one-off push of everything in the collection (the timing is the caller's). */
  startPush(): void {
    const { db, remote } = openedPlugin();
    push = replicateRxCollection<OpDoc, unknown>({
      replicationIdentifier: 'tether-bench-push',
      collection: db.ops,
      live: false,
      push: {
        batchSize: MAX_PUSH_OPS,
        handler: async (rows) => {
          // As the product reads its rows: checked against the model, then sent as op bodies.
          const ops = rows.map(({ newDocumentState: { _deleted: _, ...doc } }) => opBodyOf(fromOpDoc(doc)));
          await remote.pushOps(ops);
          return []; // the server keeps the first body of an op id: there is nothing to resolve
        },
      },
    });
  },

  /** Waits for the started push to finish; returns what the collection holds. */
  async pushed(): Promise<number> {
    if (!push) throw new Error('startPush first');
    await caughtUp(push);
    await push.cancel();
    return openedPlugin().db.ops.count().exec();
  },

  /** The plugin's cold pull of main, from opening its database to caught up; ms and ops stored. */
  async pull(name: string, bridgeKey: string): Promise<{ ms: number; stored: number }> {
    const start = performance.now();
    const { db, remote } = await openPlugin(name, bridgeKey);
    const state = replicateRxCollection<OpDoc, Checkpoint>({
      replicationIdentifier: 'tether-bench-pull',
      collection: db.ops,
      live: false,
      pull: {
        batchSize: MAX_PULL_LIMIT,
        handler: async (checkpoint, batchSize) => {
          const page = await remote.pullOps({
            branch: MAIN_BRANCH,
            since: checkpoint?.seq ?? 0,
            limit: batchSize,
          });
          return {
            documents: page.ops.map((op) => ({ ...toOpDoc(localOpOf(op)), _deleted: false })),
            checkpoint: { seq: page.checkpoint },
          };
        },
      },
    });
    await caughtUp(state);
    const ms = performance.now() - start;
    await state.cancel();
    return { ms, stored: await db.ops.count().exec() };
  },
};

export type RxdbBenchPage = typeof api;
(window as unknown as { tetherBench: RxdbBenchPage }).tetherBench = api;
