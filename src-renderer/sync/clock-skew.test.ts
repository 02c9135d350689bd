import { describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import { MAX_CLOCK_DRIFT_MS, decodeHlc } from '../../src-shared/clock/hlc.js';
import type { Op } from '../../src-shared/model/index.js';
import { CLOCK_AHEAD_WARN_MS } from '../../src-shared/sync-protocol/index.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Every op's stamp is later than its parents' (the HLC kept causal order). */
function stampsFollowParents(ops: readonly Op[]): string[] {
  const byId = new Map(ops.map((op) => [op.id, op]));
  const wrong: string[] = [];
  for (const op of ops) {
    for (const parent of op.parents) {
      const p = byId.get(parent);
      if (p && p.hlc >= op.hlc) wrong.push(`${op.id} (${op.hlc}) is not after its parent ${p.id} (${p.hlc})`);
    }
  }
  return wrong;
}

/**
 * Clock skew. Decision (see the README): the server accepts every
 * well-formed stamp, keeps its own receive time and server order, and flags
 * stamps more than a day ahead in the ack (`clockAheadMs`); clients adopt a
 * remote stamp only up to 48 h ahead of their own clock, and causal order is
 * carried by op parents, which no clock can reorder.
 */
describe.each(BACKENDS)('clock skew on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);

  it('a client a day ahead and one a day behind still order edits of one item causally', async () => {
    const alice = await world.client('alice', { now: () => Date.now() + DAY });
    const bob = await world.client('bob', { now: () => Date.now() - DAY });
    const item = await alice.ws.createItem({ path: 'Acme.skewed', kind: 'fn', content: 'alice 1' });
    await alice.engine.syncNow();
    await bob.engine.syncNow();
    await eventually(() => bob.ws.item(item.itemId) !== undefined, 'bob to see the item');
    await bob.ws.updateContent(item.itemId, 'bob 2'); // made two days "earlier" by bob's wall clock
    await bob.engine.syncNow();
    await alice.engine.syncNow();
    await eventually(() => alice.ws.item(item.itemId)?.content === 'bob 2', 'alice to see bob 2');
    await alice.ws.updateContent(item.itemId, 'alice 3');
    await alice.engine.syncNow();
    await bob.engine.syncNow();
    await eventually(() => bob.ws.item(item.itemId)?.content === 'alice 3', 'bob to see alice 3');

    for (const client of [alice, bob]) {
      const history = client.ws.history(item.itemId).map((op) => op.content);
      expect(history).toEqual(['alice 3', 'bob 2', 'alice 1']); // newest first, by stamp
      expect(client.ws.item(item.itemId)?.conflict).toBeFalsy();
      expect(stampsFollowParents(await client.db.ops.all())).toEqual([]);
    }
    // Bob's stamp moved past alice's although his wall clock is two days behind hers.
    const bobOp = (await bob.db.ops.all()).find((op) => op.content === 'bob 2');
    expect(decodeHlc(bobOp!.hlc).wall).toBeGreaterThan(Date.now() + DAY - HOUR);
  });

  it('accepts and flags an op from a clock a week ahead; other clocks move at most 48 h and the edit on top wins', async () => {
    const acks: { id: string; clockAheadMs?: number }[] = [];
    // Keeps the remote client's own methods (it is a class) and wraps pushOps.
    const recordAcks = (remote: RemoteApi): RemoteApi =>
      Object.assign(Object.create(remote) as RemoteApi, {
        pushOps: async (ops: Parameters<RemoteApi['pushOps']>[0]) => {
          const answer = await remote.pushOps(ops);
          acks.push(...answer.acks);
          return answer;
        },
      });
    const alice = await world.client('alice', { now: () => Date.now() + 7 * DAY, wrapRemote: recordAcks });
    const bob = await world.client('bob');
    const item = await alice.ws.createItem({ path: 'Acme.future', kind: 'fn', content: 'from the future' });
    await alice.engine.syncNow();
    expect(await world.server.countOps()).toBe(1); // accepted, not refused
    expect(acks[0]?.clockAheadMs).toBeGreaterThan(CLOCK_AHEAD_WARN_MS); // and flagged
    // ...and the person is told, once, how far ahead their clock is.
    const clockNotices = alice.engine.getState().notices.filter((n) => n.kind === 'clock-ahead');
    expect(clockNotices).toHaveLength(1);
    expect(clockNotices[0]).toMatchObject({ aheadMs: acks[0]?.clockAheadMs });
    expect(bob.engine.getState().notices.some((n) => n.kind === 'clock-ahead')).toBe(false);
    await bob.engine.syncNow();
    await eventually(() => bob.ws.item(item.itemId) !== undefined, 'bob to see the item');
    await bob.ws.updateContent(item.itemId, 'bob on top');
    const bobOp = (await bob.db.ops.all()).find((op) => op.content === 'bob on top')!;
    expect(decodeHlc(bobOp.hlc).wall).toBeLessThanOrEqual(Date.now() + MAX_CLOCK_DRIFT_MS);
    await bob.engine.syncNow();
    await alice.engine.syncNow();
    await eventually(() => alice.ws.item(item.itemId)?.content === 'bob on top', 'alice to see bob on top');
    // The parent link, not the stamp, decides: bob's edit is the item's one head on both sides.
    for (const client of [alice, bob]) {
      expect(client.ws.item(item.itemId)).toMatchObject({ content: 'bob on top', heads: [bobOp.id] });
    }
  });
});
