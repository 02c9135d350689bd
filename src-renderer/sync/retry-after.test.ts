import { describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { httpError } from '../../src-main/remote/errors.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';

/**
 * A server that answers 429 with Retry-After is not asked again sooner, even
 * though the engine's own backoff after a first failure is 1 s. (The mapping
 * of a real server's 429 is in src-main/remote/remote-client.test.ts; the
 * engine's behaviour does not depend on the store, so one store is enough.)
 */
describe('sync engine and a busy server', () => {
  const world = useSyncWorld('postgres', ['alice']);

  it("waits the server's Retry-After before pushing again, and says why it waits", async () => {
    const pushes: number[] = [];
    const alice = await world.client('alice', {
      pushDelayMs: 10,
      wrapRemote: (remote): RemoteApi =>
        Object.assign(Object.create(remote) as RemoteApi, {
          pushOps: (ops: Parameters<RemoteApi['pushOps']>[0]) => {
            pushes.push(Date.now());
            if (pushes.length === 1) {
              const body = {
                error: { code: 'too_many_requests', message: 'Too many pushes from this token' },
              };
              return Promise.reject(httpError(429, body, '3'));
            }
            return remote.pushOps(ops);
          },
        }),
    });
    await eventually(() => alice.engine.getState().lastSummary !== null, 'first sync');
    await alice.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'a1' });
    await eventually(() => pushes.length >= 1, 'the first push');
    await eventually(
      () =>
        /The server is busy: Too many pushes from this token; trying again in 3 s/.test(
          alice.engine.getState().error ?? '',
        ),
      'the engine to say why it waits',
    );
    await eventually(
      () => alice.ws.getSnapshot().unsyncedOpCount === 0,
      'the op to be sent after the wait',
      10_000,
    );
    expect((pushes[1] as number) - (pushes[0] as number)).toBeGreaterThanOrEqual(2900);
  });
});
