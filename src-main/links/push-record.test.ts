import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openSyncClient,
  startSyncServer,
  type SyncClient,
  type SyncServer,
} from '../../bench/sync-clients.js';
import { linkOrQueue, startLinkQueueWiring } from '../../src-renderer/links/link-queue.js';
import { loadPushes, pushLinkedNamespace } from '../../src-renderer/links/push-actions.js';
import { viewOf } from '../../src-renderer/links/links-actions.js';
import { useLinkPush } from '../../src-renderer/state/link-push-slice.js';
import type { Bridge } from '../../src-shared/bridge/contract.js';
import { linkFacts } from '../../src-shared/links/facts.js';
import { parseLock, pushItemPath } from '../../src-shared/links/lock.js';
import { pushChanges, withPush } from '../../src-shared/links/push-plan.js';
import { pushRecordsOf } from '../../src-shared/links/push-record.js';
import { linkStatus } from '../../src-shared/links/status.js';
import { upstreamClone } from '../git/test-support.js';
import type { MainCore } from '../core.js';
import { crmLinkRequest, mainWithBridge } from './core-test-support.js';
import { startForgeStandIn, type ForgeStandIn } from './forge-stand-in.js';

const NS = 'Acme.Crm';

/**
 * The last push as team data: bob pushes a linked namespace's edit through
 * a fork (his main, his forge token); the record goes into the `_push` item,
 * which the real sync server carries to alice, who never pushed and has no
 * token: she sees "forked", the branch and the pull request's link, and
 * later its state once bob's computer learns it was merged.
 */
describe('the record of a push reaches the team through the server', () => {
  let forge: ForgeStandIn;
  let server: SyncServer;
  let dir: string;
  let core: MainCore;
  let bridge: Bridge;
  let alice: SyncClient;
  let bob: SyncClient;

  beforeAll(async () => {
    forge = await startForgeStandIn({ tokens: { 'alice-token': 'alice', 'bob-token': 'bob' } });
    const crm = await upstreamClone(forge.asRemote('alice', 'alice-token'), 'crm');
    await crm.release('v1.0.0', { 'components/crm/lookup.yaml': 'name: lookup\ntimeout: 30\n' });
    server = await startSyncServer('pglite', ['alice', 'bob']);
    alice = await openSyncClient(server, 'alice', { pushDelayMs: 20 });
    bob = await openSyncClient(server, 'bob', { pushDelayMs: 20 });
    dir = await mkdtemp(join(tmpdir(), 'tether-push-record-'));
    ({ core, bridge } = await mainWithBridge(dir, 'bob'));
  }, 180_000);

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    core?.dispose();
    await server?.destroy();
    await forge?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The status alice's Linked namespaces screen shows, from her items only (and upstream's files at the lock). */
  async function statusOnAlice() {
    const items = alice.ws.getSnapshot().items;
    const parsed = parseLock(items.find((i) => i.path === `${NS}._link`)!.content);
    if (!parsed.ok) throw new Error(parsed.message);
    const { items: files } = await bridge.call('links.items', { namespace: NS, lock: parsed.lock });
    const atLock = new Map(files.map((f) => [f.path, f.content]));
    const facts = linkFacts(NS, items.map(viewOf), atLock, null);
    const record = pushRecordsOf(items)[NS] ?? null;
    return { record, row: linkStatus(withPush(facts, record, pushChanges(facts, items))) };
  }

  it('bob pushes through a fork; alice sees the namespace forked with the pull request, then merged', async () => {
    const stop = startLinkQueueWiring(bridge, bob.ws, bob.db);
    try {
      const request = crmLinkRequest(forge);
      expect(await linkOrQueue(bridge, bob.ws, NS, request)).toEqual({ error: null, notice: null });
      const lookup = bob.ws.getSnapshot().items.find((i) => i.path === `${NS}.lookup`)!;
      await bob.ws.updateContent(lookup.itemId, 'name: lookup\ntimeout: 60\n');
      await bridge.call('links.setForgeToken', { baseUrl: forge.apiUrl, token: 'bob-token' });
      const lock = parseLock(bob.ws.getSnapshot().items.find((i) => i.path === `${NS}._link`)!.content);
      if (!lock.ok) throw new Error(lock.message);
      await pushLinkedNamespace(NS, lock.lock, [
        { path: `${NS}.lookup`, kind: 'component', content: 'name: lookup\ntimeout: 60\n' },
      ]);
      expect(useLinkPush.getState().outcome).toMatchObject({ state: 'done' });

      // Alice has none of bob's main: only what the server brings her.
      await bob.engine.syncNow();
      await alice.engine.syncNow();
      expect(
        alice.ws
          .getSnapshot()
          .items.map((i) => i.path)
          .sort(),
      ).toEqual([`${NS}._link`, `${NS}._push`, `${NS}.lookup`]);
      const seen = await statusOnAlice();
      expect(seen.record).toMatchObject({
        mode: 'fork',
        pushedTo: 'bob/crm',
        pushedBy: 'bob',
        branch: expect.stringMatching(/^tether\/Acme\.Crm-\d+$/),
        pullRequest: { number: 1, state: 'open', url: expect.stringMatching(/\/alice\/crm\/pull\/1$/) },
      });
      expect(seen.row.status).toBe('forked');
      // The record is Tether's: never an item edit to push upstream.
      expect(seen.row.changed).toBe(1);

      // Upstream merges it; bob's computer asks the forge and writes the news for everyone.
      const merged = await fetch(`${forge.apiUrl}/repos/alice/crm/pulls/1/merge`, {
        method: 'PUT',
        headers: { authorization: 'Bearer alice-token' },
      });
      expect(merged.status).toBe(200);
      await loadPushes(bridge, bob.ws, true);
      expect(pushRecordsOf(bob.ws.getSnapshot().items)[NS]?.pullRequest?.state).toBe('merged');
      await bob.engine.syncNow();
      await alice.engine.syncNow();
      expect(pushRecordsOf(alice.ws.getSnapshot().items)[NS]?.pullRequest?.state).toBe('merged');
      // Asking again with nothing new writes nothing.
      const ops = bob.ws.history(bob.ws.getSnapshot().items.find((i) => i.path === pushItemPath(NS))!.itemId);
      await loadPushes(bridge, bob.ws, true);
      expect(
        bob.ws.history(bob.ws.getSnapshot().items.find((i) => i.path === pushItemPath(NS))!.itemId),
      ).toHaveLength(ops.length);
    } finally {
      stop();
    }
  }, 120_000);
});
