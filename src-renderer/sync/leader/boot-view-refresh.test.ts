import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  openSyncClient,
  startSyncServer,
  type SyncClient,
  type SyncServer,
} from '../../../bench/sync-clients.js';
import { RemoteClient } from '../../../src-main/remote/remote-client.js';
import { makeOp } from '../../../src-server/testing/client.js';
import { encodeHlc } from '../../../src-shared/clock/hlc.js';
import type { OpBody } from '../../../src-shared/model/index.js';
import { refreshBootViewAfterHistory } from './boot-view-refresh.js';

const ITEMS = 40;
const VERSIONS = 3;

let server: SyncServer;
let bob: SyncClient | null = null;

beforeAll(async () => {
  server = await startSyncServer('pglite', ['alice', 'bob']);
  const remote = new RemoteClient({
    endpoint: () => ({ serverUrl: server.url, token: server.tokens.get('alice') ?? '' }),
  });
  await remote.pushOps(history());
});
afterAll(async () => {
  await bob?.close();
  await server?.destroy();
});

describe('the boot view after a heads-first start', () => {
  it('is taken again once the engine’s history fill ends', async () => {
    bob = await openSyncClient(server, 'bob');
    const client = bob;
    let told = 0;
    const stop = refreshBootViewAfterHistory(client.engine, {
      historyFilled: () => {
        told += 1;
        client.ws.historyFilled();
      },
    });
    expect(client.engine.getState().historyComplete).toBe(false);
    await eventually(() => client.engine.getState().historyComplete, 'the history fill to end', 60_000);
    expect(told).toBe(1);
    expect(await client.db.ops.count()).toBe(ITEMS * VERSIONS);

    // The record taken after the fill names nothing written since: the next start reads no history.
    const record = () => client.db.bootView.load({ branchId: 'main' });
    await eventually(
      async () => (await record())?.touchedItemIds.length === 0,
      'a record newer than the fill',
      8_000,
    );
    expect((await record())?.ops).toHaveLength(ITEMS);
    // Later syncs do not tell it again.
    await client.engine.syncNow();
    expect(told).toBe(1);
    stop();
  }, 90_000);
});

/** ITEMS items by alice, each a create and VERSIONS - 1 edits, in clock order. */
function history(): OpBody[] {
  const ops: OpBody[] = [];
  let wall = 1_700_000_000_000;
  for (let i = 0; i < ITEMS; i++) {
    let parent: OpBody | null = null;
    for (let n = 0; n < VERSIONS; n++) {
      const op = makeOp('alice', {
        itemId: `fill-item-${String(i).padStart(4, '0')}`,
        type: parent ? 'update' : 'create',
        path: `Acme.Fill.item${i}`,
        content: `v${n}`,
        parents: parent ? [parent.id] : [],
        hlc: encodeHlc({ wall: ++wall, counter: 0, node: 'instance_1' }),
      });
      ops.push(op);
      parent = op;
    }
  }
  return ops;
}
