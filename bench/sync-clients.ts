/**
 * Support for the sync integration tests and benches (not a bench suite):
 * a real sync server on PostgreSQL or PGlite, and clients that each own a
 * local database (fake-indexeddb), a Workspace, main's RemoteClient and a
 * SyncEngine — the same parts the app runs, wired without the bridge.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { RemoteClient, type Endpoint } from '../src-main/remote/remote-client.js';
import { openTetherDb, type TetherDb } from '../src-renderer/db/index.js';
import { SyncEngine } from '../src-renderer/sync/index.js';
import { Workspace } from '../src-renderer/workspace/index.js';
import {
  resetStore,
  startTestServer,
  type BackendName,
  type TestServer,
} from '../src-server/testing/harness.js';
import type { RemoteApi } from '../src-shared/sync/remote-api.js';
import { startServer, type RunningServer } from '../src-server/server.js';

let dbCount = 0;

export interface SyncServer {
  running: RunningServer;
  backend: BackendName;
  location: string;
  url: string;
  tokens: Map<string, string>;
  /** Closes the server process part only; the store stays (for restart tests). */
  kill(): Promise<void>;
  /** Starts a server again on the same store (a new port). */
  restart(): Promise<void>;
  destroy(): Promise<void>;
  /** Empties the store and issues fresh tokens for the same users (between test cases). */
  reset(): Promise<void>;
  /** How many ops the server stores, all or those with these ids. */
  countOps(ids?: readonly string[]): Promise<number>;
}

export async function startSyncServer(backend: BackendName, users: string[]): Promise<SyncServer> {
  const first: TestServer = await startTestServer(backend, { logLevel: 'warn' });
  const tokens = new Map<string, string>();
  const addUsers = async (admin: RunningServer['admin']) => {
    for (const user of users) {
      await admin.createUser(user);
      tokens.set(user, (await admin.issueToken(user)).token);
    }
    // Everyone owns the test namespace, so every op is approved and visible to all.
    await admin.setOwners('Acme', users);
  };
  await addUsers(first.admin);
  const storeOption = backend === 'postgres' ? { databaseUrl: first.location } : { dataDir: first.location };
  const server: SyncServer = {
    running: first,
    backend,
    location: first.location,
    url: first.url,
    tokens,
    kill: () => server.running.close(),
    restart: async () => {
      server.running = await startServer({
        port: 0,
        logLevel: 'warn',
        logStream: { write: () => undefined },
        ...storeOption,
      });
      server.url = server.running.url;
    },
    destroy: async () => {
      await server.running.close();
      await first.destroy();
    },
    reset: async () => {
      await resetStore(server.running.db);
      await addUsers(server.running.admin);
    },
    countOps: async (ids) => {
      const rows = ids
        ? await server.running.db.query<{ n: unknown }>('SELECT count(*) AS n FROM ops WHERE id = ANY($1)', [
            ids,
          ])
        : await server.running.db.query<{ n: unknown }>('SELECT count(*) AS n FROM ops');
      return Number(rows[0]?.n ?? 0);
    },
  };
  return server;
}

export interface SyncClient {
  user: string;
  db: TetherDb;
  ws: Workspace;
  remote: RemoteClient;
  engine: SyncEngine;
  /** Simulates losing the network: every request fails with "offline". */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

export async function openSyncClient(
  server: SyncServer,
  user: string,
  opts: {
    onRemoteChanged?: (listener: (changed?: unknown) => void) => () => void;
    instanceId?: string;
    /** Wraps the remote (to cut a push off half way, count calls…). */
    wrapRemote?: (remote: RemoteApi) => RemoteApi;
    /** Eager push debounce (ms); a huge value turns eager pushing off for a test. */
    pushDelayMs?: number;
    /** Writes into the local database before the workspace and engine start. */
    seed?: (db: TetherDb) => Promise<void>;
    /** This machine's wall clock (a skewed one for the clock tests). */
    now?: () => number;
    /** Anti-entropy interval (ms; 0 compares on every sync). */
    antiEntropyEveryMs?: number;
  } = {},
): Promise<SyncClient> {
  dbCount += 1;
  const db = await openTetherDb({
    name: `sync-${user}-${Date.now().toString(36)}-${dbCount}`,
    indexedDB,
    IDBKeyRange,
  });
  await opts.seed?.(db);
  const identity = { userName: user, instanceId: opts.instanceId ?? `inst-${user}-${dbCount}` };
  const ws = await Workspace.open({ db, identity, ...(opts.now ? { now: opts.now } : {}) });
  const token = server.tokens.get(user);
  if (!token) throw new Error(`no token for ${user}`);
  const remote = new RemoteClient({
    endpoint: (): Endpoint => ({ serverUrl: server.url, token }),
    timeoutMs: 30_000,
  });
  const api = opts.wrapRemote ? opts.wrapRemote(remote) : remote;
  const engine = SyncEngine.start({
    db,
    workspace: ws,
    remote: api,
    // The remote client also carries approval requests (ApprovalsApi).
    approvals: remote,
    identity,
    onRemoteChanged: opts.onRemoteChanged,
    pushDelayMs: opts.pushDelayMs,
    now: opts.now,
    antiEntropyEveryMs: opts.antiEntropyEveryMs,
  });
  return {
    user,
    db,
    ws,
    remote,
    engine,
    setOffline: (offline) => {
      remote.paused = offline;
    },
    close: async () => {
      await engine.stop();
      await ws.close();
      await db.close();
    },
  };
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Item paths and contents of the workspace's current view, sorted (to compare clients). */
export function viewContents(ws: Workspace): string[] {
  return ws
    .getSnapshot()
    .items.map((item) => `${item.path}=${item.content}${item.conflict ? ' (conflict)' : ''}`)
    .sort();
}
