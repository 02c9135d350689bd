/**
 * Sync clients that reach the server through the fault proxy, with main's
 * live stream (SSE) going through it too, so resets can land in the middle of
 * a push answer, a pull page or the stream. Plus the end-of-test steps:
 * sync until every client is settled, and read the replicas for the verdict.
 */
import { startLiveStream } from '../src-main/remote/live-stream.js';
import { encodeHlc } from '../src-shared/clock/hlc.js';
import type { Op } from '../src-shared/model/index.js';
import type { FaultProxy } from '../src-server/testing/fault-proxy.js';
import type { ReplicaState } from './reliability-checks.js';
import { openSyncClient, viewContents, type SyncClient, type SyncServer } from './sync-clients.js';

/** What the end-of-test steps need of a client: in-process or host-backed alike. */
export type ClientParts = Pick<SyncClient, 'user' | 'db' | 'ws' | 'engine'>;

export async function openFaultyClient(
  server: SyncServer,
  proxy: FaultProxy,
  user: string,
  opts: Parameters<typeof openSyncClient>[2] = {},
): Promise<SyncClient> {
  const token = server.tokens.get(user) ?? '';
  // The remote client reads `url` on every request: this view of the server points at the proxy.
  const viaProxy: SyncServer = Object.create(server, { url: { get: () => proxy.url } }) as SyncServer;
  return openSyncClient(viaProxy, user, {
    ...opts,
    onRemoteChanged: (listener) => {
      const stream = startLiveStream({
        endpoint: { serverUrl: proxy.url, token },
        handlers: { onOpen: listener, onEvent: listener, onDown: () => undefined },
        minDelayMs: 100,
        maxDelayMs: 1_000,
      });
      return () => stream.stop();
    },
  });
}

/**
 * Syncs every client until one full round succeeds for all of them with
 * nothing left unacknowledged: faults may fail any single sync, so each is
 * retried, up to `deadline`.
 */
export async function syncUntilSettled(clients: readonly ClientParts[], deadlineMs: number): Promise<number> {
  const end = Date.now() + deadlineMs;
  let attempts = 0;
  for (;;) {
    let settled = true;
    for (const client of clients) {
      attempts += 1;
      try {
        await client.engine.syncNow();
        if ((await client.db.ops.unacknowledged()).length > 0) settled = false;
      } catch {
        settled = false;
      }
    }
    // A round where nobody failed may still have pulled news others lack: one more clean round.
    if (settled && (await allCaughtUp(clients))) return attempts;
    if (Date.now() > end) throw new Error(`clients did not settle within ${deadlineMs} ms`);
  }
}

async function allCaughtUp(clients: readonly ClientParts[]): Promise<boolean> {
  const counts = await Promise.all(clients.map((c) => c.db.ops.count()));
  return counts.every((n) => n === counts[0]);
}

export async function replicaOf(client: ClientParts, name = client.user): Promise<ReplicaState> {
  const ops = await client.db.ops.all();
  return { name, opIds: ops.map((op) => op.id), view: viewContents(client.ws) };
}

/** Every op row's id on the server (one entry per row, so a repeat would show). */
export async function serverOpIds(server: SyncServer): Promise<string[]> {
  const rows = await server.running.db.query<{ id: string }>('SELECT id FROM ops ORDER BY server_seq');
  return rows.map((row) => row.id);
}

/** `count` create ops by `author`, each its own item, stamped in clock order from `wallMs`. */
export function bulkOps(author: string, count: number, wallMs = 1_700_000_000_000): Op[] {
  const node = `inst-${author}-bulk`;
  return Array.from({ length: count }, (_, i) => ({
    id: `bulk-${author}-${String(i).padStart(6, '0')}`,
    itemId: `item-${author}-${String(i).padStart(6, '0')}`,
    branchId: 'main',
    type: 'create' as const,
    path: `Acme.Bulk${author}.item${i}`,
    kind: 'fn' as const,
    content: `export const v = ${i};`,
    parents: [],
    author,
    instanceId: node,
    hlc: encodeHlc({ wall: wallMs + i, counter: 0, node }),
  }));
}
