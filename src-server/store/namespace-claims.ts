import type { NamespaceClaim } from '../../src-shared/sync-protocol/index.js';
import type { Db, Queryable } from '../db/db.js';
import { orderedWrite } from './order.js';
import { writeOwners } from './namespaces.js';

/** What a pusher owns, and which of the push's top-level namespaces nobody owns anything in. */
export interface Ownership {
  owned: string[];
  unownedRoots: string[];
}

const rootOf = (namespace: string) => namespace.split('.')[0] as string;

/**
 * One read per push: the namespaces `user` owns, and the rows under the
 * push's top-level namespaces (`roots`), to find those nobody owns yet.
 */
export async function readOwnership(
  db: Queryable,
  user: string,
  roots: readonly string[],
): Promise<Ownership> {
  const rows = await db.query<{ path: string; mine: boolean; owned: boolean }>(
    `SELECT path, $1 = ANY (owners) AS mine, cardinality(owners) > 0 AS owned FROM namespaces
     WHERE $1 = ANY (owners) OR split_part(path, '.', 1) = ANY ($2::text[]) ORDER BY path`,
    [user, [...roots]],
  );
  const ownedRoots = new Set(rows.filter((row) => row.owned).map((row) => rootOf(row.path)));
  return {
    owned: rows.filter((row) => row.mine).map((row) => row.path),
    unownedRoots: roots.filter((root) => !ownedRoots.has(root)),
  };
}

/**
 * The first push into a top-level namespace nobody owns anything in claims
 * it for the pusher (policy `first-push`). Under the order lock, so of two
 * first pushers exactly one becomes the owner; the other's ops stay pending
 * for the winner. Returns the roots now owned by `user`.
 */
export async function claimRoots(
  db: Db,
  policy: NamespaceClaim,
  user: string,
  roots: readonly string[],
): Promise<string[]> {
  if (policy !== 'first-push' || roots.length === 0) return [];
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    const still = (await readOwnership(tx, user, roots)).unownedRoots;
    for (const root of still) await writeOwners(tx, root, [user]);
    return still;
  });
}
