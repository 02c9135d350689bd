import { z } from 'zod';
import { isHlc } from '../clock/hlc.js';
import { BranchSchema, IdSchema, MAX_BRANCH_COLLABORATORS } from '../model/index.js';
import { UserNameSchema } from './admin.js';
import { MAX_PUSH_BRANCHES } from './limits.js';
import { CheckpointSchema } from './pull.js';

/**
 * A branch as the server holds it; `state`, times, `mergedBy` and
 * `collaborators` are the server's. Its creator (`createdBy`) owns it.
 */
export const ServerBranchSchema = BranchSchema.extend({
  collaborators: z.array(z.string()),
  changeSeq: z.number().int().positive(),
});
export type ServerBranch = z.infer<typeof ServerBranchSchema>;

/**
 * A branch as a client sends it, bounded at the door: ids and names by the
 * model, the base stamp a real clock stamp (at most 64 characters), users by
 * the user-name rule. Collaborators sent here are ignored.
 */
export const PushedBranchSchema = BranchSchema.extend({
  baseHlc: z
    .string()
    .max(64, 'baseHlc is at most 64 characters')
    .refine(isHlc, 'baseHlc is not a clock stamp (wall-counter-node, like 001700000000000-000000-laptop)'),
  createdBy: UserNameSchema,
  mergedBy: UserNameSchema.nullable().optional(),
});

/**
 * POST /v1/branches/push. A new id creates the branch (open, created by the
 * caller). For a known open branch the server takes name, mainPolicy,
 * baseSeq, baseHlc and baseInstanceId; it ignores the client's state and
 * times — state changes only through merge / abandon.
 */
export const PushBranchesRequestSchema = z.object({
  branches: z
    .array(PushedBranchSchema)
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

/**
 * POST /v1/branches/:id/collaborators: the branch's owner adds or removes
 * collaborators → `{ branch }`. Adding one twice or removing a non-member is a
 * no-op (retries are safe).
 */
export const UpdateCollaboratorsRequestSchema = z
  .object({
    add: z.array(UserNameSchema).max(MAX_BRANCH_COLLABORATORS).default([]),
    remove: z.array(UserNameSchema).max(MAX_BRANCH_COLLABORATORS).default([]),
  })
  .refine((body) => body.add.length + body.remove.length > 0, 'Name someone to add or remove');
export type UpdateCollaboratorsRequest = z.input<typeof UpdateCollaboratorsRequestSchema>;
