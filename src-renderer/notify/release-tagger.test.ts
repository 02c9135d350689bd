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
import type { ReleaseTag, ReleaseTagResult } from '../../src-shared/mirror/release-tag.js';
import type { OpBody } from '../../src-shared/model/index.js';
import type { Release } from '../../src-shared/sync-protocol/index.js';
import { promotedAtOnce } from '../../src-server/testing/releases.js';
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

/** Beta.Mail.send, alice's: the second namespace of release 2.1.0. */
const mailOp: OpBody = {
  id: 'mail-op-0',
  itemId: 'item-mail',
  branchId: 'main',
  type: 'create',
  path: 'Beta.Mail.send',
  kind: 'fn',
  content: 'send(1)\n',
  parents: [],
  author: 'alice',
  instanceId: 'inst-alice',
  hlc: encodeHlc({ wall: 1_700_000_000_100, counter: 0, node: 'inst-alice' }),
};

/** A tagger over bob's op log whose `tag` (per tag) is the test's; `tagged` is kept in memory. */
function taggerFor(
  bob: SyncClient,
  cache: HistoryCache,
  tag: (tag: ReleaseTag) => Promise<ReleaseTagResult>,
) {
  let tagged: string[] = [];
  const tagger = releaseTagger({
    gitOn: async () => true,
    headsOf: async (r) => (await bob.remote.getRelease(r.id)).heads,
    op: (id) => bob.ws.op(id),
    refill: async (itemIds) => {
      for (const itemId of itemIds) await cache.fetchHistory(itemId);
    },
    // As main does: each tag in turn, and a failure fails the whole call.
    tag: async (tags) => {
      const results: ReleaseTagResult[] = [];
      for (const one of tags) results.push(await tag(one));
      return results;
    },
    tagged: {
      load: async () => tagged,
      save: async (ids) => {
        tagged = ids;
      },
    },
  });
  return { tagger, tagged: () => tagged };
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
  let both: Release;

  beforeAll(async () => {
    server = await startSyncServer('pglite', ['alice', 'bob']);
    const alice = new RemoteClient({
      endpoint: () => ({ serverUrl: server.url, token: server.tokens.get('alice') ?? '' }),
    });
    await alice.pushOps(rates(0, 2));
    release = await promotedAtOnce(alice, {
      namespaces: ['Acme'],
      version: '2.0.0',
      changes: [{ id: 'FEAT-1', type: 'item', ref: 'item-rates', title: 'Rates', assignee: null }],
    });
    await alice.pushOps(rates(2, 5));
    await alice.pushOps([mailOp]);
    both = await promotedAtOnce(alice, {
      namespaces: ['Acme', 'Beta'],
      version: '2.1.0',
      changes: [{ id: 'FEAT-2', type: 'item', ref: 'item-mail', title: 'Mail', assignee: null }],
    });
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
    const { tagger, tagged } = taggerFor(bob, cache, async (tag) => {
      tags.push(tag);
      return { state: 'created', tag: tag.tag };
    });

    bob.setOffline(true);
    await tagger([release]);
    expect(tags).toEqual([]); // an item of it is not here and cannot be fetched: no tag with a hole
    expect(tagged()).toEqual([]);
    bob.setOffline(false);

    await tagger([release]);
    await eventually(() => bob.ws.op('rates-op-1') !== undefined, 'the frozen op back');
    expect(tags.map((t) => [t.tag, t.folder, t.files])).toEqual([
      ['Acme/v2.0.0', 'Acme', [{ path: 'rates.value.ts', content: 'rate: 1\n' }]],
    ]);
    expect(tagged()).toEqual([release.id]);
    await tagger([release]);
    expect(tags).toHaveLength(1);
  });

  it('tags a release of Acme and Beta under each; one that fails is tried again with the other', async () => {
    const asked: string[] = [];
    let betaFails = true;
    const { tagger, tagged } = taggerFor(bob, cache, async (tag) => {
      asked.push(
        `${tag.tag} ${tag.folder} ${tag.files.map((f) => `${f.path}=${f.content.trim()}`).join(',')}`,
      );
      if (tag.tag === 'Beta/v2.1.0' && betaFails) throw new Error('index.lock held');
      return {
        state: asked.filter((a) => a.startsWith(tag.tag)).length > 1 ? 'exists' : 'created',
        tag: tag.tag,
      };
    });
    await tagger([both]);
    // Acme at the release's heads (rate: 4, the last before it was promoted), Beta with its mail.
    expect(asked).toEqual([
      'Acme/v2.1.0 Acme rates.value.ts=rate: 4',
      'Beta/v2.1.0 Beta Mail/send.ts=send(1)',
    ]);
    expect(tagged()).toEqual([]); // Beta failed: the release is not done
    betaFails = false;
    await tagger([both]);
    expect(asked.slice(2)).toEqual(asked.slice(0, 2));
    expect(tagged()).toEqual([both.id]);
  });
});
