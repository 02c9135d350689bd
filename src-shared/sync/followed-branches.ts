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
  const pulls: string[] = [];
  for (const branch of followed(input, byId)) {
    for (const id of branchesToPull(branch)) {
      if (!done.has(id)) pulls.push(id);
      done.add(id);
    }
  }
  return pulls;
}

/**
 * The followed branches that hear of main once the news round pulled it, as
 * a sync of each would (a notice under notify, a moved base under follow):
 * the open ones following main, other than the current one (its own round
 * did that). Which of them main moved past is `behindMain`'s (main-policy.ts).
 */
export function followersOfMain(input: FollowedBranchesInput): Branch[] {
  const byId = new Map(input.held.map((branch) => [branch.id, branch]));
  const followers = new Map<string, Branch>();
  for (const branch of followed(input, byId)) {
    if (branch === null || branch.id === input.current) continue;
    if (branchesToPull(branch).includes(MAIN_BRANCH)) followers.set(branch.id, branch);
  }
  return [...followers.values()];
}

/** Every followed branch (null: main), in order, repeats included; only open ones. */
function followed(input: FollowedBranchesInput, byId: ReadonlyMap<string, Branch>): (Branch | null)[] {
  const branches: (Branch | null)[] = [];
  for (const id of input.shownElsewhere) {
    if (id === MAIN_BRANCH) branches.push(null);
    else if (byId.get(id)?.state === 'open') branches.push(byId.get(id) ?? null);
  }
  for (const branch of input.held)
    if (branch.state === 'open' && isShared(branch, input.user)) branches.push(branch);
  return branches;
}

function isShared(branch: Branch, user: string): boolean {
  return branch.createdBy !== user || (branch.collaborators ?? []).length > 0;
}
