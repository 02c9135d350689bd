import type {
  AddProofRequest,
  EditProofRequest,
  PromoteReleaseRequest,
  Release,
  YankReleaseRequest,
} from '../../src-shared/sync-protocol/index.js';
import type { Db, Queryable } from '../db/db.js';
import { num } from '../db/db.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { childrenOf } from './children.js';
import type { Viewer } from './ops-pull.js';
import { runOnce } from './releases-once.js';
import { loadReleases, visibleReleaseRow, type ReleaseRow } from './releases-read.js';
import { takenError } from './releases-taken.js';
import { behind, editableDraft, readOne } from './releases-write.js';

/**
 * Promotes a draft: one compare-and-swap on the release row. The row lock
 * orders concurrent promoters; the first one to find it a draft at the
 * revision it saw, with the gate open, wins. Everyone after is told who
 * promoted it and when, and offered the next free version. The content is
 * frozen as the item heads on main in its namespaces, read from the store
 * in the same transaction — never taken from the request.
 */
export async function promoteRelease(
  db: Db,
  viewer: Viewer,
  id: string,
  body: Required<PromoteReleaseRequest>,
): Promise<Release> {
  return runOnce(db, viewer.name, body.requestId, ['promote', id, body.seenRevision], async (tx) => {
    const row = await visibleReleaseRow(tx, viewer, id, true);
    if (row.status === 'promoted') throw await takenError(tx, row.scope, row.version, row);
    await editableDraft(tx, viewer, id, body.seenRevision);
    const [release] = await loadReleases(tx, [row]);
    if (!release?.gate.ready)
      throw conflict(`Ready for promotion: no (${release?.gate.reasons.join('; ')})`, { field: 'gate' });
    await captureHeads(tx, row);
    const swapped = await tx.query(
      `UPDATE releases SET status = 'promoted', promoted_by = $2, promoted_at = tether_now_ms(),
         revision = revision + 1, updated_at = tether_now_ms()
       WHERE id = $1 AND status = 'draft' AND revision = $3 RETURNING id`,
      [id, viewer.name, body.seenRevision],
    );
    if (swapped.length !== 1) throw behind(row); // unreachable while the row lock is held; kept as the CAS
    return readOne(tx, viewer, id);
  });
}

/** The approved item heads on main in the release's namespaces (same rule as ops-pull listHeads). */
async function captureHeads(tx: Queryable, row: ReleaseRow): Promise<void> {
  await tx.query(
    `WITH hidden_parents AS MATERIALIZED (
       SELECT DISTINCT unnest(u.parents) AS id FROM ops u WHERE u.branch_id = 'main' AND u.status <> 'approved'),
     candidates AS (
       SELECT h.op_id AS id FROM op_heads h WHERE h.branch_id = 'main'
       UNION ALL
       SELECT p.id FROM hidden_parents hp JOIN ops p ON p.id = hp.id
       WHERE p.branch_id = 'main' AND NOT EXISTS (
         SELECT 1 FROM ${childrenOf('p.id')} c WHERE c.branch_id = 'main' AND c.status = 'approved'))
     INSERT INTO release_heads (release_id, item_id, op_id)
     SELECT $1, o.item_id, o.id FROM candidates k JOIN ops o ON o.id = k.id
     WHERE o.status = 'approved' AND EXISTS (
       SELECT 1 FROM unnest(o.namespaces) AS t(n), unnest($2::text[]) AS r(ns)
       WHERE t.n = r.ns OR starts_with(t.n, r.ns || '.'))`,
    [row.id, row.namespaces],
  );
}

/**
 * Yanks a promoted release (the only change a promoted release takes): its
 * creator, a collaborator, or an owner of one of its namespaces. The version
 * stays used. Yanking again with the same reason answers again.
 */
