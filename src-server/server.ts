import type { AddressInfo } from 'node:net';
import type { NamespaceClaim } from '../src-shared/sync-protocol/index.js';
import type { AdminApi } from './admin/admin-api.js';
import { storeAdmin } from './admin/admin-api.js';
import { ChangeFeed } from './changes/change-feed.js';
import type { Db } from './db/db.js';
import { openStore } from './db/open.js';
import type { LogOptions } from './http/app.js';
import { buildApp } from './http/app.js';
import { DEFAULT_LIMITS, type ServerLimits } from './http/limits.js';
import { OpenStreams } from './http/open-streams.js';
import { ACCESS_CHANNEL } from './store/users.js';
import type { ZodApp } from './http/types.js';

export interface StartServerOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** PostgreSQL connection string; when unset the embedded PGlite store is used. */
  databaseUrl?: string;
  /** PGlite data folder (default ./.tether-server-data). */
  dataDir?: string;
  logLevel?: string;
  logStream?: LogOptions['stream'];
  /** Enables the /admin/v1 API for holders of this token. */
  adminToken?: string;
  /** How a namespace nobody owns gets its first owner (default `first-push`; `admin`: only by admin). */
  namespaceClaim?: NamespaceClaim;
  /** SSE heartbeat interval; default 15 s. */
  heartbeatMs?: number;
  /** Request time, live streams per token, pushes per token (http/limits.ts has the defaults). */
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  store: { kind: Db['kind']; description: string };
  /** Direct admin operations on the store (for tests and the CLI). */
  admin: AdminApi;
  /** The store itself, for tests that need to look underneath. */
  db: Db;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** Opens the store (migrating it), starts listening, and returns a handle to stop it. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  let app: ZodApp | null = null;
  const log = {
    warn: (detail: object, message: string) => app?.log.warn(detail, message),
    error: (detail: object, message: string) => app?.log.error(detail, message),
  };
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app?.close();
      await stopAccessWatch?.();
      await feed.close();
      await db.close();
    })();
    return closing;
  };
  const db = await openStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    onError: (err) => log.error({ err }, 'store error'),
    onLockCompromised: (err) => {
      // Another process may now write the folder: stop serving at once rather than corrupt it.
      log.error({ err }, 'data folder lock lost; shutting down');
      void close();
    },
  });
  const feed = new ChangeFeed(db, log);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const streams = new OpenStreams(db, limits.streamsPerToken, log);
  let stopAccessWatch: (() => Promise<void>) | null = null;
  const host = options.host ?? DEFAULT_HOST;
  try {
    app = buildApp(
      {
        db,
        feed,
        streams,
        limits,
        adminToken: options.adminToken,
        heartbeatMs: options.heartbeatMs ?? 15_000,
        namespaceClaim: options.namespaceClaim,
      },
      { level: options.logLevel ?? 'info', stream: options.logStream },
    );
    await feed.start();
    // A revoked token or a suspended user loses its live streams, whichever process made the change.
    stopAccessWatch = await db.listen(ACCESS_CHANNEL, {
      message: (user) => void streams.recheck(user),
      reconnected: () => void streams.recheck(),
    });
    await app.listen({ port: options.port ?? DEFAULT_PORT, host });
  } catch (err) {
    await close();
    throw err;
  }
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store: { kind: db.kind, description: db.description },
    admin: storeAdmin(db),
    db,
    close,
  };
}
