import { NamespacePathSchema, isWithinNamespace } from '../../src-shared/model/index.js';
import type { ServerNamespace } from '../../src-shared/sync-protocol/index.js';
import type { Db, Queryable } from '../db/db.js';
import { badRequest } from '../errors.js';
import type { OrderedTx } from './order.js';
import { orderedWrite } from './order.js';
import { approveOwnPending } from './own-pending.js';
import type { NamespaceRow } from './rows.js';
import { namespaceFromRow } from './rows.js';
import { unknownUser } from './users.js';

const NS_COLUMNS = 'path, owners, updated_at, change_seq';

/** The namespaces `user` owns directly (ownership also covers everything below them). */
export async function ownedNamespaces(db: Queryable, user: string): Promise<string[]> {
  const rows = await db.query<{ path: string }>(
    'SELECT path FROM namespaces WHERE $1 = ANY(owners) ORDER BY path',
    [user],
  );
  return rows.map((row) => row.path);
}

/** True when `namespace` is one of `owned` or lies below one of them. */
export function ownsNamespace(owned: readonly string[], namespace: string): boolean {
  return owned.some((prefix) => isWithinNamespace(namespace, prefix));
}

/**
 * Replaces a namespace's owners. Pending ops in it take new change positions,
 * so owners who could not see them before receive them on their next pull.
 */
export async function setOwners(db: Db, path: string, owners: string[]): Promise<ServerNamespace> {
  checkNamespacePath(path);
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    await checkKnownUsers(tx, owners, unknownUser);
    return writeOwners(tx, path, owners);
  });
}

export function checkNamespacePath(path: string): void {
  const parsed = NamespacePathSchema.safeParse(path);
  if (!parsed.success)
    throw badRequest(`Namespace '${path}': ${parsed.error.issues[0]?.message}`, { field: 'path' });
}

/** Throws `error(name)` for the first name that is not a user. */
export async function checkKnownUsers(
  tx: Queryable,
  names: readonly string[],
  error: (name: string) => Error,
): Promise<void> {
  const known = await tx.query<{ name: string }>('SELECT name FROM users WHERE name = ANY($1::text[])', [
    [...names],
  ]);
  const missing = names.find((name) => !known.some((row) => row.name === name));
  if (missing !== undefined) throw error(missing);
}

/**
 * Writes a namespace's owners (the order lock must be held). The owners' own
 * pending ops they now govern are approved (own-pending.ts). Other pending
 * ops and open approval requests in it take new change positions, so owners
 * who could not see them before receive them on their next pull.
 */
export async function writeOwners(tx: OrderedTx, path: string, owners: string[]): Promise<ServerNamespace> {
  const unique = [...new Set(owners)].sort();
  const { now, changeSeqs } = await tx.draw(0, 1, 'namespaces');
  const rows = await tx.query<NamespaceRow>(
    `INSERT INTO namespaces (path, owners, updated_at, change_seq) VALUES ($1, $2, $3, $4)
     ON CONFLICT (path) DO UPDATE SET owners = $2, updated_at = $3, change_seq = $4
     RETURNING ${NS_COLUMNS}`,
    [path, unique, now, changeSeqs[0]],
  );
  await approveOwnPending(tx, path, unique);
  await resequencePending(tx, path);
  await resequenceOpenRequests(tx, path);
  return namespaceFromRow(rows[0] as NamespaceRow);
}

/**
 * Everyone who governs `namespace`: its owners and those of every namespace
 * above it, sorted. Read fresh for every decision — never cached.
 */
export async function governingOwners(db: Queryable, namespace: string): Promise<string[]> {
  const rows = await db.query<{ owner: string }>(
    `SELECT DISTINCT unnest(owners) AS owner FROM namespaces
     WHERE path = $1 OR starts_with($1, path || '.') ORDER BY owner`,
    [namespace],
  );
  return rows.map((row) => row.owner);
}

async function resequencePending(tx: OrderedTx, path: string): Promise<void> {
  const pending = await tx.query<{ id: string }>(
    `SELECT id FROM ops WHERE status = 'pending' AND EXISTS (
       SELECT 1 FROM unnest(namespaces) AS t(ns) WHERE t.ns = $1 OR starts_with(t.ns, $1 || '.'))
     ORDER BY change_seq`,
    [path],
  );
  if (pending.length === 0) return;
  const { changeSeqs: seqs } = await tx.draw(0, pending.length, 'ops');
  await tx.query(
    `UPDATE ops SET change_seq = s.seq FROM unnest($1::text[], $2::bigint[]) AS s(id, seq) WHERE ops.id = s.id`,
    [pending.map((row) => row.id), seqs],
  );
}

async function resequenceOpenRequests(tx: OrderedTx, path: string): Promise<void> {
  const open = await tx.query<{ id: string }>(
    `SELECT id FROM approval_requests WHERE state = 'submitted'
       AND (namespace = $1 OR starts_with(namespace, $1 || '.')) ORDER BY change_seq`,
    [path],
  );
  if (open.length === 0) return;
  const { changeSeqs: seqs } = await tx.draw(0, open.length, 'approvals');
  await tx.query(
    `UPDATE approval_requests SET change_seq = s.seq
     FROM unnest($1::text[], $2::bigint[]) AS s(id, seq) WHERE approval_requests.id = s.id`,
    [open.map((row) => row.id), seqs],
  );
}

export async function listNamespaces(db: Queryable): Promise<ServerNamespace[]> {
  const rows = await db.query<NamespaceRow>(`SELECT ${NS_COLUMNS} FROM namespaces ORDER BY path`);
  return rows.map(namespaceFromRow);
}

export async function pullNamespaces(
  db: Queryable,
  since: number,
  limit: number,
): Promise<{ namespaces: ServerNamespace[]; checkpoint: number; hasMore: boolean }> {
  const rows = await db.query<NamespaceRow>(
    `SELECT ${NS_COLUMNS} FROM namespaces WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
    [since, limit],
  );
  const namespaces = rows.map(namespaceFromRow);
  return {
    namespaces,
    checkpoint: namespaces.at(-1)?.changeSeq ?? since,
    hasMore: rows.length === limit,
  };
}
