import type { OpBody } from '../../src-shared/model/index.js';
import type { NamespaceClaim, OpAck } from '../../src-shared/sync-protocol/index.js';
import { CLOCK_AHEAD_WARN_MS, hlcWallMs } from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { num } from '../db/db.js';
import { conflict } from '../errors.js';
import { claimRoots, readOwnership } from './namespace-claims.js';
import type { CheckedOp } from './op-checks.js';
import {
  checkAgainstStore,
  checkOpShapes,
  decideStatus,
  differingField,
  secondStartRefusal,
} from './op-checks.js';
import { loadPushContext } from './op-context.js';
import { ownsNamespace } from './namespaces.js';
import { CHANGES_CHANNEL, ORDER_LOCK_KEY } from './order.js';
import type { Viewer } from './ops-pull.js';
import type { OpRow } from './rows.js';
import { OP_COLUMNS, bodyFromRow } from './rows.js';

type Stored = Omit<OpAck, 'clockAheadMs'>;

/** The SQLSTATE tether_push_ops raises when an op id is already stored with another body. */
const STORED_WITH_ANOTHER_BODY = 'TT409';
/** The unique index (migration 010) that lets an item start once, and PostgreSQL's code for its refusal. */
const ONE_START_PER_ITEM = 'one_start_per_item';
const UNIQUE_VIOLATION = '23505';

/**
 * Stores a push: all of it or, on any bad op, none of it. An op id already
 * stored with the same body is acknowledged again with its stored position
 * and status (so a half-acknowledged batch can simply be sent again); the
 * same id with another body is a 409 and the batch is refused.
 *
 * WHY ONE STATEMENT. Positions are drawn under the order lock (order.ts),
 * which serialises every push. Run as BEGIN, lock, draw, insert, COMMIT from
 * here, the lock was also held across four round trips through this
 * process's event loop, busy meanwhile parsing and checking the next pushes:
 * at 100,000 ops the lock was held about half again as long as PostgreSQL
 * worked under it, and that hold time was the push's throughput. The
 * function tether_push_ops (migration 005) takes the lock, draws, inserts
 * and commits in one autocommit statement, so the lock is held for the
 * database's work only; checks and lookups run before it, outside the lock.
 */
export async function pushOps(
  db: Db,
  author: string,
  ops: OpBody[],
  policy: NamespaceClaim = 'first-push',
): Promise<OpAck[]> {
  const unique = checkOpShapes(ops, author);
  if (unique.length === 0) return [];
  const roots = [...new Set(unique.map((op) => op.path.split('.')[0] as string))];
  const ownership = await readOwnership(db, author, roots);
  const context = await loadPushContext(db, author, ownership.owned, unique);
  checkAgainstStore(unique, context);
  const claimed = await claimRoots(db, policy, author, ownership.unownedRoots);
  const checked = decideStatus(unique, context, [...ownership.owned, ...claimed]);
  const stored = await storePush(db, author, ownership.owned, checked);
  return ops.map((op) => withClockCheck(op, stored.get(op.id) as Stored));
}

interface PushedRow extends Record<string, unknown> {
  id: string;
  server_seq: unknown;
  change_seq: unknown;
  status: Stored['status'];
  approval_id: string | null;
  received_at: unknown;
  already_stored: boolean;
}

async function storePush(
  db: Db,
  author: string,
  owned: string[],
  checked: CheckedOp[],
): Promise<Map<string, Stored>> {
  const records = JSON.stringify(
    checked.map(({ body, namespaces, status }) => ({
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
    })),
  );
  let rows: PushedRow[];
  try {
    rows = await db.query<PushedRow>('SELECT * FROM tether_push_ops($1::jsonb, $2, $3)', [
      records,
      ORDER_LOCK_KEY,
      CHANGES_CHANNEL,
    ]);
  } catch (error) {
    throw await refusalOf(db, error, checked, { name: author, owned });
  }
  return new Map(rows.map((row) => [row.id, ackOf(row)]));
}

function ackOf(row: PushedRow): Stored {
  return {
    id: row.id,
    serverSeq: num(row.server_seq),
    changeSeq: num(row.change_seq),
    status: row.status,
    approvalId: row.approval_id,
    receivedAt: num(row.received_at),
    alreadyStored: row.already_stored,
  };
}

/**
 * The 409 naming the op when the push clashed with a stored op, and its
 * first differing field when the caller may see the stored op (otherwise the
 * field would tell them what someone else's hidden op holds).
 */
async function refusalOf(db: Db, error: unknown, checked: CheckedOp[], caller: Viewer): Promise<unknown> {
  const { code, detail, constraint } = (error ?? {}) as {
    code?: unknown;
    detail?: unknown;
    constraint?: unknown;
  };
  if (code === UNIQUE_VIOLATION && constraint === ONE_START_PER_ITEM) return secondStart(checked, detail);
  if (code !== STORED_WITH_ANOTHER_BODY || typeof detail !== 'string') return error;
  const incoming = checked.find((op) => op.body.id === detail);
  const [row] = await db.query<OpRow & { namespaces: string[] }>(
    `SELECT ${OP_COLUMNS}, namespaces FROM ops WHERE id = $1`,
    [detail],
  );
  const seen = row && canSee(row, caller);
  const field = incoming && seen ? differingField(bodyFromRow(row), incoming.body) : null;
  return conflict(
    `Op ${detail} is already stored with a different ${field ?? 'body'}; an op id is used for one op only`,
    { opId: detail, ...(field ? { field } : {}) },
  );
}

/**
 * Another push started one of this batch's new items first (the check before
 * the order lock saw neither): the refusal that check gives, naming the op
 * whose item the database names.
 */
function secondStart(checked: CheckedOp[], detail: unknown): unknown {
  const itemId =
    typeof detail === 'string' ? /\(item_id\)=\((.*)\) already exists/.exec(detail)?.[1] : undefined;
  const starts = checked.filter(({ body }) => body.type === 'create' && body.parents.length === 0);
  const start = starts.find(({ body }) => body.itemId === itemId) ?? starts[0];
  return start ? secondStartRefusal(start.body) : conflict('An item in this push already exists');
}

function canSee(row: OpRow & { namespaces: string[] }, caller: Viewer): boolean {
  if (row.status === 'approved' || row.author === caller.name) return true;
  return row.status === 'pending' && row.namespaces.some((ns) => ownsNamespace(caller.owned, ns));
}

/** See OpAckSchema: a far-ahead HLC is accepted and reported, never refused. */
function withClockCheck(op: OpBody, stored: Stored): OpAck {
  const wall = hlcWallMs(op.hlc);
  const ahead = wall === null ? 0 : wall - stored.receivedAt;
  return ahead > CLOCK_AHEAD_WARN_MS ? { ...stored, clockAheadMs: ahead } : stored;
}
