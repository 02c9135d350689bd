import { describe, expect, it } from 'vitest';
import { bulkOps } from '../../bench/fault-clients.js';
import { eventually, type SyncClient } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import { encodeHlc } from '../../src-shared/clock/hlc.js';
import type { Op } from '../../src-shared/model/index.js';
import type { SyncProgress } from './types.js';

const DAY = 24 * 60 * 60 * 1000;
const SHARED = 100; // items both people edit while apart: each becomes a conflict
const NEW_EACH = 1500; // items each person creates while apart

/** An offline edit of each shared item, a month ago by `author`'s clock. */
function editsOf(author: string, shared: readonly Op[], wallMs: number): Op[] {
  const node = `inst-${author}-month`;
  return shared.map((base, i) => ({
    ...base,
    id: `month-${author}-${i}`,
    type: 'update' as const,
    content: `${author} edited this offline`,
    parents: [base.id],
    author,
    instanceId: node,
    hlc: encodeHlc({ wall: wallMs + i, counter: 0, node }),
  }));
}

/** Every progress step the engine reports until stop(). */
function recordProgress(client: SyncClient): { steps: SyncProgress[]; stop: () => void } {
  const steps: SyncProgress[] = [];
  const stop = client.engine.subscribe(() => steps.push(client.engine.getState().progress));
  return { steps, stop };
}

/**
 * A month offline on both sides: thousands of ops each way move in one sync
 * per client, the engine reports progress as batches and pages go, and the
 * concurrent edits arrive as one batch of conflicts in the inbox — without
 * stopping the sync.
 */
describe.each(BACKENDS)('a month offline on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);

  it('syncs thousands of ops both ways in one go, with progress, and lands the conflicts in the inbox together', async () => {
    const shared = bulkOps('alice', SHARED, Date.now() - 40 * DAY);
    const alice = await world.client('alice', { pushDelayMs: 1e9, seed: (db) => db.ops.insert(shared) });
    await alice.engine.syncNow();
    const bob = await world.client('bob', { pushDelayMs: 1e9 });
    await bob.engine.syncNow();
    await eventually(() => bob.ws.getSnapshot().items.length === SHARED, 'bob to have the shared items');

    // The month apart: both offline, each writes thousands of ops.
    alice.setOffline(true);
    bob.setOffline(true);
    const monthAgo = Date.now() - 30 * DAY;
    const aliceWork = [
      ...editsOf('alice', shared, monthAgo),
      ...bulkOps('alice', NEW_EACH, monthAgo).map(renamed('a')),
    ];
    const bobWork = [
      ...editsOf('bob', shared, monthAgo),
      ...bulkOps('bob', NEW_EACH, monthAgo).map(renamed('b')),
    ];
    await alice.db.ops.insert(aliceWork);
    await bob.db.ops.insert(bobWork);
    await expect(alice.engine.syncNow()).rejects.toMatchObject({ code: 'offline' });

    // From here on every progress step counts (a background retry of the failed sync may run too).
    const aliceSteps = recordProgress(alice);
    alice.setOffline(false);
    bob.setOffline(false);
    const first = await alice.engine.syncNow();
    const second = await bob.engine.syncNow();
    const third = await alice.engine.syncNow();
    aliceSteps.stop();

    expect(first.pushed).toBe(aliceWork.length);
    expect(second).toMatchObject({ pushed: bobWork.length, conflicts: SHARED });
    expect(second.pulled).toBeGreaterThanOrEqual(aliceWork.length);
    expect(third).toMatchObject({ pushed: 0, conflicts: SHARED });
    // Progress: the push went in several batches, each reported, ending at the full count; pulls count up.
    const pushing = aliceSteps.steps.filter((p) => p.phase === 'pushing');
    expect(pushing.at(-1)).toMatchObject({ done: aliceWork.length, total: aliceWork.length });
    expect(new Set(pushing.map((p) => p.done)).size).toBeGreaterThan(2);
    // A live-stream pull may take part of Bob's work before the third sync: add up every pull run.
    const pulled = aliceSteps.steps.filter((p) => p.phase === 'pulling').map((p) => p.done);
    expect(totalOfRuns(pulled)).toBeGreaterThanOrEqual(bobWork.length);

    const total = SHARED + aliceWork.length + bobWork.length;
    expect(await world.server.countOps()).toBe(total);
    for (const client of [alice, bob]) {
      expect(await client.db.ops.count()).toBe(total);
      await eventually(() => client.ws.conflicts.all().length === SHARED, `${client.user}'s inbox to fill`);
      const inbox = client.ws.conflicts.all();
      expect(new Set(inbox.map((entry) => entry.item.itemId))).toEqual(
        new Set(shared.map((op) => op.itemId)),
      );
      expect(inbox.every((entry) => entry.item.heads.length === 2)).toBe(true);
    }
  }, 300_000); // generous: a loaded 2-core machine runs this several times slower
});

/** Bulk ops of one author under a distinct id prefix (so both sides' new items differ). */
function renamed(prefix: string) {
  return (op: Op): Op => ({ ...op, id: `${prefix}-${op.id}`, itemId: `${prefix}-${op.itemId}` });
}

/** Progress counts restart at 0 for each pull run; the sum of each run's last count is what was pulled. */
function totalOfRuns(counts: readonly number[]): number {
  let total = 0;
  let run = 0;
  for (const done of counts) {
    if (done < run) total += run;
    run = done;
  }
  return total + run;
}
