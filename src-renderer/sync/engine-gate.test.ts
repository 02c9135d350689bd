import { describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';

/**
 * The strategy / travel gate on the real engine against a real server
 * (PGlite): closed, a save sends nothing; "Sync now" still syncs; opening the
 * gate sends what waited.
 */
describe('sync engine gate (manual / periodic strategy, travel mode)', () => {
  const world = useSyncWorld('pglite', ['alice']);

  it('holds eager pushes while closed and sends them when opened', async () => {
    let pushes = 0;
    const counting = (remote: RemoteApi): RemoteApi =>
      new Proxy(remote, {
        get(target, key, receiver) {
          if (key === 'pushOps') pushes++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const alice = await world.client('alice', { wrapRemote: counting });
    await alice.engine.syncNow();
    alice.engine.setAutoSync(false);
    const before = pushes;

    await alice.ws.createItem({ path: 'Acme.held', kind: 'fn', content: 'waits' });
    await new Promise((r) => setTimeout(r, 600));
    expect(pushes).toBe(before);
    expect(alice.ws.getSnapshot().unsyncedOpCount).toBe(1);

    // Manual "Sync now" goes through the closed gate.
    await alice.engine.syncNow();
    expect(alice.ws.getSnapshot().unsyncedOpCount).toBe(0);

    await alice.ws.createItem({ path: 'Acme.second', kind: 'fn', content: 'waits too' });
    await new Promise((r) => setTimeout(r, 300));
    expect(alice.ws.getSnapshot().unsyncedOpCount).toBe(1);
    alice.engine.setAutoSync(true); // travel mode off / back to eager: what waited goes
    await eventually(() => alice.ws.getSnapshot().unsyncedOpCount === 0, 'the held op to be sent');
  });
});
