import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { BRIDGE_REFUSED_CLOSE, BRIDGE_REFUSED_REASON } from '../../src-shared/bridge/launch-key.js';
import { startHost, type RunningHost, type StartHostOptions } from './start-host.js';
import { closeSockets, openSocket, rawGet, WireClient } from './testing/wire-client.js';

/**
 * The host's bridge acts as the signed-in user, so it is tried here the way
 * another local process or a web page would: right Origin without the key,
 * a forged Host (DNS rebinding), a bind to the network.
 */
let tmp: string;
let rendererDir: string;
const hosts: RunningHost[] = [];

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tether-trust-'));
  rendererDir = join(tmp, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><p>the page</p>');
});

afterEach(async () => {
  closeSockets();
  for (const host of hosts.splice(0)) await host.close();
  await rm(tmp, { recursive: true, force: true });
});

async function start(opts: Partial<StartHostOptions> = {}): Promise<RunningHost> {
  const host = await startHost({
    port: 0,
    dataDir: join(tmp, 'data'),
    rendererDir,
    userName: 'alice',
    ...opts,
  });
  hosts.push(host);
  return host;
}

const report = { unsyncedOps: 9, conflicts: 9, queueSize: 9, lastSyncedAt: 1 };

/** Opens a socket the way a page of ours would (its Origin), sends a call at once, and records what comes back. */
function tryCall(
  host: RunningHost,
  key: string | null,
): Promise<{ code: number; reason: string; frames: string[] }> {
  const ws: WebSocket = openSocket(host.port, { origin: host.origin, key });
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(String(data)));
  ws.on('open', () =>
    ws.send(JSON.stringify({ kind: 'call', id: 1, method: 'status.report', params: report })),
  );
  return new Promise((done, fail) => {
    ws.once('error', fail);
    ws.once('close', (code, reason) => done({ code, reason: String(reason), frames }));
  });
}

describe('the bridge key', () => {
  it('closes a socket with our Origin but no key, a wrong key or the last launch key, and nothing is called', async () => {
    const first = await start();
    const lastLaunchKey = first.bridgeKey;
    const port = first.port;
    await first.close();
    const host = await start({ port });
    expect(host.bridgeKey).not.toBe(lastLaunchKey);
    const watcher = await WireClient.open(host);
    await watcher.event('status.changed'); // its greeting
    const before = await watcher.call(1, 'status.get');

    const wrong = `${host.bridgeKey.slice(0, -1)}${host.bridgeKey.endsWith('A') ? 'B' : 'A'}`;
    for (const key of [null, '', wrong, lastLaunchKey, `${host.bridgeKey}x`]) {
      const refused = await tryCall(host, key);
      expect(refused, `key ${JSON.stringify(key)}`).toEqual({
        code: BRIDGE_REFUSED_CLOSE,
        reason: BRIDGE_REFUSED_REASON,
        frames: [], // no greeting, no result: the call never ran
      });
    }
    expect(await watcher.call(2, 'status.get')).toEqual({ ...before, id: 2 });
    await expect(watcher.event('status.changed', 300)).rejects.toThrow('No matching frame');
  });

  it('lets the page with the key call, and each launch makes its own key', async () => {
    const a = await start();
    const b = await start({ dataDir: join(tmp, 'other') });
    expect(a.bridgeKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.bridgeKey).not.toBe(a.bridgeKey);
    expect(a.url).toBe(`${a.origin}/?key=${a.bridgeKey}`);
    const client = await WireClient.open(a);
    expect(await client.call(1, 'status.report', report)).toMatchObject({ ok: true });
  });

  it('refuses a weak key from the launcher', async () => {
    await expect(start({ bridgeKey: 'secret' })).rejects.toThrow(/bridge key must be/);
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('answers HTTP only for its own loopback names and port', async () => {
    const host = await start();
    for (const name of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `[::1]:${host.port}`]) {
      expect((await rawGet(host.port, '/', { host: name })).body, name).toContain('the page');
    }
    for (const name of [
      `evil.example:${host.port}`,
      'evil.example',
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
    ]) {
      const res = await rawGet(host.port, '/', { host: name });
      expect(res.status, name).toBe(403);
      expect(res.body, name).toBe('Unknown host name');
    }
  });

  it('refuses an upgrade with a forged Host even with our Origin and the key', async () => {
    const host = await start();
    const forged = openSocket(host.port, {
      origin: host.origin,
      key: host.bridgeKey,
      headers: { host: `rebind.evil.example:${host.port}` },
    });
    await expect(new Promise((_, fail) => forged.once('error', fail))).rejects.toThrow(/403/);
    const page = await WireClient.open(host, `http://localhost:${host.port}`, host.bridgeKey, {
      host: `localhost:${host.port}`,
    });
    expect(await page.call(1, 'status.get')).toMatchObject({ ok: true });
  });
});

describe('listening beyond loopback', () => {
  it('is refused unless allowed, and then answers at the machine address', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0.*--allow-remote/,
    );
    const host = await start({ host: '0.0.0.0', allowRemote: true });
    const address = Object.values(networkInterfaces())
      .flat()
      .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
    if (!address) return console.log('No non-loopback IPv4 address here: checked loopback names only');
    expect((await rawGet(host.port, '/', { host: `${address}:${host.port}` })).status).toBe(200);
    expect((await rawGet(host.port, '/', { host: `evil.example:${host.port}` })).status).toBe(403);
  });
});
