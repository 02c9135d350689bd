import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkQueueEntry, linkStepOf, type LinkStep } from '../../src-shared/links/push-queue.js';
import type { LockRecord } from '../../src-shared/links/lock.js';
import { StepQueue } from '../../src-renderer/mirror/git-queue.js';
import { openFixture } from '../../src-renderer/workspace/testing.js';
import { runGit } from '../git/run.js';
import { upstreamClone } from '../git/test-support.js';
import { lockLink, startForgeStandIn, type ForgeStandIn } from './forge-stand-in.js';
import { forgeTokenStore } from './forge-tokens.js';
import { LinkPushService } from './push-service.js';
import { LinkUpstream } from './upstream.js';

/**
 * A push asked for offline is a sync queue entry (the renderer's runner and
 * database, main's push service and the forge stand-in): it waits while the
 * computer is offline, runs when the connection is back, and a push upstream
 * refuses fails its entry in words instead of being tried again and again.
 */
describe('a linked namespace’s push as a sync queue entry', () => {
  let forge: ForgeStandIn;
  let dir: string;
  let lock: LockRecord;
  let service: LinkPushService;

  beforeAll(async () => {
    forge = await startForgeStandIn({ tokens: { 'alice-token': 'alice', 'bob-token': 'bob' } });
    const crm = await upstreamClone(forge.asRemote('alice', 'alice-token'), 'crm');
    await crm.release('v1.0.0', { 'components/crm/lookup.yaml': 'name: lookup\ntimeout: 30\n' });
    dir = await mkdtemp(join(tmpdir(), 'tether-push-queue-'));
    const upstream = new LinkUpstream(join(dir, 'repositories'));
    const tokens = forgeTokenStore(join(dir, 'forge-credentials.json'));
    await tokens.set(forge.apiUrl, 'bob-token');
    service = new LinkPushService({
      dataDir: dir,
      upstream,
      tokens,
      userName: 'bob',
      travelMode: () => false,
      forge: { pollMs: 5 },
    });
    lock = await lockLink(upstream, 'Acme.Crm', forge.gitUrl('alice', 'crm'), 'components/crm');
  }, 30_000);

  afterAll(async () => {
    await forge.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('waits offline, runs when the connection is back; a refused push fails its entry with the reason', async () => {
    const fx = await openFixture({ userName: 'bob' });
    const env = { offline: true };
    const queue = new StepQueue<LinkStep>({
      db: fx.db,
      steps: { of: linkStepOf, entry: linkQueueEntry },
      runStep: async (step) => {
        if (step.kind !== 'push') throw new Error('only pushes here');
        const { kind: _kind, ...params } = step;
        return { message: (await service.push(params)).branch };
      },
      hold: () => (env.offline ? 'offline' : null),
    });
    try {
      const push: LinkStep = {
        kind: 'push',
        namespace: 'Acme.Crm',
        lock,
        changes: [{ path: 'Acme.Crm.lookup', kind: 'component', content: 'name: lookup\ntimeout: 60\n' }],
        requestedAt: 1_765_000_000_000,
      };
      const offline = await queue.attempt(push);
      expect(offline).toEqual({
        state: 'waiting',
        message: 'Push 1 change of Acme.Crm upstream waits in the sync queue until this computer is online.',
      });
      const [waiting] = await fx.db.queue.all();
      expect(waiting).toMatchObject({ type: 'linked_namespace', status: 'pending', retryCount: 0 });
      expect(await forkBranches()).toEqual([]);

      env.offline = false;
      await queue.cameBack();
      await queue.drain();
      expect(await fx.db.queue.all()).toEqual([]);
      expect(await forkBranches()).toEqual(['tether/Acme.Crm-1765000000']);
      expect((await service.pushes(false))[0]?.pullRequest).toMatchObject({ number: 1, state: 'open' });

      // A lock that is not upstream's: refused by main, the entry fails once with main's words.
      const forged: LinkStep = {
        ...push,
        lock: { ...lock, treeId: lock.commit },
        requestedAt: 1_765_000_100_000,
      };
      const refused = await queue.attempt(forged);
      expect(refused.state).toBe('failed');
      expect(refused.message).toMatch(/does not match/);
      const [failed] = await fx.db.queue.all();
      expect(failed).toMatchObject({ status: 'failed', retryCount: 1 });
      expect(await forkBranches()).toEqual(['tether/Acme.Crm-1765000000']);
    } finally {
      queue.stop();
      await fx.close();
    }
  });

  const forkBranches = async () =>
    (await runGit(['ls-remote', '--heads', forge.gitUrl('bob', 'crm')], { cwd: dir }).catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t')[1]!.replace('refs/heads/', ''))
      .filter((name) => name.startsWith('tether/'));
});
