import { ValidationError } from '../../src-shared/errors.js';
import type { Branch } from '../../src-shared/model/index.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import type { UpdateCollaboratorsRequest } from '../../src-shared/sync-protocol/index.js';
import type { SyncContext } from './context.js';
import { pushBranch } from './push.js';
import { IDLE } from './types.js';

/** Runs a step on the engine's chain, after the sync that may be running. */
export type Serially = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * The owner shares a branch with people or stops sharing it. Online only:
 * who may change a branch is the server's to decide, so nothing is queued
 * and a refusal comes back to the dialog as the server worded it. A branch
 * this computer never sent is pushed first (with its changes), so the server
 * knows it. The
 * answer's list is stored at once; the record's other fields stay ours.
 */
export async function changeBranchPeople(
  ctx: SyncContext,
  serially: Serially,
  branchId: string,
  request: UpdateCollaboratorsRequest,
): Promise<Branch> {
  const local = await ctx.db.branches.get(branchId);
  if (!local || local.state !== 'open') {
    throw new ValidationError('Only an open branch can be shared', 'branchId');
  }
  if ((await ctx.db.meta.get<unknown>(syncKeys.branchSent(branchId))) === undefined) {
    await serially(async () => {
      try {
        await pushBranch(ctx, branchId);
      } finally {
        ctx.progress(IDLE);
      }
    });
  }
  const { branch: server } = await ctx.remote.updateCollaborators(branchId, request);
  return serially(async () => {
    const current = (await ctx.db.branches.get(branchId)) ?? local;
    const next = { ...current, collaborators: server.collaborators };
    await ctx.db.branches.upsert(next);
    return next;
  });
}
