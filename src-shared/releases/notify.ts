import type { Release } from '../sync-protocol/releases.js';

/**
 * The releases someone else promoted since `before` (release id → status as
 * last seen). A release not seen before counts too: one drafted and promoted
 * between two looks was still promoted under this person's eyes. The user's
 * own promotions are left out: they saw them happen.
 */
export function newlyPromoted(
  before: ReadonlyMap<string, Release['status']>,
  releases: readonly Release[],
  user: string,
): Release[] {
  return releases.filter(
    (release) =>
      release.status === 'promoted' && before.get(release.id) !== 'promoted' && release.promotedBy !== user,
  );
}

/** "alice promoted Acme 2.0.0" */
export function promotionNotice(release: Release): string {
  return `${release.promotedBy ?? 'Someone'} promoted ${release.namespaces.join(', ')} ${release.version}`;
}
