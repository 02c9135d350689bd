import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../src-shared/bridge/contract.js';
import { linkOrQueue, queuePull, startLinkQueueWiring } from '../../src-renderer/links/link-queue.js';
import { computePullPreview } from '../../src-renderer/links/links-actions.js';
import { applyLinkPull } from '../../src-renderer/links/pull-actions.js';
import { useLinks } from '../../src-renderer/state/links-slice.js';
import { pushLinkedNamespace } from '../../src-renderer/links/push-actions.js';
import { useLinkPush } from '../../src-renderer/state/link-push-slice.js';
import { useSyncSettings } from '../../src-renderer/state/sync-settings-slice.js';
import { openFixture } from '../../src-renderer/workspace/testing.js';
import { formatLock, parseLock } from '../../src-shared/links/lock.js';
import { queuedPullNotice } from '../../src-shared/links/push-queue.js';
import { upstreamClone } from '../git/test-support.js';
import type { MainCore } from '../core.js';
import { crmLinkRequest, mainWithBridge } from './core-test-support.js';
import { startForgeStandIn, type ForgeStandIn } from './forge-stand-in.js';

/**
 * The renderer's link and push actions over the bridge to main's real core
 * (dispatchCall, as both transports do), a real workspace, and the forge
 * stand-in: travel mode holds a link in the sync queue until it is off; a
 * push goes through the fork; the forge token never comes back to the page.
 */
