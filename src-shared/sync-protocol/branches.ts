import { z } from 'zod';
import { BranchSchema, IdSchema } from '../model/index.js';
import { MAX_PUSH_BRANCHES } from './limits.js';
import { CheckpointSchema } from './pull.js';

/** A branch as the server holds it; `state`, times and `mergedBy` are the server's. */
export const ServerBranchSchema = BranchSchema.extend({ changeSeq: z.number().int().positive() });
export type ServerBranch = z.infer<typeof ServerBranchSchema>;

/**
 * POST /v1/branches/push. A new id creates the branch (open, created by the
 * caller). For a known open branch the server takes name, mainPolicy,
 * baseSeq, baseHlc and baseInstanceId; it ignores the client's state and
 * times — state changes only through merge / abandon.
 */
export const PushBranchesRequestSchema = z.object({
  branches: z
    .array(BranchSchema)
    .max(MAX_PUSH_BRANCHES, `A push holds at most ${MAX_PUSH_BRANCHES} branches; split the batch`),
});
export type PushBranchesRequest = z.infer<typeof PushBranchesRequestSchema>;

/** The server's record of every pushed branch, after the push. */
export const PushBranchesResponseSchema = z.object({ branches: z.array(ServerBranchSchema) });
export type PushBranchesResponse = z.infer<typeof PushBranchesResponseSchema>;

/** GET /v1/branches/pull?since&limit */
export const PullBranchesResponseSchema = z.object({
  branches: z.array(ServerBranchSchema),
  checkpoint: CheckpointSchema,
  hasMore: z.boolean(),
});
export type PullBranchesResponse = z.infer<typeof PullBranchesResponseSchema>;

/** POST /v1/branches/:id/merge and /v1/branches/:id/abandon (no body; idempotent). */
export const BranchParamsSchema = z.object({ id: IdSchema });
export const BranchStateResponseSchema = z.object({ branch: ServerBranchSchema });
export type BranchStateResponse = z.infer<typeof BranchStateResponseSchema>;
