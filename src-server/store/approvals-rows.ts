import type {
  ApprovalComment,
  ApprovalItem,
  ApprovalRequest,
  ApprovalState,
  ItemDecision,
} from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import { num, numOrNull } from '../db/db.js';

/** Approval request rows and their mapping to the wire shape. */

export const REQUEST_COLUMNS = `id, author, title, description, namespace, branch_id, state, op_ids,
  owners_at_submit, revision, created_at, updated_at, submitted_at, decided_at, decided_by, change_seq`;

export interface RequestRow {
  id: string;
  author: string;
  title: string;
  description: string;
  namespace: string;
  branch_id: string;
  state: string;
  op_ids: string[];
  owners_at_submit: string[];
  revision: unknown;
  created_at: unknown;
  updated_at: unknown;
  submitted_at: unknown;
  decided_at: unknown;
  decided_by: string | null;
  change_seq: unknown;
  [key: string]: unknown;
}

interface ItemRow {
  request_id: string;
  item_id: string;
  path: string;
  decision: string | null;
  decided_by: string | null;
  decided_at: unknown;
  [key: string]: unknown;
}

interface CommentRow {
  id: string;
  request_id: string;
  author: string;
  text: string;
  created_at: unknown;
  [key: string]: unknown;
}

export async function requestRow(db: Queryable, id: string): Promise<RequestRow | null> {
  const rows = await db.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function loadItems(db: Queryable, requestId: string): Promise<ApprovalItem[]> {
  const rows = await db.query<ItemRow>(
    'SELECT * FROM approval_items WHERE request_id = $1 ORDER BY path, item_id',
    [requestId],
  );
  return rows.map(itemFromRow);
}

/** Full records (items and comments included) for `rows`, in the same order. */
export async function requestsFromRows(db: Queryable, rows: RequestRow[]): Promise<ApprovalRequest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const items = await db.query<ItemRow>(
    'SELECT * FROM approval_items WHERE request_id = ANY($1::text[]) ORDER BY path, item_id',
    [ids],
  );
  const comments = await db.query<CommentRow>(
    'SELECT * FROM approval_comments WHERE request_id = ANY($1::text[]) ORDER BY created_at, id',
    [ids],
  );
  return rows.map((row) => ({
    id: row.id,
    author: row.author,
    title: row.title,
    description: row.description,
    namespace: row.namespace,
    branchId: row.branch_id,
    state: row.state as ApprovalState,
    opIds: row.op_ids,
    items: items.filter((item) => item.request_id === row.id).map(itemFromRow),
    comments: comments.filter((c) => c.request_id === row.id).map(commentFromRow),
    revision: num(row.revision),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    submittedAt: num(row.submitted_at),
    decidedAt: numOrNull(row.decided_at),
    decidedBy: row.decided_by,
    changeSeq: num(row.change_seq),
  }));
}

export async function loadRequest(db: Queryable, id: string): Promise<ApprovalRequest | null> {
  const row = await requestRow(db, id);
  return row ? ((await requestsFromRows(db, [row]))[0] as ApprovalRequest) : null;
}

/** A request this transaction has just read or written. */
export async function mustLoad(db: Queryable, id: string): Promise<ApprovalRequest> {
  const request = await loadRequest(db, id);
  if (!request) throw new Error(`Approval request ${id} vanished inside its own transaction`);
  return request;
}

function itemFromRow(row: ItemRow): ApprovalItem {
  return {
    itemId: row.item_id,
    path: row.path,
    decision: row.decision as ItemDecision | null,
    decidedBy: row.decided_by,
    decidedAt: numOrNull(row.decided_at),
  };
}

function commentFromRow(row: CommentRow): ApprovalComment {
  return { id: row.id, author: row.author, text: row.text, at: num(row.created_at) };
}