describe('linking and pushing through the bridge, queued while main may not reach upstream', () => {
  let forge: ForgeStandIn;
  let dir: string;
  let core: MainCore;
  let bridge: Bridge;
  let crm: Awaited<ReturnType<typeof upstreamClone>>;

  beforeAll(async () => {
    forge = await startForgeStandIn({ tokens: { 'alice-token': 'alice', 'bob-token': 'bob' } });
    crm = await upstreamClone(forge.asRemote('alice', 'alice-token'), 'crm');
    await crm.release('v1.0.0', { 'components/crm/lookup.yaml': 'name: lookup\ntimeout: 30\n' });
    dir = await mkdtemp(join(tmpdir(), 'tether-link-queue-'));
    ({ core, bridge } = await mainWithBridge(dir, 'bob'));
  }, 30_000);

  afterAll(async () => {
    core.dispose();
    await forge.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('links after travel mode, pushes as a pull request, and keeps the token in main', async () => {
    const fx = await openFixture({ userName: 'bob' });
    const stop = startLinkQueueWiring(bridge, fx.ws, fx.db);
    const travel = async (on: boolean) => {
      const settings = await bridge.call('travel.set', { on });
      useSyncSettings.setState({ settings });
    };
    try {
      await travel(true);
      const request = crmLinkRequest(forge);
      const queued = await linkOrQueue(bridge, fx.ws, 'Acme.Crm', request);
      expect(queued).toEqual({
        error: null,
        notice: 'Linking Acme.Crm waits in the sync queue until upstream can be reached.',
      });
      expect((await fx.db.queue.all()).map((e) => e.title)).toEqual([
        `Link Acme.Crm to ${forge.gitUrl('alice', 'crm')}`,
      ]);
      expect(fx.ws.getSnapshot().items).toEqual([]);

      await travel(false); // the wiring sees the hold lift and runs the entry
      await expect
        .poll(
          () =>
            fx.ws
              .getSnapshot()
              .items.map((i) => i.path)
              .sort(),
          { timeout: 15_000 },
        )
        .toEqual(['Acme.Crm._link', 'Acme.Crm.lookup']);
      await expect.poll(async () => (await fx.db.queue.all()).length, { timeout: 15_000 }).toBe(0);

      // The forge token goes in through the bridge and never comes back out of it.
      await expect(
        bridge.call('links.setForgeToken', { baseUrl: forge.apiUrl, token: 'nope' }),
      ).rejects.toThrow(/refused the token/);
      expect(
        await bridge.call('links.setForgeToken', { baseUrl: `${forge.apiUrl}/`, token: 'bob-token' }),
      ).toEqual([{ baseUrl: forge.apiUrl, tokenSet: true }]);
      expect(await readFile(join(dir, 'forge-credentials.json'), 'utf8')).toContain('bob-token');

      const items = fx.ws.getSnapshot().items;
      const parsed = parseLock(items.find((i) => i.path === 'Acme.Crm._link')!.content);
      if (!parsed.ok) throw new Error(parsed.message);
      const changes = [
        { path: 'Acme.Crm.lookup', kind: 'component' as const, content: 'name: lookup\ntimeout: 60\n' },
      ];
      // Bad input over the bridge is refused before main does anything.
      await expect(
        bridge.call('links.push', { namespace: 'Acme.Crm', lock: parsed.lock, changes: [], requestedAt: 1 }),
      ).rejects.toThrow(/Nothing to push/);

      await pushLinkedNamespace('Acme.Crm', parsed.lock, changes, 1_765_000_000_000);
      expect(useLinkPush.getState().outcome).toMatchObject({
        state: 'done',
        message: expect.stringMatching(/of bob\/crm; pull request #1 opened \(open\)/),
      });
      const [record] = await bridge.call('links.pushes', { refresh: true });
      expect(record).toMatchObject({
        mode: 'fork',
        pushedTo: 'bob/crm',
        pullRequest: { number: 1, state: 'open' },
      });
      expect(JSON.stringify(await bridge.call('links.forges'))).not.toContain('bob-token');
    } finally {
      stop();
      await travel(false).catch(() => undefined);
      await fx.close();
    }
  }, 60_000);
  it('a pull asked for while upstream is out of reach waits in the queue, then previews and applies its strategy', async () => {
    const fx = await openFixture({ userName: 'bob' });
    const stop = startLinkQueueWiring(bridge, fx.ws, fx.db);
    const travel = async (on: boolean) => {
      const settings = await bridge.call('travel.set', { on });
      useSyncSettings.setState({ settings });
    };
    const content = (path: string) => fx.ws.getSnapshot().items.find((i) => i.path === path)?.content;
    const lockVersion = () => {
      const parsed = parseLock(content('Acme.Crm._link') ?? '');
      return parsed.ok ? parsed.lock.resolvedVersion : null;
    };
    const notice = async () => queuedPullNotice(await fx.db.queue.all(), 'Acme.Crm');
    try {
      const request = crmLinkRequest(forge);
      expect(await linkOrQueue(bridge, fx.ws, 'Acme.Crm', request)).toEqual({ error: null, notice: null });
      await crm.release('v1.1.0', {
        'components/crm/lookup.yaml': 'name: lookup\ntimeout: 45\n',
        'components/crm/fresh.yaml': 'name: fresh\n',
      });

      await travel(true);
      await queuePull('Acme.Crm', 'merge');
      expect(await notice()).toBe(
        'Pulling Acme.Crm (merge) waits in the sync queue until upstream can be reached.',
      );
      expect((await fx.db.queue.all()).map((e) => e.title)).toEqual(['Pull Acme.Crm from upstream (merge)']);
      expect(lockVersion()).toBe('1.0.0'); // nothing pulled while it waits

      await travel(false);
      await expect.poll(lockVersion, { timeout: 15_000 }).toBe('1.1.0');
      expect(content('Acme.Crm.lookup')).toBe('name: lookup\ntimeout: 45\n');
      expect(content('Acme.Crm.fresh')).toBe('name: fresh\n');
      await expect.poll(async () => (await fx.db.queue.all()).length, { timeout: 15_000 }).toBe(0);
      expect(await notice()).toBeNull(); // the entry is done: the panel no longer says it waits

      // A queued fast-forward over a local edit is refused when it runs, in words, changing nothing.
      await crm.release('v1.2.0', { 'components/crm/fresh.yaml': 'name: fresher\n' });
      const lookup = fx.ws.getSnapshot().items.find((i) => i.path === 'Acme.Crm.lookup')!;
      await fx.ws.updateContent(lookup.itemId, 'name: lookup\ntimeout: 99\n');
      await travel(true);
      await queuePull('Acme.Crm', 'fastForward');
      await travel(false);
      await expect
        .poll(async () => (await fx.db.queue.all()).map((e) => [e.status, e.error]), { timeout: 15_000 })
        .toEqual([['failed', expect.stringMatching(/^Fast-forward refused:/)]]);
      expect(lockVersion()).toBe('1.1.0');
      expect(content('Acme.Crm.lookup')).toBe('name: lookup\ntimeout: 99\n');
      expect(content('Acme.Crm.fresh')).toBe('name: fresh\n');
      // The panel's line ends with the entry: it now says the pull failed, and why.
      expect(await notice()).toMatch(
        /^The queued pull of Acme.Crm \(fast-forward\) failed: Fast-forward refused: 1 item is changed here/,
      );
    } finally {
      stop();
      await travel(false).catch(() => undefined);
      await fx.close();
    }
  }, 60_000);
  it('refuses a pull, previewed, applied or queued, while the lock item itself is in conflict', async () => {
    const fx = await openFixture({ userName: 'bob' });
    const stop = startLinkQueueWiring(bridge, fx.ws, fx.db);
    const lockItem = () => fx.ws.getSnapshot().items.find((i) => i.path === 'Acme.Crm._link')!;
    try {
      const request = crmLinkRequest(forge);
      expect(await linkOrQueue(bridge, fx.ws, 'Acme.Crm', request)).toEqual({ error: null, notice: null });
      await crm.release('v1.3.0', { 'components/crm/lookup.yaml': 'name: lookup\ntimeout: 13\n' });
      // The preview made while the lock is whole: applying it later must still look again.
      const before = await computePullPreview(bridge, fx.ws, 'Acme.Crm');
      if (!before || 'error' in before) throw new Error('the first preview should work');

      // Two teammates moved the lock apart: two heads on the lock's first version.
      const parsed = parseLock(lockItem().content);
      if (!parsed.ok) throw new Error(parsed.message);
      const first = lockItem().heads[0]!;
      for (const by of ['carol', 'dave'])
        await fx.ws.saveOutsideEdit(
          lockItem().itemId,
          { type: 'edit', content: formatLock({ ...parsed.lock, resolvedBy: by }) },
          first,
        );
      expect(lockItem().conflict?.sides).toHaveLength(2);
      const snapshot = () => fx.ws.getSnapshot().items.map((i) => [i.path, i.content, i.heads]);
      const untouched = snapshot();
      const words =
        /^The lock of Acme.Crm is in conflict: Acme.Crm._link has two versions.*nothing was pulled\.$/;

      expect(await computePullPreview(bridge, fx.ws, 'Acme.Crm')).toEqual({
        error: expect.stringMatching(words),
      });
      useLinks.setState({ preview: before, strategy: 'overwrite', error: null });
      await applyLinkPull(bridge, fx.ws);
      expect(useLinks.getState().error).toMatch(words);

      await queuePull('Acme.Crm', 'merge');
      await expect
        .poll(async () => (await fx.db.queue.all()).map((e) => [e.status, e.error]), { timeout: 15_000 })
        .toEqual([['failed', expect.stringMatching(words)]]);
      expect(queuedPullNotice(await fx.db.queue.all(), 'Acme.Crm')).toMatch(
        /^The queued pull of Acme.Crm \(merge\) failed: The lock of Acme.Crm is in conflict/,
      );
      expect(snapshot()).toEqual(untouched);
    } finally {
      stop();
      useLinks.setState({ preview: null, error: null });
      await fx.close();
    }
  }, 60_000);
});