export async function yankRelease(
  db: Db,
  viewer: Viewer,
  id: string,
  body: YankReleaseRequest,
): Promise<Release> {
  return runOnce(db, viewer.name, body.requestId, ['yank', id, body.reason], async (tx) => {
    const row = await visibleReleaseRow(tx, viewer, id, true);
    if (row.status !== 'promoted')
      throw conflict(`Release ${row.version} is a draft: only a promoted release is yanked`);
    if (!mayYank(row, viewer))
      throw forbidden(`Only ${row.created_by}, collaborators and owners can yank ${row.version}`);
    if (row.yanked) {
      if (row.yank_reason === body.reason) return readOne(tx, viewer, id);
      throw conflict(`Release ${row.version} is already yanked`);
    }
    await tx.query(
      `UPDATE releases SET yanked = true, yank_reason = $2, yanked_by = $3, yanked_at = tether_now_ms(),
         revision = revision + 1, updated_at = tether_now_ms() WHERE id = $1`,
      [id, body.reason, viewer.name],
    );
    return readOne(tx, viewer, id);
  });
}

function mayYank(row: ReleaseRow, viewer: Viewer): boolean {
  if (row.created_by === viewer.name || row.collaborators.includes(viewer.name)) return true;
  return row.namespaces.some((ns) => viewer.owned.some((own) => ns === own || ns.startsWith(`${own}.`)));
}

/**
 * Adds a proof to a change of a draft: anyone who can see the release. Its rc
 * number is drawn from the change's counter in the same statement that bumps
 * it, so concurrent proofs never share a number.
 */
export async function addProof(db: Db, viewer: Viewer, id: string, body: Required<AddProofRequest>) {
  const { requestId, ...fields } = body;
  return runOnce(db, viewer.name, requestId, ['proof', id, fields], async (tx) => {
    const row = await visibleReleaseRow(tx, viewer, id, true);
    if (row.status === 'promoted') throw conflict(`Release ${row.version} is promoted: its proofs are final`);
    const [taken] = await tx.query('SELECT 1 FROM release_proofs WHERE id = $1', [fields.id]);
    if (taken) throw conflict(`A proof with id '${fields.id}' already exists`, { field: 'id' });
    const [drawn] = await tx.query<{ rc: unknown }>(
      'UPDATE release_changes SET last_rc = last_rc + 1 WHERE release_id = $1 AND id = $2 RETURNING last_rc AS rc',
      [id, fields.changeId],
    );
    if (!drawn)
      throw conflict(`Release ${row.version} has no change ${fields.changeId}`, { field: 'changeId' });
    await tx.query(
      `INSERT INTO release_proofs (id, release_id, change_id, rc, author, result, note, link)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [fields.id, id, fields.changeId, num(drawn.rc), viewer.name, fields.result, fields.note, fields.link],
    );
    await bump(tx, id);
    return { release: await readOne(tx, viewer, id), proofId: fields.id };
  });
}

/** Edits or (body null) deletes a proof: only its author, only while the release is a draft. */
export async function changeProof(
  db: Db,
  viewer: Viewer,
  id: string,
  proofId: string,
  requestId: string,
  edit: Omit<Required<EditProofRequest>, 'requestId'> | null,
): Promise<Release> {
  return runOnce(db, viewer.name, requestId, ['proof-change', id, proofId, edit], async (tx) => {
    const row = await visibleReleaseRow(tx, viewer, id, true);
    const [proof] = await tx.query<{ author: string }>(
      'SELECT author FROM release_proofs WHERE id = $1 AND release_id = $2',
      [proofId, id],
    );
    if (!proof) throw notFound(`Release ${row.version} has no proof '${proofId}'`);
    if (row.status === 'promoted') throw conflict(`Release ${row.version} is promoted: its proofs are final`);
    if (proof.author !== viewer.name) throw forbidden(`Only ${proof.author} can change their proof`);
    if (edit)
      await tx.query(
        'UPDATE release_proofs SET result = $2, note = $3, link = $4, updated_at = tether_now_ms() WHERE id = $1',
        [proofId, edit.result, edit.note, edit.link],
      );
    else await tx.query('DELETE FROM release_proofs WHERE id = $1', [proofId]);
    await bump(tx, id);
    return readOne(tx, viewer, id);
  });
}

const bump = (tx: Queryable, id: string) =>
  tx.query('UPDATE releases SET revision = revision + 1, updated_at = tether_now_ms() WHERE id = $1', [id]);
