import { describe, expect, it, vi } from 'vitest';
import type { ConnectionService } from '../remote/connection-service.js';
import { createConnectionHandlers } from './connection.js';

function fakeConnection(paused: boolean) {
  const test = vi.fn(async () => ({ ok: true as const, userName: 'alice', serverTime: 1 }));
  const set = vi.fn(async () => ({
    serverUrl: 'http://s',
    userName: 'alice',
    state: 'online' as const,
    lastError: null,
    checkedAt: 1,
  }));
  const connection = { client: { paused }, test, set } as unknown as ConnectionService;
  return { handlers: createConnectionHandlers(connection), test, set };
}

const credentials = { serverUrl: 'http://127.0.0.1:1', token: 'secret' };

// Travel mode is refused by the connection service itself: sync-settings/travel-mode.test.ts.
describe('connection handlers', () => {
  it('hand test and connect to the connection service', async () => {
    const { handlers, test, set } = fakeConnection(false);
    expect(await handlers['connection.test'](credentials)).toMatchObject({ ok: true, userName: 'alice' });
    expect(await handlers['connection.set'](credentials)).toMatchObject({ state: 'online' });
    expect(test).toHaveBeenCalledOnce();
    expect(set).toHaveBeenCalledOnce();
  });
});
