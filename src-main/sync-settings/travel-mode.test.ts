import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../src-shared/bridge/dispatch.js';
import { createMainCore, type MainCore } from '../core.js';
import { startHost } from '../host/start-host.js';
import { startFakeServer, waitFor } from '../remote/test-support.js';
import { SYNC_SETTINGS_FILE } from './settings-file.js';

/**
 * Travel mode end to end in main: a stand-in server counts every request, so
 * "no network use" is measured, not assumed; a second core on the same data
 * folder is a restart.
 */
let requests = 0;
let fake: Awaited<ReturnType<typeof startFakeServer>>;
let tmp: string;

beforeAll(async () => {
  fake = await startFakeServer((req, res) => {
    requests++;
    if (req.url?.startsWith('/v1/me')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ user: { name: 'alice' }, ownedNamespaces: [], serverTime: Date.now() }));
    } else res.destroy(); // the live stream and everything else just fail: we only count
  });
  tmp = await mkdtemp(join(tmpdir(), 'tether-travel-'));
});
afterAll(async () => {
  await fake.close();
  await rm(tmp, { recursive: true, force: true });
});

const start = (dir: string) =>
  createMainCore({ dataDir: join(tmp, dir), userName: 'alice', shell: 'browser', version: '0' });
const callOn = (core: MainCore) => (method: string, params?: unknown) =>
  dispatchCall(core.handlers, method, params);

describe('travel mode', () => {
  it('stops all network use, survives a restart, and resumes when switched off', async () => {
    const first = await start('a');
    const call = callOn(first);
    const me = await call('connection.set', { serverUrl: fake.url, token: 't' });
    expect(me).toMatchObject({ ok: true });
    const on = await call('travel.set', { on: true, keepOffline: ['Acme'] });
    expect(on).toMatchObject({ ok: true, result: { travelMode: true, keepOffline: ['Acme'] } });
    expect(first.status.get()).toMatchObject({ state: 'offline', travelMode: true });
    first.dispose();

    // Restart: the saved setting holds before the first request.
    await new Promise((r) => setTimeout(r, 100));
    requests = 0;
    const second = await start('a');
    const again = callOn(second);
    expect(await again('sync.getSettings')).toMatchObject({ ok: true, result: { travelMode: true } });
    expect(second.status.get().message).toMatch(/^Travel mode — sync paused/);
    const refused = await again('remote.pullOps', { branch: 'main' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'offline' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toBe(0);

    // Off: the connection starts again (the live stream is the first request).
    const off = await again('travel.set', { on: false });
    expect(off).toMatchObject({ ok: true, result: { travelMode: false, keepOffline: ['Acme'] } });
    await waitFor(() => requests > 0);
    expect(second.status.get().travelMode).toBe(false);
    second.dispose();
  });

  it('a host started with --server/--token in travel mode makes no request, not even the sign-in', async () => {
    // The host's own start path (browser mode), not just the core: `--server/--token` is given every time.
    const hostAt = (serverUrl: string) =>
      startHost({
        port: 0,
        dataDir: join(tmp, 'host'),
        rendererDir: join(tmp, 'no-renderer'),
        userName: 'alice',
        signIn: { serverUrl, token: 't' },
      });
    const first = await hostAt(fake.url);
    expect(first.core.connection.get()).toMatchObject({ serverUrl: fake.url, state: 'online' });
    await first.core.syncSettings.setTravel({ on: true });
    await first.close();

    await new Promise((r) => setTimeout(r, 100));
    requests = 0;
    const second = await hostAt(fake.url);
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toBe(0);
    expect(second.notices.join('\n')).toMatch(/Travel mode is on/);
    expect(second.core.status.get().message).toMatch(/^Travel mode — sync paused/);
    await second.close();

    // Another server on the command line: not signed in to it (that would need the network), not stored.
    const other = await startFakeServer((_req, res) => {
      requests++;
      res.destroy();
    });
    const third = await hostAt(other.url);
    expect(third.notices.join('\n')).toContain(`did not sign in to ${other.url}`);
    expect(third.core.connection.get().serverUrl).toBe(fake.url);
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toBe(0);
    // Even asked directly, the connection refuses while travelling.
    await expect(third.core.connection.set({ serverUrl: other.url, token: 't' })).rejects.toThrow(
      /Travel mode is on/,
    );
    expect(await third.core.connection.test({ serverUrl: other.url, token: 't' })).toMatchObject({
      ok: false,
    });
    expect(requests).toBe(0);
    await third.close();
    await other.close();
  });

  it('persists the sync strategy and refuses bad input without changing anything', async () => {
    const core = await start('b');
    const call = callOn(core);
    expect(await call('sync.getSettings')).toMatchObject({ ok: true, result: { strategy: 'eager' } });
    const set = await call('sync.setStrategy', { strategy: 'periodic', intervalMinutes: 5 });
    expect(set).toMatchObject({ ok: true, result: { strategy: 'periodic', intervalMinutes: 5 } });
    for (const bad of [
      { strategy: 'sometimes' },
      { strategy: 'periodic', intervalMinutes: 0 },
      { strategy: 'periodic', intervalMinutes: 2.5 },
    ]) {
      expect(await call('sync.setStrategy', bad)).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    }
    expect(await call('travel.set', { on: true, keepOffline: ['not a namespace!'] })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    const saved = JSON.parse(await readFile(join(tmp, 'b', SYNC_SETTINGS_FILE), 'utf8')) as unknown;
    expect(saved).toMatchObject({ strategy: 'periodic', intervalMinutes: 5, travelMode: false });
    core.dispose();
    const restarted = await start('b');
    expect(restarted.syncSettings.get()).toMatchObject({ strategy: 'periodic', intervalMinutes: 5 });
    restarted.dispose();
  });

  it('falls back to the defaults on a damaged settings file and keeps the damaged one aside', async () => {
    const dir = join(tmp, 'c');
    const core0 = await start('c');
    core0.dispose();
    await writeFile(join(dir, SYNC_SETTINGS_FILE), '{ "travelMode": "yes"');
    const core = await start('c');
    expect(core.syncSettings.get()).toMatchObject({ strategy: 'eager', travelMode: false });
    expect((await readdir(dir)).some((f) => f.startsWith(`${SYNC_SETTINGS_FILE}.damaged-`))).toBe(true);
    core.dispose();
  });

  it('goes offline at once when the OS says the network is gone, and back when it returns', async () => {
    const core = await start('d');
    const call = callOn(core);
    await call('connection.set', { serverUrl: fake.url, token: 't' });
    expect(core.status.get().state).not.toBe('offline');
    expect(await call('network.report', { online: false })).toMatchObject({ ok: true });
    expect(core.status.get()).toMatchObject({ state: 'offline' });
    expect(core.status.get().message).toMatch(/^Offline \(no network\)/);
    expect(await call('network.report', { online: 'yes' })).toMatchObject({ ok: false });
    await call('network.report', { online: true });
    expect(core.status.get().message).not.toMatch(/no network/);
    // No native notifier in browser mode: a clear refusal.
    const note = await call('notify.show', { key: 'k', title: 't', body: 'b' });
    expect(note).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    core.dispose();
  });
});
