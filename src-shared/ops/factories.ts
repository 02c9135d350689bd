import type { HybridClock } from '../clock/hlc.js';
import { ValidationError } from '../errors.js';
import type { ItemKind, ItemSnapshot, ItemState, Op, OpType } from '../model/index.js';
import { checkContext, checkItemInput, checkParents, checkPath, checkSnapshot, parseOp } from './validate.js';

/** Who is making ops, where, and on which branch. The renderer passes crypto.randomUUID as newId. */
export interface OpContext {
  author: string;
  instanceId: string;
  branchId: string;
  clock: HybridClock;
  newId: () => string;
}

export interface NewItemInput {
  path: string;
  kind: ItemKind;
  content: string;
}

/** A new item: a fresh item id, no parents. */
export function createItemOp(ctx: OpContext, input: NewItemInput): Op {
  checkItemInput(input);
  const itemId = ctx.newId();
  return makeOp(ctx, { itemId, type: 'create', parents: [], ...pick(input) });
}

/** New content for an item, built on all its heads. */
export function updateItemOp(ctx: OpContext, item: ItemState, content: string): Op {
  refuseDeleted(item, 'edit');
  checkItemInput({ path: item.path, kind: item.kind, content });
  if (content === item.content && !item.conflict) {
    throw new ValidationError(`Nothing to save: ${item.path} already has this content`, 'content');
  }
  return makeOp(ctx, { ...base(item), type: 'update', content });
}

/**
 * A new path for an item; moving it to another namespace is a rename too.
 * `content`, when given, goes in the same op (a component's `name:` field
 * that followed the rename, see components/component-name.ts).
 */
export function renameItemOp(ctx: OpContext, item: ItemState, newPath: string, content?: string): Op {
  refuseDeleted(item, 'rename');
  checkPath(newPath);
  if (newPath === item.path) throw new ValidationError(`${item.path} is already at that path`, 'path');
  if (content !== undefined) checkItemInput({ path: newPath, kind: item.kind, content });
  return makeOp(ctx, {
    ...base(item),
    type: 'rename',
    path: newPath,
    ...(content !== undefined ? { content } : {}),
  });
}

/**
 * Deletes an item. The op keeps the path, kind and content the item had, so a
 * restore needs nothing else. On an item in conflict it accepts the deletion.
 */
export function deleteItemOp(ctx: OpContext, item: ItemState): Op {
  if (item.deleted && !item.conflict) throw new ValidationError(`${item.path} is already deleted`, 'item');
  return makeOp(ctx, { ...base(item), type: 'delete' });
}

/** Undoes a delete: the state before it, or `snapshot` when given. */
export function restoreItemOp(ctx: OpContext, item: ItemState, snapshot?: ItemSnapshot): Op {
  if (!item.deleted)
    throw new ValidationError(`${item.path} is not deleted, so there is nothing to restore`, 'item');
  const state = snapshot ?? item;
  checkItemInput(state);
  return makeOp(ctx, { ...base(item), type: 'create', ...pick(state) });
}

/**
 * Resolves a conflict: an op over all heads with the chosen result. A
 * deleted result is written as a delete (accepting the deletion).
 */
export function mergeItemOp(ctx: OpContext, item: ItemState, result: ItemSnapshot): Op {
  checkSnapshot(result);
  return makeOp(ctx, { ...base(item), type: result.deleted ? 'delete' : 'merge', ...pick(result) });
}

type OpFields = Pick<Op, 'itemId' | 'type' | 'path' | 'kind' | 'content' | 'parents'>;

function base(item: ItemState): OpFields {
  checkParents(item.heads);
  return { itemId: item.itemId, type: 'update', parents: [...item.heads], ...pick(item) };
}

function pick(state: {
  path: string;
  kind: ItemKind;
  content: string;
}): Pick<Op, 'path' | 'kind' | 'content'> {
  return { path: state.path, kind: state.kind, content: state.content };
}

function refuseDeleted(item: ItemState, action: string): void {
  if (item.deleted) {
    throw new ValidationError(`${item.path} is deleted; restore it before you ${action} it`, 'item');
  }
}

function makeOp(ctx: OpContext, fields: OpFields & { type: OpType }): Op {
  checkContext(ctx);
  const op = parseOp({
    id: ctx.newId(),
    ...fields,
    branchId: ctx.branchId,
    author: ctx.author,
    instanceId: ctx.instanceId,
    hlc: ctx.clock.tick(),
  });
  Object.freeze(op.parents);
  return Object.freeze(op);
}
