import type { LinkRequest, LockRecord } from '../../src-shared/links/lock.js';

/** Anything that pins links to commits: LinkUpstream or LinkService. */
interface Locker {
  lock(
    links: ReadonlyMap<string, LinkRequest>,
    by: string,
    now: number,
  ): Promise<{ ok: true; locks: { lock: LockRecord }[] } | { ok: false; error: { message: string } }>;
}

/**
 * Used by tests and benches only: `namespace` linked to `path` of
 * `repository`, pinned at the range `from` (the lock) and at `to` (the
 * pull's target): `~1.0.0` and `^1.0.0` by default.
 */
export async function lockAndTarget(
  locker: Locker,
  namespace: string,
  repository: string,
  path: string,
  [from, to] = ['~1.0.0', '^1.0.0'],
): Promise<{ lock: LockRecord; target: LockRecord }> {
  const pin = async (range: string, now: number): Promise<LockRecord> => {
    const request: LinkRequest = { repository, path, constraint: { kind: 'version', range }, requires: [] };
    const result = await locker.lock(new Map([[namespace, request]]), 'ada', now);
    const lock = result.ok ? result.locks[0]?.lock : undefined;
    if (!lock) throw new Error(`could not lock ${namespace} at ${range}`);
    return lock;
  };
  return { lock: await pin(from, 1), target: await pin(to, 2) };
}
