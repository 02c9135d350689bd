import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from '../git/run.js';
import { serveCgi, type GitHttpRemote } from '../git/test-support.js';
import type { LockRecord } from '../../src-shared/links/lock.js';
import type { LinkUpstream } from './upstream.js';
import {
  fullRepository,
  privateUser,
  pullRequest,
  simpleUser,
  type PullFacts,
  type Schemas,
} from './forge-shapes.js';

/**
 * Tests only: a local stand-in for GitHub, since no forge can be reached or
 * installed here. Real bare repositories served by `git http-backend` under
 * `/git/OWNER/NAME.git` (pushes only by owners, with the token as the
 * password), and the REST routes Tether calls under `/api`, answering in
 * GitHub's documented shapes: user, repository with the caller's
 * permissions, fork (202, then ready after a few polls), sync fork
 * (merge-upstream), pull requests (create, list, get; merge, which only the
 * tests call, as upstream's owner would).
 */
export interface ForgeStandIn {
  apiUrl: string;
  /** Clone address without credentials. */
  gitUrl(owner: string, name: string): string;
  /** Clone address that signs in with `token` (as git's credential for http). */
  gitUrlWithToken(owner: string, name: string, token: string): string;
  createRepo(owner: string, name: string): Promise<string>;
  /** OWNER's repositories as a plain git remote whose addresses sign in with `token` (for upstreamClone). */
  asRemote(owner: string, token: string): GitHttpRemote;
  /** A hostile forge: while set, forks' clone addresses name this origin instead of the stand-in's. */
  strayForkOrigin: string | null;
  close(): Promise<void>;
}

interface Repo {
  id: number;
  owner: string;
  name: string;
  fork: boolean;
  parent: string | null;
  /** GETs still answered 404 before a new fork is ready (GitHub forks asynchronously). */
  pendingPolls: number;
}

interface Pull {
  number: number;
  base: string;
  baseRef: string;
  head: string;
  headRef: string;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  mergedSha: string | null;
}

