import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import type { LockRecord } from '../../src-shared/links/lock.js';
import {
  applyPushChanges,
  effectiveChanges,
  pushRefusal,
  PushRecordSchema,
  type PushChange,
  type PushRecord,
} from '../../src-shared/links/push-plan.js';
import { GitError } from '../git/errors.js';
import { ForgeClient, forgeFor, type ForgeRepository } from './forge.js';
import type { ForgeTokenStore } from './forge-tokens.js';
import { localFolderFiles } from './local-folder.js';
import type { LinkUpstream } from './upstream.js';

export interface LinkPushDeps {
  dataDir: string;
  upstream: LinkUpstream;
  tokens: ForgeTokenStore;
  userName: string;
  travelMode(): boolean;
  /** Tests make the fork's polling quick. */
  forge?: { pollMs?: number; timeoutMs?: number };
}

export interface LinkPushRequest {
  namespace: string;
  lock: LockRecord;
  changes: readonly PushChange[];
  requestedAt: number;
}

const RecordsSchema = z.record(z.string(), PushRecordSchema);

/**
 * Pushing a linked namespace's edits upstream. The edits become one commit
 * on the lock's commit, pushed (never forced) to `tether/<namespace>-<time>`:
 * of upstream itself when the forge says the token may push there (or, with
 * no forge token, when git's own credentials may), otherwise of the token
 * user's fork, with a pull request into upstream. The last push of each
 * namespace is remembered in main's data folder.
 */
export class LinkPushService {
  private readonly recordsFile: string;

  constructor(private readonly deps: LinkPushDeps) {
    this.recordsFile = join(deps.dataDir, 'links', 'pushes.json');
  }

  async forges(): Promise<{ baseUrl: string; tokenSet: true }[]> {
    return Object.keys(await this.deps.tokens.all())
      .sort()
      .map((baseUrl) => ({ baseUrl, tokenSet: true as const }));
  }

  /** Keeps a token for a forge once the forge accepts it (an unreachable forge: kept, checked on use). */
  async setForgeToken(baseUrl: string, token: string | null) {
    if (token) {
      try {
        await this.client(baseUrl, token).me();
      } catch (error) {
        if (!(error instanceof BridgeError) || error.code !== 'offline') throw error;
      }
    }
    await this.deps.tokens.set(baseUrl, token);
    return this.forges();
  }

  async push(request: LinkPushRequest): Promise<PushRecord> {
    this.refuseInTravel();
    const { namespace, lock } = request;
    const refusal = pushRefusal(namespace, request.changes);
    if (refusal) throw refused(refusal);
    await this.checkLock(namespace, lock);
    const { items } = await this.git(() => this.deps.upstream.items(namespace, lock));
    const changes = effectiveChanges(items, request.changes);
    if (changes.length === 0)
      throw refused('Nothing to push: every edit is already as upstream’s files at the lock.');
    const files = await this.git(() =>
      localFolderFiles(this.deps.upstream, namespace, lock, applyPushChanges(items, changes)),
    );
    const tokens = await this.deps.tokens.all();
    const forge = forgeFor(lock.repository, Object.keys(tokens));
    const record = forge
      ? await this.pushThroughForge(request, changes, files, forge, tokens[forge.baseUrl]!)
      : await this.pushDirect(request, changes, files);
    await this.remember(record);
    return record;
  }

  /** The last push of each namespace; with `refresh`, open pull requests' states asked anew (quietly offline). */
  async pushes(refresh: boolean): Promise<PushRecord[]> {
    const records = await this.records();
    if (refresh && !this.deps.travelMode()) {
      const tokens = await this.deps.tokens.all();
      for (const record of Object.values(records)) {
        const pr = record.pullRequest;
        const forge = forgeFor(record.repository, Object.keys(tokens));
        if (!pr || pr.state !== 'open' || !forge) continue;
        const now = await this.client(forge.baseUrl, tokens[forge.baseUrl]!)
          .pull(forge, pr.number)
          .catch(() => null);
        if (now) record.pullRequest = { ...pr, state: now.state };
      }
      await this.save(records);
    }
    return Object.values(records).sort((a, b) => a.namespace.localeCompare(b.namespace));
  }

