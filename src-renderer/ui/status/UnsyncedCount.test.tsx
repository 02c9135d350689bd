import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { unsyncedCounts } from '../../../src-shared/status/unsynced.js';
import { syncKeys } from '../../../src-shared/sync/keys.js';
import type { TetherDb } from '../../db/index.js';
import { openTestDb, sampleOp, uniqueDbName } from '../../db/testing.js';
import { discardEntry } from '../../sync/queue/actions.js';
import { heldOps } from '../../sync/queue/held-ops.js';
import { recordRefusedOp } from '../../sync/queue/push-entries.js';
import { UnsyncedBarCountView, UnsyncedDetailRowView } from './UnsyncedCount.js';

/** Text of rendered markup, tags dropped. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('unsynced counts in the status bar and its details', () => {
  let db: TetherDb | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('a discarded entry leaves the count; a refused op is said apart', async () => {
    db = await openTestDb(uniqueDbName('unsynced-count'));
    const [waiting, alsoWaiting, refused, discarded] = [1, 2, 3, 4].map((n) =>
      sampleOp({ id: `op-0000000${n}`, itemId: `item-000000${n}`, path: `Acme.item${n}` }),
    );
    await db.ops.insert([waiting!, alsoWaiting!, refused!, discarded!]);
    // The server refused two ops (push.ts records that); the user discards one of them.
    await db.meta.set(syncKeys.failedOps, { [refused!.id]: 'not yours', [discarded!.id]: 'not yours' });
    await recordRefusedOp(db, refused!, 'not yours', 1);
    await recordRefusedOp(db, discarded!, 'not yours', 1);
    const entry = (await db.queue.all()).find((e) => e.lane === `op:${discarded!.id}`)!;
    await discardEntry(db, entry.id, 2);

    const unacknowledged = (await db.ops.unacknowledged()).length;
    expect(unacknowledged).toBe(4); // discarded work stays on this computer
    const counts = unsyncedCounts(unacknowledged, await heldOps(db));

    expect(text(renderToStaticMarkup(<UnsyncedBarCountView counts={counts} />))).toBe('2 unsynced changes');
    expect(text(renderToStaticMarkup(<UnsyncedDetailRowView counts={counts} />))).toBe(
      'Unsynced changes 2 · 1 failed · 1 discarded (local only)',
    );
  });

  it('with nothing held, the details show the plain count', () => {
    const html = renderToStaticMarkup(
      <UnsyncedDetailRowView counts={unsyncedCounts(3, { refused: 0, discarded: 0 })} />,
    );
    expect(text(html)).toBe('Unsynced changes 3');
    expect(html).not.toContain('title=');
  });
});
