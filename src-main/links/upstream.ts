import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FolderNotice } from '../../src-shared/bridge/git.js';
import { upstreamItems, type UpstreamItem } from '../../src-shared/links/import.js';
import { LockRecordSchema, type LinkRequest, type LockRecord } from '../../src-shared/links/lock.js';
import { resolveLinks, type RemoteRefs, type ResolutionError } from '../../src-shared/links/resolve.js';
import { GitError } from '../git/errors.js';
import { GitObjectStore, type FolderFile, type TreeFile } from '../git/object-store.js';
import type { Author } from '../git/repo.js';
import { textOf } from '../mirror/disk.js';

/** What linking or re-resolving gives: a lock per namespace, dependencies first. */
export type LockResult =
  | { ok: true; locks: { namespace: string; lock: LockRecord }[] }
  | { ok: false; error: ResolutionError | { kind: 'unreachable'; chain: string[]; message: string } };

/**
 * Main's side of linked namespaces: asks upstream repositories what they
 * hold, pins links to exact commits, and reads the linked folder's files.
 * Each upstream repository gets one bare object store under `root`; the
 * decisions (which tag, which order, which file is which item) are
 * src-shared/links'.
 */
export class LinkUpstream {
  private readonly stores = new Map<string, Promise<GitObjectStore>>();

  constructor(
    private readonly root: string,
    private readonly opts: { networkTimeoutMs?: number } = {},
  ) {}

  /** The store that keeps `repository`'s objects (one folder per address). */
  store(repository: string): Promise<GitObjectStore> {
    let store = this.stores.get(repository);
    if (!store) {
      const name = createHash('sha256').update(repository).digest('hex').slice(0, 24);
      store = GitObjectStore.open(join(this.root, name), this.opts);
      this.stores.set(repository, store);
    }
    return store;
  }

  /** Tags and branches of `repository` (network). */
  async refs(repository: string): Promise<RemoteRefs> {
    const lines = await (await this.store(repository)).listRemote(repository);
    const refs: RemoteRefs = { tags: [], branches: [] };
    for (const { ref, commit } of lines) {
      if (ref.startsWith('refs/tags/')) refs.tags.push({ name: ref.slice('refs/tags/'.length), commit });
      else if (ref.startsWith('refs/heads/'))
        refs.branches.push({ name: ref.slice('refs/heads/'.length), commit });
    }
    return refs;
  }

  /**
   * Pins every link to an exact commit and the tree of its folder there.
   * Each repository is asked once; an unreachable one is an error naming it.
   */
  async lock(links: ReadonlyMap<string, LinkRequest>, by: string, now: number): Promise<LockResult> {
    const known = new Map<string, RemoteRefs>();
    for (const [namespace, link] of links) {
      if (known.has(link.repository)) continue;
      try {
        known.set(link.repository, await this.refs(link.repository));
      } catch (error) {
        const why = error instanceof GitError ? error.message : String(error);
        return {
          ok: false,
          error: { kind: 'unreachable', chain: [namespace], message: `${link.repository}: ${why}` },
        };
      }
    }
    const resolved = resolveLinks(links, (repository) => known.get(repository));
    if (!resolved.ok) return resolved;
    const locks: { namespace: string; lock: LockRecord }[] = [];
    for (const { namespace, version, ref, commit } of resolved.resolved) {
      const link = links.get(namespace) as LinkRequest;
      const store = await this.store(link.repository);
      const fullRef = version === null ? `refs/heads/${ref}` : `refs/tags/${ref}`;
      await store.ensureCommit(link.repository, fullRef, commit);
      const treeId = await store.treeId(commit, link.path);
      if (!treeId) {
        return {
          ok: false,
          error: {
            kind: 'unsatisfiable',
            chain: [namespace],
            message: `${namespace}: ${link.repository} has no folder ${link.path} at ${ref} (${commit.slice(0, 7)})`,
          },
        };
      }
      const lock = LockRecordSchema.parse({
        ...link,
        resolvedVersion: version,
        resolvedRef: ref,
        commit,
        treeId,
        resolvedAt: now,
        resolvedBy: by,
      });
      locks.push({ namespace, lock });
    }
    return { ok: true, locks };
  }

  /** The linked folder's files at the lock's commit, as items of `namespace`. */
  async items(
    namespace: string,
    lock: LockRecord,
    /** The lock's files (store.listFiles of its commit and path), when the caller already listed them. */
    listed?: readonly TreeFile[],
  ): Promise<{ items: UpstreamItem[]; notices: FolderNotice[] }> {
    const store = await this.store(lock.repository);
    const fullRef =
      lock.resolvedVersion === null ? `refs/heads/${lock.resolvedRef}` : `refs/tags/${lock.resolvedRef}`;
    await store.ensureCommit(lock.repository, fullRef, lock.commit);
    const files = listed ?? (await store.listFiles(lock.commit, lock.path));
    const blobs = await store.readBlobs(files.map((f) => f.blob));
    return upstreamItems(
      namespace,
      lock.path,
      files.map((f) => ({ file: f.path, bytes: blobs.get(f.blob) ?? new Uint8Array() })),
      textOf,
    );
  }

  /**
   * Pushes local items as one commit on the lock's commit to a new branch
   * `tether/<namespace>-<time>` of `url` (upstream, or a fork of it).
   * Files of the folder that are not items stay as they are. The commit is
   * dated `now`, so the same push tried again makes the same commit and
   * finds its branch already there (git says "up to date"), never a refusal.
   */
  async pushBranch(opts: {
    namespace: string;
    lock: LockRecord;
    files: readonly FolderFile[];
    url: string;
    author: Author;
    message: string;
    now: number;
    /** git's environment for the push (a forge token as an HTTP header, never in the address). */
    env?: Record<string, string>;
  }): Promise<{ branch: string; commit: string }> {
    const store = await this.store(opts.lock.repository);
    const ref =
      opts.lock.resolvedVersion === null
        ? `refs/heads/${opts.lock.resolvedRef}`
        : `refs/tags/${opts.lock.resolvedRef}`;
    await store.ensureCommit(opts.lock.repository, ref, opts.lock.commit);
    const commit = await store.commitFolder(
      opts.lock.commit,
      opts.lock.path,
      opts.files,
      opts.message,
      opts.author,
      Math.floor(opts.now / 1000),
    );
    const branch = `tether/${opts.namespace}-${Math.floor(opts.now / 1000)}`;
    await store.pushNewBranch(opts.url, commit, branch, opts.env);
    return { branch, commit };
  }
}
