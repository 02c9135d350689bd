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

/** Most collaborators on one branch (besides its creator, who owns it). */
export const MAX_BRANCH_COLLABORATORS = 64;

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
  /** Its owner: the user the server recorded as its creator. */
  createdBy: z.string().max(128),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  mergedAt: z.number().int().nullable().optional(),
  mergedBy: z.string().max(128).nullable().optional(),
  /**
   * Who else may rename it, change its main policy, merge or abandon it; the
   * server's list (changed only by the owner, through its own route).
   */
  collaborators: z.array(z.string().max(128)).max(MAX_BRANCH_COLLABORATORS).optional(),
});
export type Branch = z.infer<typeof BranchSchema>;

export { BranchIdSchema };

/** True when `user` may change, merge or abandon `branch`: its creator or a collaborator. */
export function mayChangeBranch(branch: Pick<Branch, 'createdBy' | 'collaborators'>, user: string): boolean {
  return branch.createdBy === user || (branch.collaborators ?? []).includes(user);
}
