import { z } from 'zod';
import { BranchIdSchema, IdSchema } from '../../../src-shared/model/index.js';
import type { QueueEntry } from '../../../src-shared/model/index.js';
import { QueueEntryRefused } from './types.js';

/** push_ops: a branch's unsent ops (no opIds), or ops the server refused (opIds). */
export const PushOpsPayloadSchema = z.object({
  branchId: BranchIdSchema,
  opIds: z.array(IdSchema).optional(),
});
export type PushOpsPayload = z.infer<typeof PushOpsPayloadSchema>;

export const MergeBranchPayloadSchema = z.object({ branchId: BranchIdSchema });

/** A conflict resolved offline: the resolution op and the heads it resolved. */
export const ResolveConflictPayloadSchema = z.object({
  branchId: BranchIdSchema,
  itemId: IdSchema,
  resolutionOpId: IdSchema,
  resolvedHeads: z.array(IdSchema),
});
export type ResolveConflictPayload = z.infer<typeof ResolveConflictPayloadSchema>;

export function payloadOf<T>(schema: z.ZodType<T>, entry: QueueEntry): T {
  const parsed = schema.safeParse(entry.payload);
  if (!parsed.success)
    throw new QueueEntryRefused(`This ${entry.type} entry's data is not valid: ${parsed.error.message}`);
  return parsed.data;
}
