import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionInfo, RemoteChanged } from '../../src-shared/bridge/connection.js';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import { makeOp, TestClient } from '../../src-server/testing/client.js';
import type { RunningServer } from '../../src-server/server.js';
import { createStatusService } from '../status/status-service.js';
import { createConnectionService } from './connection-service.js';
import { hostSecretStore } from './secret-store.js';
import { restartServer, startScratchServer, waitFor } from './test-support.js';

let scratch: Awaited<ReturnType<typeof startScratchServer>>;
let server: RunningServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  scratch = await startScratchServer();
  server = scratch.server;
  for (const name of ['alice', 'bob']) {
    await server.admin.createUser(name);
    tokens[name] = (await server.admin.issueToken(name)).token;
  }
}, 60_000);
afterAll(async () => {
  await server.close();
  await scratch.remove();
});

async function makeService(userName = 'alice') {
  const dataDir = mkdtempSync(join(tmpdir(), 'tether-conn-'));
  const infos: ConnectionInfo[] = [];
  const changes: RemoteChanged[] = [];
  const status = createStatusService();
  const store = hostSecretStore(dataDir);
  const service = await createConnectionService({
    store,
    status,
    localUserName: userName,
    onInfo: (info) => infos.push(info),
    onRemoteChanged: (changed) => changes.push(changed),
    heartbeatMs: 100,
    streamMinDelayMs: 50,
    streamMaxDelayMs: 200,
  });
  return { service, status, store, infos, changes, dataDir };
}

describe('connection service', () => {
  it('tests a token without storing it, and reports a bad one as a message', async () => {
    const { service, dataDir, status } = await makeService();
    const ok = await service.test({ serverUrl: server.url, token: tokens.alice! });
    expect(ok).toMatchObject({ ok: true, userName: 'alice' });
    const bad = await service.test({ serverUrl: server.url, token: 'nope' });
    expect(bad.ok).toBe(false);
    expect(existsSync(join(dataDir, 'credentials.json'))).toBe(false);
    expect(service.get().state).toBe('none');
    expect(status.get().state).toBe('local-only');
  });

  it("refuses another user's token and stores nothing", async () => {
    const { service, dataDir, infos } = await makeService('alice');
    const err: unknown = await service
      .set({ serverUrl: server.url, token: tokens.bob! })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).message).toBe(
      "This token belongs to 'bob', but this Tether profile is 'alice'",
    );
    const refused: unknown = await service
      .set({ serverUrl: server.url, token: 'nope' })
      .catch((e: unknown) => e);
    expect((refused as BridgeError).code).toBe('unauthorized');
    expect(existsSync(join(dataDir, 'credentials.json'))).toBe(false);
    expect(service.get()).toMatchObject({ state: 'none', serverUrl: null });
    expect(infos).toEqual([]);
  });

  it('signs in, forwards pushes from others as remote.changed, comes back after a restart, signs out', async () => {
    const { service, status, store, infos, changes } = await makeService('alice');
    const info = await service.set({ serverUrl: `${server.url}/`, token: tokens.alice! });
    expect(info).toMatchObject({ serverUrl: server.url, userName: 'alice', state: 'online' });
    expect((await store.get())?.token).toBe(tokens.alice);
    expect(status.get()).toMatchObject({ serverConfigured: true, state: 'synced' });
    // The stream's hello counts as a change: whatever happened before it is pulled.
    // The stream's hello counts as a change: whatever happened before it is pulled (releases too).
    expect(changes[0]?.topics).toEqual(['ops', 'branches', 'namespaces', 'approvals', 'releases']);

    const before = changes.length;
    const bob = new TestClient(server.url, tokens.bob!);
    expect((await bob.post('/v1/ops/push', { ops: [makeOp('bob')] })).status).toBe(200);
    const pushed = await waitFor(() => changes.slice(before).find((c) => c.topics.includes('ops')));
    expect(pushed.changeSeq).toBeGreaterThan(0);

    // Server goes away: offline, and the status bar says so.
    const { port } = server;
    await server.close();
    await waitFor(() => service.get().state === 'offline');
    expect(status.get().state).toBe('offline');
    const seenBeforeRestart = changes.length;
    server = await restartServer(scratch.dir, port);
    await waitFor(() => service.get().state === 'online', 15_000);
    await waitFor(() => changes.length > seenBeforeRestart);
    expect(infos.map((i) => i.state)).toContain('offline');
    expect(status.get().state).toBe('synced');

    // Paused (travel mode): requests stay on the machine; resuming reconnects the stream.
    service.setPaused(true);
    const paused: unknown = await service.client.me().catch((e: unknown) => e);
    expect((paused as BridgeError).code).toBe('offline');
    const seenBeforeResume = changes.length;
    service.setPaused(false);
    await waitFor(() => changes.length > seenBeforeResume);

    const out = await service.signOut();
    expect(out).toEqual({ serverUrl: null, userName: null, state: 'none', lastError: null, checkedAt: null });
    expect(await store.get()).toBeNull();
    expect(status.get().state).toBe('local-only');
    service.dispose();
  }, 40_000);

  it('picks up stored credentials on start, and reports a revoked token as unauthorized', async () => {
    await server.admin.createUser('carol');
    const issued = await server.admin.issueToken('carol');
    const first = await makeService('carol');
    await first.service.set({ serverUrl: server.url, token: issued.token });
    first.service.dispose();

    const infos: ConnectionInfo[] = [];
    const status = createStatusService();
    const again = await createConnectionService({
      store: first.store,
      status,
      localUserName: 'carol',
      onInfo: (info) => infos.push(info),
      onRemoteChanged: () => undefined,
      streamMinDelayMs: 50,
      streamMaxDelayMs: 200,
    });
    await waitFor(() => again.get().state === 'online');
    await server.admin.revokeToken(issued.tokenId);
    // An open stream keeps going; a request with the revoked token is refused.
    const err: unknown = await again.client.me().catch((e: unknown) => e);
    expect((err as BridgeError).code).toBe('unauthorized');
    expect(again.get().state).toBe('unauthorized');
    expect(status.get().state).toBe('failed');
    expect(status.get().message).toMatch(/^Sync failed: The server refused the token/);
    expect(infos.at(-1)?.state).toBe('unauthorized');
    again.dispose();
  });
});
