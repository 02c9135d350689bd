import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  openSyncClient,
  startSyncServer,
  type SyncClient,
  type SyncServer,
} from '../../bench/sync-clients.js';
import { RemoteClient } from '../../src-main/remote/remote-client.js';
import { encodeHlc } from '../../src-shared/clock/hlc.js';
import type { ReleaseTag } from '../../src-shared/mirror/release-tag.js';
import type { OpBody } from '../../src-shared/model/index.js';
import type { Release } from '../../src-shared/sync-protocol/index.js';
import { newId } from '../../src-server/testing/client.js';
import { HistoryCache } from '../storage/history-cache.js';
import { releaseTagger } from './release-tagger.js';

/** Five versions of Acme.rates by alice, one after the other. */
function rates(from: number, to: number): OpBody[] {
  return Array.from({ length: to - from }, (_, i) => {
    const n = from + i;
    return {
      id: `rates-op-${n}`,
      itemId: 'item-rates',
      branchId: 'main',
      type: n === 0 ? 'create' : 'update',
      path: 'Acme.rates',
      kind: 'value',
      content: `rate: ${n}\n`,
      parents: n === 0 ? [] : [`rates-op-${n - 1}`],
      author: 'alice',
      instanceId: 'inst-alice',
      hlc: encodeHlc({ wall: 1_700_000_000_000 + n, counter: 0, node: 'inst-alice' }),
    };
  });
}

/**
 * A promoted release as a mirror tag, on bob's real client: the release
 * froze Acme.rates at "rate: 1", and bob's history cache evicted that op;
 * the tagger fetches it back from the server and tags what was frozen —
 * once, and not at all while the server cannot give the history back.
 */
describe('tagging promoted releases from this computer’s op log', () => {
  let server: SyncServer;
  let bob: SyncClient;
  let cache: HistoryCache;
  let release: Release;

  beforeAll(async () => {
    server = await startSyncServer('pglite', ['alice', 'bob']);
    const alice = new RemoteClient({
      endpoint: () => ({ serverUrl: server.url, token: server.tokens.get('alice') ?? '' }),
    });
    await alice.pushOps(rates(0, 2));
    const { release: draft } = await alice.createRelease({
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Acme'],
      version: '2.0.0',
      requiredProofs: 0,
      changes: [{ id: 'FEAT-1', type: 'item', ref: 'item-rates', title: 'Rates', assignee: null }],
    });
    release = (
      await alice.promoteRelease(draft.id, { requestId: newId('req'), seenRevision: draft.revision })
    ).release;
    await alice.pushOps(rates(2, 5));
    bob = await openSyncClient(server, 'bob', { pushDelayMs: 60_000 });
    await eventually(() => bob.engine.getState().historyComplete, 'history to complete', 60_000);
    cache = await HistoryCache.open({
      db: bob.db,
      workspace: bob.ws,
      userName: 'bob',
      remote: () => bob.remote,
      pinned: () => [],
    });
    await cache.freeUpSpace();
  }, 120_000);
  afterAll(async () => {
    await cache?.stop();
    await bob?.close();
    await server?.destroy();
  });

  it('fetches the evicted frozen head back, tags it once, and waits while the server is away', async () => {
    expect(bob.ws.op('rates-op-1')).toBeUndefined(); // evicted: not a current head
    const tags: ReleaseTag[] = [];
    let tagged: string[] = [];
    const tagger = releaseTagger({
      gitOn: async () => true,
      headsOf: async (r) => (await bob.remote.getRelease(r.id)).heads,
      op: (id) => bob.ws.op(id),
      refill: async (itemIds) => {
        for (const itemId of itemIds) await cache.fetchHistory(itemId);
      },
      tag: async (tag) => {
        tags.push(tag);
        return { state: 'created', tag: tag.tag };
      },
      tagged: {
        load: async () => tagged,
        save: async (ids) => {
          tagged = ids;
        },
      },
    });

    bob.setOffline(true);
    await tagger([release]);
    expect(tags).toEqual([]); // an item of it is not here and cannot be fetched: no tag with a hole
    expect(tagged).toEqual([]);
    bob.setOffline(false);

    await tagger([release]);
    await eventually(() => bob.ws.op('rates-op-1') !== undefined, 'the frozen op back');
    expect(tags.map((t) => [t.tag, t.folder, t.files])).toEqual([
      ['Acme/v2.0.0', 'Acme', [{ path: 'rates.value.ts', content: 'rate: 1\n' }]],
    ]);
    expect(tagged).toEqual([release.id]);
    await tagger([release]);
    expect(tags).toHaveLength(1);
  });
});
