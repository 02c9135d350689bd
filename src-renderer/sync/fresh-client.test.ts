import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  openSyncClient,
  startSyncServer,
  type SyncClient,
  type SyncServer,
} from '../../bench/sync-clients.js';
import { RemoteClient } from '../../src-main/remote/remote-client.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import { encodeHlc } from '../../src-shared/clock/hlc.js';
import type { OpBody } from '../../src-shared/model/index.js';
import type { SyncProgress } from './types.js';

const ITEMS = 300;
const OPS_PER_ITEM = 5;

/** A fresh client on a server with history: usable from heads first, then history fills in. */
describe.each(BACKENDS)('fresh client on %s', (backend) => {
  let server: SyncServer;
  let bob: SyncClient | null = null;

  beforeAll(async () => {
    server = await startSyncServer(backend, ['alice', 'bob']);
    const remote = new RemoteClient({
      endpoint: () => ({ serverUrl: server.url, token: server.tokens.get('alice') ?? '' }),
    });
    const ops = history('alice');
    for (let i = 0; i < ops.length; i += 1000) await remote.pushOps(ops.slice(i, i + 1000));
  });
  afterAll(async () => {
    await bob?.close();
    await server.destroy();
  });

  it('lists every current item from heads, then completes history with progress', async () => {
    const phases: SyncProgress['phase'][] = [];
    let itemsWhenHistoryStarted = -1;
    bob = await openSyncClient(server, 'bob');
    const client = bob;
    client.engine.subscribe(() => {
      const { phase } = client.engine.getState().progress;
      if (phases.at(-1) !== phase) phases.push(phase);
      if (phase === 'history' && itemsWhenHistoryStarted < 0) {
        itemsWhenHistoryStarted = client.ws.getSnapshot().items.length;
      }
    });
    await eventually(() => client.ws.getSnapshot().items.length === ITEMS, 'every item listed', 60_000);
    await eventually(() => client.engine.getState().historyComplete, 'history to complete', 60_000);
    expect(phases.indexOf('heads')).toBeGreaterThanOrEqual(0);
    expect(phases.indexOf('history')).toBeGreaterThan(phases.indexOf('heads'));
    expect(itemsWhenHistoryStarted).toBe(ITEMS); // usable before history
    expect(await client.db.ops.count()).toBe(ITEMS * OPS_PER_ITEM);
    const first = client.ws.getSnapshot().items[0];
    expect(first?.content).toMatch(/v4/);
    await client.ws.updateContent(first?.itemId ?? '', 'edited by bob'); // editable
    await client.engine.syncNow();
    expect(await server.countOps()).toBe(ITEMS * OPS_PER_ITEM + 1);
  });
});

/** ITEMS items, each a create and a chain of edits. */
function history(author: string): OpBody[] {
  const ops: OpBody[] = [];
  let wall = 1_700_000_000_000;
  for (let i = 0; i < ITEMS; i++) {
    let parent: string | null = null;
    for (let n = 0; n < OPS_PER_ITEM; n++) {
      const id = `h-${String(i).padStart(5, '0')}-${n}-op`;
      ops.push({
        id,
        itemId: `h-item-${String(i).padStart(5, '0')}`,
        branchId: 'main',
        type: n === 0 ? 'create' : 'update',
        path: `Acme.Fresh.item${i}`,
        kind: 'fn',
        content: `export const v = 'v${n}';`,
        parents: parent ? [parent] : [],
        author,
        instanceId: 'inst-history',
        hlc: encodeHlc({ wall: ++wall, counter: 0, node: 'inst-history' }),
      });
      parent = id;
    }
  }
  return ops;
}
