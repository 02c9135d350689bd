import type { OpBody, OpStatus } from '../../src-shared/model/index.js';
import { MAIN_BRANCH, MAX_CONTENT_BYTES, OP_BODY_KEYS, splitPath } from '../../src-shared/model/index.js';
import { utf8ByteLength } from '../../src-shared/sync-protocol/index.js';
import { badRequest, conflict, forbidden } from '../errors.js';
import type { PushContext } from './op-context.js';
import { itemKey } from './op-context.js';
import { ownsNamespace } from './namespaces.js';
import { textProblem } from './text.js';

/** An op that passed every check, with what the server decided about it. */
export interface CheckedOp {
  body: OpBody;
  /**
   * The namespaces it touches: its path's, its parents' (a rename's source),
   * and every namespace its item is in as the server knows it (on its branch,
   * and on main for an op on a branch). Owning all of them approves the op.
   */
  namespaces: string[];
  status: OpStatus;
}

/**
 * The checks that need nothing but the batch: identical repeats kept once,
 * author, sizes, text, parent lists, and no parent cycle inside the batch.
 * Any bad op throws an ApiError naming it, and the batch is refused whole.
 */
export function checkOpShapes(ops: OpBody[], author: string): OpBody[] {
  const unique = dedupe(ops);
  for (const op of unique) checkOne(op, author);
  refuseCycles(unique);
  return unique;
}

/**
 * The checks against what the server stores (`context`, read before): the
 * branch takes ops, every parent is known to the caller (stored and visible,
 * or in this batch) and belongs to the same item, and a create without
 * parents starts an item that does not exist yet.
 */
export function checkAgainstStore(ops: OpBody[], context: PushContext): void {
  const batch = new Map(ops.map((op) => [op.id, op]));
  const created = new Set<string>();
  for (const op of ops) {
    checkBranch(op, context);
    for (const parentId of op.parents) {
      const parent = batch.get(parentId) ?? context.parents.get(parentId);
      if (!parent) {
        throw badRequest(`Op ${op.id}: parent ${parentId} is not known to the server; push it first`, {
          opId: op.id,
          field: 'parents',
        });
      }
      if (parent.itemId !== op.itemId) {
        throw badRequest(`Op ${op.id}: parent ${parentId} belongs to another item`, {
          opId: op.id,
          field: 'parents',
        });
      }
    }
    if (op.type === 'create' && op.parents.length === 0) {
      const key = itemKey(op.branchId, op.itemId);
      if (created.has(key) || itemExists(op, context)) throw secondStartRefusal(op);
      created.add(key);
    }
  }
}

/** Status of each op for an author who owns `owned` (ownership covers everything below). */
export function decideStatus(ops: OpBody[], context: PushContext, owned: readonly string[]): CheckedOp[] {
  const batch = new Map(ops.map((op) => [op.id, op]));
  return ops.map((op) => {
    const namespaces = new Set([splitPath(op.path).namespace]);
    for (const parentId of op.parents) {
      const parent = batch.get(parentId) ?? context.parents.get(parentId);
      if (parent) namespaces.add(splitPath(parent.path).namespace);
    }
    for (const ns of itemNamespaces(op, context)) namespaces.add(ns);
    const list = [...namespaces].sort();
    const approved = list.every((ns) => ownsNamespace(owned, ns));
    return { body: op, namespaces: list, status: approved ? 'approved' : 'pending' };
  });
}

function itemNamespaces(op: OpBody, context: PushContext): string[] {
  const own = context.items.get(itemKey(op.branchId, op.itemId)) ?? [];
  const main = op.branchId === MAIN_BRANCH ? [] : (context.items.get(itemKey(MAIN_BRANCH, op.itemId)) ?? []);
  return [...own, ...main];
}

/** The refusal of a create without parents for an item that already exists. */
export function secondStartRefusal(op: OpBody) {
  return conflict(
    `Op ${op.id}: item ${op.itemId} already exists; a create without parents starts a new item`,
    {
      opId: op.id,
      field: 'itemId',
    },
  );
}

function itemExists(op: OpBody, context: PushContext): boolean {
  if (context.existing.has(itemKey(op.branchId, op.itemId))) return true;
  return op.branchId !== MAIN_BRANCH && context.existing.has(itemKey(MAIN_BRANCH, op.itemId));
}

/**
 * Ops go to main or to a branch the server holds. An abandoned branch takes
 * no more ops; a merged one still does, because the merge ops on main name
 * its last ops as parents and those may still be on their way.
 */
function checkBranch(op: OpBody, context: PushContext): void {
  if (op.branchId === MAIN_BRANCH) return;
  const subject = { opId: op.id, branchId: op.branchId, field: 'branchId' };
  const state = context.branches.get(op.branchId);
  if (state === undefined) {
    throw badRequest(
      `Op ${op.id}: branch ${op.branchId} is not known to the server; push the branch first`,
      subject,
    );
  }
  if (state === 'abandoned') {
    throw conflict(`Op ${op.id}: branch ${op.branchId} was abandoned; it takes no more changes`, subject);
  }
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

/**
 * Refuses a parent cycle among the batch's ops (an item on it would have no
 * head). Stored ops cannot close a cycle: every parent must be stored before
 * its child or travel with it, so a stored op never names a later one.
 */
function refuseCycles(ops: OpBody[]): void {
  const batch = new Map(ops.map((op) => [op.id, op]));
  const done = new Set<string>();
  for (const start of ops) {
    if (done.has(start.id)) continue;
    // Iterative depth-first walk; `onPath` holds the ops on the current path.
    const onPath = new Set<string>([start.id]);
    const stack: { op: OpBody; next: number }[] = [{ op: start, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { op: OpBody; next: number };
      const parentId = top.op.parents[top.next++];
      if (parentId === undefined) {
        stack.pop();
        onPath.delete(top.op.id);
        done.add(top.op.id);
        continue;
      }
      const parent = batch.get(parentId);
      if (!parent || done.has(parentId)) continue;
      if (onPath.has(parentId)) {
        throw badRequest(`Op ${top.op.id}: its parents lead back to itself (a parent cycle)`, {
          opId: top.op.id,
          field: 'parents',
        });
      }
      onPath.add(parentId);
      stack.push({ op: parent, next: 0 });
    }
  }
}

/** The first body field in which two ops differ, or null when they are the same op. */
export function differingField(a: OpBody, b: OpBody): keyof OpBody | null {
  for (const key of OP_BODY_KEYS) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return key;
  }
  return null;
}
