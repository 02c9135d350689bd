import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { BridgeError, type EventPayload } from '../../src-shared/bridge/contract.js';
import { BRIDGE_REFUSED_REASON } from '../../src-shared/bridge/launch-key.js';
import { startHost, type RunningHost } from '../../src-main/host/start-host.js';
import { createWsBridge, type SocketLike, type WsBridge } from './ws-bridge.js';

let tmp: string;
let dataDir: string;
let rendererDir: string;
const cleanups: Array<() => unknown> = [];

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tether-wsbridge-'));
  dataDir = join(tmp, 'data');
  rendererDir = join(tmp, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Tether</title>');
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(tmp, { recursive: true, force: true });
});

/** A launcher's key, kept across restarts of the host (as bench/host-client.ts does). */
const launcherKey = 'k'.repeat(43);

async function host(port = 0, bridgeKey = launcherKey): Promise<RunningHost> {
  const h = await startHost({ port, dataDir, rendererDir, userName: 'alice', bridgeKey });
  cleanups.push(() => h.close());
  return h;
}

/** A bridge as a page served from 127.0.0.1:port would open it (the Origin a browser would send). */
function bridgeTo(port: number, opts: { offlineTimeoutMs?: number; key?: string } = {}): WsBridge {
  const bridge = createWsBridge({
    url: `ws://127.0.0.1:${port}/bridge?key=${opts.key ?? launcherKey}`,
    connect: (url) => new WebSocket(url, { origin: `http://127.0.0.1:${port}` }) as unknown as SocketLike,
    backoff: { initialMs: 20, maxMs: 100 },
    ...opts,
  });
  cleanups.push(() => bridge.close());
  return bridge;
}

function nextEvent<T>(subscribe: (listener: (payload: T) => void) => () => void): Promise<T> {
  return new Promise((done) => {
    const off = subscribe((payload) => {
      off();
      done(payload);
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BridgeError);
  return err as BridgeError;
}

const report = { unsyncedOps: 1, conflicts: 0, queueSize: 4, lastSyncedAt: null };

describe('createWsBridge against the real host', () => {
  it('calls app.getInfo and gets a checked, typed result', async () => {
    const h = await host();
    const info = await bridgeTo(h.port).call('app.getInfo');
    expect(info).toMatchObject({ shell: 'browser', userName: 'alice', dataDir });
    expect(info.instanceId).toBe(h.core.info.instanceId);
  });

  it('delivers status.changed to every page after one of them reports', async () => {
    const h = await host();
    const reporter = bridgeTo(h.port);
    const watcher = bridgeTo(h.port);
    await Promise.all([reporter.call('status.get'), watcher.call('status.get')]);
    const heard = nextEvent<EventPayload<'status.changed'>>((l) => watcher.on('status.changed', l));
    await expect(reporter.call('status.report', report)).resolves.toBeUndefined();
    expect(await heard).toMatchObject({ ...report, state: 'local-only' });
  });

  it('turns a refused call into a BridgeError and nothing changes', async () => {
    const h = await host();
    const bridge = bridgeTo(h.port);
    const before = await bridge.call('status.get');
    const err = await rejection(bridge.call('status.report', { ...report, queueSize: 1.5 }));
    expect(err).toMatchObject({ code: 'bad_request', retryable: false });
    expect(await bridge.call('status.get')).toEqual(before);
    const unknown = await rejection((bridge.call as (m: string) => Promise<unknown>)('items.nuke'));
    expect(unknown.code).toBe('not_found');
  });

  it('holds calls while the host is down and sends them once it is back on the same port', async () => {
    const first = await host();
    const port = first.port;
    const bridge = bridgeTo(port);
    const id = (await bridge.call('app.getInfo')).instanceId;
    await first.close();
    await new Promise((r) => setTimeout(r, 50)); // let the page notice the drop
    const waiting = bridge.call('app.getInfo');
    const greeted = nextEvent<EventPayload<'status.changed'>>((l) => bridge.on('status.changed', l));
    await new Promise((r) => setTimeout(r, 150));
    await host(port);
    expect((await waiting).instanceId).toBe(id);
    expect((await greeted).state).toBe('local-only');
  });

  it("fails calls at once with the host's reason when the page lacks this launch's key", async () => {
    const h = await host(0, 'n'.repeat(43));
    const bridge = bridgeTo(h.port, { offlineTimeoutMs: 60_000 });
    const started = Date.now();
    const err = await rejection(bridge.call('status.report', report));
    expect(err).toMatchObject({ code: 'forbidden', retryable: false, message: BRIDGE_REFUSED_REASON });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await rejection(bridge.call('status.get'))).message).toBe(BRIDGE_REFUSED_REASON);
    expect(h.core.status.get().unsyncedOps).toBe(0);
  });

  it('fails a call as offline when no host comes back in time', async () => {
    const h = await host();
    const port = h.port;
    await h.close();
    const started = Date.now();
    const err = await rejection(bridgeTo(port, { offlineTimeoutMs: 300 }).call('status.get'));
    expect(err).toMatchObject({ code: 'offline', retryable: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('fails waiting calls when the bridge is closed', async () => {
    const bridge = bridgeTo(1, { offlineTimeoutMs: 60_000 });
    const waiting = bridge.call('status.get');
    bridge.close();
    expect((await rejection(waiting)).code).toBe('offline');
  });
});

describe('createWsBridge against a misbehaving main', () => {
  /** A real socket server that answers each call with the frames `answer` returns (or drops the connection). */
  async function fakeMain(answer: (call: { id: number }) => unknown[] | 'hang-up'): Promise<number> {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => new Promise((r) => wss.close(r)));
    wss.on('connection', (ws) =>
      ws.on('message', (data) => {
        const reply = answer(JSON.parse(String(data)) as { id: number });
        if (reply === 'hang-up') ws.terminate();
        else for (const frame of reply) ws.send(JSON.stringify(frame));
      }),
    );
    await new Promise((r) => wss.once('listening', r));
    return (wss.address() as { port: number }).port;
  }

  it('refuses a result that does not match the contract', async () => {
    const port = await fakeMain(({ id }) => [{ kind: 'result', id, ok: true, result: { version: 1 } }]);
    const err = await rejection(bridgeTo(port).call('app.getInfo'));
    expect(err.code).toBe('internal');
    expect(err.message).toContain('could not read the answer to that request');
    expect(err.message).not.toContain('app.getInfo');
  });

  it('fails a sent call as offline when the connection drops before the answer, without resending it', async () => {
    let calls = 0;
    const port = await fakeMain(() => (calls++, 'hang-up'));
    const err = await rejection(bridgeTo(port).call('status.get'));
    expect(err).toMatchObject({ code: 'offline', retryable: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(1);
  });

  it('ignores malformed and unknown events and still delivers good ones', async () => {
    const port = await fakeMain(({ id }) => [
      { kind: 'event', event: 'menu.command', payload: 'format.disk' },
      { kind: 'event', event: 'secrets.leaked', payload: 'x' },
      'not a frame',
      { kind: 'event', event: 'menu.command', payload: 'item.new' },
      { kind: 'result', id, ok: true },
    ]);
    const bridge = bridgeTo(port);
    const heard: string[] = [];
    bridge.on('menu.command', (cmd) => heard.push(cmd));
    bridge.on('menu.command', () => {
      throw new Error('a broken listener');
    });
    await bridge.call('status.report', report);
    expect(heard).toEqual(['item.new']);
  });
});
