import { promotionGate } from '../../src-shared/releases/index.js';
import type {
  Proof,
  Release,
  ReleaseChange,
  ReleaseDetailResponse,
  ReleaseStatus,
} from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import { num, numOrNull } from '../db/db.js';
import { notFound } from '../errors.js';
import { visible, type Viewer } from './ops-pull.js';

export type ReleaseRow = {
  id: string;
  scope: string;
  namespaces: string[];
  version: string;
  status: ReleaseStatus;
  created_by: string;
  collaborators: string[];
  required_proofs: unknown;
  revision: unknown;
  created_at: unknown;
  updated_at: unknown;
  promoted_by: string | null;
  promoted_at: unknown;
  yanked: boolean;
  yank_reason: string | null;
};

/** A release's scope key: one version is used once per scope. */
export const scopeOf = (namespaces: readonly string[]) => [...new Set(namespaces)].sort().join(',');

/** Reads release rows with their changes and proofs, in one go per table. */
export async function loadReleases(db: Queryable, rows: readonly ReleaseRow[]): Promise<Release[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const changes = await db.query<ChangeRow>(
    `SELECT release_id, id, type, ref, title, assignee FROM release_changes
     WHERE release_id = ANY($1::text[]) ORDER BY release_id, position`,
    [ids],
  );
  const proofs = await db.query<ProofRow>(
    `SELECT id, release_id, change_id, rc, author, result, note, link, created_at, updated_at
     FROM release_proofs WHERE release_id = ANY($1::text[]) ORDER BY rc`,
    [ids],
  );
  return rows.map((row) => releaseFromRows(row, changes, proofs));
}

type ChangeRow = {
  release_id: string;
  id: string;
  type: ReleaseChange['type'];
  ref: string;
  title: string;
  assignee: string | null;
};

type ProofRow = {
  id: string;
  release_id: string;
  change_id: string;
  rc: unknown;
  author: string;
  result: Proof['result'];
  note: string;
  link: string | null;
  created_at: unknown;
  updated_at: unknown;
};

function releaseFromRows(row: ReleaseRow, changeRows: ChangeRow[], proofRows: ProofRow[]): Release {
  const changes = changeRows
    .filter((change) => change.release_id === row.id)
    .map((change): ReleaseChange => ({
      id: change.id,
      type: change.type,
      ref: change.ref,
      title: change.title,
      assignee: change.assignee,
      proofs: proofRows
        .filter((proof) => proof.release_id === row.id && proof.change_id === change.id)
        .map(proofFromRow),
    }));
  const requiredProofs = num(row.required_proofs);
  return {
    id: row.id,
    namespaces: row.namespaces,
    version: row.version,
    status: row.status,
    createdBy: row.created_by,
    collaborators: row.collaborators,
    requiredProofs,
    changes,
    revision: num(row.revision),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    promotedBy: row.promoted_by,
    promotedAt: numOrNull(row.promoted_at),
    yanked: row.yanked,
    yankReason: row.yank_reason,
    gate: promotionGate(changes, requiredProofs),
  };
}

