import { describe, expect, it, vi } from 'vitest';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import type { ConnectionService } from '../remote/connection-service.js';
import { createConnectionHandlers, TRAVEL_MODE_REFUSAL } from './connection.js';

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

describe('connection handlers and travel mode', () => {
  it('in travel mode, test and connect are refused without touching the network', async () => {
    const { handlers, test, set } = fakeConnection(true);
    expect(await handlers['connection.test'](credentials)).toEqual({ ok: false, error: TRAVEL_MODE_REFUSAL });
    const err: unknown = await handlers['connection.set'](credentials).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).code).toBe('offline');
    expect(test).not.toHaveBeenCalled();
    expect(set).not.toHaveBeenCalled();
  });

  it('otherwise they go through to the connection service', async () => {
    const { handlers, test, set } = fakeConnection(false);
    expect(await handlers['connection.test'](credentials)).toMatchObject({ ok: true, userName: 'alice' });
    expect(await handlers['connection.set'](credentials)).toMatchObject({ state: 'online' });
    expect(test).toHaveBeenCalledOnce();
    expect(set).toHaveBeenCalledOnce();
  });
});
