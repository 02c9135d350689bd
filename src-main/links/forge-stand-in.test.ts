import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError } from '../git/errors.js';
import { runGit } from '../git/run.js';
import { cloneTo } from '../git/test-support.js';
import type { Schemas } from './forge-shapes.js';
import { startForgeStandIn, type ForgeStandIn } from './forge-stand-in.js';

/** The stand-in itself, as the product's fork path will meet it: GitHub's answers, real git underneath. */
describe('the forge stand-in', () => {
  let forge: ForgeStandIn;
  const call = async <T>(token: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${forge.apiUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    forge = await startForgeStandIn({
      tokens: { 'alice-token': 'alice', 'bob-token': 'bob' },
      forkReadyAfterPolls: 2,
    });
    await forge.createRepo('alice', 'crm');
    const dir = await cloneTo(forge.gitUrlWithToken('alice', 'crm', 'alice-token'), 'alice-crm');
    await writeFile(join(dir, 'lookup.yaml'), 'name: lookup\ntimeout: 30\n');
    await runGit(['add', '-A'], { cwd: dir });
    await runGit(['commit', '-q', '-m', 'first'], { cwd: dir });
    await runGit(['push', '-q', 'origin', 'HEAD:refs/heads/main'], { cwd: dir });
  }, 30_000);

  afterAll(async () => {
    await forge.close();
  });

  it('answers who a token is, and refuses a bad one', async () => {
    const me = await call<Schemas['private-user']>('bob-token', 'GET', '/user');
    expect(me).toMatchObject({ status: 200, body: { login: 'bob', type: 'User' } });
    expect((await call('nope', 'GET', '/user')).status).toBe(401);
  });

  it('tells each caller their permissions on a repository', async () => {
    const asAlice = await call<Schemas['full-repository']>('alice-token', 'GET', '/repos/alice/crm');
    const asBob = await call<Schemas['full-repository']>('bob-token', 'GET', '/repos/alice/crm');
    expect(asAlice.body.permissions?.push).toBe(true);
    expect(asBob.body.permissions?.push).toBe(false);
    expect(asBob.body).toMatchObject({ full_name: 'alice/crm', default_branch: 'main', fork: false });
  });

  it('refuses a push by someone without write access, and forks for them (202, ready after polling)', async () => {
    const bobs = await cloneTo(forge.gitUrlWithToken('alice', 'crm', 'bob-token'), 'bob-crm');
    await writeFile(join(bobs, 'lookup.yaml'), 'name: lookup\ntimeout: 60\n');
    await runGit(['commit', '-q', '-am', 'longer timeout'], { cwd: bobs });
    const refused = await runGit(['push', '-q', 'origin', 'HEAD:refs/heads/tether/Crm-1'], {
      cwd: bobs,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GitError);
    expect((refused as GitError).reason).toBe('auth');

    const fork = await call<Schemas['full-repository']>('bob-token', 'POST', '/repos/alice/crm/forks');
    expect(fork).toMatchObject({
      status: 202,
      body: { full_name: 'bob/crm', fork: true, parent: { full_name: 'alice/crm' } },
    });
    expect((await call('bob-token', 'GET', '/repos/bob/crm')).status).toBe(404);
    expect((await call('bob-token', 'GET', '/repos/bob/crm')).status).toBe(404);
    expect((await call('bob-token', 'GET', '/repos/bob/crm')).status).toBe(200);

    await runGit(
      ['push', '-q', forge.gitUrlWithToken('bob', 'crm', 'bob-token'), 'HEAD:refs/heads/tether/Crm-1'],
      { cwd: bobs },
    );
    const pr = await call<Schemas['pull-request']>('bob-token', 'POST', '/repos/alice/crm/pulls', {
      title: 'Longer timeout',
      head: 'bob:tether/Crm-1',
      base: 'main',
    });
    expect(pr).toMatchObject({
      status: 201,
      body: { number: 1, state: 'open', head: { label: 'bob:tether/Crm-1' } },
    });
    const again = await call<{ errors: { message: string }[] }>(
      'bob-token',
      'POST',
      '/repos/alice/crm/pulls',
      {
        title: 'Longer timeout',
        head: 'bob:tether/Crm-1',
        base: 'main',
      },
    );
    expect(again.status).toBe(422);
    expect(again.body.errors[0]?.message).toBe('A pull request already exists for bob:tether/Crm-1.');
    const listed = await call<Schemas['pull-request'][]>(
      'bob-token',
      'GET',
      '/repos/alice/crm/pulls?head=bob:tether/Crm-1',
    );
    expect(listed.body.map((p) => p.html_url)).toEqual([pr.body.html_url]);

    expect((await call('bob-token', 'PUT', '/repos/alice/crm/pulls/1/merge')).status).toBe(403);
    const merged = await call<Schemas['pull-request-merge-result']>(
      'alice-token',
      'PUT',
      '/repos/alice/crm/pulls/1/merge',
    );
    expect(merged).toMatchObject({ status: 200, body: { merged: true } });
    const got = await call<Schemas['pull-request']>('bob-token', 'GET', '/repos/alice/crm/pulls/1');
    expect(got.body).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merged.body.sha });
    const heads = await runGit(['ls-remote', forge.gitUrl('alice', 'crm'), 'refs/heads/main'], { cwd: bobs });
    expect(heads.split('\t')[0]).toBe(merged.body.sha);
  });
});
