import type { ServerNamespace } from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { badRequest, forbidden } from '../errors.js';
import { checkKnownUsers, checkNamespacePath, governingOwners, writeOwners } from './namespaces.js';
import { orderedWrite } from './order.js';

export interface OwnerChange {
  add: string[];
  remove: string[];
}

/**
 * An owner of `path` (or of a namespace above it) adds or removes co-owners
 * of it. Ownership is read under the order lock, so a just-removed owner is
 * refused even when their removal and this request race. Adding an owner who
 * is one already, or removing someone who is not, changes nothing (retries
 * are safe). Refused when nobody would govern the namespace any more.
 */
export async function updateOwners(
  db: Db,
  caller: string,
  path: string,
  change: OwnerChange,
): Promise<ServerNamespace> {
  checkNamespacePath(path);
  const both = change.add.find((name) => change.remove.includes(name));
  if (both !== undefined) throw badRequest(`'${both}' is both added and removed`, { field: 'add' });
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    if (!(await governingOwners(tx, path)).includes(caller)) {
      throw forbidden(`Only an owner of ${path} (or of a namespace above it) can change its owners`);
    }
    await checkKnownUsers(tx, change.add, (name) => badRequest(`Unknown user '${name}'`, { field: 'add' }));
    const rows = await tx.query<{ owners: string[] }>('SELECT owners FROM namespaces WHERE path = $1', [
      path,
    ]);
    const current = rows[0]?.owners ?? [];
    const next = [...new Set([...current, ...change.add])].filter((name) => !change.remove.includes(name));
    if (next.length === 0 && (await ownersAbove(tx, path)).length === 0) {
      throw badRequest(`Cannot remove the last owner of ${path}`, { field: 'remove' });
    }
    return writeOwners(tx, path, next);
  });
}

async function ownersAbove(tx: Parameters<typeof governingOwners>[0], path: string): Promise<string[]> {
  const at = path.lastIndexOf('.');
  return at < 0 ? [] : governingOwners(tx, path.slice(0, at));
}
