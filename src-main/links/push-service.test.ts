import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeError } from '../../src-shared/bridge/contract.js';
import type { LockRecord } from '../../src-shared/links/lock.js';
import type { PushChange } from '../../src-shared/links/push-plan.js';
import { runGit } from '../git/run.js';
import { cloneTo, upstreamClone } from '../git/test-support.js';
import { forgeFor } from './forge.js';
import { lockLink, startForgeStandIn, type ForgeStandIn } from './forge-stand-in.js';
import { forgeTokenStore } from './forge-tokens.js';
import { LinkPushService, type LinkPushRequest } from './push-service.js';
import { LinkUpstream } from './upstream.js';

/**
 * The push of a linked namespace end to end, against the forge stand-in:
 * real bare repositories over git http-backend, GitHub's REST answers,
 * Octokit in the product. alice owns alice/crm; bob and carol may not push.
 */
describe('pushing a linked namespace: direct, or fork and pull request', () => {
  let forge: ForgeStandIn;
  let dir: string;
  let upstream: LinkUpstream;
  let lock: LockRecord;
  let travel = false;
  const services: Record<string, LinkPushService> = {};
  const edits: PushChange[] = [
    { path: 'Acme.Crm.lookup', kind: 'component', content: 'name: lookup\ntimeout: 60\n' },
    { path: 'Acme.Crm.extra', kind: 'component', content: 'name: extra\n' },
  ];
  const request = (over: Partial<LinkPushRequest> = {}): LinkPushRequest => ({
    namespace: 'Acme.Crm',
    lock,
    changes: edits,
    requestedAt: 1_765_000_000_000,
    ...over,
  });
  const as = async (who: string, token: string | null) => {
    const tokens = forgeTokenStore(join(dir, who, 'forge-credentials.json'));
    if (token) await tokens.set(forge.apiUrl, token);
    const service = new LinkPushService({
      dataDir: join(dir, who),
      upstream,
      tokens,
      userName: who,
      travelMode: () => travel,
      forge: { pollMs: 5 },
    });
    services[who] = service;
    return service;
  };
  /** The forge's branches of OWNER/crm ([] while there is no such repository). */
  const branches = async (owner: string) =>
    (await runGit(['ls-remote', '--heads', forge.gitUrl(owner, 'crm')], { cwd: dir }).catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t')[1]!.replace('refs/heads/', ''))
      .sort();
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: unknown) => e as BridgeError,
    );

  beforeAll(async () => {
    forge = await startForgeStandIn({
      tokens: { 'alice-token': 'alice', 'bob-token': 'bob', 'carol-token': 'carol', 'dave-token': 'dave' },
      forkReadyAfterPolls: 2,
    });
    dir = await mkdtemp(join(tmpdir(), 'tether-push-'));
    const crm = await upstreamClone(forge.asRemote('alice', 'alice-token'), 'crm');
    await crm.release('v1.0.0', {
      'components/crm/lookup.yaml': 'name: lookup\ntimeout: 30\n',
      'components/crm/gone.yaml': 'name: gone\n',
      'README.md': 'crm\n',
    });
    upstream = new LinkUpstream(join(dir, 'repositories'));
    lock = await lockLink(upstream, 'Acme.Crm', forge.gitUrl('alice', 'crm'), 'components/crm');
  }, 30_000);

  afterAll(async () => {
    await forge.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the forge of a repository by its host (api. for github.com), owner and name from the address', () => {
    expect(forgeFor('https://github.com/acme/crm.git', ['https://api.github.com'])).toEqual({
      baseUrl: 'https://api.github.com',
      owner: 'acme',
      name: 'crm',
    });
    expect(forgeFor('git@ghe.example.com:acme/crm.git', ['https://ghe.example.com/api/v3'])?.name).toBe(
      'crm',
    );
    expect(forgeFor(forge.gitUrl('alice', 'crm'), [forge.apiUrl])).toMatchObject({ owner: 'alice' });
    expect(forgeFor('https://gitlab.example.com/acme/crm.git', ['https://api.github.com'])).toBeNull();
  });

  it('with write access (alice): a branch of upstream itself, no fork, no pull request', async () => {
    const alice = await as('alice', 'alice-token');
    const record = await alice.push(request({ requestedAt: 1_765_000_000_000 }));
    expect(record).toMatchObject({
      mode: 'direct',
      pushedTo: 'alice/crm',
      branch: 'tether/Acme.Crm-1765000000',
      base: lock.commit,
      pullRequest: null,
    });
    const check = await cloneTo(forge.gitUrl('alice', 'crm'), 'check-direct');
    const show = (what: string) => runGit(['show', what], { cwd: check });
    expect(await show(`${record.commit}:components/crm/lookup.yaml`)).toBe('name: lookup\ntimeout: 60\n');
    expect(await show(`${record.commit}:components/crm/extra.yaml`)).toBe('name: extra\n');
    expect(await show(`${record.commit}:components/crm/gone.yaml`)).toBe('name: gone\n');
    expect((await runGit(['rev-parse', 'origin/main'], { cwd: check })).trim()).toBe(lock.commit);
    expect(await branches('bob')).toEqual([]);
  });

  it('without write access (bob): forks (polled until ready), pushes there, opens a pull request', async () => {
    const bob = await as('bob', 'bob-token');
    const deleted: PushChange = { path: 'Acme.Crm.gone', deleted: true };
    const record = await bob.push(request({ changes: [...edits, deleted], requestedAt: 1_765_000_100_000 }));
    expect(record).toMatchObject({
      mode: 'fork',
      pushedTo: 'bob/crm',
      branch: 'tether/Acme.Crm-1765000100',
      pullRequest: { number: 1, state: 'open', reused: false },
    });
    expect(record.pullRequest?.url).toMatch(/\/alice\/crm\/pull\/1$/);
    expect(await branches('bob')).toContain('tether/Acme.Crm-1765000100');
    expect(await branches('alice')).not.toContain('tether/Acme.Crm-1765000100');
    const files = await runGit(['ls-tree', '-r', '--name-only', record.commit], {
      cwd: (await upstream.store(lock.repository)).dir,
    });
    expect(files.trim().split('\n')).toEqual([
      'README.md',
      'components/crm/extra.yaml',
      'components/crm/lookup.yaml',
    ]);
    // What main remembers of it (the table's "forked" and the pull request's link come from here).
    const saved = JSON.parse(await readFile(join(dir, 'bob', 'links', 'pushes.json'), 'utf8')) as object;
    expect(saved).toMatchObject({ 'Acme.Crm': { mode: 'fork', pullRequest: { number: 1 } } });
  });

  it('the same push again (a retry) makes the same commit and finds the pull request instead of opening another', async () => {
    const again = await services.bob!.push(
      request({
        changes: [...edits, { path: 'Acme.Crm.gone', deleted: true }],
        requestedAt: 1_765_000_100_000,
      }),
    );
    expect(again.pullRequest).toMatchObject({ number: 1, reused: true, state: 'open' });
    const list = await fetch(`${forge.apiUrl}/repos/alice/crm/pulls?state=all`, {
      headers: { authorization: 'Bearer alice-token' },
    });
    expect(((await list.json()) as unknown[]).length).toBe(1);
  });

  it('shows the pull request’s state as it is now: merged once upstream merges it', async () => {
    expect((await services.bob!.pushes(true))[0]?.pullRequest?.state).toBe('open');
    const merged = await fetch(`${forge.apiUrl}/repos/alice/crm/pulls/1/merge`, {
      method: 'PUT',
      headers: { authorization: 'Bearer alice-token' },
    });
    expect(merged.status).toBe(200);
    expect((await services.bob!.pushes(true))[0]?.pullRequest?.state).toBe('merged');
    // Offline (travel mode) the last known state is shown, and nothing is asked.
    travel = true;
    expect((await services.bob!.pushes(true))[0]?.pullRequest?.state).toBe('merged');
    travel = false;
  });

  it('sync fork brings the fork’s main to upstream’s, then says it is in step', async () => {
    const upstreamMain = (
      await runGit(['ls-remote', forge.gitUrl('alice', 'crm'), 'refs/heads/main'], { cwd: dir })
    ).split('\t')[0];
    const forkMain = async () =>
      (await runGit(['ls-remote', forge.gitUrl('bob', 'crm'), 'refs/heads/main'], { cwd: dir })).split(
        '\t',
      )[0];
    expect(await forkMain()).not.toBe(upstreamMain); // the merge moved upstream on
    expect((await services.bob!.syncFork('Acme.Crm')).message).toMatch(/now matches upstream/);
    expect(await forkMain()).toBe(upstreamMain);
    expect((await services.bob!.syncFork('Acme.Crm')).message).toMatch(/already in step/);
    const none = await refusal(services.alice!.syncFork('Acme.Crm'));
    expect(none?.message).toMatch(/has no fork/);
  });

  it('another user’s token forks into that user’s own account and never touches bob’s fork or pull request', async () => {
    const bobBranches = await branches('bob');
    const carol = await as('carol', 'carol-token');
    const record = await carol.push(request({ requestedAt: 1_765_000_200_000 }));
    expect(record).toMatchObject({
      mode: 'fork',
      pushedTo: 'carol/crm',
      pullRequest: { number: 2, reused: false },
    });
    expect(await branches('bob')).toEqual(bobBranches);
    // Carol's token cannot push into bob's fork by git either.
    const check = await cloneTo(forge.gitUrl('bob', 'crm'), 'check-carol');
    const denied = await runGit(
      ['push', '-q', forge.gitUrlWithToken('bob', 'crm', 'carol-token'), 'HEAD:refs/heads/x'],
      {
        cwd: check,
      },
    ).catch((e: unknown) => e as Error);
    expect(denied).toBeInstanceOf(Error);
    expect(await branches('bob')).toEqual(bobBranches);
  });

  it('refuses, changing nothing: a bad token, no token without write access, a made-up lock, edits outside the namespace, nothing to push, travel mode', async () => {
    const before = [await branches('alice'), await branches('bob')];
    const forged = await as('mallory', 'not-a-token');
    expect(await refusal(forged.push(request({ requestedAt: 1_765_000_300_000 })))).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/refused the token/),
    });
    const tokenless = await as('dave', null);
    expect(await refusal(tokenless.push(request({ requestedAt: 1_765_000_300_000 })))).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/no forge token is set for it/),
    });
    const bob = services.bob!;
    const notLinked = { ...lock, treeId: lock.commit, path: 'components/crm' };
    expect(
      await refusal(
        bob.push(
          request({
            namespace: 'Acme.Other',
            lock: notLinked,
            changes: [{ path: 'Acme.Other.lookup', kind: 'component', content: 'x' }],
          }),
        ),
      ),
    ).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/does not match/),
    });
    const outside: PushChange = { path: 'Acme.Billing.charge', kind: 'fn', content: 'x' };
    expect((await refusal(bob.push(request({ changes: [outside] }))))?.message).toMatch(
      /not an item of Acme.Crm/,
    );
    const lockItem: PushChange = { path: 'Acme.Crm._link', kind: 'component', content: 'x' };
    expect((await refusal(bob.push(request({ changes: [lockItem] }))))?.message).toMatch(/never pushed/);
    const undone: PushChange = {
      path: 'Acme.Crm.lookup',
      kind: 'component',
      content: 'name: lookup\ntimeout: 30\n',
    };
    expect((await refusal(bob.push(request({ changes: [undone] }))))?.message).toMatch(/Nothing to push/);
    travel = true;
    expect((await refusal(bob.push(request({ requestedAt: 1_765_000_400_000 }))))?.code).toBe('offline');
    travel = false;
    expect([await branches('alice'), await branches('bob')]).toEqual(before);
  });

  it('pushes nothing, and sends the token nowhere, when a forge hands out a fork address on another host', async () => {
    const knocks: string[] = [];
    const elsewhere = createServer((req, res) => {
      knocks.push(req.headers.authorization ?? 'no token');
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => elsewhere.listen(0, '127.0.0.1', done));
    forge.strayForkOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    try {
      const dave = await as('dave', 'dave-token');
      const error = await refusal(dave.push(request({ requestedAt: 1_765_000_900_000 })));
      expect(error?.message).toMatch(/not on upstream's host; nothing was pushed/);
      expect(knocks).toEqual([]); // git never went there, with or without the token
      // The fork holds upstream's branches (alice's direct push among them), not this push's.
      expect(await branches('dave')).not.toContain('tether/Acme.Crm-1765000900');
    } finally {
      forge.strayForkOrigin = null;
      await new Promise<void>((done) => elsewhere.close(() => done()));
    }
  });

  it('keeps forge tokens in main only: the page learns which forges have one; a refused token is not kept', async () => {
    const service = await as('erin', null);
    expect(await service.forges()).toEqual([]);
    expect(await service.setForgeToken(forge.apiUrl, 'bob-token')).toEqual([
      { baseUrl: forge.apiUrl, tokenSet: true },
    ]);
    expect(JSON.stringify(await service.forges())).not.toContain('bob-token');
    const wrong = await refusal(service.setForgeToken('http://127.0.0.1:1/api', 'x'));
    expect(wrong).toBeNull(); // unreachable: kept, checked when used
    const bad = await refusal(service.setForgeToken(forge.apiUrl, 'nope'));
    expect(bad?.code).toBe('unauthorized');
    const file = await readFile(join(dir, 'erin', 'forge-credentials.json'), 'utf8');
    expect(JSON.parse(file)).toEqual({ [forge.apiUrl]: 'bob-token', 'http://127.0.0.1:1/api': 'x' });
    await service.setForgeToken(forge.apiUrl, null);
    expect(await service.forges()).toEqual([{ baseUrl: 'http://127.0.0.1:1/api', tokenSet: true }]);
  });
});
