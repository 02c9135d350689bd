/**
 * Names the outbox uses. Idempotency keys name an intent, so enqueueing the
 * same intent twice finds the entry already there; lanes name what must stay
 * in order (work on one branch waits for that branch's ops).
 */
export const queueKeys = {
  pushOps: (branchId: string) => `push_ops:${branchId}`,
  refusedOp: (opId: string) => `push_ops:refused:${opId}`,
  mergeBranch: (branchId: string) => `merge_branch:${branchId}`,
  resolveConflict: (branchId: string, itemId: string, resolutionOpId: string) =>
    `resolve_conflict:${branchId}:${itemId}:${resolutionOpId}`,
} as const;

export const queueLanes = {
  /** Everything that needs a branch's ops on the server first. */
  branch: (branchId: string) => `branch:${branchId}`,
  /** An entry that depends on nothing and nothing depends on. */
  alone: (entryId: string) => `entry:${entryId}`,
} as const;
