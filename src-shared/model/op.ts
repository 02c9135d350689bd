import { z } from 'zod';
import { ItemPathSchema } from './path.js';

export const MAX_CONTENT_BYTES = 1024 * 1024;
export const MAX_PARENTS = 64;
export const MAIN_BRANCH = 'main';

/** Client-made ids (ops, items, branches): globally unique, URL-safe. */
export const IdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'An id holds only letters, digits, _ or -');

export const BranchIdSchema = z.union([z.literal(MAIN_BRANCH), IdSchema]);

export const ItemKindSchema = z.enum(['fn', 'type', 'value', 'component', 'doc']);
export type ItemKind = z.infer<typeof ItemKindSchema>;

export const OpTypeSchema = z.enum(['create', 'update', 'rename', 'delete', 'merge']);
export type OpType = z.infer<typeof OpTypeSchema>;

/** Set by the server when it accepts an op; absent on ops it has not acknowledged yet. */
export const OpStatusSchema = z.enum(['approved', 'pending', 'rejected']);
export type OpStatus = z.infer<typeof OpStatusSchema>;

/**
 * The immutable part of an op: what the author wrote. Its id is the
 * idempotency key, so the server compares exactly these fields on a re-push.
 *
 * Every op carries the item's full state after it (path, kind, content), so an
 * item's state is simply its head op's state; a `delete` op carries the path
 * and kind the item had.
 */
export const OpBodySchema = z.object({
  id: IdSchema,
  itemId: IdSchema,
  branchId: BranchIdSchema,
  type: OpTypeSchema,
  path: ItemPathSchema,
  kind: ItemKindSchema,
  content: z
    .string()
    .refine((c) => c.length <= MAX_CONTENT_BYTES, `Content is at most ${MAX_CONTENT_BYTES} bytes`),
  parents: z.array(IdSchema).max(MAX_PARENTS),
  author: z.string().min(1).max(128),
  instanceId: IdSchema,
  hlc: z.string().min(1).max(64),
});
export type OpBody = z.infer<typeof OpBodySchema>;

/** An op as stored: its body plus what the server assigned on accept. */
export const OpSchema = OpBodySchema.extend({
  status: OpStatusSchema.optional(),
  approvalId: z.string().max(64).nullable().optional(),
  serverSeq: z.number().int().positive().nullable().optional(),
});
export type Op = z.infer<typeof OpSchema>;

export const OP_BODY_KEYS = Object.keys(OpBodySchema.shape) as (keyof OpBody)[];

/** True when the server has acknowledged the op (it then carries a serverSeq). */
export function isAcknowledged(op: Op): boolean {
  return op.serverSeq != null;
}
