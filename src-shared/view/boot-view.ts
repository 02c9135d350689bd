import { z } from 'zod';
import type { ViewIndex } from '../dag/index.js';
import { ItemKindSchema, OpStatusSchema, OpTypeSchema, type Op } from '../model/index.js';
import { byPath } from '../workspace-rules/item-paths.js';
import { isVisibleInView, mayBeVisibleInView, type ViewSpec } from './branch-view.js';

/**
 * What a workspace needs of one view to show it at start-up, without the
 * whole op log: for most items only the head op (its state is the head's
 * snapshot), and for an item whose state or badge needs more (a conflict's
 * base, an older op still unsent or awaiting approval) every op the view
 * sees of it. Derived from the view; a stored copy can always be rebuilt.
 */
export interface BootView {
  view: ViewSpec;
  /** The highest server position seen on main (where a new branch starts). */
  maxMainSeq: number;
  ops: Op[];
}

const ViewSpecSchema = z.union([
  z.object({ branchId: z.literal('main') }),
  z.object({ branchId: z.string(), baseSeq: z.number(), baseHlc: z.string(), baseInstanceId: z.string() }),
]);
/**
 * A column whose every entry passes `isEntry`: one loop, where z.array would
 * run a schema per entry (a million entries in a 100,000-item record; zod
 * runs without compiled checks under the page's CSP).
 */
function column<T>(isEntry: (value: unknown) => value is T, what: string) {
  return z.custom<T[]>((value) => Array.isArray(value) && value.every(isEntry), `a column of ${what}`);
}
const isString = (value: unknown): value is string => typeof value === 'string';
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
function isOneOf<T extends string>(schema: z.ZodEnum<Record<T, T>>) {
  const allowed = new Set<unknown>(schema.options);
  return (value: unknown): value is T => allowed.has(value);
}
const oneOf = <T extends string>(schema: z.ZodEnum<Record<T, T>>) =>
  column(isOneOf(schema), schema.options.join(' or '));
const orNull =
  <T>(isEntry: (value: unknown) => value is T) =>
  (value: unknown): value is T | null =>
    value === null || isEntry(value);
const strings = column(isString, 'strings');
const isSeq = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/**
 * A boot view as stored: the ops column by column (as the ack log's rows
 * are), which IndexedDB reads and this schema checks several times faster
 * than an object per op. The ops were checked against the op model when
 * they were read from the op rows; this checks the record's shape (column
 * types, kinds and statuses, equal lengths), not each id's alphabet again.
 */
export const StoredBootViewSchema = z
  .object({
    view: ViewSpecSchema,
    maxMainSeq: z.number().int().nonnegative(),
    /** The newest write time of the op and ack rows the record reflects (see the store). */
    checkpoint: z.number(),
    ops: z.object({
      id: strings,
      itemId: strings,
      branchId: strings,
      type: oneOf(OpTypeSchema),
      path: strings,
      kind: oneOf(ItemKindSchema),
      content: strings,
      parents: column(isStrings, 'id lists'),
      author: strings,
      instanceId: strings,
      hlc: strings,
      status: column(orNull(isOneOf(OpStatusSchema)), 'statuses or null'),
      approvalId: column(orNull(isString), 'strings or null'),
      serverSeq: column(orNull(isSeq), 'server positions or null'),
    }),
  })
  .refine((r) => Object.values(r.ops).every((column) => column.length === r.ops.id.length), {
    message: 'The columns of a boot view differ in length',
  });
export type StoredBootView = z.infer<typeof StoredBootViewSchema>;

/** The stored form of a boot view. */
export function toStoredBootView(boot: BootView, checkpoint: number): StoredBootView {
  const { ops } = boot;
  const column = <T>(read: (op: Op) => T): T[] => ops.map(read);
  return {
    view: boot.view,
    maxMainSeq: boot.maxMainSeq,
    checkpoint,
    ops: {
      id: column((op) => op.id),
      itemId: column((op) => op.itemId),
      branchId: column((op) => op.branchId),
      type: column((op) => op.type),
      path: column((op) => op.path),
      kind: column((op) => op.kind),
      content: column((op) => op.content),
      parents: column((op) => op.parents),
      author: column((op) => op.author),
      instanceId: column((op) => op.instanceId),
      hlc: column((op) => op.hlc),
      status: column((op) => op.status ?? null),
      approvalId: column((op) => op.approvalId ?? null),
      serverSeq: column((op) => op.serverSeq ?? null),
    },
  };
}

