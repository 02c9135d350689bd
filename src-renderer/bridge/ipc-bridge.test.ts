import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeError, type EventPayload } from '../../src-shared/bridge/contract.js';
import { dispatchCall } from '../../src-shared/bridge/dispatch.js';
import type { PreloadApi } from '../../src-shared/bridge/preload-api.js';
import { createMainCore, type MainCore } from '../../src-main/core.js';
import { bridgeUrl, getBridge } from './index.js';
import { createIpcBridge } from './ipc-bridge.js';

let dir: string;
let core: MainCore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tether-ipcbridge-'));
  core = await createMainCore({ dataDir: dir, userName: 'ivy', shell: 'electron', version: '9.9.9' });
});
afterEach(async () => {
  core.dispose();
  await rm(dir, { recursive: true, force: true });
});

/**
 * What the preload + ipc.ts pair does, in process: the same dispatchCall, and
 * structuredClone standing in for IPC's serialisation (so class instances and
 * functions would not survive, exactly as over IPC).
 */
function inProcessPreload(main: MainCore): PreloadApi {
  return {
    call: async (method, params) =>
      structuredClone(await dispatchCall(main.handlers, method, structuredClone(params))),
    on: (event, listener) =>
      main.events.subscribe((m) => {
        if (m.event === event) listener(structuredClone(m.payload));
      }),
  };
}

describe('createIpcBridge', () => {
  it('calls main and checks the result', async () => {
    const bridge = createIpcBridge(inProcessPreload(core));
    expect(await bridge.call('app.getInfo')).toEqual({ ...core.info, shell: 'electron', version: '9.9.9' });
  });

  it('delivers status.changed after a report, and stops after unsubscribe', async () => {
    const bridge = createIpcBridge(inProcessPreload(core));
    const heard: EventPayload<'status.changed'>[] = [];
    const off = bridge.on('status.changed', (s) => heard.push(s));
    await bridge.call('status.report', { unsyncedOps: 0, conflicts: 2, queueSize: 0, lastSyncedAt: null });
    off();
    await bridge.call('status.report', { unsyncedOps: 5, conflicts: 2, queueSize: 0, lastSyncedAt: null });
    expect(heard).toHaveLength(1);
    expect(heard[0]?.message).toBe('Local only — no server configured · 2 conflicts');
  });

  it('rebuilds BridgeError from a refused call, and nothing changes', async () => {
    const bridge = createIpcBridge(inProcessPreload(core));
    const before = core.status.get();
    // @ts-expect-error -- deliberately wrong params
    const err: unknown = await bridge.call('status.report', { unsyncedOps: 'many' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect(err).toMatchObject({ code: 'bad_request' });
    expect(core.status.get()).toBe(before);
  });

  it('refuses a malformed answer from the preload', async () => {
    const bridge = createIpcBridge({ call: async () => ({ ok: 'yes' }) as never, on: () => () => {} });
    await expect(bridge.call('status.get')).rejects.toMatchObject({
      code: 'internal',
      message: /could not read the answer to that request/,
    });
  });
});

describe('getBridge', () => {
  it('uses window.tether when the Electron preload exposed it, and keeps one bridge per page', async () => {
    const g = globalThis as { window?: unknown };
    g.window = { tether: inProcessPreload(core), location: { protocol: 'file:', host: '' } };
    try {
      const bridge = getBridge();
      expect(getBridge()).toBe(bridge);
      expect((await bridge.call('app.getInfo')).userName).toBe('ivy');
    } finally {
      delete g.window;
    }
  });

  it('derives the socket URL from the page location and its launch key', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:4477' }, 'k-1')).toBe(
      'ws://127.0.0.1:4477/bridge?key=k-1',
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'tether.local' }, null)).toBe('wss://tether.local/bridge');
  });
});
