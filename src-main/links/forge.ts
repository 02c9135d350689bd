import { Octokit } from '@octokit/rest';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import type { PullRequestState } from '../../src-shared/links/push-plan.js';

/** A repository on a forge: which API answers for it, and its owner and name there. */
export interface ForgeRepository {
  baseUrl: string;
  owner: string;
  name: string;
}

/** What Tether reads of a repository (GitHub's `full-repository`). */
export interface ForgeRepoFacts {
  fullName: string;
  owner: string;
  name: string;
  cloneUrl: string;
  defaultBranch: string;
  canPush: boolean;
}

export interface ForgePull {
  number: number;
  url: string;
  state: PullRequestState;
}

/**
 * The forge (GitHub's REST API, or one that speaks it) that answers for
 * `repository`, among those a token is set for: the API on the same host
 * (GitHub Enterprise `https://host/api/v3`, the tests' stand-in) or on
 * `api.` + the host (github.com's `https://api.github.com`). Null when none.
 */
export function forgeFor(repository: string, baseUrls: readonly string[]): ForgeRepository | null {
  const at = addressOf(repository);
  if (!at) return null;
  for (const baseUrl of baseUrls) {
    let api: URL;
    try {
      api = new URL(baseUrl);
    } catch {
      continue;
    }
    if (api.host === at.host || api.host === `api.${at.host}`) return { baseUrl, ...at.repo };
  }
  return null;
}

function addressOf(repository: string): { host: string; repo: { owner: string; name: string } } | null {
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(repository);
  let host: string;
  let path: string;
  if (scp) [, host = '', path = ''] = scp;
  else {
    try {
      const url = new URL(repository);
      host = url.host;
      path = url.pathname;
    } catch {
      return null;
    }
  }
  const parts = path
    .replace(/\.git\/?$/, '')
    .split('/')
    .filter(Boolean);
  const [owner, name] = parts.slice(-2);
  return owner && name ? { host, repo: { owner, name } } : null;
}

/**
 * Tether's calls to a forge's REST API, through Octokit with the forge's
 * base URL (so tests reach the local stand-in). Errors come out in the
 * product's words as BridgeErrors; the token never leaves main.
 */
export class ForgeClient {
  private readonly octokit: Octokit;

  constructor(
    readonly baseUrl: string,
    token: string,
    private readonly opts: { timeoutMs?: number; pollMs?: number; pollTries?: number } = {},
  ) {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    this.octokit = new Octokit({
      auth: token,
      baseUrl,
      userAgent: 'Tether',
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      request: {
        fetch: (url: string, init: RequestInit) =>
          fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      },
    });
  }

  /** The login the token belongs to. */
  async me(): Promise<string> {
    const { data } = await this.call(() => this.octokit.rest.users.getAuthenticated());
    return data.login;
  }

  /** The repository as the token's user sees it (with their permissions), or null when it is not there. */
  async repo(owner: string, name: string): Promise<ForgeRepoFacts | null> {
    try {
      const { data } = await this.octokit.rest.repos.get({ owner, repo: name });
      return {
        fullName: data.full_name,
        owner: data.owner.login,
        name: data.name,
        cloneUrl: data.clone_url,
        defaultBranch: data.default_branch,
        canPush: data.permissions?.push === true,
      };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw this.inWords(error);
    }
  }

  /**
   * The caller's fork of `owner/name`: asked for (GitHub answers 202 and
   * copies in the background, or hands back the fork already there), then
   * polled until the repository answers.
   */
  async fork(owner: string, name: string): Promise<ForgeRepoFacts> {
    const { data } = await this.call(() => this.octokit.rest.repos.createFork({ owner, repo: name }));
    const tries = this.opts.pollTries ?? 30;
    for (let i = 0; i < tries; i++) {
      const ready = await this.repo(data.owner.login, data.name);
      if (ready) return ready;
      await sleep(Math.min((this.opts.pollMs ?? 500) * 2 ** i, 5_000));
    }
    throw new BridgeError({
      code: 'offline',
      message: `The fork ${data.full_name} is not ready yet; the push will try again.`,
      retryable: true,
    });
  }

