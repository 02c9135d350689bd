import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../bench/sync-clients.js';
import { itemOps } from '../../bench/op-sets.js';
import { RemoteClient } from '../../src-main/remote/remote-client.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { MAX_PULL_LIMIT } from '../../src-shared/sync-protocol/index.js';
import type { TetherDb } from '../db/index.js';
import { openTestDb, uniqueDbName } from '../db/testing.js';
import type { SyncContext } from './context.js';
import { FILL_WALKS, fillHistory, historyPending } from './fresh-start.js';

const ITEMS = 700;
const OPS_PER_ITEM = 5; // 3,500 ops: a span wide enough for every walk

/** The history fill walks a few ranges of positions at once; a cut-off fill resumes each range. */
describe.each(BACKENDS)('history fill on %s', (backend) => {
  let server: SyncServer;
  let db: TetherDb;
  let remote: RemoteClient;
  let until = 0;

  beforeAll(async () => {
    server = await startSyncServer(backend, ['alice', 'bob']);
    const endpoint = (user: string) => () => ({
      serverUrl: server.url,
      token: server.tokens.get(user) ?? '',
    });
    const alice = new RemoteClient({ endpoint: endpoint('alice') });
    const ops = itemOps('alice', 'fill', ITEMS, OPS_PER_ITEM);
    for (let i = 0; i < ops.length; i += 1000) await alice.pushOps(ops.slice(i, i + 1000));
    remote = new RemoteClient({ endpoint: endpoint('bob') });
    until = (await remote.pullOps({ branch: 'main', since: 0, limit: 1 })).checkpoint + ops.length;
    db = await openTestDb(uniqueDbName('history-fill'));
  });
  afterAll(async () => {
    await db?.close();
    await server.destroy();
  });

  it('walks the span in ranges at once, resumes a cut-off fill per range, and stores each op once', async () => {
    const pulls: number[] = [];
    const counted: RemoteClient = Object.create(remote) as RemoteClient;
    counted.pullOps = (request) => (pulls.push(Number(request.since)), remote.pullOps(request));
    const ctx = {
      db,
      remote: counted,
      identity: { userName: 'bob', instanceId: 'inst-bob-fill' },
      now: Date.now,
      progress: () => undefined,
    } as unknown as SyncContext;
    const key = syncKeys.historyCheckpoint('main');
    await db.meta.set(key, { since: 0, until });

    // Cut off after the first page of each walk.
    let fetches = 0;
    await fillHistory(ctx, () => ++fetches > FILL_WALKS);
    expect(await historyPending(ctx)).toBe(true);
    const left = (await db.meta.get<{ ranges: { since: number; until: number }[] }>(key))?.ranges ?? [];
    expect(left).toHaveLength(FILL_WALKS);
    expect(new Set(pulls.slice(0, FILL_WALKS)).size).toBe(FILL_WALKS); // three starting points
    const part = await db.ops.count();
    expect(part).toBeGreaterThan(0);
    expect(part).toBeLessThan(ITEMS * OPS_PER_ITEM);

    // Resumed: each range goes on from where it stopped; nothing twice, nothing missing.
    pulls.length = 0;
    await fillHistory(ctx, () => false);
    expect(await historyPending(ctx)).toBe(false);
    expect(await db.ops.count()).toBe(ITEMS * OPS_PER_ITEM);
    for (const range of left) expect(pulls).toContain(range.since);
    expect(pulls.length).toBeLessThanOrEqual(
      Math.ceil((ITEMS * OPS_PER_ITEM) / MAX_PULL_LIMIT) + 2 * FILL_WALKS,
    );
  });
});
