import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import type { LinkRequest, LockRecord } from '../../src-shared/links/lock.js';
import type { PullContentEntry } from '../../src-shared/links/pull-plan.js';
import type { PullPreview } from '../../src-shared/links/preview.js';
import { pickRef } from '../../src-shared/links/resolve.js';
import type { UpstreamFact } from '../../src-shared/links/status.js';
import { GitError } from '../git/errors.js';
import { pullContents } from './pull-apply.js';
import { previewLinkPull, type LocalItem } from './pull-preview.js';
import { LinkUpstream, type LockResult } from './upstream.js';

export interface LinkServiceDeps {
  dataDir: string;
  travelMode(): boolean;
  now?(): number;
  networkTimeoutMs?: number;
}

/**
 * Linked namespaces as the bridge sees them. Upstream's answers are
 * remembered (in main's data folder), so offline and in travel mode the
 * status table shows the last known upstream state and its age.
 */
export class LinkService {
  private readonly upstream: LinkUpstream;
  private readonly seenFile: string;
  private seen: Record<string, UpstreamFact> | null = null;

  constructor(private readonly deps: LinkServiceDeps) {
    const root = join(deps.dataDir, 'links');
    this.upstream = new LinkUpstream(join(root, 'repositories'), {
      ...(deps.networkTimeoutMs ? { networkTimeoutMs: deps.networkTimeoutMs } : {}),
    });
    this.seenFile = join(root, 'upstream-seen.json');
  }

  async lock(links: ReadonlyMap<string, LinkRequest>, by: string): Promise<LockResult> {
    this.refuseInTravel('Linking');
    return this.upstream.lock(links, by, this.now());
  }

  /** The files at the lock's commit; no network when this computer has the commit already. */
  items(namespace: string, lock: LockRecord) {
    return this.upstream.items(namespace, lock).catch((error: unknown) => {
      throw this.inWords(error);
    });
  }

  /** What the link's constraint resolves to upstream now, or (offline, travel mode) what it last did. */
  async upstreamOf(namespace: string, lock: LockRecord): Promise<UpstreamFact | null> {
    const key = `${namespace}\n${lock.repository}\n${JSON.stringify(lock.constraint)}`;
    const seen = await this.loadSeen();
    if (this.deps.travelMode()) return seen[key] ?? null;
    let fact: UpstreamFact;
    try {
      const pick = pickRef(lock.constraint, await this.upstream.refs(lock.repository));
      fact = pick.ok
        ? { state: 'found', commit: pick.commit, version: pick.version, checkedAt: this.now() }
        : { state: 'gone', reason: pick.reason, checkedAt: this.now() };
    } catch (error) {
      if (error instanceof GitError && /not found/i.test(error.stderr)) {
        fact = { state: 'gone', reason: `${lock.repository} is not there any more`, checkedAt: this.now() };
      } else return seen[key] ?? null;
    }
    seen[key] = fact;
    await this.saveSeen(seen);
    return fact;
  }

  preview(
    namespace: string,
    lock: LockRecord,
    target: LockRecord,
    local: readonly LocalItem[],
  ): Promise<PullPreview> {
    return previewLinkPull(this.upstream, namespace, lock, target, local)
      .then(({ ours: _ours, ...preview }) => preview)
      .catch((error: unknown) => {
        throw this.inWords(error);
      });
  }

  /** What a pull needs to apply, from the same merge the preview runs (pull-apply.ts). */
  pullContents(
    namespace: string,
    lock: LockRecord,
    target: LockRecord,
    local: readonly LocalItem[],
  ): Promise<PullContentEntry[]> {
    return pullContents(this.upstream, namespace, lock, target, local).catch((error: unknown) => {
      throw this.inWords(error);
    });
  }

  private refuseInTravel(what: string): void {
    if (!this.deps.travelMode()) return;
    throw new BridgeError({
      code: 'offline',
      message: `Travel mode is on: ${what} needs the upstream repository and waits until it is off.`,
      retryable: true,
    });
  }

  private inWords(error: unknown): unknown {
    if (!(error instanceof GitError)) return error;
    const offline = error.reason === 'unreachable' || error.reason === 'timeout';
    return new BridgeError({
      code: offline ? 'offline' : 'internal',
      message: error.message,
      retryable: error.retryable,
    });
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private async loadSeen(): Promise<Record<string, UpstreamFact>> {
    if (!this.seen) {
      const text = await readFile(this.seenFile, 'utf8').catch(() => '{}');
      try {
        this.seen = JSON.parse(text) as Record<string, UpstreamFact>;
      } catch {
        this.seen = {};
      }
    }
    return this.seen;
  }

  private async saveSeen(seen: Record<string, UpstreamFact>): Promise<void> {
    await mkdir(join(this.seenFile, '..'), { recursive: true });
    await writeFile(this.seenFile, JSON.stringify(seen));
  }
}
