import { MAIN_BRANCH, type Branch } from '../model/index.js';
import { branchesToPull } from './main-policy.js';

export interface FollowedBranchesInput {
  /** The branch the leading tab shows: its own sync round pulls it. */
  current: string;
  /** The branches the profile's other tabs show. */
  shownElsewhere: readonly string[];
  /** The branches this profile holds. */
  held: readonly Branch[];
  /** Who this profile belongs to. */
  user: string;
}

/**
 * News of ops names no branch (the server's stream carries a position and
 * topics only, so it tells nobody about branches they cannot see). Which
 * branches it pulls besides the leader's own round: the open branches the
 * profile's other tabs show, and every open branch it holds that others
 * work on too (someone else's shared with us, or ours shared with someone),
 * each with main when its policy follows main. Branches the current round
 * pulls already are left out; so are closed and unknown branches.
 */
export function followedBranchesToPull(input: FollowedBranchesInput): string[] {
  const byId = new Map(input.held.map((branch) => [branch.id, branch]));
  const current = input.current === MAIN_BRANCH ? null : (byId.get(input.current) ?? null);
  const done = new Set(branchesToPull(current));
  const followed: (Branch | null)[] = [];
  for (const id of input.shownElsewhere) {
    if (id === MAIN_BRANCH) followed.push(null);
    else if (byId.get(id)?.state === 'open') followed.push(byId.get(id) ?? null);
  }
  for (const branch of input.held)
    if (branch.state === 'open' && isShared(branch, input.user)) followed.push(branch);
  const pulls: string[] = [];
  for (const branch of followed) {
    for (const id of branchesToPull(branch)) {
      if (!done.has(id)) pulls.push(id);
      done.add(id);
    }
  }
  return pulls;
}

function isShared(branch: Branch, user: string): boolean {
  return branch.createdBy !== user || (branch.collaborators ?? []).length > 0;
}
