import { MAX_BRANCH_COLLABORATORS, mayChangeBranch, type Branch } from '../../src-shared/model/index.js';
import type { ServerBranch } from '../../src-shared/sync-protocol/index.js';
import type { Db, Queryable } from '../db/db.js';
import { num } from '../db/db.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import type { OrderedTx } from './order.js';
import { orderedWrite } from './order.js';
import type { BranchRow } from './rows.js';
import { BRANCH_COLUMNS, branchFromRow } from './rows.js';
import { checkKnownUsers } from './namespaces.js';
import { textProblem } from './text.js';

/** The fields a client may change on an open branch; state and times are the server's. */
const CLIENT_FIELDS = ['name', 'mainPolicy', 'baseSeq', 'baseHlc', 'baseInstanceId'] as const;

/**
 * Creates new branches (open, created — so owned — by the caller, server
 * time) and applies the client's fields to open ones, when the caller is the
 * branch's owner or a collaborator. Merged and abandoned branches are final:
 * their record comes back unchanged so the client learns the state, and a
 * record sent unchanged is answered as stored. Any bad branch refuses the
 * whole push.
 */
export async function pushBranches(db: Db, user: string, branches: Branch[]): Promise<ServerBranch[]> {
  checkBatch(branches);
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    const newestOp = num(
      (await tx.query<{ m: unknown }>('SELECT COALESCE(max(server_seq), 0) AS m FROM ops'))[0]?.m,
    );
    const existing = await loadBranches(
      tx,
      branches.map((b) => b.id),
    );
    const result: ServerBranch[] = [];
    for (const branch of branches) {
      if (branch.baseSeq > newestOp) {
        throw badRequest(
          `Branch ${branch.id}: baseSeq ${branch.baseSeq} is beyond the newest op (${newestOp})`,
          {
            branchId: branch.id,
            field: 'baseSeq',
          },
        );
      }
      const current = existing.get(branch.id);
      result.push(
        current ? await updateBranch(tx, user, current, branch) : await createBranch(tx, user, branch),
      );
    }
    return result;
  });
}

function checkBatch(branches: Branch[]): void {
  const seen = new Set<string>();
  for (const branch of branches) {
    if (seen.has(branch.id))
      throw badRequest(`Branch ${branch.id} appears twice in this push`, { branchId: branch.id });
    seen.add(branch.id);
    const problem = textProblem(branch.baseHlc);
    if (problem)
      throw badRequest(`Branch ${branch.id}: baseHlc ${problem}`, { branchId: branch.id, field: 'baseHlc' });
  }
}

async function createBranch(tx: OrderedTx, user: string, branch: Branch): Promise<ServerBranch> {
  if (branch.createdBy !== user) {
    throw forbidden(
      `Branch ${branch.id}: createdBy is '${branch.createdBy}', but this token belongs to '${user}'`,
      {
        branchId: branch.id,
        field: 'createdBy',
      },
    );
  }
  const { now, changeSeqs } = await tx.draw(0, 1, 'branches');
  const rows = await tx.query<BranchRow>(
    `INSERT INTO branches (id, name, state, main_policy, base_seq, base_hlc, base_instance_id, created_by,
       created_at, updated_at, change_seq)
     VALUES ($1, $2, 'open', $3, $4, $5, $6, $7, $8, $8, $9) RETURNING ${BRANCH_COLUMNS}`,
    [
      branch.id,
      branch.name,
      branch.mainPolicy,
      branch.baseSeq,
      branch.baseHlc,
      branch.baseInstanceId,
      user,
      now,
      changeSeqs[0],
    ],
  );
  return branchFromRow(rows[0] as BranchRow);
}

async function updateBranch(
  tx: OrderedTx,
  user: string,
  current: ServerBranch,
  incoming: Branch,
): Promise<ServerBranch> {
  const changed = CLIENT_FIELDS.some((field) => current[field] !== incoming[field]);
  if (current.state !== 'open' || !changed) return current;
  checkMayChange(current, user, 'change');
  const { now, changeSeqs } = await tx.draw(0, 1, 'branches');
  const rows = await tx.query<BranchRow>(
    `UPDATE branches SET name = $2, main_policy = $3, base_seq = $4, base_hlc = $5, base_instance_id = $6,
       updated_at = $7, change_seq = $8 WHERE id = $1 RETURNING ${BRANCH_COLUMNS}`,
    [
      current.id,
      incoming.name,
      incoming.mainPolicy,
      incoming.baseSeq,
      incoming.baseHlc,
      incoming.baseInstanceId,
      now,
      changeSeqs[0],
    ],
  );
  return branchFromRow(rows[0] as BranchRow);
}

