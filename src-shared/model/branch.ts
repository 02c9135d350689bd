import { z } from 'zod';
import { BranchIdSchema, IdSchema } from './op.js';

export const BranchStateSchema = z.enum(['open', 'merged', 'abandoned']);
export type BranchState = z.infer<typeof BranchStateSchema>;

/** How main reaches a branch (options A–D of branch-sync.md). */
export const MainPolicySchema = z.enum(['isolated', 'follow', 'notify', 'manual']);
export type MainPolicy = z.infer<typeof MainPolicySchema>;

export const BranchNameSchema = z
  .string()
  .trim()
  .min(1, 'A branch needs a name')
  .max(80, 'A branch name is at most 80 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'A branch name holds letters, digits, ., _, / or -');

/**
 * A branch. Its view sees main as it stood at its base: main ops the server
 * ordered at or before `baseSeq`, plus the ops the base instance had made up
 * to `baseHlc` (so a branch made offline, or with no server at all, sees the
 * main its creator saw). "Update from main" moves the whole base.
 */
export const BranchSchema = z.object({
  id: IdSchema,
  name: BranchNameSchema,
  state: BranchStateSchema,
  mainPolicy: MainPolicySchema,
  baseSeq: z.number().int().nonnegative(),
  baseHlc: z.string(),
  baseInstanceId: IdSchema,
  createdBy: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  mergedAt: z.number().int().nullable().optional(),
  mergedBy: z.string().nullable().optional(),
});
export type Branch = z.infer<typeof BranchSchema>;

export { BranchIdSchema };
