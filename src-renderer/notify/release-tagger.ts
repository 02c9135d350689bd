import type { ReleaseTag, ReleaseTagResult } from '../../src-shared/mirror/release-tag.js';
import { releaseTags } from '../../src-shared/mirror/release-tag.js';
import { releaseSnapshot } from '../../src-shared/releases/index.js';
import type { Op } from '../../src-shared/model/index.js';
import type { Release, ReleaseHead } from '../../src-shared/sync-protocol/index.js';

export interface ReleaseTaggerDeps {
  /** Git sync of the mirror folder is on (else nothing is tagged, and nothing marked done). */
  gitOn(): Promise<boolean>;
  /** The heads a promoted release froze (the server's, or the book's for a local one). */
  headsOf(release: Release): Promise<ReleaseHead[]>;
  op(id: string): Op | undefined;
  /** Brings back evicted history of these items; what is still missing stays missing. */
  refill(itemIds: readonly string[]): Promise<void>;
  /** Makes a release's tags (one per namespace) in one go. */
  tag(tags: ReleaseTag[]): Promise<ReleaseTagResult[]>;
  /** Release ids already tagged here, kept across restarts. */
  tagged: { load(): Promise<string[]>; save(ids: string[]): Promise<void> };
  onError?(release: Release, error: unknown): void;
}

/**
 * Makes each promoted release a tag of the mirror repository (one per
 * namespace it covers), once per computer: releases already tagged are remembered; a release whose items
 * are not all here yet (not pulled, or evicted and not fetchable now) waits
 * for a later pass rather than being tagged with a hole in it.
 */
export function releaseTagger(deps: ReleaseTaggerDeps): (releases: readonly Release[]) => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const pass = async (releases: readonly Release[]) => {
    const todo = releases.filter((release) => release.status === 'promoted');
    if (todo.length === 0 || !(await deps.gitOn())) return;
    const done = new Set(await deps.tagged.load());
    for (const release of todo) {
      if (done.has(release.id)) continue;
      try {
        if (await tagOne(deps, release)) {
          done.add(release.id);
          await deps.tagged.save([...done]);
        }
      } catch (error) {
        deps.onError?.(release, error);
      }
    }
  };
  // One pass at a time: two reads close together never tag twice.
  return (releases) => {
    running = running.then(() => pass(releases)).catch(() => undefined); // main unreachable: next pass
    return running;
  };
}

async function tagOne(deps: ReleaseTaggerDeps, release: Release): Promise<boolean> {
  const heads = await deps.headsOf(release);
  let snap = releaseSnapshot(deps.op, heads);
  if (snap.missingItemIds.length > 0) {
    await deps.refill(snap.missingItemIds);
    snap = releaseSnapshot(deps.op, heads);
    if (snap.missingItemIds.length > 0) return false;
  }
  const tags = releaseTags(release, snap.items);
  if (tags.length === 0) return false;
  // Done once every namespace's tag is there; a failed call leaves the release for the next pass,
  // where the tags already made answer 'exists' and stay as they are.
  const results = await deps.tag(tags);
  return results.length === tags.length && results.every((result) => result.state !== 'off');
}