/**
 * Branch records are visible to every user (pulls send them all), so naming
 * the owner in a refusal tells nothing the caller could not read anyway.
 */
function checkMayChange(branch: ServerBranch, user: string, verb: string): void {
  if (mayChangeBranch(branch, user)) return;
  throw forbidden(
    `Only the owner of branch "${branch.name}" (${branch.createdBy}) or its collaborators can ${verb} it`,
    { branchId: branch.id },
  );
}

async function loadBranch(tx: Queryable, id: string): Promise<ServerBranch> {
  const branch = (await loadBranches(tx, [id])).get(id);
  if (!branch) throw notFound(`Unknown branch '${id}'`, { branchId: id });
  return branch;
}

async function loadBranches(db: Queryable, ids: string[]): Promise<Map<string, ServerBranch>> {
  const rows = await db.query<BranchRow>(
    `SELECT ${BRANCH_COLUMNS} FROM branches WHERE id = ANY($1::text[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, branchFromRow(row)]));
}

/**
 * Merges (or abandons) a branch. Idempotent: asking again for the state it is
 * already in returns it unchanged. Merged and abandoned are final, so asking
 * for the other one is a 409. Merging records the caller and server time.
 */
export async function finishBranch(
  db: Db,
  user: string,
  id: string,
  target: 'merged' | 'abandoned',
): Promise<ServerBranch> {
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    const current = await loadBranch(tx, id);
    checkMayChange(current, user, target === 'merged' ? 'merge' : 'abandon');
    if (current.state === target) return current;
    if (current.state !== 'open') {
      const verb = target === 'merged' ? 'merged' : 'abandoned';
      throw conflict(`Branch ${id} is ${current.state}; it cannot be ${verb}`, { branchId: id });
    }
    const { now, changeSeqs } = await tx.draw(0, 1, 'branches');
    const merged = target === 'merged';
    const rows = await tx.query<BranchRow>(
      `UPDATE branches SET state = $2, updated_at = $3, merged_at = $4, merged_by = $5, change_seq = $6
       WHERE id = $1 RETURNING ${BRANCH_COLUMNS}`,
      [id, target, now, merged ? now : null, merged ? user : null, changeSeqs[0]],
    );
    return branchFromRow(rows[0] as BranchRow);
  });
}

export async function pullBranches(
  db: Queryable,
  since: number,
  limit: number,
): Promise<{ branches: ServerBranch[]; checkpoint: number; hasMore: boolean }> {
  const rows = await db.query<BranchRow>(
    `SELECT ${BRANCH_COLUMNS} FROM branches WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
    [since, limit],
  );
  const branches = rows.map(branchFromRow);
  return { branches, checkpoint: branches.at(-1)?.changeSeq ?? since, hasMore: rows.length === limit };
}

/**
 * The branch's owner adds or removes collaborators (unknown users are a
 * 400). Collaborators may change the branch but not who else may. Adding
 * someone already listed (or the owner), or removing someone who is not,
 * changes nothing and keeps the branch's position.
 */
export async function updateCollaborators(
  db: Db,
  user: string,
  id: string,
  change: { add: string[]; remove: string[] },
): Promise<ServerBranch> {
  const both = change.add.find((name) => change.remove.includes(name));
  if (both !== undefined) throw badRequest(`'${both}' is both added and removed`, { field: 'add' });
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    const current = await loadBranch(tx, id);
    if (current.createdBy !== user) {
      throw forbidden(
        `Only the owner of branch "${current.name}" (${current.createdBy}) can change who works on it`,
        {
          branchId: id,
        },
      );
    }
    if (current.state !== 'open')
      throw conflict(`Branch ${id} is ${current.state}; its collaborators are final`, { branchId: id });
    await checkKnownUsers(tx, change.add, (name) => badRequest(`Unknown user '${name}'`, { field: 'add' }));
    const next = [...new Set([...current.collaborators, ...change.add])].filter(
      (name) => name !== current.createdBy && !change.remove.includes(name),
    );
    if (next.length > MAX_BRANCH_COLLABORATORS)
      throw badRequest(`A branch has at most ${MAX_BRANCH_COLLABORATORS} collaborators`, { field: 'add' });
    const same =
      next.length === current.collaborators.length && next.every((n) => current.collaborators.includes(n));
    if (same) return current;
    const { now, changeSeqs } = await tx.draw(0, 1, 'branches');
    const rows = await tx.query<BranchRow>(
      `UPDATE branches SET collaborators = $2, updated_at = $3, change_seq = $4 WHERE id = $1
       RETURNING ${BRANCH_COLUMNS}`,
      [id, next, now, changeSeqs[0]],
    );
    return branchFromRow(rows[0] as BranchRow);
  });
}
