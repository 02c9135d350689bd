/**
 * Vitest hooks for the sync integration tests: one sync server per describe
 * block, reset before each case, and the clients a case opened closed after
 * it. Kept apart from sync-clients.ts so the benches never import vitest.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { BackendName } from '../src-server/testing/harness.js';
import { openSyncClient, startSyncServer, type SyncClient, type SyncServer } from './sync-clients.js';

export interface SyncWorld {
  readonly server: SyncServer;
  client(user: string, opts?: Parameters<typeof openSyncClient>[2]): Promise<SyncClient>;
}

export function useSyncWorld(backend: BackendName, users: string[]): SyncWorld {
  let server: SyncServer | null = null;
  const clients: SyncClient[] = [];
  const closeClients = async () => {
    for (const client of clients.splice(0)) await client.close();
  };
  beforeAll(async () => {
    server = await startSyncServer(backend, users);
  });
  afterAll(async () => {
    await closeClients();
    await server?.destroy();
  });
  beforeEach(async () => {
    await closeClients();
    await server?.reset();
  });
  return {
    get server() {
      if (!server) throw new Error('the sync server has not started');
      return server;
    },
    async client(user, opts = {}) {
      if (!server) throw new Error('the sync server has not started');
      const c = await openSyncClient(server, user, opts);
      clients.push(c);
      return c;
    },
  };
}