/** The ops of a stored boot view (server fields it does not have stay absent, as on an op row). */
export function opsOfStoredBootView(stored: StoredBootView): Op[] {
  const c = stored.ops;
  return c.id.map((id, i) => {
    const op: Op = {
      id,
      itemId: c.itemId[i] as string,
      branchId: c.branchId[i] as string,
      type: c.type[i] as Op['type'],
      path: c.path[i] as string,
      kind: c.kind[i] as Op['kind'],
      content: c.content[i] as string,
      parents: c.parents[i] as string[],
      author: c.author[i] as string,
      instanceId: c.instanceId[i] as string,
      hlc: c.hlc[i] as string,
    };
    const status = c.status[i];
    const approvalId = c.approvalId[i];
    const serverSeq = c.serverSeq[i];
    if (status != null) op.status = status;
    if (approvalId != null) op.approvalId = approvalId;
    if (serverSeq != null) op.serverSeq = serverSeq;
    return op;
  });
}

/**
 * The ops a boot needs of `view` (see BootViewSchema), plus `extra` (the
 * branch's refused ops, for badges). Items come in path order: a view built
 * from them lists its items in that order, so the start-up's sort of the
 * list (100,000 paths) finds them sorted and costs one pass.
 */
export function bootOpsOf(view: ViewIndex, extra: Iterable<Op> = []): Op[] {
  const ops: Op[] = [];
  for (const item of [...view.items()].sort(byPath)) {
    const visible = view.opsOf(item.itemId);
    if (needsWholeHistory(visible, item.heads)) ops.push(...visible);
    else ops.push(...visible.filter((op) => op.id === item.heads[0]));
  }
  ops.push(...extra);
  return ops;
}

/**
 * True when an item's heads alone do not give its state and badge: several
 * heads (the conflict base is found in the history), or an older op the
 * badge looks at (unsent, or awaiting approval).
 */
export function needsWholeHistory(visible: readonly Op[], heads: readonly string[]): boolean {
  if (heads.length !== 1) return true;
  return visible.some((op) => op.id !== heads[0] && (op.serverSeq == null || op.status === 'pending'));
}

/** Where arriving ops can go while some items are known by their heads only (shallow). */
export interface Placement {
  /** Ops that keep every shallow item's known ops gap-free: safe to add now. */
  place: Op[];
  /** Ops that could not join their shallow item (a parent is not held): they wait for its history. */
  wait: Op[];
}

/**
 * Sorts arriving ops for a view whose shallow items hold only their heads.
 * An op joins a shallow item when it has parents and every one is held (an
 * edit on the heads); anything else (an edit on an older version, a newer
 * copy of an op not held, its first op) would make a false head, so it waits
 * for that item's whole history. Items held whole, and ops the view never sees, go straight in.
 */
export function placeOps(
  ops: readonly Op[],
  view: ViewSpec,
  isShallow: (itemId: string) => boolean,
  held: (opId: string) => boolean,
): Placement {
  const result: Placement = { place: [], wait: [] };
  const waiting = new Set<string>();
  const joined = new Set<string>();
  const has = (id: string) => held(id) || joined.has(id);
  for (const op of ops) {
    const simple = !mayBeVisibleInView(op, view) || !isShallow(op.itemId) || has(op.id);
    if (simple || (!waiting.has(op.itemId) && op.parents.length > 0 && op.parents.every(has))) {
      result.place.push(op);
      joined.add(op.id);
    } else {
      result.wait.push(op);
      waiting.add(op.itemId);
    }
  }
  return result;
}

/**
 * Items a boot view holds by one visible op: their head (an item with one
 * op is whole anyway). Items with more hold every op the view sees.
 */
export function shallowItemsOf(ops: readonly Op[], view: ViewSpec): Set<string> {
  const seen = new Map<string, string | null>(); // item → its one op id, or null when it has more
  for (const op of ops) {
    if (!isVisibleInView(op, view)) continue;
    const one = seen.get(op.itemId);
    if (one === undefined) seen.set(op.itemId, op.id);
    else if (one !== op.id) seen.set(op.itemId, null);
  }
  const shallow = new Set<string>();
  for (const [itemId, one] of seen) if (one !== null) shallow.add(itemId);
  return shallow;
}
