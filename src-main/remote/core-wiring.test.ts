import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../src-shared/bridge/dispatch.js';
import { makeOp } from '../../src-server/testing/client.js';
import { createMainCore } from '../core.js';
import type { BridgeEventMessage } from '../events/event-hub.js';
import { startHost } from '../host/start-host.js';
import { startScratchServer, waitFor } from './test-support.js';

let scratch: Awaited<ReturnType<typeof startScratchServer>>;
let tmp: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  scratch = await startScratchServer();
  tmp = await mkdtemp(join(tmpdir(), 'tether-wiring-'));
  for (const name of ['alice', 'bob']) {
    await scratch.server.admin.createUser(name);
    tokens[name] = (await scratch.server.admin.issueToken(name)).token;
  }
}, 60_000);
afterAll(async () => {
  await scratch.server.close();
  await scratch.remove();
  await rm(tmp, { recursive: true, force: true });
});

describe('main core: connection.* and remote.* over the bridge', () => {
  it('signs in through connection.set, then remote.* reach the server; bad params change nothing', async () => {
    const core = await createMainCore({
      dataDir: join(tmp, 'a'),
      userName: 'alice',
      shell: 'browser',
      version: '0',
    });
    const events: BridgeEventMessage[] = [];
    core.events.subscribe((e) => events.push(e));
    try {
      const call = (method: string, params?: unknown) => dispatchCall(core.handlers, method, params);
      expect(await call('remote.me')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      const set = await call('connection.set', { serverUrl: scratch.server.url, token: tokens.alice });
      expect(set).toMatchObject({ ok: true, result: { userName: 'alice', state: 'online' } });
      expect(events.some((e) => e.event === 'connection.changed')).toBe(true);
      expect(core.status.get()).toMatchObject({ serverConfigured: true, state: 'synced' });

      const op = makeOp('alice');
      const push = await call('remote.pushOps', { ops: [op] });
      expect(push).toMatchObject({ ok: true, result: { acks: [{ id: op.id }] } });
      const pull = await call('remote.pullOps', { branch: 'main' });
      expect(pull.ok && JSON.stringify(pull.result)).toContain(op.id);
      const bad = await call('remote.pullOps', { branch: 'main', limit: 0 });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      // The stream's hello and the push both arrive as remote.changed.
      await waitFor(() => events.filter((e) => e.event === 'remote.changed').length >= 2);

      // What the renderer can learn never includes the token.
      const info = await call('connection.get');
      expect(JSON.stringify(info)).not.toContain(tokens.alice);
    } finally {
      core.dispose();
    }
  });

  it('host --server/--token: a wrong-user token stops the start and stores nothing', async () => {
    const dataDir = join(tmp, 'host-bob');
    const rendererDir = join(tmp, 'no-renderer');
    await expect(
      startHost({
        port: 0,
        dataDir,
        rendererDir,
        userName: 'alice',
        signIn: { serverUrl: scratch.server.url, token: tokens.bob! },
      }),
    ).rejects.toThrow("This token belongs to 'bob', but this Tether profile is 'alice'");
    expect(existsSync(join(dataDir, 'credentials.json'))).toBe(false);

    const host = await startHost({
      port: 0,
      dataDir: join(tmp, 'host-alice'),
      rendererDir,
      userName: 'alice',
      signIn: { serverUrl: scratch.server.url, token: tokens.alice! },
    });
    try {
      expect(host.core.connection.get()).toMatchObject({ state: 'online', userName: 'alice' });
    } finally {
      await host.close();
    }
  });
});