  /**
   * The pull request from `head` (`login:branch`) into `base`: one already
   * there for the branch is found and reused; otherwise it is opened.
   */
  async pullRequest(
    target: { owner: string; name: string },
    pr: { head: string; base: string; title: string; body: string },
  ): Promise<ForgePull & { reused: boolean }> {
    const existing = await this.findPull(target, pr.head);
    if (existing) return { ...existing, reused: true };
    try {
      const { data } = await this.octokit.rest.pulls.create({
        owner: target.owner,
        repo: target.name,
        ...pr,
      });
      return { ...pullOf(data), reused: false };
    } catch (error) {
      // Opened meanwhile (another try of the same push): GitHub says so as a 422.
      const again = statusOf(error) === 422 ? await this.findPull(target, pr.head) : null;
      if (again) return { ...again, reused: true };
      throw this.inWords(error);
    }
  }

  /** A pull request's state now. */
  async pull(target: { owner: string; name: string }, number: number): Promise<ForgePull> {
    const { data } = await this.call(() =>
      this.octokit.rest.pulls.get({ owner: target.owner, repo: target.name, pull_number: number }),
    );
    return pullOf(data);
  }

  /** Brings the fork's `branch` up to upstream's (GitHub's "Sync fork"); says what happened. */
  async syncFork(fork: { owner: string; name: string }, branch: string): Promise<string> {
    try {
      const { data } = await this.octokit.rest.repos.mergeUpstream({
        owner: fork.owner,
        repo: fork.name,
        branch,
      });
      return data.merge_type === 'none'
        ? `${fork.owner}/${fork.name} is already in step with upstream’s ${branch}.`
        : `${fork.owner}/${fork.name}’s ${branch} now matches upstream’s.`;
    } catch (error) {
      if (statusOf(error) === 409)
        throw new BridgeError({
          code: 'conflict',
          message: `${fork.owner}/${fork.name}’s ${branch} has commits upstream does not; the forge cannot bring it in step by itself.`,
          retryable: false,
        });
      throw this.inWords(error);
    }
  }

  private async findPull(target: { owner: string; name: string }, head: string): Promise<ForgePull | null> {
    const { data } = await this.call(() =>
      this.octokit.rest.pulls.list({ owner: target.owner, repo: target.name, head, state: 'all' }),
    );
    const found = data.find((p) => p.state === 'open') ?? data[0];
    return found ? pullOf(found) : null;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.inWords(error);
    }
  }

  /** Octokit's error as the bridge says it: who refused what, never the token. */
  private inWords(error: unknown): BridgeError {
    const status = statusOf(error);
    const forge = this.baseUrl;
    if (status === 401)
      return new BridgeError({
        code: 'unauthorized',
        message: `The forge at ${forge} refused the token set for it; set a new one in Settings → Forges.`,
        retryable: false,
      });
    if (status === 403 || status === 404)
      return new BridgeError({
        code: 'forbidden',
        message: `The forge at ${forge} did not allow it (${messageOf(error)}).`,
        retryable: false,
      });
    if (status === undefined || status >= 500)
      return new BridgeError({
        code: 'offline',
        message: `The forge at ${forge} could not be reached; Tether will try again.`,
        retryable: true,
      });
    return new BridgeError({
      code: 'bad_request',
      message: `The forge at ${forge} refused: ${messageOf(error)}`,
      retryable: false,
    });
  }
}

interface PullData {
  number: number;
  html_url: string;
  state: string;
  merged_at?: string | null;
}

function pullOf(data: PullData): ForgePull {
  const state: PullRequestState = data.merged_at ? 'merged' : data.state === 'open' ? 'open' : 'closed';
  return { number: data.number, url: data.html_url, state };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  // Octokit reports a request that never got an answer (refused, timed out) as status 500.
  if (typeof status !== 'number' || (status === 500 && !(error as { response?: unknown }).response))
    return undefined;
  return status;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