  /** Brings the fork the namespace's last push went to in step with upstream's default branch. */
  async syncFork(namespace: string): Promise<{ message: string }> {
    this.refuseInTravel();
    const record = (await this.records())[namespace];
    if (!record || record.mode !== 'fork')
      throw refused(`${namespace} has no fork: its edits were never pushed through one.`);
    const tokens = await this.deps.tokens.all();
    const forge = forgeFor(record.repository, Object.keys(tokens));
    if (!forge) throw noForge(record.repository);
    const client = this.client(forge.baseUrl, tokens[forge.baseUrl]!);
    const upstream = await client.repo(forge.owner, forge.name);
    if (!upstream) throw gone(forge);
    const [owner = '', name = ''] = record.pushedTo.split('/');
    return { message: await client.syncFork({ owner, name }, upstream.defaultBranch) };
  }

  // ---- the two ways ----

  private async pushThroughForge(
    request: LinkPushRequest,
    changes: PushChange[],
    files: Awaited<ReturnType<typeof localFolderFiles>>,
    forge: ForgeRepository,
    token: string,
  ): Promise<PushRecord> {
    const client = this.client(forge.baseUrl, token);
    const login = await client.me();
    const upstream = await client.repo(forge.owner, forge.name);
    if (!upstream) throw gone(forge);
    const env = tokenEnv(token, request.lock.repository);
    if (upstream.canPush) {
      const pushed = await this.pushBranch(request, files, request.lock.repository, env);
      return this.record(request, changes, 'direct', upstream.fullName, pushed, null);
    }
    const fork = await client.fork(forge.owner, forge.name);
    // The token goes only where upstream lives: a fork address elsewhere is not pushed to.
    if (originOf(fork.cloneUrl) !== originOf(request.lock.repository)) throw strayFork(fork.cloneUrl);
    const pushed = await this.pushBranch(request, files, fork.cloneUrl, env);
    const base =
      request.lock.constraint.kind === 'branch' ? request.lock.resolvedRef : upstream.defaultBranch;
    const pr = await client.pullRequest(forge, {
      head: `${login}:${pushed.branch}`,
      base,
      title: `${request.namespace}: ${count(changes.length, 'change')} from Tether`,
      body: pullBody(request, changes),
    });
    return this.record(request, changes, 'fork', fork.fullName, pushed, pr);
  }

