/**
 * A client made of the real headless host as its own process (main: the
 * credentials, the remote client, the live stream) and, in this process, the
 * renderer's side (local database on fake-indexeddb, Workspace, SyncEngine)
 * talking to it over the bridge WebSocket — the browser-mode split. The host
 * can be killed with SIGKILL and started again on the same port and data
 * folder, as after a crash; the renderer side reconnects like a page does.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import WebSocket from 'ws';
import { HostProcess, newBridgeKey } from '../e2e/support/host-process.js';
import { bridgeRemoteApi } from '../src-renderer/bridge/remote-api.js';
import { createWsBridge, type SocketLike, type WsBridge } from '../src-renderer/bridge/ws-bridge.js';
import { openTetherDb, type TetherDb } from '../src-renderer/db/index.js';
import { SyncEngine } from '../src-renderer/sync/index.js';
import { Workspace } from '../src-renderer/workspace/index.js';
import type { RemoteApi } from '../src-shared/sync/remote-api.js';

export interface HostClient {
  user: string;
  host: HostProcess;
  bridge: WsBridge;
  db: TetherDb;
  ws: Workspace;
  engine: SyncEngine;
  /** SIGKILL the host process (a crash); the renderer side stays, as a browser tab would. */
  killHost(): Promise<void>;
  /** Starts the host again on the same port and data folder; it signs in from its saved credentials. */
  restartHost(): Promise<void>;
  close(): Promise<void>;
}

export interface HostClientOptions {
  user: string;
  port: number;
  dataDir: string;
  /** First start only: sign the host in (later starts use the saved credentials). */
  signIn?: { serverUrl: string; token: string };
  instanceId?: string;
  pushDelayMs?: number;
  wrapRemote?: (remote: RemoteApi) => RemoteApi;
  seed?: (db: TetherDb) => Promise<void>;
  rendererDir?: string;
}

let dbCount = 0;

export interface BridgeRenderer {
  bridge: WsBridge;
  db: TetherDb;
  ws: Workspace;
  engine: SyncEngine;
  close(): Promise<void>;
}

/** The renderer's side of a client, talking to the host at `port` (started with `bridgeKey`) over the bridge WebSocket. */
export async function openBridgeRenderer(opts: {
  user: string;
  port: number;
  bridgeKey: string;
  instanceId?: string;
  pushDelayMs?: number;
  /** Anti-entropy interval (ms; 0 compares on every sync). */
  antiEntropyEveryMs?: number;
  wrapRemote?: (remote: RemoteApi) => RemoteApi;
  seed?: (db: TetherDb) => Promise<void>;
}): Promise<BridgeRenderer> {
  const origin = `http://127.0.0.1:${opts.port}`;
  const bridge = createWsBridge({
    url: `ws://127.0.0.1:${opts.port}/bridge?key=${opts.bridgeKey}`,
    connect: (url) => new WebSocket(url, { origin }) as unknown as SocketLike,
    backoff: { initialMs: 100, maxMs: 1_000 },
    offlineTimeoutMs: 5_000,
  });
  dbCount += 1;
  const db = await openTetherDb({
    name: `host-${opts.user}-${process.pid}-${Date.now().toString(36)}-${dbCount}`,
    indexedDB,
    IDBKeyRange,
  });
  await opts.seed?.(db);
  const identity = { userName: opts.user, instanceId: opts.instanceId ?? `inst-${opts.user}-${process.pid}` };
  const ws = await Workspace.open({ db, identity });
  const remote = bridgeRemoteApi(bridge);
  const engine = SyncEngine.start({
    db,
    workspace: ws,
    remote: opts.wrapRemote ? opts.wrapRemote(remote) : remote,
    identity,
    onRemoteChanged: (listener) => bridge.on('remote.changed', (changed) => listener(changed)),
    pushDelayMs: opts.pushDelayMs,
    antiEntropyEveryMs: opts.antiEntropyEveryMs,
  });
  return {
    bridge,
    db,
    ws,
    engine,
    close: async () => {
      await engine.stop();
      await ws.close();
      await db.close();
      bridge.close();
    },
  };
}

export async function openHostClient(opts: HostClientOptions): Promise<HostClient> {
  const baseArgs = ['--user', opts.user, ...(opts.rendererDir ? ['--renderer-dir', opts.rendererDir] : [])];
  const bridgeKey = newBridgeKey();
  let host = new HostProcess({
    port: opts.port,
    dataDir: opts.dataDir,
    bridgeKey,
    extraArgs: [...baseArgs, ...(opts.signIn ? ['--server', opts.signIn.serverUrl] : [])],
    ...(opts.signIn ? { token: opts.signIn.token } : {}),
  });
  await host.start();
  const renderer = await openBridgeRenderer({ ...opts, bridgeKey });
  return {
    user: opts.user,
    get host() {
      return host;
    },
    bridge: renderer.bridge,
    db: renderer.db,
    ws: renderer.ws,
    engine: renderer.engine,
    killHost: () => host.stop('SIGKILL'),
    restartHost: async () => {
      host = new HostProcess({ port: opts.port, dataDir: opts.dataDir, extraArgs: baseArgs, bridgeKey });
      await host.start();
    },
    close: async () => {
      await renderer.close();
      await host.stop();
    },
  };
}
