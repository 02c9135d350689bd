import {
  mergeConflictSession,
  planBranchMerge,
  resultProblems,
  type MergePlan,
  type MergePlanEntry,
  type ResolveSession,
} from '../../src-shared/conflicts/index.js';
import { ValidationError } from '../../src-shared/errors.js';
import {
  MAIN_BRANCH,
  type Branch,
  type ItemSnapshot,
  type ItemState,
  type Op,
} from '../../src-shared/model/index.js';
import { mergeItemOp } from '../../src-shared/ops/index.js';
import type { WorkspaceCore } from './conflicts.js';
import { logWarning } from '../log/report.js';

/** The sync engine's part in a merge, when it is running (it tells the server). */
export interface BranchMergeRemote {
  mergeBranchRemote(branchId: string): Promise<unknown>;
}

export interface BranchMergeResult {
  ops: Op[];
  branch: Branch;
  /** Whether the server was told now (false: offline or no sync engine; sync tells it later). */
  toldServer: boolean;
}

/** Thrown when main (or the branch) moved after the preview: look at the preview again. */
export class MergePlanChangedError extends Error {
  override readonly name = 'MergePlanChangedError';
}

/**
 * Merging a branch into main. Preview first (which items merge cleanly and
 * which conflict), then merge: clean items and resolved conflicts become
 * `merge` ops on main over main's heads and the branch's, written in one
 * durable batch — so it works offline — and the branch is marked merged.
 */
export class BranchMergeService {
  constructor(private readonly core: WorkspaceCore) {}

  preview(branchId: string): MergePlan {
    return planBranchMerge(this.core.allOps(), this.requireOpen(branchId));
  }

  /** The resolver session for one conflicting item of the preview. */
  session(branchId: string, entry: MergePlanEntry): ResolveSession {
    return mergeConflictSession(entry, this.requireOpen(branchId).name);
  }

  /**
   * Merges. `resolutions` holds a result for every conflicting item (by item
   * id) and `expected` is the preview the user confirmed: if the plan has
   * changed since, nothing is written and MergePlanChangedError says so.
   */
  merge(
    branchId: string,
    resolutions: ReadonlyMap<string, ItemSnapshot>,
    expected: MergePlan,
    remote?: BranchMergeRemote | null,
  ): Promise<BranchMergeResult> {
    const written = this.core.run(async () => {
      const branch = this.requireOpen(branchId);
      const plan = planBranchMerge(this.core.allOps(), branch);
      if (!samePlan(plan, expected)) {
        throw new MergePlanChangedError(
          `main or "${branch.name}" changed since the preview; review the merge again`,
        );
      }
      const ops = this.opsFor(plan, resolutions);
      if (ops.length) await this.core.writeOps(ops);
      const at = this.core.now();
      const merged: Branch = {
        ...branch,
        state: 'merged',
        mergedAt: at,
        mergedBy: this.core.identity.userName,
        updatedAt: at,
      };
      await this.core.saveBranch(merged);
      return { ops, branch: merged };
    });
    return written.then(async ({ ops, branch }) => ({
      ops,
      branch,
      toldServer: await tellServer(remote, branchId),
    }));
  }

  private opsFor(plan: MergePlan, resolutions: ReadonlyMap<string, ItemSnapshot>): Op[] {
    const missing = plan.conflicts.filter((e) => !resolutions.has(e.itemId)).map((e) => e.path);
    if (missing.length)
      throw new ValidationError(`Resolve these conflicts first: ${missing.join(', ')}`, 'resolutions');
    const ctx = this.core.context(MAIN_BRANCH);
    const entries = [...plan.clean, ...plan.conflicts];
    return entries.map((entry) => {
      const result = entry.result ?? (resolutions.get(entry.itemId) as ItemSnapshot);
      const problems = resultProblems(result);
      if (problems.length) throw new ValidationError(`${entry.path}: ${problems.join('; ')}`, 'resolutions');
      // The op joins both histories: its parents are main's heads and the branch's.
      const joined: ItemState = { ...(entry.main ?? entry.branch), heads: entry.parents };
      return mergeItemOp(ctx, joined, result);
    });
  }

  private requireOpen(branchId: string): Branch {
    const branch = this.core.branches().find((b) => b.id === branchId);
    if (!branch) throw new ValidationError(`There is no branch "${branchId}"`, 'branchId');
    if (branch.state !== 'open')
      throw new ValidationError(`Branch "${branch.name}" is ${branch.state}, not open`, 'branchId');
    return branch;
  }
}

/** Best effort: the local merge already stands; sync repeats this when it next runs. */
async function tellServer(remote: BranchMergeRemote | null | undefined, branchId: string): Promise<boolean> {
  if (!remote) return false;
  try {
    await remote.mergeBranchRemote(branchId);
    return true;
  } catch (error) {
    logWarning('The server was not told about the merge yet; sync will retry', error);
    return false;
  }
}

function samePlan(a: MergePlan, b: MergePlan): boolean {
  const key = (p: MergePlan) =>
    [
      ...p.clean.map((e) => `c:${e.itemId}:${e.parents.join(',')}`),
      ...p.conflicts.map((e) => `x:${e.itemId}:${e.parents.join(',')}`),
    ]
      .sort()
      .join('|');
  return key(a) === key(b);
}
