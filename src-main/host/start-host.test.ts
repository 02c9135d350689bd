import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppStatusSchema } from '../../src-shared/bridge/status.js';
import { RENDERER_NOT_BUILT } from './static-files.js';
import { startHost, type RunningHost } from './start-host.js';
import { closeSockets, openSocket, rawGet, WireClient } from './testing/wire-client.js';
import { readAppVersion } from './version.js';

let tmp: string;
let dataDir: string;
let rendererDir: string;
const hosts: RunningHost[] = [];

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tether-host-'));
  dataDir = join(tmp, 'data');
  rendererDir = join(tmp, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>Tether</title><p>fake renderer</p>',
  );
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("hi")');
  await writeFile(join(tmp, 'secret.txt'), 'do not serve me');
});

afterEach(async () => {
  closeSockets();
  for (const host of hosts.splice(0)) await host.close();
  await rm(tmp, { recursive: true, force: true });
});

async function start(
  opts: { port?: number; userName?: string; rendererDir?: string; host?: string; allowRemote?: boolean } = {},
) {
  const host = await startHost({ port: 0, dataDir, rendererDir, userName: 'alice', ...opts });
  hosts.push(host);
  return host;
}

const report = { unsyncedOps: 3, conflicts: 1, queueSize: 2, lastSyncedAt: 1_700_000_000_000 };

describe('startHost: static renderer', () => {
  it('serves index.html, assets with their MIME type, and falls back to index.html for routes', async () => {
    const host = await start();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?key=${host.bridgeKey}`);
    const index = await rawGet(host.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.body).toContain('fake renderer');
    const js = await rawGet(host.port, '/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("hi")');
    expect((await rawGet(host.port, '/branches/feature-x')).body).toContain('fake renderer');
    expect((await rawGet(host.port, '/assets/missing.js')).status).toBe(404);
  });

  it('refuses paths that climb out of the renderer folder', async () => {
    const host = await start();
    for (const path of [
      '/../../etc/passwd',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..\\secret.txt',
    ]) {
      const res = await rawGet(host.port, path);
      expect(res.status, path).toBe(400);
      expect(res.body).not.toContain('do not serve me');
      expect(res.body).not.toContain('root:');
    }
  });

  it('answers with a clear 500 when the renderer has not been built', async () => {
    const host = await start({ rendererDir: join(tmp, 'no-build') });
    const res = await rawGet(host.port, '/');
    expect(res.status).toBe(500);
    expect(res.body).toBe(RENDERER_NOT_BUILT);
  });
});

describe('startHost: bridge over WebSocket', () => {
  it('answers app.getInfo with this instance and user', async () => {
    const host = await start();
    const client = await WireClient.open(host);
    const res = await client.call(1, 'app.getInfo');
    expect(res.ok).toBe(true);
    expect(res.ok && res.result).toMatchObject({
      shell: 'browser',
      userName: 'alice',
      version: readAppVersion(),
      dataDir,
    });
    const info = res.ok ? (res.result as { instanceId: string }) : null;
    expect(info?.instanceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('greets each renderer with the status, and pushes status.changed to all of them on a report', async () => {
    const host = await start();
    const reporter = await WireClient.open(host);
    const watcher = await WireClient.open(host);
    const greeting = await watcher.event('status.changed');
    expect(greeting.payload).toMatchObject({
      state: 'local-only',
      message: 'Local only — no server configured',
    });
    await reporter.event('status.changed');

    expect(await reporter.call(7, 'status.report', report)).toMatchObject({ id: 7, ok: true });
    const pushed = AppStatusSchema.parse((await watcher.event('status.changed')).payload);
    expect(pushed).toMatchObject({ ...report, state: 'local-only', serverConfigured: false });
    const got = await watcher.call(8, 'status.get');
    expect(got.ok && got.result).toEqual(pushed);
  });

  it('refuses invalid params with bad_request and changes nothing', async () => {
    const host = await start();
    const client = await WireClient.open(host);
    await client.event('status.changed');
    const before = await client.call(1, 'status.get');
    const res = await client.call(2, 'status.report', { ...report, unsyncedOps: -5 });
    expect(res).toMatchObject({ id: 2, ok: false, error: { code: 'bad_request', retryable: false } });
    // The page reads plain words; which field was wrong goes to the host's log file.
    expect(!res.ok && res.error.message).toMatch(/^Tether could not do that: the request was not valid/);
    expect(!res.ok && res.error.message).not.toMatch(/status\.report|unsyncedOps/);
    const logFiles = await readdir(join(dataDir, 'logs'));
    const logText = await Promise.all(logFiles.map((f) => readFile(join(dataDir, 'logs', f), 'utf8')));
    expect(logText.join('')).toMatch(/"method":"status.report".*unsyncedOps/);
    expect(await client.call(3, 'status.get')).toMatchObject({
      ok: true,
      result: before.ok && before.result,
    });
    await expect(client.event('status.changed', 300)).rejects.toThrow('No matching frame');
  });

  it('answers an unknown method with not_found', async () => {
    const client = await WireClient.open(await start());
    expect(await client.call(4, 'items.dropAll')).toMatchObject({
      id: 4,
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('answers frames that are not calls with bad_request', async () => {
    const client = await WireClient.open(await start());
    client.ws.send('not json');
    expect(await client.result(-1)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    client.ws.send(JSON.stringify({ kind: 'call', id: 9 }));
    expect(await client.result(9)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await client.result(-1)).toMatchObject({
      ok: false,
      error: { message: 'Bridge frames are text' },
    });
  });

  it('refuses WebSocket upgrades from another origin or without one', async () => {
    const host = await start();
    await expect(WireClient.open(host, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(WireClient.open(host, `http://127.0.0.1:${host.port + 1}`)).rejects.toThrow(/403/);
    const noOrigin = openSocket(host.port, { key: host.bridgeKey });
    await expect(new Promise((_, fail) => noOrigin.once('error', fail))).rejects.toThrow(/403/);
    const client = await WireClient.open(host, `http://localhost:${host.port}`);
    expect(await client.call(1, 'status.get')).toMatchObject({ ok: true });
  });
});

describe('startHost: identity and port', () => {
  it('keeps the instanceId across a restart with the same data dir and port', async () => {
    const first = await start();
    const port = first.port;
    const a = await (await WireClient.open(first)).call(1, 'app.getInfo');
    await first.close();
    const second = await start({ port });
    expect(second.port).toBe(port);
    const b = await (await WireClient.open(second)).call(1, 'app.getInfo');
    const id = (r: typeof a) => (r.ok ? (r.result as { instanceId: string }).instanceId : 'error');
    expect(id(b)).toBe(id(a));
    const file = JSON.parse(await readFile(join(dataDir, 'instance.json'), 'utf8')) as { instanceId: string };
    expect(file.instanceId).toBe(id(a));
  });

  it('refuses to start on a damaged instance.json and leaves it as it was', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'instance.json'), '{"instanceId": 42}');
    await expect(start()).rejects.toThrow(/instance\.json does not hold a valid instance id/);
    expect(await readFile(join(dataDir, 'instance.json'), 'utf8')).toBe('{"instanceId": 42}');
  });

  it('says clearly when the port is taken', async () => {
    const first = await start();
    await expect(start({ port: first.port })).rejects.toThrow(`Port ${first.port} on 127.0.0.1 is in use`);
  });
});