export async function startForgeStandIn(opts: {
  /** token → login */
  tokens: Record<string, string>;
  forkReadyAfterPolls?: number;
}): Promise<ForgeStandIn> {
  const root = await mkdtemp(join(tmpdir(), 'tether-forge-'));
  const repos = new Map<string, Repo>();
  const pulls: Pull[] = [];
  const logins = Object.values(opts.tokens);
  const userId = (login: string) => logins.indexOf(login) + 1;
  let nextRepoId = 100;
  let base = '';

  const dirOf = (full: string) => join(root, `${full}.git`);
  const createBare = async (owner: string, name: string, fork: Repo['parent'] = null) => {
    await mkdir(join(root, owner), { recursive: true });
    const dir = dirOf(`${owner}/${name}`);
    if (fork) await runGit(['clone', '-q', '--bare', dirOf(fork), dir], { cwd: root });
    else await runGit(['init', '-q', '--bare', '-b', 'main', dir], { cwd: root });
    await runGit(['config', 'http.receivepack', 'true'], { cwd: dir });
    repos.set(`${owner}/${name}`, {
      id: nextRepoId++,
      owner,
      name,
      fork: fork !== null,
      parent: fork,
      pendingPolls: fork ? (opts.forkReadyAfterPolls ?? 2) : 0,
    });
    return dir;
  };
  const api = () => `${base}/api`;
  const canPush = (repo: Repo, login: string | null) => login === repo.owner;
  const repoJson = (repo: Repo, login: string | null): Schemas['full-repository'] => {
    const parent = repo.parent ? repos.get(repo.parent) : undefined;
    return fullRepository(api(), {
      id: repo.id,
      owner: simpleUser(api(), repo.owner, userId(repo.owner)),
      name: repo.name,
      cloneUrl: `${(repo.fork && standIn.strayForkOrigin) || base}/git/${repo.owner}/${repo.name}.git`,
      fork: repo.fork,
      permissions: {
        admin: canPush(repo, login),
        maintain: canPush(repo, login),
        push: canPush(repo, login),
        triage: canPush(repo, login),
        pull: true,
      },
      ...(parent ? { parent: repoJson(parent, login) } : {}),
    });
  };
  const sha = async (full: string, ref: string) =>
    (
      await runGit(['rev-parse', '--verify', '--quiet', `refs/heads/${ref}`], { cwd: dirOf(full) }).catch(
        () => '',
      )
    ).trim();
  const pullJson = async (pull: Pull, login: string | null): Promise<Schemas['pull-request']> => {
    const facts: PullFacts = {
      number: pull.number,
      title: pull.title,
      body: pull.body,
      user: simpleUser(api(), pull.user, userId(pull.user)),
      head: {
        ref: pull.headRef,
        sha: await sha(pull.head, pull.headRef),
        repo: repoJson(repos.get(pull.head)!, login),
      },
      base: {
        ref: pull.baseRef,
        sha: await sha(pull.base, pull.baseRef),
        repo: repoJson(repos.get(pull.base)!, login),
      },
      state: pull.state,
      mergedSha: pull.mergedSha,
    };
    return pullRequest(api(), facts);
  };

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const login = caller(req, opts.tokens);
    if (login === undefined) return send(res, 401, { message: 'Bad credentials' });
    if (url.pathname.startsWith('/git/')) return serveGit(req, res, url, login);
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'api') return send(res, 404, { message: 'Not Found' });
    const [, first, owner, name, what, number, action] = parts;
    if (first === 'user' && req.method === 'GET') {
      return login
        ? send(res, 200, privateUser(api(), login, userId(login)))
        : send(res, 401, { message: 'Requires authentication' });
    }
    if (first !== 'repos' || !owner || !name) return send(res, 404, { message: 'Not Found' });
    const repo = repos.get(`${owner}/${name}`);
    if (!repo) return send(res, 404, { message: 'Not Found' });
    if (!what && req.method === 'GET') {
      if (repo.pendingPolls > 0) {
        repo.pendingPolls -= 1;
        return send(res, 404, { message: 'Not Found' });
      }
      return send(res, 200, repoJson(repo, login));
    }
    if (!login) return send(res, 401, { message: 'Requires authentication' });
    if (what === 'forks' && req.method === 'POST') {
      const full = `${login}/${name}`;
      const fork = repos.get(full) ?? repos.get(`${login}/${name}`);
      if (!fork) await createBare(login, name, `${owner}/${name}`);
      return send(res, 202, repoJson(repos.get(full)!, login));
    }
    if (what === 'pulls') return routePulls(req, res, url, repo, login, number, action);
    if (what === 'merge-upstream' && req.method === 'POST') return mergeUpstream(req, res, repo, login);
    return send(res, 404, { message: 'Not Found' });
  }

  /** "Sync fork": fast-forwards the fork's branch to its parent's; a fork that went its own way is a 409. */
  async function mergeUpstream(req: IncomingMessage, res: ServerResponse, repo: Repo, login: string) {
    const full = `${repo.owner}/${repo.name}`;
    if (!canPush(repo, login))
      return send(res, 403, { message: 'Resource not accessible by personal access token' });
    const { branch = '' } = (await readJson(req)) as { branch?: string };
    if (!repo.parent || !branch) return send(res, 422, { message: 'Validation Failed' });
    const [ours, theirs] = [await sha(full, branch), await sha(repo.parent, branch)];
    if (!theirs) return send(res, 422, { message: 'Validation Failed' });
    const answer = (merge_type: 'none' | 'fast-forward', message: string): Schemas['merged-upstream'] => ({
      message,
      merge_type,
      base_branch: `${repo.parent?.split('/')[0]}:${branch}`,
    });
    if (ours === theirs) return send(res, 200, answer('none', 'This branch is not behind the upstream'));
    const dir = dirOf(full);
    await runGit(['fetch', '-q', dirOf(repo.parent), `refs/heads/${branch}:refs/parent/${branch}`], {
      cwd: dir,
    });
    const behindOnly = await runGit(['merge-base', '--is-ancestor', ours || theirs, theirs], {
      cwd: dir,
    }).then(
      () => true,
      () => false,
    );
    if (!behindOnly) return send(res, 409, { message: 'There are merge conflicts' });
    await runGit(['update-ref', `refs/heads/${branch}`, theirs], { cwd: dir });
    return send(
      res,
      200,
      answer(
        'fast-forward',
        `Successfully fetched and fast-forwarded from upstream ${repo.parent}:${branch}.`,
      ),
    );
  }

  async function routePulls(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    repo: Repo,
    login: string,
    number: string | undefined,
    action: string | undefined,
  ): Promise<void> {
    const full = `${repo.owner}/${repo.name}`;
    if (!number && req.method === 'GET') {
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      const found = pulls.filter(
        (p) =>
          p.base === full &&
          (state === 'all' || p.state === state) &&
          (!head || `${p.head.split('/')[0]}:${p.headRef}` === head),
      );
      return send(res, 200, await Promise.all(found.map((p) => pullJson(p, login))));
    }
    if (!number && req.method === 'POST') {
      const body = (await readJson(req)) as { title?: string; head?: string; base?: string; body?: string };
      const [headOwner, headRef] = (body.head ?? '').includes(':')
        ? (body.head ?? '').split(':')
        : [repo.owner, body.head ?? ''];
      const headFull = `${headOwner}/${repo.name}`;
      if (!body.title || !headRef || !body.base || !repos.has(headFull) || !(await sha(headFull, headRef))) {
        return send(res, 422, {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', code: 'invalid', field: 'head' }],
        });
      }
      if (
        pulls.some(
          (p) => p.base === full && p.head === headFull && p.headRef === headRef && p.state === 'open',
        )
      ) {
        return send(res, 422, {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${headOwner}:${headRef}.`,
            },
          ],
        });
      }
      const pull: Pull = {
        number: pulls.length + 1,
        base: full,
        baseRef: body.base,
        head: headFull,
        headRef,
        title: body.title,
        body: body.body ?? null,
        user: login,
        state: 'open',
        mergedSha: null,
      };
      pulls.push(pull);
      return send(res, 201, await pullJson(pull, login));
    }
    const pull = pulls.find((p) => p.base === full && p.number === Number(number));
    if (!pull) return send(res, 404, { message: 'Not Found' });
    if (!action && req.method === 'GET') return send(res, 200, await pullJson(pull, login));
    if (action === 'merge' && req.method === 'PUT') {
      if (!canPush(repo, login)) return send(res, 403, { message: 'Must have admin rights to Repository.' });
      if (pull.state !== 'open') return send(res, 405, { message: 'Pull Request is not mergeable' });
      const merged = await mergeInto(pull);
      if (!merged) return send(res, 405, { message: 'Pull Request is not mergeable' });
      Object.assign(pull, { state: 'closed', mergedSha: merged });
      const result: Schemas['pull-request-merge-result'] = {
        sha: merged,
        merged: true,
        message: 'Pull Request successfully merged',
      };
      return send(res, 200, result);
    }
    return send(res, 404, { message: 'Not Found' });
  }

  /** A merge commit on the base branch, made with plumbing in the bare repository (null when it conflicts). */
  async function mergeInto(pull: Pull): Promise<string | null> {
    const dir = dirOf(pull.base);
    const git = (args: string[], more: { okExitCodes?: number[]; input?: string } = {}) =>
      runGit(args, { cwd: dir, ...more });
    await git(['fetch', '-q', dirOf(pull.head), `+refs/heads/${pull.headRef}:refs/pull/${pull.number}/head`]);
    const ours = (await git(['rev-parse', `refs/heads/${pull.baseRef}`])).trim();
    const theirs = (await git(['rev-parse', `refs/pull/${pull.number}/head`])).trim();
    const out = await git(
      ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', ours, theirs],
      { okExitCodes: [1] },
    );
    const [tree = '', ...conflicts] = out.split('\0');
    if (conflicts.some(Boolean)) return null;
    const message = `Merge pull request #${pull.number} from ${pull.head.split('/')[0]}/${pull.headRef}`;
    const commit = (
      await runGit(['commit-tree', '-p', ours, '-p', theirs, '-F', '-', tree], {
        cwd: dir,
        input: message,
        env: {
          GIT_AUTHOR_NAME: 'Forge',
          GIT_AUTHOR_EMAIL: 'forge@example.com',
          GIT_COMMITTER_NAME: 'Forge',
          GIT_COMMITTER_EMAIL: 'forge@example.com',
        },
      })
    ).trim();
    await git(['update-ref', `refs/heads/${pull.baseRef}`, commit, ours]);
    return commit;
  }

  function serveGit(req: IncomingMessage, res: ServerResponse, url: URL, login: string | null): void {
    const full = url.pathname.slice('/git/'.length).split('.git')[0] ?? '';
    const repo = repos.get(full);
    if (!repo || repo.pendingPolls > 0) return send(res, 404, { message: 'Not Found' });
    const pushing =
      url.searchParams.get('service') === 'git-receive-pack' || url.pathname.endsWith('/git-receive-pack');
    if (pushing && !login) {
      res.setHeader('WWW-Authenticate', 'Basic realm="forge"');
      return send(res, 401, { message: 'Requires authentication' });
    }
    if (pushing && !canPush(repo, login))
      return send(res, 403, { message: `Permission to ${full}.git denied to ${login}.` });
    req.url = url.pathname.slice('/git'.length) + url.search;
    serveCgi(root, req, res, login ?? 'anonymous');
  }

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  const withToken = (owner: string, name: string, token: string) =>
    `http://x-access-token:${token}@127.0.0.1:${port}/git/${owner}/${name}.git`;
  const standIn: ForgeStandIn = {
    strayForkOrigin: null,
    apiUrl: api(),
    gitUrl: (owner, name) => `${base}/git/${owner}/${name}.git`,
    gitUrlWithToken: withToken,
    createRepo: (owner, name) => createBare(owner, name),
    asRemote: (owner, token) => ({
      root,
      url: (name) => withToken(owner, name, token),
      createRepo: (name) => createBare(owner, name),
      close: async () => {},
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(root, { recursive: true, force: true });
    },
  };
  return standIn;
}

/** Tests only: `namespace` linked to `path` of `repository` at its newest 1.x tag, as the lock LinkUpstream makes. */
export async function lockLink(
  upstream: LinkUpstream,
  namespace: string,
  repository: string,
  path: string,
): Promise<LockRecord> {
  const request = { repository, path, constraint: { kind: 'version' as const, range: '^1' }, requires: [] };
  const locked = await upstream.lock(new Map([[namespace, request]]), 'tester', 1);
  if (!locked.ok) throw new Error(locked.error.message);
  return locked.locks[0]!.lock;
}

/** The login of the request's token (Bearer, `token X` or Basic's password); null without one, undefined for a bad one. */
function caller(req: IncomingMessage, tokens: Record<string, string>): string | null | undefined {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme = '', value = ''] = header.split(' ');
  const token = /^basic$/i.test(scheme)
    ? Buffer.from(value, 'base64').toString('utf8').split(':').slice(1).join(':')
    : value;
  return tokens[token];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}
