import { mayChangeBranch, type Branch } from '../../../src-shared/model/index.js';
import { useServices } from '../../state/workspace-store.js';

export interface BranchRights {
  /** The person may rename it, change how main reaches it, merge or abandon it. */
  mayChange: boolean;
  /** Why not, in the app's words; null when they may. */
  why: string | null;
}

/** What the server will allow on `branch` for `me` (its owner and collaborators change it). */
export function branchRights(branch: Branch, me: string): BranchRights {
  if (mayChangeBranch(branch, me)) return { mayChange: true, why: null };
  return {
    mayChange: false,
    why: `“${branch.name}” belongs to ${branch.createdBy}: only ${branch.createdBy} and the people they add can change, merge or abandon it.`,
  };
}

/** Who else may change `branch` besides its owner: " · bob and carol may change it too", or "". */
export function collaboratorsText(branch: Branch): string {
  const others = branch.collaborators ?? [];
  if (others.length === 0) return '';
  const names = others.length === 1 ? others[0] : `${others.slice(0, -1).join(', ')} and ${others.at(-1)}`;
  return ` · ${names} may change it too`;
}

export function useBranchRights(branch: Branch | null | undefined): BranchRights {
  const me = useServices().info.userName;
  return branch ? branchRights(branch, me) : { mayChange: true, why: null };
}
