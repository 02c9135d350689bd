import type { OpBody, OpStatus } from '../../src-shared/model/index.js';
import { MAX_CONTENT_BYTES, OP_BODY_KEYS, splitPath } from '../../src-shared/model/index.js';
import { utf8ByteLength } from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import { badRequest, forbidden } from '../errors.js';
import { ownedNamespaces, ownsNamespace } from './namespaces.js';
import { textProblem } from './text.js';

/** An op that passed every check, with what the server decided about it. */
export interface CheckedOp {
  body: OpBody;
  /** The namespaces it touches: its path's, plus those of its known parents (a rename's source). */
  namespaces: string[];
  status: OpStatus;
}

/**
 * Checks a whole push before anything is written: any bad op throws an
 * ApiError naming it, and the batch is refused as a whole. Ops repeated
 * identically in one batch are kept once.
 */
export async function checkOpBatch(db: Queryable, author: string, ops: OpBody[]): Promise<CheckedOp[]> {
  const unique = dedupe(ops);
  for (const op of unique) checkOne(op, author);
  const known = await knownParents(db, unique);
  const owned = await ownedNamespaces(db, author);
  return unique.map((op) => {
    const namespaces = new Set([splitPath(op.path).namespace]);
    for (const parentId of op.parents) {
      const parent = known.get(parentId);
      if (!parent) continue;
      if (parent.itemId !== op.itemId) {
        throw badRequest(
          `Op ${op.id}: parent ${parentId} belongs to item ${parent.itemId}, not ${op.itemId}`,
          {
            opId: op.id,
            field: 'parents',
          },
        );
      }
      namespaces.add(splitPath(parent.path).namespace);
    }
    const list = [...namespaces].sort();
    const approved = list.every((ns) => ownsNamespace(owned, ns));
    return { body: op, namespaces: list, status: approved ? 'approved' : 'pending' };
  });
}

function dedupe(ops: OpBody[]): OpBody[] {
  const byId = new Map<string, OpBody>();
  for (const op of ops) {
    const seen = byId.get(op.id);
    if (!seen) byId.set(op.id, op);
    else if (differingField(seen, op) !== null) {
      throw badRequest(`Op ${op.id} appears twice in this push with different bodies`, { opId: op.id });
    }
  }
  return [...byId.values()];
}

function checkOne(op: OpBody, author: string): void {
  const subject = { opId: op.id };
  if (op.author !== author) {
    throw forbidden(`Op ${op.id}: its author is '${op.author}', but this token belongs to '${author}'`, {
      ...subject,
      field: 'author',
    });
  }
  const bytes = utf8ByteLength(op.content);
  if (bytes > MAX_CONTENT_BYTES) {
    throw badRequest(`Op ${op.id}: content is ${bytes} bytes; the most is ${MAX_CONTENT_BYTES}`, {
      ...subject,
      field: 'content',
    });
  }
  for (const field of ['content', 'hlc', 'author'] as const) {
    const problem = textProblem(op[field]);
    if (problem) throw badRequest(`Op ${op.id}: ${field} ${problem}`, { ...subject, field });
  }
  checkParents(op);
}

function checkParents(op: OpBody): void {
  const subject = { opId: op.id, field: 'parents' };
  // A create with parents is legal: it restores a deleted item (its parents are the delete's heads).
  if (op.type !== 'create' && op.parents.length === 0) {
    throw badRequest(`Op ${op.id}: a ${op.type} op needs at least one parent`, subject);
  }
  if (op.parents.includes(op.id)) throw badRequest(`Op ${op.id} lists itself as a parent`, subject);
  if (new Set(op.parents).size !== op.parents.length) {
    throw badRequest(`Op ${op.id} lists the same parent twice`, subject);
  }
}

/** Parents found in this batch or already stored, by id. Unknown parents are allowed (pushed later). */
async function knownParents(
  db: Queryable,
  ops: OpBody[],
): Promise<Map<string, { itemId: string; path: string }>> {
  const known = new Map(ops.map((op) => [op.id, { itemId: op.itemId, path: op.path }]));
  const missing = [...new Set(ops.flatMap((op) => op.parents))].filter((id) => !known.has(id));
  if (missing.length > 0) {
    const rows = await db.query<{ id: string; item_id: string; path: string }>(
      'SELECT id, item_id, path FROM ops WHERE id = ANY($1::text[])',
      [missing],
    );
    for (const row of rows) known.set(row.id, { itemId: row.item_id, path: row.path });
  }
  return known;
}

/** The first body field in which two ops differ, or null when they are the same op. */
export function differingField(a: OpBody, b: OpBody): keyof OpBody | null {
  for (const key of OP_BODY_KEYS) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return key;
  }
  return null;
}
