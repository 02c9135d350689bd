import { join } from 'node:path';
import type { ReleaseTag, ReleaseTagResult } from '../../src-shared/mirror/release-tag.js';
import { GitObjectStore } from '../git/object-store.js';
import type { Author } from '../git/repo.js';
import type { GitSync } from './git-sync.js';

/**
 * Makes a promoted release's tags (one per namespace) in the mirror's repository: first the
 * folder's pending work is committed (so the tag sits on the latest
 * commit), then a commit is made with plumbing — that commit's tree with the
 * namespace's folder as the release froze it, nothing checked out, no
 * branch moved — and the annotated tag is put on it, once. The commit's
 * date is the promotion's, so every computer that tags the same release
 * from the same parent makes the same commit. A tag made here goes to the
 * remote with the next push (GitSync.releaseTagged).
 */
export async function tagRelease(
  git: GitSync,
  tags: readonly ReleaseTag[],
  author: Author,
): Promise<ReleaseTagResult[]> {
  const { repo } = git;
  const results: ReleaseTagResult[] = [];
  const created: string[] = [];
  let base: TagBase | null = null; // made once, for the first tag this call makes
  for (const tag of tags) {
    if (await repo.tagCommit(tag.tag)) {
      results.push({ state: 'exists', tag: tag.tag });
      continue;
    }
    base ??= await tagBase(git);
    const at = Math.floor(tag.at / 1000);
    const commit = await base.store.commitFolder(base.head, tag.folder, tag.files, tag.message, author, at);
    const made = await repo.tagOnce(tag.tag, commit, tag.message, author, tag.at);
    if (made) created.push(tag.tag);
    results.push({ state: made ? 'created' : 'exists', tag: tag.tag });
  }
  await git.releaseTagged(created, base?.committed === true);
  return results;
}

interface TagBase {
  head: string;
  store: GitObjectStore;
  /** The folder's pending work made a commit. */
  committed: boolean;
}

/**
 * What every tag of one call stands on: the folder's pending work committed
 * (the push is asked for once, after the tags exist, not by this commit),
 * the head it made, and the object store the tag commits are written with.
 */
async function tagBase(git: GitSync): Promise<TagBase> {
  const committed = (await git.commitNow({ requestPush: false })) !== null;
  const head = await git.repo.head();
  if (!head)
    throw new Error('The mirror repository has no commit yet: the tag is made after its first commit');
  const store = await GitObjectStore.open(join(git.repo.dir, '.git'));
  return { head, store, committed };
}
