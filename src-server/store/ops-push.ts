import type { OpBody } from '../../src-shared/model/index.js';
import type { OpAck } from '../../src-shared/sync-protocol/index.js';
import { CLOCK_AHEAD_WARN_MS, hlcWallMs } from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { conflict } from '../errors.js';
import type { CheckedOp } from './op-checks.js';
import { checkOpBatch, differingField } from './op-checks.js';
import type { OrderedTx } from './order.js';
import { orderedWrite } from './order.js';
import type { OpRow } from './rows.js';
import { OP_COLUMNS, bodyFromRow, opFromRow } from './rows.js';

type Stored = Omit<OpAck, 'clockAheadMs'>;

/**
 * Stores a push: all of it or, on any bad op, none of it. An op id already
 * stored with the same body is acknowledged again with its stored position
 * and status (so a half-acknowledged batch can simply be sent again); the
 * same id with another body is a 409 and the batch is refused.
 */
export async function pushOps(db: Db, author: string, ops: OpBody[]): Promise<OpAck[]> {
  const checked = await checkOpBatch(db, author, ops);
  if (checked.length === 0) return [];
  const stored = await orderedWrite(db, async (tx) => {
    // Insert first and read back only what was already there: a pre-read of
    // every id cost more than the insert's own key checks. An op sent again
    // (its ack was lost) then wastes a position number; positions may have
    // gaps, a checkpoint only needs them to never appear late (order.ts).
    const inserted = await insertOps(tx, checked);
    const known = checked.filter((op) => !inserted.has(op.body.id));
    const existing = known.length > 0 ? await storedAcks(tx, known) : new Map<string, Stored>();
    return new Map([...inserted, ...existing]);
  });
  return ops.map((op) => withClockCheck(op, stored.get(op.id) as Stored));
}

async function storedAcks(tx: OrderedTx, checked: CheckedOp[]): Promise<Map<string, Stored>> {
  const rows = await tx.query<OpRow>(`SELECT ${OP_COLUMNS} FROM ops WHERE id = ANY($1::text[])`, [
    checked.map((op) => op.body.id),
  ]);
  const byId = new Map(checked.map((op) => [op.body.id, op]));
  const acks = new Map<string, Stored>();
  for (const row of rows) {
    const incoming = byId.get(row.id) as CheckedOp;
    const field = differingField(bodyFromRow(row), incoming.body);
    if (field !== null) {
      throw conflict(
        `Op ${row.id} is already stored with a different ${field}; an op id is used for one op only`,
        {
          opId: row.id,
          field,
        },
      );
    }
    const op = opFromRow(row);
    acks.set(row.id, { ...pick(op), alreadyStored: true });
  }
  return acks;
}

async function insertOps(tx: OrderedTx, fresh: CheckedOp[]): Promise<Map<string, Stored>> {
  if (fresh.length === 0) return new Map();
  const { now, serverSeqs, changeSeqs } = await tx.draw(fresh.length, fresh.length, 'ops');
  // Positions are consecutive (order.ts): the statement numbers rows from the first of each.
  const records = fresh.map(({ body, namespaces, status }) => ({
    id: body.id,
    item_id: body.itemId,
    branch_id: body.branchId,
    type: body.type,
    path: body.path,
    kind: body.kind,
    content: body.content,
    parents: body.parents,
    author: body.author,
    instance_id: body.instanceId,
    hlc: body.hlc,
    namespaces,
    status,
  }));
  const rows = await tx.query<{ id: string }>(
    `WITH inserted AS (
       INSERT INTO ops (id, item_id, branch_id, type, path, kind, content, parents, author, instance_id, hlc,
         namespaces, status, server_seq, change_seq, created_at)
       SELECT x.id, x.item_id, x.branch_id, x.type, x.path, x.kind, x.content, x.parents, x.author, x.instance_id,
         x.hlc, x.namespaces, x.status, $3::bigint + x.n - 1, $4::bigint + x.n - 1, $2::bigint
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id text, item_id text, branch_id text,
         type text, path text, kind text, content text, parents text[], author text, instance_id text, hlc text,
         namespaces text[], status text)) WITH ORDINALITY
         AS x(id, item_id, branch_id, type, path, kind, content, parents, author, instance_id, hlc, namespaces,
         status, n)
       ON CONFLICT (id) DO NOTHING
       RETURNING id, item_id, branch_id, parents),
     links AS (SELECT id AS op_id, branch_id, unnest(parents) AS parent_id FROM inserted),
     linked AS (INSERT INTO op_parents (op_id, parent_id) SELECT op_id, parent_id FROM links),
     ${HEADS_UPKEEP}
     SELECT id FROM inserted`,
    [JSON.stringify(records), now, serverSeqs[0], changeSeqs[0]],
  );
  const insertedIds = new Set(rows.map((row) => row.id));
  const acks = new Map<string, Stored>();
  records.forEach((r, i) => {
    if (!insertedIds.has(r.id)) return;
    acks.set(r.id, {
      id: r.id,
      serverSeq: serverSeqs[i] as number,
      changeSeq: changeSeqs[i] as number,
      status: r.status,
      approvalId: null,
      receivedAt: now,
      alreadyStored: false,
    });
  });
  return acks;
}

/**
 * Keeps op_heads (migration 003) in step with the insert, in the same
 * statement: parents on the new ops' branch stop being heads, and a new op
 * is a head unless a child on its branch names it — in this push, or stored
 * earlier (a child may arrive before its parent). Every CTE of one statement
 * sees the same snapshot, hence the two separate child checks. Only parents
 * stored before this push can be in op_heads, so only those are looked up,
 * by key: a join against the whole table grew with every head stored.
 */
const HEADS_UPKEEP = `unheaded AS (DELETE FROM op_heads h
       WHERE h.op_id = ANY (ARRAY(SELECT l.parent_id FROM links l
           WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.id = l.parent_id)))
         AND EXISTS (SELECT 1 FROM links l WHERE l.parent_id = h.op_id AND l.branch_id = h.branch_id)),
     headed AS (INSERT INTO op_heads (op_id, branch_id, item_id)
       SELECT i.id, i.branch_id, i.item_id FROM inserted i
       WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.parent_id = i.id AND l.branch_id = i.branch_id)
         AND NOT EXISTS (SELECT 1 FROM op_parents p JOIN ops c ON c.id = p.op_id
           WHERE p.parent_id = i.id AND c.branch_id = i.branch_id))`;

function pick(op: ReturnType<typeof opFromRow>): Omit<Stored, 'alreadyStored'> {
  const { id, serverSeq, changeSeq, status, approvalId, receivedAt } = op;
  return { id, serverSeq, changeSeq, status, approvalId, receivedAt };
}

/** See OpAckSchema: a far-ahead HLC is accepted and reported, never refused. */
function withClockCheck(op: OpBody, stored: Stored): OpAck {
  const wall = hlcWallMs(op.hlc);
  const ahead = wall === null ? 0 : wall - stored.receivedAt;
  return ahead > CLOCK_AHEAD_WARN_MS ? { ...stored, clockAheadMs: ahead } : stored;
}
