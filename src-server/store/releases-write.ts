import type {
  CreateReleaseRequestSchema,
  Release,
  ReleaseChangeInput,
  UpdateReleaseRequestSchema,
} from '../../src-shared/sync-protocol/index.js';
import type { z } from 'zod';
import type { Db, Queryable } from '../db/db.js';
import { num } from '../db/db.js';
import { badRequest, conflict, forbidden } from '../errors.js';
import type { Viewer } from './ops-pull.js';
import { checkKnownUsers } from './namespaces.js';
import { runOnce } from './releases-once.js';
import {
  hiddenNamespaces,
  loadReleases,
  scopeOf,
  visibleReleaseRow,
  type ReleaseRow,
} from './releases-read.js';
import { versionTaken } from './releases-taken.js';

type CreateBody = z.output<typeof CreateReleaseRequestSchema>;
type UpdateBody = z.output<typeof UpdateReleaseRequestSchema>;

/** Creates a draft release. Its namespaces must be ones the creator can see; its version unused. */
export async function createRelease(db: Db, viewer: Viewer, body: CreateBody): Promise<Release> {
  const { requestId, ...fields } = body;
  return runOnce(db, viewer.name, requestId, ['create', fields], async (tx) => {
    const hidden = await hiddenNamespaces(tx, viewer, fields.namespaces);
    if (hidden.length > 0) throw badRequest(`Unknown namespace '${hidden[0]}'`, { field: 'namespaces' });
    checkChanges(fields.changes);
    await checkKnownUsers(tx, [...fields.collaborators, ...assignees(fields.changes)], unknownPerson);
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM releases WHERE id = $1', [fields.id]);
    if (existing) throw conflict(`A release with id '${fields.id}' already exists`, { field: 'id' });
    const scope = scopeOf(fields.namespaces);
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`release-scope:${scope}`]);
    await versionTaken(tx, scope, fields.version);
    await tx.query(
      `INSERT INTO releases (id, scope, namespaces, version, status, created_by, collaborators, required_proofs)
       VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7)`,
      [
        fields.id,
        scope,
        scope.split(','),
        fields.version,
        viewer.name,
        unique(fields.collaborators),
        fields.requiredProofs,
      ],
    );
    await writeChanges(tx, fields.id, fields.changes);
    return readOne(tx, viewer, fields.id);
  });
}

/** Edits a draft: its creator and collaborators only, and only from its latest revision. */
export async function updateRelease(db: Db, viewer: Viewer, id: string, body: UpdateBody): Promise<Release> {
  const { requestId, ...fields } = body;
  return runOnce(db, viewer.name, requestId, ['update', id, fields], async (tx) => {
    const row = await editableDraft(tx, viewer, id, fields.seenRevision);
    if (fields.collaborators && row.created_by !== viewer.name && !sameNames(fields.collaborators, row))
      throw forbidden(`Only ${row.created_by} can choose who collaborates on ${row.version}`);
    if (fields.changes) {
      checkChanges(fields.changes);
      await keepProvenChanges(tx, id, fields.changes);
    }
    await checkKnownUsers(
      tx,
      [...(fields.collaborators ?? []), ...assignees(fields.changes ?? [])],
      unknownPerson,
    );
    await tx.query(
      `UPDATE releases SET collaborators = COALESCE($2, collaborators), required_proofs = COALESCE($3, required_proofs),
         revision = revision + 1, updated_at = tether_now_ms() WHERE id = $1`,
      [id, fields.collaborators ? unique(fields.collaborators) : null, fields.requiredProofs ?? null],
    );
    if (fields.changes) await replaceChanges(tx, row.id, fields.changes);
    return readOne(tx, viewer, id);
  });
}

/**
 * The draft `viewer` may change, locked for the write: 404 when they cannot
 * see it, 409 when promoted or when they have not seen its latest revision,
 * 403 when they are neither its creator nor a collaborator.
 */
export async function editableDraft(
  tx: Queryable,
  viewer: Viewer,
  id: string,
  seenRevision: number | null,
): Promise<ReleaseRow> {
  const row = await visibleReleaseRow(tx, viewer, id, true);
  if (row.status === 'promoted')
    throw conflict(`Release ${row.version} is promoted and can no longer change`);
  if (row.created_by !== viewer.name && !row.collaborators.includes(viewer.name))
    throw forbidden(`Only ${row.created_by} and the release's collaborators can change this draft`);
  if (seenRevision !== null && seenRevision !== num(row.revision)) throw behind(row);
  return row;
}

export const behind = (row: ReleaseRow) =>
  conflict(
    `Behind: pull first (release ${row.version} is at revision ${num(row.revision)}, which you have not seen)`,
    { field: 'seenRevision' },
  );

export async function readOne(tx: Queryable, viewer: Viewer, id: string): Promise<Release> {
  const [release] = await loadReleases(tx, [await visibleReleaseRow(tx, viewer, id)]);
  return release as Release;
}

function checkChanges(changes: readonly ReleaseChangeInput[]): void {
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(change.id)) throw badRequest(`Change ${change.id} is listed twice`, { field: 'changes' });
    seen.add(change.id);
  }
}

/** A change that already has proofs cannot be dropped: the proofs belong to their authors. */
async function keepProvenChanges(tx: Queryable, id: string, changes: readonly ReleaseChangeInput[]) {
  const proven = await tx.query<{ change_id: string }>(
    'SELECT DISTINCT change_id FROM release_proofs WHERE release_id = $1',
    [id],
  );
  const dropped = proven.find((row) => !changes.some((change) => change.id === row.change_id));
  if (dropped)
    throw conflict(`Change ${dropped.change_id} has proofs and cannot be removed from the release`, {
      field: 'changes',
    });
}

async function replaceChanges(tx: Queryable, id: string, changes: readonly ReleaseChangeInput[]) {
  await tx.query('DELETE FROM release_changes WHERE release_id = $1 AND id <> ALL($2::text[])', [
    id,
    changes.map((change) => change.id),
  ]);
  await writeChanges(tx, id, changes);
}

/** Inserts or updates the changes in order; rc counters of kept changes go on counting. */
async function writeChanges(tx: Queryable, id: string, changes: readonly ReleaseChangeInput[]) {
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO release_changes (release_id, id, position, type, ref, title, assignee)
     SELECT $1, c.id, c.position, c.type, c.ref, c.title, c.assignee
     FROM jsonb_to_recordset($2::jsonb) AS c(id text, position int, type text, ref text, title text, assignee text)
     ON CONFLICT (release_id, id) DO UPDATE SET position = EXCLUDED.position, type = EXCLUDED.type,
       ref = EXCLUDED.ref, title = EXCLUDED.title, assignee = EXCLUDED.assignee`,
    [id, JSON.stringify(changes.map((change, position) => ({ ...change, position })))],
  );
}

const assignees = (changes: readonly ReleaseChangeInput[]) =>
  changes.flatMap((change) => (change.assignee === null ? [] : [change.assignee]));
const unique = (names: readonly string[]) => [...new Set(names)].sort();
/** The same collaborators as the row has (a collaborator may send the list back unchanged). */
const sameNames = (names: readonly string[], row: ReleaseRow) =>
  unique(names).join('\n') === unique(row.collaborators).join('\n');
const unknownPerson = (name: string) => badRequest(`Unknown user '${name}'`);