function proofFromRow(row: ProofRow): Proof {
  return {
    id: row.id,
    changeId: row.change_id,
    rc: num(row.rc),
    author: row.author,
    result: row.result,
    note: row.note,
    link: row.link,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

/**
 * The namespaces among `namespaces` that `viewer` cannot see. A namespace is
 * seen by its owners (and owners above it) and by whoever sees an op in it or
 * below it — the same rule as for ops: approved ops, one's own, and pending
 * ops in namespaces one owns.
 */
export async function hiddenNamespaces(
  db: Queryable,
  viewer: Viewer,
  namespaces: readonly string[],
): Promise<string[]> {
  if (namespaces.length === 0) return [];
  const rows = await db.query<{ ns: string }>(
    `SELECT r.ns FROM unnest($1::text[]) AS r(ns)
     WHERE NOT EXISTS (SELECT 1 FROM unnest($3::text[]) AS own(path)
                       WHERE r.ns = own.path OR starts_with(r.ns, own.path || '.'))
       AND NOT EXISTS (SELECT 1 FROM ops o WHERE ${visible('o', '$2', '$3')}
                       AND EXISTS (SELECT 1 FROM unnest(o.namespaces) AS t(n)
                                   WHERE t.n = r.ns OR starts_with(t.n, r.ns || '.')))`,
    [[...new Set(namespaces)], viewer.name, viewer.owned],
  );
  return rows.map((row) => row.ns);
}

const RELEASE_COLUMNS = `id, scope, namespaces, version, status, created_by, collaborators, required_proofs,
  revision, created_at, updated_at, promoted_by, promoted_at, yanked, yank_reason`;

/**
 * The release row, if `viewer` may see it (every namespace of it); otherwise
 * the same 404 as an unknown id. `lock` takes the row lock for a write.
 */
export async function visibleReleaseRow(
  db: Queryable,
  viewer: Viewer,
  id: string,
  lock = false,
): Promise<ReleaseRow> {
  const [row] = await db.query<ReleaseRow>(
    `SELECT ${RELEASE_COLUMNS} FROM releases WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!row || (await hiddenNamespaces(db, viewer, row.namespaces)).length > 0) throw unknownRelease(id);
  return row;
}

export const unknownRelease = (id: string) => notFound(`Unknown release '${id}'`);

/** One release with the heads it froze at. */
export async function getRelease(db: Queryable, viewer: Viewer, id: string): Promise<ReleaseDetailResponse> {
  const row = await visibleReleaseRow(db, viewer, id);
  const [release] = await loadReleases(db, [row]);
  const heads = await db.query<{ item_id: string; op_id: string }>(
    'SELECT item_id, op_id FROM release_heads WHERE release_id = $1 ORDER BY item_id, op_id',
    [id],
  );
  return {
    release: release as Release,
    heads: heads.map((head) => ({ itemId: head.item_id, opId: head.op_id })),
  };
}

/**
 * One page of the releases `viewer` can see, newest first; only those
 * touching `namespace` when given. The cursor is the last row scanned (seen
 * or not), so releases the viewer may not see never stall the paging and
 * say nothing about themselves.
 */
export async function listReleases(
  db: Queryable,
  viewer: Viewer,
  query: { namespace?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ releases: Release[]; nextCursor: string | null }> {
  const [afterAt, afterId] = query.cursor ? query.cursor.split(':') : [null, null];
  const rows = await db.query<ReleaseRow>(
    `SELECT ${RELEASE_COLUMNS} FROM releases
     WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM unnest(namespaces) AS n(ns)
       WHERE n.ns = $1 OR starts_with(n.ns, $1 || '.') OR starts_with($1, n.ns || '.')))
       AND ($2::bigint IS NULL OR (created_at, id) < ($2::bigint, $3::text))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    // One more than the page, to know whether another page waits.
    [query.namespace ?? null, afterAt, afterId, query.limit + 1],
  );
  const more = rows.length > query.limit;
  if (more) rows.pop();
  const hidden = new Set(
    await hiddenNamespaces(
      db,
      viewer,
      rows.flatMap((row) => row.namespaces),
    ),
  );
  const last = more ? rows[rows.length - 1] : undefined;
  return {
    releases: await loadReleases(
      db,
      rows.filter((row) => row.namespaces.every((ns) => !hidden.has(ns))),
    ),
    nextCursor: last ? `${num(last.created_at)}:${last.id}` : null,
  };
}

/** Every version used in a scope (drafts, promoted and yanked alike). */
export async function usedVersions(db: Queryable, scope: string): Promise<string[]> {
  const rows = await db.query<{ version: string }>('SELECT version FROM releases WHERE scope = $1', [scope]);
  return rows.map((row) => row.version);
}