  private async pushDirect(
    request: LinkPushRequest,
    changes: PushChange[],
    files: Awaited<ReturnType<typeof localFolderFiles>>,
  ): Promise<PushRecord> {
    try {
      const pushed = await this.pushBranch(request, files, request.lock.repository);
      return this.record(request, changes, 'direct', request.lock.repository, pushed, null);
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'unauthorized')
        throw noForge(request.lock.repository);
      throw error;
    }
  }

  private pushBranch(
    request: LinkPushRequest,
    files: Awaited<ReturnType<typeof localFolderFiles>>,
    url: string,
    env?: Record<string, string>,
  ) {
    return this.git(() =>
      this.deps.upstream.pushBranch({
        namespace: request.namespace,
        lock: request.lock,
        files,
        url,
        author: { name: this.deps.userName, email: `${this.deps.userName}@tether.local` },
        message: `${request.namespace}: edits from Tether\n\n${request.changes.map((c) => c.path).join('\n')}\n`,
        now: request.requestedAt,
        ...(env ? { env } : {}),
      }),
    );
  }

  private record(
    request: LinkPushRequest,
    changes: PushChange[],
    mode: PushRecord['mode'],
    pushedTo: string,
    pushed: { branch: string; commit: string },
    pr: PushRecord['pullRequest'],
  ): PushRecord {
    return {
      namespace: request.namespace,
      repository: request.lock.repository,
      mode,
      pushedTo,
      branch: pushed.branch,
      commit: pushed.commit,
      base: request.lock.commit,
      pushedAt: request.requestedAt,
      pushedBy: this.deps.userName,
      changes,
      pullRequest: pr,
    };
  }

  // ---- checks and plumbing ----

  /**
   * The lock must be upstream's: its commit there (fetched by its ref when
   * missing) and the folder's tree at it the one the lock names. A lock made
   * up or edited by hand is refused before anything is written or pushed.
   */
  private async checkLock(namespace: string, lock: LockRecord): Promise<void> {
    const store = await this.deps.upstream.store(lock.repository);
    const ref =
      lock.resolvedVersion === null ? `refs/heads/${lock.resolvedRef}` : `refs/tags/${lock.resolvedRef}`;
    const tree = await this.git(async () => {
      await store.ensureCommit(lock.repository, ref, lock.commit);
      return store.treeId(lock.commit, lock.path);
    });
    if (tree !== lock.treeId)
      throw refused(
        `The lock of ${namespace} does not match ${lock.repository}: ${lock.path || 'the repository'} at ` +
          `${lock.commit.slice(0, 7)} is not the folder it names. Resolve the link again, then push.`,
      );
  }

  private client(baseUrl: string, token: string): ForgeClient {
    return new ForgeClient(baseUrl, token, this.deps.forge ?? {});
  }

  private refuseInTravel(): void {
    if (!this.deps.travelMode()) return;
    throw new BridgeError({
      code: 'offline',
      message: 'Travel mode is on: the push needs the upstream repository and waits until it is off.',
      retryable: true,
    });
  }

  /** git's failures as the bridge says them (an unreachable remote is "offline": the queue waits). */
  private async git<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      if (error.reason === 'rejected')
        throw new BridgeError({
          code: 'conflict',
          message: 'A branch of that name upstream already holds other commits; push again for a new branch.',
          retryable: false,
        });
      const code =
        error.reason === 'unreachable' || error.reason === 'timeout'
          ? 'offline'
          : error.reason === 'auth'
            ? 'unauthorized'
            : 'internal';
      throw new BridgeError({ code, message: error.message, retryable: error.retryable });
    }
  }

  private async records(): Promise<Record<string, PushRecord>> {
    const text = await readFile(this.recordsFile, 'utf8').catch(() => '{}');
    try {
      const parsed = RecordsSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  private async remember(record: PushRecord): Promise<void> {
    const records = await this.records();
    records[record.namespace] = record;
    await this.save(records);
  }

  private async save(records: Record<string, PushRecord>): Promise<void> {
    await mkdir(join(this.recordsFile, '..'), { recursive: true });
    await writeFile(this.recordsFile, JSON.stringify(records));
  }
}

/**
 * The forge token reaches git as an HTTP header through git's environment
 * (GIT_CONFIG_*): never in the address, where `ps` and the remote's logs
 * would show it, and only for the push to that forge.
 */
function tokenEnv(token: string, repository: string): Record<string, string> {
  const origin = originOf(repository);
  if (!origin) return {}; // ssh or scp-like: git's own keys, no HTTP header
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    // Scoped to upstream's origin: a redirect to another host never carries the token.
    GIT_CONFIG_KEY_0: `http.${origin}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}

/** `https://host[:port]` of an http(s) address; null for ssh, scp-like or unreadable ones. */
function originOf(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

function strayFork(cloneUrl: string): BridgeError {
  return new BridgeError({
    code: 'bad_request',
    message: `The forge answered with a fork at ${cloneUrl}, not on upstream's host; nothing was pushed.`,
    retryable: false,
  });
}

function pullBody(request: LinkPushRequest, changes: PushChange[]): string {
  const lines = changes.map((c) => `- ${'deleted' in c ? 'deleted' : 'changed'} \`${c.path}\``);
  const at = request.lock.resolvedVersion ?? request.lock.resolvedRef;
  return `Edits of the linked namespace \`${request.namespace}\`, made in Tether on ${at} (${request.lock.commit.slice(0, 7)}):\n\n${lines.join('\n')}\n`;
}

function refused(message: string): BridgeError {
  return new BridgeError({ code: 'bad_request', message, retryable: false });
}

function noForge(repository: string): BridgeError {
  return new BridgeError({
    code: 'unauthorized',
    message:
      `${repository} refused the push, and no forge token is set for it: set one in Settings → Forges ` +
      'so Tether can fork it and open a pull request.',
    retryable: false,
  });
}

function gone(forge: ForgeRepository): BridgeError {
  return new BridgeError({
    code: 'not_found',
    message: `${forge.owner}/${forge.name} is not on the forge at ${forge.baseUrl}, or its token cannot see it.`,
    retryable: false,
  });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
