import type { LockRecord } from '../../src-shared/links/lock.js';
import { previewPull, type PullEntry, type PullPreview } from '../../src-shared/links/preview.js';
import type { GitObjectStore, TreeFile } from '../git/object-store.js';
import { inside, localFolderFiles, type LocalItem } from './local-folder.js';
import type { LinkUpstream } from './upstream.js';

export type { LocalItem } from './local-folder.js';

/** Who and when the preview's scratch commit is (never pushed; fixed, so one state is one commit). */
const SCRATCH_AUTHOR = { name: 'Tether preview', email: 'preview@tether.invalid' };

/**
 * The dry-run of pulling `target` into a namespace locked at `lock`: the
 * local items become a scratch commit on the lock's commit (objects only,
 * no ref), and `git merge-tree --write-tree` merges it with upstream's
 * commit without a working tree. Items, refs and the lock stay as they are.
 */
export async function previewLinkPull(
  upstream: LinkUpstream,
  namespace: string,
  lock: LockRecord,
  target: LockRecord,
  local: readonly LocalItem[],
): Promise<PullPreview & { ours: string }> {
  const { entries, ours } = await pullSides(upstream, namespace, lock, target, local);
  return { ...previewPull(entries), ours };
}

/**
 * Each file's blob at the lock (base), here (local) and at `target`
 * (theirs), with merge-tree's verdict; `mergedTree` is git's merged tree
 * (the clean files' merged blobs are in it). What preview and pull both read.
 */
export async function pullSides(
  upstream: LinkUpstream,
  namespace: string,
  lock: LockRecord,
  target: LockRecord,
  local: readonly LocalItem[],
): Promise<{ entries: PullEntry[]; ours: string; mergedTree: string; store: GitObjectStore }> {
  const store = await upstream.store(lock.repository);
  await store.ensureCommit(lock.repository, refOf(lock), lock.commit);
  await store.ensureCommit(target.repository, refOf(target), target.commit);
  // Each git process counts (a preview runs for every linked namespace at once): the lock's
  // listing serves the items, the scratch commit and the base side; the local side is what
  // the scratch commit was made of.
  const base = await store.listFiles(lock.commit, lock.path);
  const files = await localFolderFiles(upstream, namespace, lock, local, base);
  const scratch = await store.folderCommit({
    parent: lock.commit,
    path: lock.path,
    files,
    message: `Local items of ${namespace}`,
    author: SCRATCH_AUTHOR,
    at: 0,
    parentFiles: base,
  });
  const ours = scratch.commit;
  const mine = scratch.files;
  const [theirs, merge] = await Promise.all([
    store.listFiles(target.commit, target.path),
    store.mergeTree(ours, target.commit),
  ]);
  const conflicts = new Set(merge.conflicts.map((path) => inside(lock.path, path)));
  const byFile = (list: TreeFile[], folder: string) =>
    new Map(list.map((f) => [inside(folder, f.path), f.blob]));
  const sides = [byFile(base, lock.path), byFile(mine, lock.path), byFile(theirs, target.path)] as const;
  const names = new Set(sides.flatMap((side) => [...side.keys()]));
  const entries: PullEntry[] = [...names].map((file) => ({
    file,
    base: sides[0].get(file) ?? null,
    local: sides[1].get(file) ?? null,
    theirs: sides[2].get(file) ?? null,
    conflict: conflicts.has(file),
  }));
  return { entries, ours, mergedTree: merge.tree, store };
}

function refOf(lock: LockRecord): string {
  return lock.resolvedVersion === null ? `refs/heads/${lock.resolvedRef}` : `refs/tags/${lock.resolvedRef}`;
}
